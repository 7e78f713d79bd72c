package io.frontier.multiobjective.evolution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.multiobjective.indicators.DistanceIndicators;
import io.frontier.multiobjective.pareto.Hypervolume;
import io.frontier.multiobjective.problems.Dtlz;
import io.frontier.multiobjective.problems.SimplexLattice;
import io.frontier.multiobjective.problems.Zdt;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class MoeadTest {

    /**
     * ZDT1's exact hypervolume w.r.t. (1, 1) is the integral of sqrt(f1) over [0, 1] = 2/3
     * (measured ratio 0.9911 after 250 generations, seed 1).
     */
    @Test
    void zdt1ReachesTheExactHypervolume() {
        double[][] w = SimplexLattice.of(2, 99);
        Result r = Moead.builder(Zdt.zdt1(30), w).generations(250).seed(1).build().run();
        assertEquals(100, r.population().size());
        assertEquals(100L * 251, r.evaluations());
        double hv = Hypervolume.of(Nsga3Test.objectives(r.front()), new double[] {1, 1});
        assertTrue(hv >= 0.98 * 2.0 / 3, "HV " + hv);
        assertTrue(hv <= 2.0 / 3, "HV " + hv);
    }

    /**
     * DTLZ2's front is the unit sphere (z = 0 is its ideal point); the Tchebycheff optimum of
     * weight w is the sphere point along (1/w_1, ..., 1/w_m), with zero weights raised to 1e-6.
     * Same closeness bar as NSGA-III (mean distance to the sphere < 0.02), and the front must
     * spread like those 91 optima: IGD against a dense sphere sample within 10 % of theirs
     * (measured 0.0755 against 0.0767, seed 2).
     */
    @Test
    void dtlz2ConvergesToTheSphereAndItsTchebycheffOptima() {
        double[][] w = SimplexLattice.of(3, 12);
        Result r = Moead.builder(Dtlz.dtlz2(3), w).generations(250).seed(2).build().run();
        double d = TestIndicators.meanSphereDistance(r.front());
        assertTrue(d < 0.02, "mean distance to the unit sphere " + d);
        double[][] optima = new double[w.length][3];
        for (int j = 0; j < w.length; j++) {
            double n = 0;
            for (int k = 0; k < 3; k++) {
                optima[j][k] = 1 / Math.max(w[j][k], 1e-6);
                n += optima[j][k] * optima[j][k];
            }
            for (int k = 0; k < 3; k++) {
                optima[j][k] /= Math.sqrt(n);
            }
        }
        double[][] dense = Nsga3Test.sphere(60);
        double igd = DistanceIndicators.igd(Nsga3Test.objectives(r.front()), dense);
        double ideal = DistanceIndicators.igd(optima, dense);
        assertTrue(igd < 1.1 * ideal, "IGD " + igd + " vs the Tchebycheff optima " + ideal);
    }

    @Test
    void sameSeedSameResultAndExecutorDoesNotMatter() {
        double[][] w = SimplexLattice.of(2, 29);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Solution> a = run(w, 3, Runnable::run);
            Nsga3Test.same(a, run(w, 3, Runnable::run));
            Nsga3Test.same(a, run(w, 3, pool));
        } finally {
            pool.shutdown();
        }
    }

    private static List<Solution> run(double[][] w, long seed, java.util.concurrent.Executor e) {
        return Moead.builder(Zdt.zdt2(10), w).neighbourhood(5).generations(20).seed(seed).executor(e).build().run()
                .population();
    }

    @Test
    void neighbourhoodsAreTheNearestWeights() {
        double[][] w = SimplexLattice.of(2, 4); // (0,1), (.25,.75), (.5,.5), (.75,.25), (1,0)
        int[][] b = Moead.neighbourhoods(w, 3);
        assertArrayEquals(new int[] {0, 1, 2}, b[0]);
        assertArrayEquals(new int[] {2, 1, 3}, b[2]);
        assertArrayEquals(new int[] {4, 3, 2}, b[4]);
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Moead.builder(Zdt.zdt1(3), new double[][] {{1, 0}}));
        assertTrue(e.getMessage().contains("MOEA/D"));
        assertThrows(IllegalArgumentException.class, () -> Moead.builder(Zdt.zdt1(3), new double[][] {{1, 0}, {0, 0}}));
        assertThrows(IllegalArgumentException.class, () -> Moead.builder(Zdt.zdt1(3), SimplexLattice.of(3, 2)));
        assertThrows(IllegalArgumentException.class, () -> Moead.builder(Zdt.zdt1(3), SimplexLattice.of(2, 3)).neighbourhood(1));
        assertThrows(IllegalArgumentException.class, () -> Moead.builder(Zdt.zdt1(3), SimplexLattice.of(2, 3)).neighbourhoodProbability(1.5));
        assertThrows(IllegalArgumentException.class, () -> Moead.builder(Zdt.zdt1(3), SimplexLattice.of(2, 3)).replacementLimit(0));
    }
}
