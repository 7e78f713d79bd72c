package io.frontier.multiobjective.problems;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The DTLZ problems (Deb, Thiele, Laumanns and Zitzler 2005), as defined in pymoo, for any number
 * of objectives {@code m >= 2} and variables {@code n >= m}; all variables lie in [0, 1]. The first
 * {@code m - 1} variables are positions on the front, the last {@code k = n - m + 1} set the
 * distance g. The one-argument factories use the customary k: 5 for DTLZ1, 10 for DTLZ2-6, 20 for
 * DTLZ7.
 */
public final class Dtlz {

    private static final double HALF_PI = Math.PI / 2;

    private Dtlz() {
    }

    /** DTLZ1 with k = 5. */
    public static BenchmarkProblem dtlz1(int m) {
        return dtlz1(m, m + 4);
    }

    /** DTLZ1: linear front, the simplex sum f_i = 0.5; g = 100 (k + sum ((x-0.5)^2 - cos(20 pi (x-0.5)))). */
    public static BenchmarkProblem dtlz1(int m, int n) {
        return new Base("DTLZ1", m, n) {
            @Override
            protected double[] compute(double[] x) {
                return linear(x, m, rastriginG(x, m));
            }

            @Override
            public double[][] paretoFront(int points) {
                double[][] w = SimplexLattice.atLeast(m, points);
                for (double[] row : w) {
                    for (int i = 0; i < m; i++) {
                        row[i] *= 0.5;
                    }
                }
                return w;
            }
        };
    }

    /** DTLZ2 with k = 10. */
    public static BenchmarkProblem dtlz2(int m) {
        return dtlz2(m, m + 9);
    }

    /** DTLZ2: spherical front sum f_i^2 = 1 (f >= 0); g = sum (x - 0.5)^2. */
    public static BenchmarkProblem dtlz2(int m, int n) {
        return new Sphere("DTLZ2", m, n) {
            @Override
            protected double[] compute(double[] x) {
                return spherical(x, m, sphereG(x, m));
            }
        };
    }

    /** DTLZ3 with k = 10. */
    public static BenchmarkProblem dtlz3(int m) {
        return dtlz3(m, m + 9);
    }

    /** DTLZ3: DTLZ2's sphere with DTLZ1's multimodal g. */
    public static BenchmarkProblem dtlz3(int m, int n) {
        return new Sphere("DTLZ3", m, n) {
            @Override
            protected double[] compute(double[] x) {
                return spherical(x, m, rastriginG(x, m));
            }
        };
    }

    /** DTLZ4 with k = 10 and alpha = 100. */
    public static BenchmarkProblem dtlz4(int m) {
        return dtlz4(m, m + 9);
    }

    /** DTLZ4: DTLZ2 with positions x_i replaced by x_i^100 (biased density); same front. */
    public static BenchmarkProblem dtlz4(int m, int n) {
        return new Sphere("DTLZ4", m, n) {
            @Override
            protected double[] compute(double[] x) {
                double[] t = x.clone();
                for (int i = 0; i < m - 1; i++) {
                    t[i] = Math.pow(x[i], 100);
                }
                return spherical(t, m, sphereG(x, m));
            }
        };
    }

    /** DTLZ5 with k = 10. */
    public static BenchmarkProblem dtlz5(int m) {
        return dtlz5(m, m + 9);
    }

    /**
     * DTLZ5: g = sum (x - 0.5)^2; angles theta_1 = x_1 and theta_i = (1 + 2 g x_i) / (2 (1 + g))
     * (in units of pi/2) feed DTLZ2's shape. The front is a curve on the unit sphere.
     */
    public static BenchmarkProblem dtlz5(int m, int n) {
        return new Curve("DTLZ5", m, n) {
            @Override
            protected double[] compute(double[] x) {
                double g = sphereG(x, m);
                return spherical(degenerateAngles(x, m, g), m, g);
            }
        };
    }

    /** DTLZ6 with k = 10. */
    public static BenchmarkProblem dtlz6(int m) {
        return dtlz6(m, m + 9);
    }

    /** DTLZ6: DTLZ5 with g = sum x^0.1 (optimum at x = 0). */
    public static BenchmarkProblem dtlz6(int m, int n) {
        return new Curve("DTLZ6", m, n) {
            @Override
            protected double[] compute(double[] x) {
                double g = 0;
                for (int i = m - 1; i < x.length; i++) {
                    g += Math.pow(x[i], 0.1);
                }
                return spherical(degenerateAngles(x, m, g), m, g);
            }
        };
    }

    /** DTLZ7 with k = 20. */
    public static BenchmarkProblem dtlz7(int m) {
        return dtlz7(m, m + 19);
    }

    /**
     * DTLZ7: f_i = x_i (i &lt; m), g = 1 + 9/k sum x_dist, f_m = (1 + g) h with
     * h = m - sum_{i&lt;m} f_i / (1 + g) (1 + sin(3 pi f_i)). Disconnected front (2^(m-1) pieces).
     */
    public static BenchmarkProblem dtlz7(int m, int n) {
        return new Base("DTLZ7", m, n) {
            @Override
            protected double[] compute(double[] x) {
                double s = 0;
                for (int i = m - 1; i < x.length; i++) {
                    s += x[i];
                }
                double g = 1 + 9 * s / (x.length - m + 1);
                return dtlz7Objectives(x, m, g);
            }

            @Override
            public double[][] paretoFront(int points) {
                checkPoints(points);
                int perAxis = Math.max(2, (int) Math.ceil(Math.pow(points, 1.0 / (m - 1))));
                List<double[]> grid = new ArrayList<>();
                int[] idx = new int[m - 1];
                while (true) {
                    double[] x = new double[m - 1];
                    for (int i = 0; i < m - 1; i++) {
                        x[i] = idx[i] / (perAxis - 1.0);
                    }
                    grid.add(dtlz7Objectives(x, m, 1));
                    int d = 0;
                    while (d < m - 1 && ++idx[d] == perAxis) {
                        idx[d++] = 0;
                    }
                    if (d == m - 1) {
                        break;
                    }
                }
                return nonDominated(grid);
            }
        };
    }

    private static double[] dtlz7Objectives(double[] x, int m, double g) {
        double[] f = new double[m];
        double h = m;
        for (int i = 0; i < m - 1; i++) {
            f[i] = x[i];
            h -= f[i] / (1 + g) * (1 + Math.sin(3 * Math.PI * f[i]));
        }
        f[m - 1] = (1 + g) * h;
        return f;
    }

    /** 100 (k + sum over the distance variables of (x - 0.5)^2 - cos(20 pi (x - 0.5))). */
    private static double rastriginG(double[] x, int m) {
        double s = x.length - m + 1;
        for (int i = m - 1; i < x.length; i++) {
            double d = x[i] - 0.5;
            s += d * d - Math.cos(20 * Math.PI * d);
        }
        return 100 * s;
    }

    /** Sum over the distance variables of (x - 0.5)^2. */
    private static double sphereG(double[] x, int m) {
        double s = 0;
        for (int i = m - 1; i < x.length; i++) {
            double d = x[i] - 0.5;
            s += d * d;
        }
        return s;
    }

    /** f_i = 0.5 (1 + g) x_1 ... x_{m-i} (1 - x_{m-i+1}) (1-based, last factor absent for i = 1). */
    private static double[] linear(double[] x, int m, double g) {
        double[] f = new double[m];
        for (int i = 0; i < m; i++) {
            double v = 0.5 * (1 + g);
            for (int j = 0; j < m - 1 - i; j++) {
                v *= x[j];
            }
            if (i > 0) {
                v *= 1 - x[m - 1 - i];
            }
            f[i] = v;
        }
        return f;
    }

    /** f_i = (1 + g) cos(t_1 pi/2) ... cos(t_{m-i} pi/2) sin(t_{m-i+1} pi/2) (1-based). */
    static double[] spherical(double[] t, int m, double g) {
        double[] f = new double[m];
        for (int i = 0; i < m; i++) {
            double v = 1 + g;
            for (int j = 0; j < m - 1 - i; j++) {
                v *= Math.cos(t[j] * HALF_PI);
            }
            if (i > 0) {
                v *= Math.sin(t[m - 1 - i] * HALF_PI);
            }
            f[i] = v;
        }
        return f;
    }

    private static double[] degenerateAngles(double[] x, int m, double g) {
        double[] t = new double[m - 1];
        t[0] = x[0];
        for (int i = 1; i < m - 1; i++) {
            t[i] = (1 + 2 * g * x[i]) / (2 * (1 + g));
        }
        return t;
    }

    private static double[][] nonDominated(List<double[]> points) {
        List<double[]> out = new ArrayList<>();
        for (double[] p : points) {
            boolean dominated = false;
            for (double[] q : points) {
                if (dominates(q, p)) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                out.add(p);
            }
        }
        return out.toArray(new double[0][]);
    }

    private static boolean dominates(double[] a, double[] b) {
        boolean strict = false;
        for (int i = 0; i < a.length; i++) {
            if (a[i] > b[i]) {
                return false;
            }
            strict |= a[i] < b[i];
        }
        return strict;
    }

    /** DTLZ problems: [0,1]^n with n >= m. */
    private abstract static class Base extends BenchmarkProblem {
        final int m;

        Base(String name, int m, int n) {
            super(name, checkSizes(name, m, n), new double[n], ones(n));
            this.m = m;
        }
    }

    /** DTLZ2-4: the front is the positive octant of the unit sphere. */
    private abstract static class Sphere extends Base {
        Sphere(String name, int m, int n) {
            super(name, m, n);
        }

        @Override
        public double[][] paretoFront(int points) {
            checkPoints(points);
            double[][] w = SimplexLattice.atLeast(m, points);
            for (double[] row : w) {
                double norm = 0;
                for (double v : row) {
                    norm += v * v;
                }
                norm = Math.sqrt(norm);
                for (int i = 0; i < m; i++) {
                    row[i] /= norm;
                }
            }
            return w;
        }
    }

    /** DTLZ5-6: the front is the curve theta_1 in [0,1], theta_i = 1/2, g = 0. */
    private abstract static class Curve extends Base {
        Curve(String name, int m, int n) {
            super(name, m, n);
        }

        @Override
        public double[][] paretoFront(int points) {
            checkPoints(points);
            double[][] out = new double[points][];
            double[] t = new double[m - 1];
            Arrays.fill(t, 0.5);
            for (int p = 0; p < points; p++) {
                t[0] = p / (points - 1.0);
                out[p] = spherical(t, m, 0);
            }
            return out;
        }
    }

    private static int checkSizes(String name, int m, int n) {
        if (m < 2 || n < m) {
            throw new IllegalArgumentException(name + ": needs m >= 2 objectives and n >= m variables, got m="
                    + m + ", n=" + n);
        }
        return m;
    }

    private static double[] ones(int n) {
        double[] a = new double[n];
        Arrays.fill(a, 1);
        return a;
    }
}
