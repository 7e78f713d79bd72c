package io.frontier.multiobjective.evolution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RankingTest {

    @Test
    void dominance() {
        assertTrue(Ranking.dominates(new double[] {1, 2}, new double[] {1, 3}));
        assertFalse(Ranking.dominates(new double[] {1, 2}, new double[] {1, 2}));
        assertFalse(Ranking.dominates(new double[] {0, 3}, new double[] {1, 2}));
    }

    @Test
    void handSortedFronts() {
        double[][] f = {{1, 4}, {2, 2}, {4, 1}, {2, 4}, {3, 3}, {5, 5}, {2, 2}};
        List<int[]> fronts = Ranking.fronts(f);
        assertEquals(3, fronts.size());
        assertArrayEquals(new int[] {0, 1, 2, 6}, fronts.get(0));
        assertArrayEquals(new int[] {3, 4}, fronts.get(1));
        assertArrayEquals(new int[] {5}, fronts.get(2));
    }

    @Test
    void frontsMatchBruteForceDefinition() {
        SplittableRandom rng = new SplittableRandom(11);
        double[][] f = new double[60][3];
        for (double[] row : f) {
            for (int k = 0; k < 3; k++) {
                row[k] = rng.nextInt(6);
            }
        }
        List<int[]> fronts = Ranking.fronts(f);
        int[] rank = new int[f.length];
        int total = 0;
        for (int r = 0; r < fronts.size(); r++) {
            for (int i : fronts.get(r)) {
                rank[i] = r;
                total++;
            }
        }
        assertEquals(f.length, total);
        // rank(i) = 0 if undominated, else 1 + max rank over its dominators
        for (int i = 0; i < f.length; i++) {
            int expected = 0;
            for (int j = 0; j < f.length; j++) {
                if (Ranking.dominates(f[j], f[i])) {
                    expected = Math.max(expected, rank[j] + 1);
                }
            }
            assertEquals(expected, rank[i], "point " + i);
        }
    }

    @Test
    void handCrowding() {
        double[][] f = {{0, 4}, {1, 2}, {2, 1}, {4, 0}};
        double[] d = Ranking.crowding(f, new int[] {0, 1, 2, 3});
        assertEquals(Double.POSITIVE_INFINITY, d[0]);
        assertEquals(Double.POSITIVE_INFINITY, d[3]);
        // point 1: (2 - 0)/4 + (4 - 1)/4; point 2: (4 - 1)/4 + (2 - 0)/4
        assertEquals(1.25, d[1], 1e-12);
        assertEquals(1.25, d[2], 1e-12);
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY},
                Ranking.crowding(f, new int[] {1, 2}));
    }
}
