package io.frontier.rl.morl;

import io.frontier.multiobjective.indicators.DistributionIndicators;
import io.frontier.multiobjective.indicators.R2Indicator;
import io.frontier.multiobjective.pareto.Hypervolume;
import io.frontier.multiobjective.pareto.NonDominatedFilter;
import io.frontier.multiobjective.pareto.PointSets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The multi-policy metrics of morl-baselines ({@code morl_baselines/common/performance_indicators.py}),
 * on a front of vector returns, one row per policy, every objective <em>maximised</em>. Utilities are
 * linear, {@code u_w(v) = w . v}, morl-baselines' default. The multiobjective module minimises, so
 * hypervolume and the Pareto filter run there on negated points.
 */
public final class MorlMetrics {

  private MorlMetrics() {}

  /**
   * Hypervolume (maximisation): the measure of the region that the points dominate and that dominates
   * {@code referencePoint}, i.e. morl-baselines' {@code HV(ref_point * -1)(points * -1)}, computed
   * exactly. Points that do not strictly beat the reference point in every objective add nothing.
   * 0 for an empty front.
   */
  public static double hypervolume(double[][] front, double[] referencePoint) {
    if (front.length == 0) return 0;
    int d = PointSets.checkPoints(front, "hypervolume");
    PointSets.checkVector(referencePoint, d, "hypervolume reference point");
    return Hypervolume.of(negate(front), negate(referencePoint));
  }

  /**
   * Sparsity (PGMORL, Xu et al. 2020): for each objective, sort the front's values and sum the squared
   * gaps between neighbours; add over objectives and divide by {@code |F| - 1}. 0 when {@code |F| < 2}.
   * Sign-free, so it is the multiobjective module's indicator unchanged.
   */
  public static double sparsity(double[][] front) {
    return front.length < 2 ? 0 : DistributionIndicators.sparsity(front);
  }

  /**
   * Expected utility (Zintgraf et al. 2015): the mean over the weight set W of
   * {@code max over v in F of w . v}.
   */
  public static double expectedUtility(double[][] front, double[][] weights) {
    double[] best = bestUtilities(front, weights, "expectedUtility");
    return Arrays.stream(best).sum() / best.length;
  }

  /** Cardinality as morl-baselines defines it: {@code |F|}, the rows given (filter them first). */
  public static int cardinality(double[][] front) {
    return front.length;
  }

  /**
   * Maximum utility loss (Zintgraf et al. 2015): {@code max over w in W of [max over r in R of w . r
   * - max over v in F of w . v]}, R a reference set such as the true front.
   */
  public static double maximumUtilityLoss(double[][] front, double[][] referenceSet, double[][] weights) {
    double[] approx = bestUtilities(front, weights, "maximumUtilityLoss front");
    double[] ref = bestUtilities(referenceSet, weights, "maximumUtilityLoss reference set");
    if (front[0].length != referenceSet[0].length) {
      throw new IllegalArgumentException("maximumUtilityLoss: front has " + front[0].length + " objectives, reference set " + referenceSet[0].length);
    }
    double loss = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < weights.length; i++) loss = Math.max(loss, ref[i] - approx[i]);
    return loss;
  }

  /**
   * The non-dominated rows of {@code points} under maximisation, duplicates dropped, sorted by the
   * first objective, then the next (fresh arrays). Empty for no points.
   */
  public static double[][] paretoFront(double[][] points) {
    if (points.length == 0) return new double[0][];
    PointSets.checkPoints(points, "paretoFront");
    List<double[]> out = new ArrayList<>();
    for (double[] p : NonDominatedFilter.filter(negate(points))) {
      double[] q = negate(p);
      if (out.stream().noneMatch(o -> Arrays.equals(o, q))) out.add(q);
    }
    out.sort(Arrays::compare);
    return out.toArray(new double[0][]);
  }

  /**
   * Evenly spaced weight vectors: every d-vector of multiples of {@code 1 / divisions} summing to 1
   * (the Das-Dennis lattice), e.g. d = 2, divisions = 10 gives (0, 1), (0.1, 0.9), ..., (1, 0).
   * morl-baselines' {@code equally_spaced_weights} instead draws pymoo's "energy" directions (seed
   * 42), which this does not reproduce.
   */
  public static double[][] evenlySpacedWeights(int d, int divisions) {
    return R2Indicator.simplexLattice(d, divisions);
  }

  private static double[] bestUtilities(double[][] front, double[][] weights, String op) {
    int d = PointSets.checkPoints(front, op);
    if (PointSets.checkPoints(weights, op + " weights") != d) {
      throw new IllegalArgumentException(op + ": weights have " + weights[0].length + " components, points " + d);
    }
    double[] best = new double[weights.length];
    for (int i = 0; i < weights.length; i++) {
      best[i] = Double.NEGATIVE_INFINITY;
      for (double[] v : front) best[i] = Math.max(best[i], dot(weights[i], v));
    }
    return best;
  }

  static double dot(double[] w, double[] v) {
    double s = 0;
    for (int k = 0; k < w.length; k++) s += w[k] * v[k];
    return s;
  }

  private static double[][] negate(double[][] points) {
    return Arrays.stream(points).map(MorlMetrics::negate).toArray(double[][]::new);
  }

  private static double[] negate(double[] p) {
    double[] q = new double[p.length];
    for (int k = 0; k < p.length; k++) q[k] = -p[k];
    return q;
  }
}
