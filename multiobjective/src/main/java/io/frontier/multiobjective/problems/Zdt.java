package io.frontier.multiobjective.problems;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * The ZDT two-objective problems (Zitzler, Deb and Thiele 2000), as defined in pymoo. Each
 * factory takes the number of variables ({@code n >= 2}); the classical sizes are 30 for ZDT1-3
 * and 10 for ZDT4 and ZDT6. Minimum of g is 1, reached at x_2..x_n = 0.
 */
public final class Zdt {

    private Zdt() {
    }

    /** ZDT1: f1 = x1, f2 = g (1 - sqrt(f1/g)), g = 1 + 9/(n-1) sum_{i>=2} x_i, x in [0,1]^n. Convex front f2 = 1 - sqrt(f1). */
    public static BenchmarkProblem zdt1(int n) {
        return new Unit("ZDT1", n) {
            @Override
            protected double[] compute(double[] x) {
                double g = linearG(x);
                return new double[] {x[0], g * (1 - Math.sqrt(x[0] / g))};
            }

            @Override
            public double[][] paretoFront(int points) {
                return curve(this, points, 0, 1, f1 -> 1 - Math.sqrt(f1));
            }
        };
    }

    /** ZDT2: as ZDT1 with f2 = g (1 - (f1/g)^2). Concave front f2 = 1 - f1^2. */
    public static BenchmarkProblem zdt2(int n) {
        return new Unit("ZDT2", n) {
            @Override
            protected double[] compute(double[] x) {
                double g = linearG(x);
                double r = x[0] / g;
                return new double[] {x[0], g * (1 - r * r)};
            }

            @Override
            public double[][] paretoFront(int points) {
                return curve(this, points, 0, 1, f1 -> 1 - f1 * f1);
            }
        };
    }

    /** Left/right ends of the five disconnected pieces of the ZDT3 front in f1 (pymoo's values). */
    static final double[][] ZDT3_REGIONS = {
        {0, 0.0830015349}, {0.182228780, 0.2577623634}, {0.4093136748, 0.4538821041},
        {0.6183967944, 0.6525117038}, {0.8233317983, 0.8518328654}};

    /** ZDT3: as ZDT1 with f2 = g (1 - sqrt(f1/g) - f1/g sin(10 pi f1)). Disconnected front. */
    public static BenchmarkProblem zdt3(int n) {
        return new Unit("ZDT3", n) {
            @Override
            protected double[] compute(double[] x) {
                double g = linearG(x);
                double r = x[0] / g;
                return new double[] {x[0], g * (1 - Math.sqrt(r) - r * Math.sin(10 * Math.PI * x[0]))};
            }

            @Override
            public double[][] paretoFront(int points) {
                checkPoints(points);
                double total = 0;
                for (double[] r : ZDT3_REGIONS) {
                    total += r[1] - r[0];
                }
                double[][] out = new double[points][];
                double step = total / (points - 1);
                int region = 0;
                double offset = 0;
                for (int i = 0; i < points; i++) {
                    double s = Math.min(i * step, total);
                    while (region < ZDT3_REGIONS.length - 1
                            && s > offset + ZDT3_REGIONS[region][1] - ZDT3_REGIONS[region][0]) {
                        offset += ZDT3_REGIONS[region][1] - ZDT3_REGIONS[region][0];
                        region++;
                    }
                    double f1 = Math.min(ZDT3_REGIONS[region][0] + s - offset, ZDT3_REGIONS[region][1]);
                    out[i] = new double[] {f1, 1 - Math.sqrt(f1) - f1 * Math.sin(10 * Math.PI * f1)};
                }
                return out;
            }
        };
    }

    /**
     * ZDT4: x1 in [0,1], x_i in [-5,5]; g = 1 + 10(n-1) + sum_{i>=2} (x_i^2 - 10 cos(4 pi x_i)),
     * f2 = g (1 - sqrt(f1/g)). Multimodal; front as ZDT1.
     */
    public static BenchmarkProblem zdt4(int n) {
        checkN("ZDT4", n);
        double[] lo = new double[n];
        double[] hi = new double[n];
        Arrays.fill(lo, -5);
        Arrays.fill(hi, 5);
        lo[0] = 0;
        hi[0] = 1;
        return new BenchmarkProblem("ZDT4", 2, lo, hi) {
            @Override
            protected double[] compute(double[] x) {
                double g = 1 + 10.0 * (x.length - 1);
                for (int i = 1; i < x.length; i++) {
                    g += x[i] * x[i] - 10 * Math.cos(4 * Math.PI * x[i]);
                }
                return new double[] {x[0], g * (1 - Math.sqrt(x[0] / g))};
            }

            @Override
            public double[][] paretoFront(int points) {
                return curve(this, points, 0, 1, f1 -> 1 - Math.sqrt(f1));
            }
        };
    }

    /** Smallest f1 on the ZDT6 front: the minimum of 1 - exp(-4x) sin^6(6 pi x) over [0,1]. */
    static final double ZDT6_F1_MIN = 0.2807753191;

    /**
     * ZDT6: f1 = 1 - exp(-4 x1) sin^6(6 pi x1), g = 1 + 9 (sum_{i>=2} x_i / (n-1))^0.25,
     * f2 = g (1 - (f1/g)^2), x in [0,1]^n. Front f2 = 1 - f1^2 for f1 in [0.2807753191, 1].
     */
    public static BenchmarkProblem zdt6(int n) {
        return new Unit("ZDT6", n) {
            @Override
            protected double[] compute(double[] x) {
                double f1 = 1 - Math.exp(-4 * x[0]) * Math.pow(Math.sin(6 * Math.PI * x[0]), 6);
                double s = 0;
                for (int i = 1; i < x.length; i++) {
                    s += x[i];
                }
                double g = 1 + 9 * Math.pow(s / (x.length - 1), 0.25);
                double r = f1 / g;
                return new double[] {f1, g * (1 - r * r)};
            }

            @Override
            public double[][] paretoFront(int points) {
                return curve(this, points, ZDT6_F1_MIN, 1, f1 -> 1 - f1 * f1);
            }
        };
    }

    /** ZDT problems whose variables all lie in [0, 1]. */
    private abstract static class Unit extends BenchmarkProblem {
        Unit(String name, int n) {
            super(name, 2, new double[checkN(name, n)], ones(n));
        }
    }

    private static int checkN(String name, int n) {
        if (n < 2) {
            throw new IllegalArgumentException(name + ": needs at least 2 variables, got " + n);
        }
        return n;
    }

    private static double[] ones(int n) {
        double[] a = new double[n];
        Arrays.fill(a, 1);
        return a;
    }

    /** g = 1 + 9/(n-1) sum_{i>=2} x_i (ZDT1-3). */
    private static double linearG(double[] x) {
        double s = 0;
        for (int i = 1; i < x.length; i++) {
            s += x[i];
        }
        return 1 + 9 * s / (x.length - 1);
    }

    private static double[][] curve(BenchmarkProblem p, int points, double from, double to,
            DoubleUnaryOperator f2) {
        p.checkPoints(points);
        double[][] out = new double[points][];
        for (int i = 0; i < points; i++) {
            double f1 = from + (to - from) * i / (points - 1);
            out[i] = new double[] {f1, f2.applyAsDouble(f1)};
        }
        return out;
    }
}
