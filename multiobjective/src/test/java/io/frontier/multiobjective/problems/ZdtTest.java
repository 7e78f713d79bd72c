package io.frontier.multiobjective.problems;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZdtTest {

    private static double[] x(int n, double first, double rest) {
        double[] x = new double[n];
        Arrays.fill(x, rest);
        x[0] = first;
        return x;
    }

    @Test
    void handEvaluatedPoints() {
        assertArrayEquals(new double[] {0.5, 1 - Math.sqrt(0.5)}, Zdt.zdt1(30).evaluate(x(30, 0.5, 0)), 1e-12);
        // g = 1 + 9 = 10 when x_2..x_n = 1
        assertArrayEquals(new double[] {0.25, 10 * (1 - Math.sqrt(0.025))},
                Zdt.zdt1(30).evaluate(x(30, 0.25, 1)), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.75}, Zdt.zdt2(30).evaluate(x(30, 0.5, 0)), 1e-12);
        assertArrayEquals(new double[] {0.5, 10 * (1 - 0.0025)}, Zdt.zdt2(30).evaluate(x(30, 0.5, 1)), 1e-12);
        // sin(10 pi 0.05) = 1
        assertArrayEquals(new double[] {0.05, 1 - Math.sqrt(0.05) - 0.05},
                Zdt.zdt3(30).evaluate(x(30, 0.05, 0)), 1e-12);
        // ZDT4: x_i = 0 gives g = 1 + 90 + 9 (0 - 10) = 1; x_i = 1 gives 1 + 90 + 9 (1 - 10) = 10
        assertArrayEquals(new double[] {0.25, 0.5}, Zdt.zdt4(10).evaluate(x(10, 0.25, 0)), 1e-12);
        assertArrayEquals(new double[] {0.25, 10 * (1 - Math.sqrt(0.025))},
                Zdt.zdt4(10).evaluate(x(10, 0.25, 1)), 1e-12);
        // ZDT6 at x1 = 1/12: sin(pi/2) = 1, f1 = 1 - exp(-1/3)
        double f1 = 1 - Math.exp(-1.0 / 3);
        assertArrayEquals(new double[] {f1, 1 - f1 * f1}, Zdt.zdt6(10).evaluate(x(10, 1.0 / 12, 0)), 1e-12);
        assertArrayEquals(new double[] {f1, 10 * (1 - f1 * f1 / 100)},
                Zdt.zdt6(10).evaluate(x(10, 1.0 / 12, 1)), 1e-12);
    }

    @Test
    void boundsAndSizes() {
        BenchmarkProblem p = Zdt.zdt4(10);
        assertEquals(10, p.dimensions());
        assertEquals(2, p.objectives());
        assertEquals(0, p.lowerBounds()[0]);
        assertEquals(-5, p.lowerBounds()[3]);
        assertEquals(5, p.upperBounds()[3]);
        assertEquals(1, Zdt.zdt1(30).upperBounds()[29]);
    }

    @Test
    void frontsSatisfyTheirEquationsAndAreReachedAtGEqualsOne() {
        check(Zdt.zdt1(30), 0, 1, f -> 1 - Math.sqrt(f));
        check(Zdt.zdt2(30), 0, 1, f -> 1 - f * f);
        check(Zdt.zdt4(10), 0, 1, f -> 1 - Math.sqrt(f));
        check(Zdt.zdt3(30), 0, 0.8518328654, f -> 1 - Math.sqrt(f) - f * Math.sin(10 * Math.PI * f));
        double[][] front6 = Zdt.zdt6(10).paretoFront(50);
        assertEquals(0.2807753191, front6[0][0], 1e-12);
        for (double[] p : front6) {
            assertEquals(1 - p[0] * p[0], p[1], 1e-12);
        }
    }

    private static void check(BenchmarkProblem p, double lo, double hi, java.util.function.DoubleUnaryOperator eq) {
        double[][] front = p.paretoFront(101);
        assertEquals(101, front.length);
        assertEquals(lo, front[0][0], 1e-9);
        assertEquals(hi, front[100][0], 1e-9);
        for (double[] f : front) {
            assertEquals(eq.applyAsDouble(f[0]), f[1], 1e-12);
            double[] x = new double[p.dimensions()];
            x[0] = f[0];
            assertArrayEquals(f, p.evaluate(x), 1e-12, p.name());
        }
    }

    @Test
    void zdt3FrontIsNotDominatedByTheDenseOptimalCurve() {
        double[][] front = Zdt.zdt3(30).paretoFront(100);
        int grid = 5000;
        for (double[] p : front) {
            for (int i = 0; i <= grid; i++) {
                double f1 = i / (double) grid;
                double f2 = 1 - Math.sqrt(f1) - f1 * Math.sin(10 * Math.PI * f1);
                boolean dominates = f1 <= p[0] && f2 <= p[1] && (f1 < p[0] - 1e-9 || f2 < p[1] - 1e-9);
                assertFalse(dominates, "front point " + Arrays.toString(p) + " dominated at f1=" + f1);
            }
        }
        // every piece is represented
        for (double[] r : Zdt.ZDT3_REGIONS) {
            assertTrue(Arrays.stream(front).anyMatch(p -> p[0] >= r[0] && p[0] <= r[1]));
        }
    }

    @Test
    void badInputNamesTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Zdt.zdt1(30).evaluate(new double[3]));
        assertTrue(e.getMessage().contains("ZDT1"));
        assertThrows(IllegalArgumentException.class, () -> Zdt.zdt6(1));
        assertThrows(IllegalArgumentException.class, () -> Zdt.zdt2(5).paretoFront(1));
        List.of(Zdt.zdt1(2), Zdt.zdt3(2)).forEach(p -> assertEquals(2, p.dimensions()));
    }
}
