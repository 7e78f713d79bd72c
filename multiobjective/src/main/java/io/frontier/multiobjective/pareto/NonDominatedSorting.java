package io.frontier.multiobjective.pareto;

import java.util.ArrayList;
import java.util.List;

/**
 * Fast non-dominated sorting (Deb, Pratap, Agarwal and Meyarivan, NSGA-II, 2002), O(d n^2) time and
 * O(n^2) worst-case memory. Rank 0 is the non-dominated front; a point has rank r + 1 when every
 * point that dominates it has rank at most r and one has rank r. Minimisation, {@link Dominance}.
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
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        int c = Dominance.compare(points[i], points[j]);
        if (c < 0) {
          dominatedBy[i] = add(dominatedBy[i], sizes[i]++, j);
          dominatedCount[j]++;
        } else if (c > 0) {
          dominatedBy[j] = add(dominatedBy[j], sizes[j]++, i);
          dominatedCount[i]++;
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
