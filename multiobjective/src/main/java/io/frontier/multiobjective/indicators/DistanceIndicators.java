package io.frontier.multiobjective.indicators;

import io.frontier.multiobjective.pareto.PointSets;

/**
 * Distance-based quality indicators of an approximation set A against a reference set R
 * (minimisation, raw objective values, no normalisation; lower is better), with the moocore and
 * pymoo definitions (power p = 1, Euclidean distance):
 * <ul>
 *   <li>GD(A, R) = mean over a in A of min over r in R of |a - r|;</li>
 *   <li>IGD(A, R) = mean over r in R of min over a in A of |a - r|;</li>
 *   <li>IGD+(A, R) = mean over r in R of min over a in A of |max(a - r, 0)| (Ishibuchi et al. 2015),
 *       which counts only the objectives where a is worse than r.</li>
 * </ul>
 */
public final class DistanceIndicators {

  private DistanceIndicators() {}

  /** Generational distance GD(A, R). */
  public static double gd(double[][] approximation, double[][] reference) {
    check(approximation, reference);
    return meanMinDistance(approximation, reference, false);
  }

  /** Inverted generational distance IGD(A, R). */
  public static double igd(double[][] approximation, double[][] reference) {
    check(approximation, reference);
    return meanMinDistance(reference, approximation, false);
  }

  /** IGD+(A, R): the distance from r to a counts only {@code max(a_k - r_k, 0)}. */
  public static double igdPlus(double[][] approximation, double[][] reference) {
    check(approximation, reference);
    return meanMinDistance(reference, approximation, true);
  }

  /** Mean over {@code from} of the distance to the nearest of {@code to}; plus: d(to, from) = |max(to - from, 0)|. */
  private static double meanMinDistance(double[][] from, double[][] to, boolean plus) {
    double sum = 0;
    for (double[] f : from) {
      double best = Double.POSITIVE_INFINITY;
      for (double[] t : to) {
        double s = 0;
        for (int k = 0; k < f.length; k++) {
          double diff = t[k] - f[k];
          if (plus) diff = Math.max(diff, 0);
          s += diff * diff;
        }
        best = Math.min(best, s);
      }
      sum += Math.sqrt(best);
    }
    return sum / from.length;
  }

  static int check(double[][] approximation, double[][] reference) {
    int d = PointSets.checkPoints(approximation, "approximation set");
    int dr = PointSets.checkPoints(reference, "reference set");
    if (d != dr) throw new IllegalArgumentException("the approximation set has " + d + " objectives, the reference set " + dr);
    return d;
  }
}
