package io.frontier.multiobjective.pareto;

import java.util.ArrayList;
import java.util.List;

/**
 * Fast non-dominated sorting (Deb, Pratap, Agarwal and Meyarivan, NSGA-II, 2002), O(d n^2) time and
 * O(n^2) worst-case memory; a lexicographic presort halves the pairwise checks. Rank 0 is the
 * non-dominated front; a point has rank r + 1 when every point that dominates it has rank at most r
 * and one has rank r. Minimisation, {@link Dominance}.
 */
public final class NonDominatedSorting {

  /**
   * The result: {@code rank[i]} is point i's front (0-based), {@code fronts[r]} the indices of the
   * points of rank r in increasing order.
   */
  public record Fronts(int[] rank, int[][] fronts) {}

  private NonDominatedSorting() {}

  /** Sorts {@code points} (n x d, minimisation) into fronts. */
  public static Fronts sort(double[][] points) {
    PointSets.checkPoints(points, "non-dominated sorting");
    int n = points.length;
    int[] dominatedCount = new int[n];
    int[][] dominatedBy = new int[n][];
    int[] sizes = new int[n];
    for (int i = 0; i < n; i++) dominatedBy[i] = new int[4];
    // In lexicographic order a point can only be dominated by points before it: one check per pair.
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    java.util.Arrays.sort(order, NonDominatedFilter.lexicographic(points));
    for (int a = 0; a < n; a++) {
      int i = order[a];
      for (int b = a + 1; b < n; b++) {
        int j = order[b];
        if (Dominance.dominates(points[i], points[j])) {
          dominatedBy[i] = add(dominatedBy[i], sizes[i]++, j);
          dominatedCount[j]++;
        }
      }
    }
    int[] rank = new int[n];
    List<int[]> fronts = new ArrayList<>();
    int[] current = new int[n];
    int size = 0;
    for (int i = 0; i < n; i++) if (dominatedCount[i] == 0) current[size++] = i;
    int r = 0;
    while (size > 0) {
      int[] front = java.util.Arrays.copyOf(current, size);
      java.util.Arrays.sort(front);
      fronts.add(front);
      int[] next = new int[n];
      int nextSize = 0;
      for (int i : front) {
        rank[i] = r;
        for (int k = 0; k < sizes[i]; k++) {
          int j = dominatedBy[i][k];
          if (--dominatedCount[j] == 0) next[nextSize++] = j;
        }
      }
      current = next;
      size = nextSize;
      r++;
    }
    return new Fronts(rank, fronts.toArray(new int[0][]));
  }

  private static int[] add(int[] list, int at, int value) {
    if (at == list.length) list = java.util.Arrays.copyOf(list, 2 * list.length);
    list[at] = value;
    return list;
  }
}
