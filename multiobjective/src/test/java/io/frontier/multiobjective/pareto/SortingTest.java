package io.frontier.multiobjective.pareto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SortingTest {

  /** Brute force: peel off the non-dominated points of what is left, O(n^2 d) per front. */
  static int[] bruteForceRanks(double[][] pts) {
    int n = pts.length;
    int[] rank = new int[n];
    Arrays.fill(rank, -1);
    for (int r = 0, left = n; left > 0; r++) {
      boolean[] inFront = new boolean[n];
      for (int i = 0; i < n; i++) {
        if (rank[i] != -1) continue;
        boolean dominated = false;
        for (int j = 0; j < n; j++) {
          if (rank[j] != -1 || j == i) continue;
          boolean le = true, lt = false;
          for (int k = 0; k < pts[i].length; k++) {
            le &= pts[j][k] <= pts[i][k];
            lt |= pts[j][k] < pts[i][k];
          }
          dominated |= le && lt;
        }
        inFront[i] = !dominated;
      }
      for (int i = 0; i < n; i++) {
        if (inFront[i]) {
          rank[i] = r;
          left--;
        }
      }
    }
    return rank;
  }

  @Test
  void sortingMatchesBruteForce() {
    SplittableRandom rnd = new SplittableRandom(99);
    for (int d = 1; d <= 5; d++) {
      for (int trial = 0; trial < 40; trial++) {
        int n = 1 + rnd.nextInt(60);
        double[][] pts = new double[n][d];
        for (double[] p : pts) for (int k = 0; k < d; k++) p[k] = rnd.nextInt(6);
        int[] expected = bruteForceRanks(pts);
        NonDominatedSorting.Fronts f = NonDominatedSorting.sort(pts);
        assertArrayEquals(expected, f.rank());
        for (int r = 0; r < f.fronts().length; r++) for (int i : f.fronts()[r]) assertEquals(r, f.rank()[i]);
        assertEquals(n, Arrays.stream(f.fronts()).mapToInt(a -> a.length).sum());
        int[] front0 = java.util.stream.IntStream.range(0, n).filter(i -> expected[i] == 0).toArray();
        assertArrayEquals(front0, NonDominatedFilter.indices(pts), "d=" + d);
      }
    }
  }

  @Test
  void dominance() {
    assertEquals(-1, Dominance.compare(new double[] {1, 2}, new double[] {1, 3}));
    assertEquals(1, Dominance.compare(new double[] {2, 3}, new double[] {1, 3}));
    assertEquals(0, Dominance.compare(new double[] {1, 3}, new double[] {1, 3}));
    assertEquals(0, Dominance.compare(new double[] {0, 3}, new double[] {1, 2}));
    assertEquals(false, Dominance.dominates(new double[] {1, 3}, new double[] {1, 3}));
    assertEquals(true, Dominance.weaklyDominates(new double[] {1, 3}, new double[] {1, 3}));
  }

  @Test
  void crowdingDistanceByHand() {
    // Front (0,4), (1,2), (2,1.5), (4,0): ranges 4 and 4.
    double[][] pts = {{2, 1.5}, {0, 4}, {4, 0}, {1, 2}};
    double[] cd = CrowdingDistance.of(pts);
    assertEquals(Double.POSITIVE_INFINITY, cd[1]);
    assertEquals(Double.POSITIVE_INFINITY, cd[2]);
    // (1,2): f0 neighbours 0 and 2 -> 2/4; f1 neighbours 1.5 and 4 -> 2.5/4.
    assertEquals(2.0 / 4 + 2.5 / 4, cd[3], 1e-15);
    // (2,1.5): f0 neighbours 1 and 4 -> 3/4; f1 neighbours 0 and 2 -> 2/4.
    assertEquals(3.0 / 4 + 2.0 / 4, cd[0], 1e-15);
    // Subset by indices, in the order given.
    double[] sub = CrowdingDistance.of(pts, new int[] {3, 1});
    assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY}, sub);
    assertThrows(IllegalArgumentException.class, () -> CrowdingDistance.of(pts, new int[] {4}));
  }

  @Test
  void filterKeepsDuplicatesOfNonDominatedPoints() {
    double[][] pts = {{1, 1}, {1, 1}, {0, 2}, {1, 2}, {2, 0}, {2, 1}};
    assertArrayEquals(new int[] {0, 1, 2, 4}, NonDominatedFilter.indices(pts));
  }
}
