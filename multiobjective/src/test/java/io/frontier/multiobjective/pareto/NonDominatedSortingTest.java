package io.frontier.multiobjective.pareto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link NonDominatedSorting} against Deb's O(d n^2) sort, {@link DebNonDominatedSorting}. */
class NonDominatedSortingTest {

  private static final int[] SIZES = {1, 2, 5, 100, 2000};
  private static final int[] OBJECTIVES = {2, 3, 4, 6};

  /** Asserts the same ranks and the same fronts (increasing indices) as the oracle. */
  private static void assertMatchesOracle(double[][] points, String what) {
    NonDominatedSorting.Fronts expected = DebNonDominatedSorting.sort(points);
    NonDominatedSorting.Fronts actual = NonDominatedSorting.sort(points);
    assertArrayEquals(expected.rank(), actual.rank(), what);
    assertEquals(expected.fronts().length, actual.fronts().length, what);
    for (int r = 0; r < expected.fronts().length; r++) assertArrayEquals(expected.fronts()[r], actual.fronts()[r], what + " front " + r);
  }

  private static double[][] integerPoints(SplittableRandom rnd, int n, int d, int range) {
    double[][] p = new double[n][d];
    for (double[] row : p) for (int k = 0; k < d; k++) row[k] = rnd.nextInt(range);
    return p;
  }

  @Test
  void matchesOracleOnPointsWithManyTiesAndDuplicates() {
    SplittableRandom rnd = new SplittableRandom(20150401);
    for (int d : OBJECTIVES) {
      for (int n : SIZES) {
        // Range 3: mostly duplicates; 10: many ties per objective; n: few ties.
        for (int range : new int[] {3, 10, Math.max(n, 2)}) {
          assertMatchesOracle(integerPoints(rnd, n, d, range), "n=" + n + " d=" + d + " range=" + range);
        }
      }
    }
  }

  @Test
  void matchesOracleOnContinuousPoints() {
    SplittableRandom rnd = new SplittableRandom(7);
    // The other counts of objectives are covered with few ties above (range n).
    for (int d : new int[] {1, 5}) {
      double[][] p = new double[1000][d];
      for (double[] row : p) for (int k = 0; k < d; k++) row[k] = rnd.nextDouble();
      assertMatchesOracle(p, "uniform d=" + d);
    }
  }

  @Test
  void oneFrontWhenNoPointDominatesAnother() {
    SplittableRandom rnd = new SplittableRandom(3);
    for (int d : OBJECTIVES) {
      // Integer points with the same coordinate sum are mutually non-dominated (x <= y and equal
      // sums force x == y); the small sum makes for many ties and duplicates.
      for (int sum : new int[] {12, 1000}) {
        double[][] p = new double[500][d];
        for (double[] row : p) {
          for (int u = 0; u < sum; u++) row[rnd.nextInt(d)]++;
        }
        assertMatchesOracle(p, "antichain d=" + d + " sum=" + sum);
        assertEquals(1, NonDominatedSorting.sort(p).fronts().length, "antichain d=" + d + " sum=" + sum);
      }
    }
  }

  @Test
  void chainGivesOneFrontPerPoint() {
    SplittableRandom rnd = new SplittableRandom(5);
    for (int d : OBJECTIVES) {
      int n = 300;
      double[][] p = new double[n][d];
      // Point j dominates point j + 1: equal in all but one objective (so ties too), larger there.
      for (int j = 1; j < n; j++) {
        p[j] = p[j - 1].clone();
        p[j][rnd.nextInt(d)] += 1;
      }
      // Shuffle, so the input order is not the rank order.
      int[] perm = permutation(rnd, n);
      double[][] shuffled = new double[n][];
      for (int i = 0; i < n; i++) shuffled[i] = p[perm[i]];
      assertMatchesOracle(shuffled, "chain d=" + d);
      int[] rank = NonDominatedSorting.sort(shuffled).rank();
      for (int i = 0; i < n; i++) assertEquals(perm[i], rank[i], "chain d=" + d);
    }
  }

  private static int[] permutation(SplittableRandom rnd, int n) {
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) perm[i] = i;
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    return perm;
  }

  @Test
  void signedZerosAreEqual() {
    // (0, 0) dominates (-0, 1): Dominance compares with <, under which -0.0 == 0.0.
    double[][] p = {{-0.0, 1}, {0.0, 0}, {0.0, -0.0, 2}};
    double[][] two = {p[0], p[1]};
    assertArrayEquals(new int[] {1, 0}, NonDominatedSorting.sort(two).rank());
    assertArrayEquals(new int[] {1}, NonDominatedFilter.indices(two));
    double[][] three = {{-0.0, 1, 0}, {0.0, 0, -0.0}, {0.0, 0, 0}};
    assertArrayEquals(new int[] {1, 0, 0}, NonDominatedSorting.sort(three).rank());
    assertArrayEquals(new int[] {1, 2}, NonDominatedFilter.indices(three));
    assertMatchesOracle(three, "signed zeros");
  }

  @Test
  void rejectsBadInput() {
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> NonDominatedSorting.sort(new double[0][]));
    assertTrue(empty.getMessage().contains("non-dominated sorting"), empty.getMessage());
    assertEquals(0, DebNonDominatedSorting.sort(new double[0][]).fronts().length);
    assertThrows(IllegalArgumentException.class, () -> NonDominatedSorting.sort(new double[][] {{1, 2}, {1}}));
    assertThrows(IllegalArgumentException.class, () -> NonDominatedSorting.sort(new double[][] {{1, Double.NaN}}));
  }
}
