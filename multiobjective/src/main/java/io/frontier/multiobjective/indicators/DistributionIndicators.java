package io.frontier.multiobjective.indicators;

import io.frontier.multiobjective.pareto.NonDominatedFilter;
import io.frontier.multiobjective.pareto.PointSets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Spread and size of a point set: spacing, sparsity, cardinality (raw values, no normalisation). */
public final class DistributionIndicators {

  private DistributionIndicators() {}

  /**
   * Schott's spacing: with {@code d_i} the L1 distance from point i to its nearest other point and
   * {@code dbar} their mean, {@code sqrt(sum_i (d_i - dbar)^2 / (n - 1))}. 0 for evenly spaced
   * points; needs at least two points.
   */
  public static double spacing(double[][] points) {
    PointSets.checkPoints(points, "spacing");
    int n = points.length;
    if (n < 2) throw new IllegalArgumentException("spacing: needs at least two points, got " + n);
    double[] nearest = new double[n];
    Arrays.fill(nearest, Double.POSITIVE_INFINITY);
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double s = 0;
        for (int k = 0; k < points[i].length; k++) s += Math.abs(points[i][k] - points[j][k]);
        nearest[i] = Math.min(nearest[i], s);
        nearest[j] = Math.min(nearest[j], s);
      }
    }
    double mean = Arrays.stream(nearest).average().orElseThrow();
    double ss = 0;
    for (double v : nearest) ss += (v - mean) * (v - mean);
    return Math.sqrt(ss / (n - 1));
  }

  /**
   * Sparsity (PGMORL, Xu et al. 2020): {@code 1/(n - 1) sum_j sum_k (P_j(k) - P_j(k+1))^2}, P_j the
   * values of objective j sorted. 0 for a single point. Lower means denser.
   */
  public static double sparsity(double[][] points) {
    int d = PointSets.checkPoints(points, "sparsity");
    int n = points.length;
    if (n < 2) return 0;
    double s = 0;
    double[] column = new double[n];
    for (int j = 0; j < d; j++) {
      for (int i = 0; i < n; i++) column[i] = points[i][j];
      Arrays.sort(column);
      for (int i = 0; i + 1 < n; i++) s += (column[i + 1] - column[i]) * (column[i + 1] - column[i]);
    }
    return s / (n - 1);
  }

  /** The number of distinct non-dominated points (minimisation). */
  public static int cardinality(double[][] points) {
    Set<List<Double>> distinct = new HashSet<>();
    for (double[] p : NonDominatedFilter.filter(points)) distinct.add(Arrays.stream(p).boxed().toList());
    return distinct.size();
  }
}
