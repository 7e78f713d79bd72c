package io.frontier.multiobjective.pareto;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The non-dominated points of a set (minimisation): those that no other point of the set
 * {@linkplain Dominance#dominates dominates}. Duplicates of a non-dominated point are all kept.
 * Two objectives: a sort and a sweep, O(n log n). More: pairwise checks after a lexicographic
 * sort, O(d n^2) worst case.
 */
public final class NonDominatedFilter {

  private NonDominatedFilter() {}

  /** Indices of the non-dominated points, increasing. */
  public static int[] indices(double[][] points) {
    int d = PointSets.checkPoints(points, "non-dominated filter");
    int n = points.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    Arrays.sort(order, lexicographic(points));
    boolean[] keep = new boolean[n];
    if (d == 1) {
      double best = points[order[0]][0];
      for (Integer i : order) keep[i] = points[i][0] == best;
    } else if (d == 2) {
      // Sorted by f0 then f1: a point is kept when its f1 beats every earlier kept point,
      // or when it equals the last kept point exactly.
      double[] last = null;
      for (Integer i : order) {
        double[] p = points[i];
        if (last == null || p[1] < last[1] || (p[0] == last[0] && p[1] == last[1])) {
          keep[i] = true;
          last = p;
        }
      }
    } else {
      // Lexicographic order: a point can only be dominated by points before it; compare with the kept ones.
      int[] kept = new int[n];
      int size = 0;
      for (Integer i : order) {
        boolean dominated = false;
        for (int s = 0; s < size && !dominated; s++) dominated = Dominance.dominates(points[kept[s]], points[i]);
        if (!dominated) {
          kept[size++] = i;
          keep[i] = true;
        }
      }
    }
    int count = 0;
    for (boolean b : keep) if (b) count++;
    int[] out = new int[count];
    for (int i = 0, c = 0; i < n; i++) if (keep[i]) out[c++] = i;
    return out;
  }

  /** The non-dominated points themselves (the same arrays, not copies), in their original order. */
  public static double[][] filter(double[][] points) {
    int[] idx = indices(points);
    double[][] out = new double[idx.length][];
    for (int i = 0; i < idx.length; i++) out[i] = points[idx[i]];
    return out;
  }

  /**
   * Lexicographic order of point indices by {@code <} on each objective, as {@link Dominance}
   * compares them (so -0.0 == 0.0, unlike {@link Arrays#compare(double[], double[])}): a point is
   * then only dominated by points before it.
   */
  static Comparator<Integer> lexicographic(double[][] points) {
    return (a, b) -> {
      double[] p = points[a];
      double[] q = points[b];
      for (int k = 0; k < p.length; k++) {
        if (p[k] < q[k]) return -1;
        if (p[k] > q[k]) return 1;
      }
      return 0;
    };
  }
}
