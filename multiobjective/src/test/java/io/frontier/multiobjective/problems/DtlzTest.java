package io.frontier.multiobjective.problems;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DtlzTest {

    private static final double R = Math.sqrt(0.5);

    /** Positions then every distance variable set to {@code dist}. */
    private static double[] x(int n, double dist, double... positions) {
        double[] x = new double[n];
        Arrays.fill(x, dist);
        System.arraycopy(positions, 0, x, 0, positions.length);
        return x;
    }

    private static double norm(double[] f) {
        double s = 0;
        for (double v : f) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    @Test
    void defaultSizes() {
        assertEquals(7, Dtlz.dtlz1(3).dimensions());
        assertEquals(12, Dtlz.dtlz2(3).dimensions());
        assertEquals(14, Dtlz.dtlz5(5).dimensions());
        assertEquals(22, Dtlz.dtlz7(3).dimensions());
        assertEquals(5, Dtlz.dtlz4(5).objectives());
    }

    @Test
    void dtlz1HandEvaluated() {
        // distance variables at 0.5: g = 100 (k + k (0 - cos 0)) = 0
        assertArrayEquals(new double[] {0.125, 0.125, 0.25}, Dtlz.dtlz1(3).evaluate(x(7, 0.5, 0.5, 0.5)), 1e-12);
        // one distance variable at 0: (x-0.5)^2 - cos(-10 pi) = 0.25 - 1, g = 100 * 0.25
        double[] f = Dtlz.dtlz1(2, 3).evaluate(new double[] {0.2, 0.5, 0.0});
        assertArrayEquals(new double[] {0.5 * 26 * 0.2, 0.5 * 26 * 0.8}, f, 1e-9);
    }

    @Test
    void sphereProblemsWithGZeroLieOnTheUnitSphere() {
        assertArrayEquals(new double[] {R, 0, R}, Dtlz.dtlz2(3).evaluate(x(12, 0.5, 0.5, 0)), 1e-12);
        assertArrayEquals(new double[] {1, 0, 0}, Dtlz.dtlz2(3).evaluate(x(12, 0.5, 0, 0)), 1e-12);
        assertArrayEquals(new double[] {0, 0, 1}, Dtlz.dtlz3(3).evaluate(x(12, 0.5, 1, 0.3)), 1e-12);
        // DTLZ4: 0.5^100 is ~0, so the first angle vanishes
        assertArrayEquals(new double[] {1, 0, 0}, Dtlz.dtlz4(3).evaluate(x(12, 0.5, 0.5, 0.5)), 1e-12);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        for (int t = 0; t < 50; t++) {
            double[] pos = {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()};
            for (BenchmarkProblem p : new BenchmarkProblem[] {Dtlz.dtlz2(4), Dtlz.dtlz3(4), Dtlz.dtlz4(4)}) {
                assertEquals(1, norm(p.evaluate(x(13, 0.5, pos))), 1e-12, p.name());
            }
        }
    }

    @Test
    void sphereRadiusIsOnePlusG() {
        // DTLZ2, 10 distance variables at 1: g = 10 * 0.25
        assertEquals(3.5, norm(Dtlz.dtlz2(3).evaluate(x(12, 1, 0.3, 0.7))), 1e-12);
        // DTLZ3, distance at 0: g = 100 (10 + 10 (0.25 - 1)) = 250
        assertEquals(251, norm(Dtlz.dtlz3(3).evaluate(x(12, 0, 0.3, 0.7))), 1e-9);
    }

    @Test
    void degenerateProblems() {
        // g = 0: all angles after the first are pi/4
        assertArrayEquals(new double[] {R, R, 0}, Dtlz.dtlz5(3).evaluate(x(12, 0.5, 0, 0.9)), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5, R}, Dtlz.dtlz6(3).evaluate(x(12, 0, 0.5, 0.1)), 1e-12);
        // DTLZ6 distance at 1: g = 10; theta_2 = (1 + 20 x_2) / 22
        double[] f = Dtlz.dtlz6(3).evaluate(x(12, 1, 0, 1));
        double t2 = 21.0 / 22 * Math.PI / 2;
        assertArrayEquals(new double[] {11 * Math.cos(t2), 11 * Math.sin(t2), 0}, f, 1e-9);
    }

    @Test
    void dtlz7HandEvaluated() {
        // g = 1: h = 2 - f1/2 (1 + sin(3 pi f1)); at f1 = 0.5 sin(1.5 pi) = -1 so h = 2
        assertArrayEquals(new double[] {0.5, 4}, Dtlz.dtlz7(2, 5).evaluate(x(5, 0, 0.5)), 1e-12);
        assertArrayEquals(new double[] {0, 4}, Dtlz.dtlz7(2, 5).evaluate(x(5, 0, 0)), 1e-12);
        // distance at 1: g = 10, h = 2 - 1/11 (1 + sin(3 pi)) = 2 - 1/11
        assertArrayEquals(new double[] {1, 11 * (2 - 1.0 / 11)}, Dtlz.dtlz7(2, 5).evaluate(x(5, 1, 1)), 1e-9);
    }

    @Test
    void frontSamplersSatisfyTheirEquations() {
        for (int m = 2; m <= 5; m++) {
            double[][] simplex = Dtlz.dtlz1(m).paretoFront(100);
            assertTrue(simplex.length >= 100);
            for (double[] f : simplex) {
                assertEquals(0.5, Arrays.stream(f).sum(), 1e-12);
                assertTrue(Arrays.stream(f).allMatch(v -> v >= 0));
            }
            for (BenchmarkProblem p : new BenchmarkProblem[] {Dtlz.dtlz2(m), Dtlz.dtlz3(m), Dtlz.dtlz4(m),
                Dtlz.dtlz5(m), Dtlz.dtlz6(m)}) {
                for (double[] f : p.paretoFront(100)) {
                    assertEquals(1, norm(f), 1e-12, p.name());
                    assertTrue(Arrays.stream(f).allMatch(v -> v >= -1e-15), p.name());
                }
            }
        }
        // the DTLZ5 curve (m = 3) has f1 = f2
        for (double[] f : Dtlz.dtlz5(3).paretoFront(30)) {
            assertEquals(f[0], f[1], 1e-12);
        }
    }

    @Test
    void dtlz7FrontIsReachedAtGEqualsOneAndMutuallyNonDominated() {
        BenchmarkProblem p = Dtlz.dtlz7(3);
        double[][] front = p.paretoFront(400);
        assertTrue(front.length > 50);
        for (double[] f : front) {
            double[] x = new double[p.dimensions()];
            x[0] = f[0];
            x[1] = f[1];
            assertArrayEquals(f, p.evaluate(x), 1e-12);
            for (double[] q : front) {
                boolean dominates = q[0] <= f[0] && q[1] <= f[1] && q[2] <= f[2] && !Arrays.equals(q, f);
                assertTrue(!dominates);
            }
        }
    }

    @Test
    void badInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dtlz.dtlz2(3, 2));
        assertTrue(e.getMessage().contains("DTLZ2"));
        assertThrows(IllegalArgumentException.class, () -> Dtlz.dtlz1(1));
        e = assertThrows(IllegalArgumentException.class, () -> Dtlz.dtlz7(3).evaluate(new double[4]));
        assertTrue(e.getMessage().contains("DTLZ7"));
    }
}
