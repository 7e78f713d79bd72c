package io.frontier.multiobjective.indicators;

/**
 * Additive epsilon indicator (Zitzler et al. 2003), minimisation: the least eps such that every
 * reference point r is weakly dominated by some a - eps, i.e.
 * {@code max over r of min over a of max over k of (a_k - r_k)}. Zero or less when A weakly
 * dominates R; raw values, no normalisation.
 */
public final class EpsilonIndicator {

  private EpsilonIndicator() {}

  /** Additive epsilon of the approximation set A against the reference set R. */
  public static double additive(double[][] approximation, double[][] reference) {
    DistanceIndicators.check(approximation, reference);
    double eps = Double.NEGATIVE_INFINITY;
    for (double[] r : reference) {
      double best = Double.POSITIVE_INFINITY;
      for (double[] a : approximation) {
        double worst = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < r.length; k++) worst = Math.max(worst, a[k] - r[k]);
        best = Math.min(best, worst);
      }
      eps = Math.max(eps, best);
    }
    return eps;
  }
}
