package io.frontier.multiobjective.evolution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.multiobjective.indicators.DistanceIndicators;
import io.frontier.multiobjective.problems.Dtlz;
import io.frontier.multiobjective.problems.SimplexLattice;
import io.frontier.multiobjective.problems.Zdt;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class Nsga3Test {

    /** Das-Dennis lattice points scaled onto the unit sphere (the positive octant), DTLZ2's front. */
    static double[][] sphere(int divisions) {
        double[][] w = SimplexLattice.of(3, divisions);
        for (double[] row : w) {
            double n = Math.sqrt(row[0] * row[0] + row[1] * row[1] + row[2] * row[2]);
            for (int i = 0; i < 3; i++) {
                row[i] /= n;
            }
        }
        return w;
    }

    /** max over r in {@code dense} of the distance to the nearest point of {@code set}. */
    static double coverageRadius(double[][] set, double[][] dense) {
        double worst = 0;
        for (double[] r : dense) {
            double best = Double.POSITIVE_INFINITY;
            for (double[] a : set) {
                double s = 0;
                for (int k = 0; k < r.length; k++) {
                    s += (a[k] - r[k]) * (a[k] - r[k]);
                }
                best = Math.min(best, s);
            }
            worst = Math.max(worst, Math.sqrt(best));
        }
        return worst;
    }

    static double[][] objectives(List<Solution> s) {
        return s.stream().map(Solution::f).toArray(double[][]::new);
    }

    /**
     * NSGA-III's target on DTLZ2 is one point where each of the 91 reference lines meets the unit
     * sphere. The IGD of exactly those 91 points against a dense sample of the front (H = 60, 1891
     * points) is the best this set size can be expected to reach; the run must stay within 20 % of
     * it (measured: 0.0539 against 0.0537, seed 5). IGD is a mean and barely notices a hole, so the
     * coverage radius (the largest distance from a front sample to its nearest found point) must
     * also stay within 1.25x that of the ideal set (measured 0.109 against 0.106): dropping the 13
     * ideal points with f3 = 0 raises it to 0.156, past the bar (checked below).
     */
    @Test
    void dtlz2ConvergesToAndCoversTheSphere() {
        double[][] directions = SimplexLattice.of(3, 12);
        assertEquals(91, directions.length);
        Result r = Nsga3.builder(Dtlz.dtlz2(3), directions).generations(250).seed(5).build().run();
        assertEquals(92, r.population().size());
        assertEquals(92L * 251, r.evaluations());
        double d = TestIndicators.meanSphereDistance(r.front());
        assertTrue(d < 0.02, "mean distance to the unit sphere " + d);
        double[][] dense = sphere(60);
        double ideal = DistanceIndicators.igd(sphere(12), dense);
        double igd = DistanceIndicators.igd(objectives(r.front()), dense);
        assertTrue(igd < 1.2 * ideal, "IGD " + igd + " vs ideal 91-point set " + ideal);
        double gap = coverageRadius(objectives(r.front()), dense);
        double idealGap = coverageRadius(sphere(12), dense);
        assertTrue(gap < 1.25 * idealGap, "coverage radius " + gap + " vs ideal " + idealGap);
        double[][] uncovered = java.util.Arrays.stream(sphere(12)).filter(p -> p[2] > 0).toArray(double[][]::new);
        assertTrue(coverageRadius(uncovered, dense) > 1.25 * idealGap, "the bar detects a missing edge");
    }

    @Test
    void sameSeedSameResultAndExecutorDoesNotMatter() {
        double[][] w = SimplexLattice.of(3, 6);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Solution> a = run(w, 9, Runnable::run);
            List<Solution> b = run(w, 9, Runnable::run);
            List<Solution> c = run(w, 9, pool);
            same(a, b);
            same(a, c);
        } finally {
            pool.shutdown();
        }
    }

    private static List<Solution> run(double[][] w, long seed, java.util.concurrent.Executor e) {
        return Nsga3.builder(Dtlz.dtlz1(3), w).generations(20).seed(seed).executor(e).build().run().population();
    }

    static void same(List<Solution> a, List<Solution> b) {
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).x(), b.get(i).x(), 0.0);
            assertArrayEquals(a.get(i).f(), b.get(i).f(), 0.0);
        }
    }

    @Test
    void interceptsOfAKnownSimplexAndTheDegenerateFallback() {
        // translated points on the plane f1/2 + f2/4 + f3/5 = 1: extremes are the axis points
        double[][] t = {{2, 0, 0}, {0, 4, 0}, {0, 0, 5}, {1, 2, 0}, {0.5, 1, 1.25}};
        assertArrayEquals(new double[] {2, 4, 5}, ReferencePointSurvival.intercepts(t), 1e-12);
        // all points on one line: the extreme points coincide, the system is singular
        assertNull(ReferencePointSurvival.intercepts(new double[][] {{1, 1, 1}, {2, 2, 2}}));
        // the fallback divides by the first front's nadir (here 3 and 2 after subtracting the ideal)
        double[][] f = {{1, 1}, {2, 2}, {4, 3}};
        double[][] n = ReferencePointSurvival.normalise(f, new int[] {0, 1, 2}, new int[] {0, 1, 2});
        assertNotNull(n);
        assertArrayEquals(new double[] {1.0 / 3, 0.5}, n[1], 1e-12);
        assertEquals(Math.sqrt(0.5), ReferencePointSurvival.perpendicular(new double[] {1, 0}, new double[] {1, 1}), 1e-12);
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Nsga3.builder(Zdt.zdt1(3), SimplexLattice.of(3, 4)));
        assertTrue(e.getMessage().contains("NSGA-III"));
        assertThrows(IllegalArgumentException.class, () -> Nsga3.builder(Zdt.zdt1(3), new double[][] {{0, 0}}));
        assertThrows(IllegalArgumentException.class, () -> Nsga3.builder(Zdt.zdt1(3), new double[][] {{-1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> Nsga3.builder(Zdt.zdt1(3), SimplexLattice.of(2, 4)).generations(-1));
    }
}
