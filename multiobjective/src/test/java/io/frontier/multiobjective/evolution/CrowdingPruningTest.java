package io.frontier.multiobjective.evolution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.frontier.multiobjective.pareto.CrowdingDistance;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CrowdingPruningTest {

    /**
     * On f2 = 1 - f1 with f1 = 0, 0.1, 0.2, 0.31, 0.42, 1 (ranges 1) the one-shot distances are
     * inf, 0.40, 0.42, 0.44, 1.38, inf, so keeping 4 at once drops 0.1 and 0.2 and leaves gaps
     * 0.31, 0.11, 0.58. Pruning drops 0.1 (0.40); 0.2 becomes 2 * (0.31 - 0) = 0.62, so 0.31 (0.44)
     * goes next: 0, 0.2, 0.42, 1 with distances inf, 2 * 0.42, 2 * 0.8, inf.
     */
    @Test
    void prunesOneAtATimeByHand() {
        double[] f1 = {0.42, 0, 1, 0.1, 0.31, 0.2};
        double[][] f = new double[f1.length][];
        for (int i = 0; i < f1.length; i++) {
            f[i] = new double[] {f1[i], 1 - f1[i]};
        }
        CrowdingPruning.Kept kept = CrowdingPruning.prune(f, new int[] {0, 1, 2, 3, 4, 5}, 4);
        assertArrayEquals(new int[] {0, 1, 2, 5}, kept.members());
        double inf = Double.POSITIVE_INFINITY;
        assertArrayEquals(new double[] {1.6, inf, inf, 0.84}, kept.distance(), 1e-12);
    }

    /** Same survivors and distances as recomputing {@link CrowdingDistance} from scratch after each removal. */
    @Test
    void matchesRecomputingTheCrowdingDistanceAfterEveryRemoval() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 60; trial++) {
            int m = 2 + trial % 3;
            int n = 2 * m + 1 + rng.nextInt(30);
            double[][] f = new double[n + 3][m];
            for (double[] row : f) {
                for (int k = 0; k < m; k++) {
                    // a coarse grid in some trials, so that ties and duplicates occur
                    row[k] = trial % 2 == 0 ? rng.nextDouble() : rng.nextInt(6) / 5.0;
                }
            }
            int[] front = new int[n];
            for (int i = 0; i < n; i++) {
                front[i] = i + 3;
            }
            int keep = 2 * m + rng.nextInt(n - 2 * m + 1);
            CrowdingPruning.Kept kept = CrowdingPruning.prune(f, front, keep);
            List<Integer> alive = new ArrayList<>();
            for (int i : front) {
                alive.add(i);
            }
            while (alive.size() > keep) {
                double[] d = CrowdingDistance.of(f, alive.stream().mapToInt(Integer::intValue).toArray());
                int worst = 0;
                for (int i = 1; i < d.length; i++) {
                    if (d[i] < d[worst]) {
                        worst = i;
                    }
                }
                alive.remove(worst);
            }
            int[] expected = alive.stream().mapToInt(Integer::intValue).toArray();
            assertArrayEquals(expected, kept.members(), "trial " + trial);
            assertArrayEquals(CrowdingDistance.of(f, expected), kept.distance(), 1e-12, "trial " + trial);
        }
    }

    @Test
    void rejectsAnImpossibleSize() {
        double[][] f = {{0, 1}, {1, 0}};
        assertThrows(IllegalArgumentException.class, () -> CrowdingPruning.prune(f, new int[] {0, 1}, 0));
        assertThrows(IllegalArgumentException.class, () -> CrowdingPruning.prune(f, new int[] {0, 1}, 3));
    }
}
