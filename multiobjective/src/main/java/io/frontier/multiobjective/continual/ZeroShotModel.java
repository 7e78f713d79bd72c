package io.frontier.multiobjective.continual;

/**
 * The Gaussian IBCL produces for one preference, summarised as the paper's code uses it: a mean
 * (the parameter estimate) and per-coordinate standard deviations from which the HDR is read.
 *
 * @param preference w (k)
 * @param combination the rule that produced it
 * @param mean (d), the parameter estimate
 * @param marginalStd (d)
 */
public record ZeroShotModel(double[] preference, Ibcl.Combination combination, double[] mean, double[] marginalStd) {

  /** An axis-aligned box lower[c] <= theta[c] <= upper[c]. */
  public record Box(double[] lower, double[] upper) {
    public boolean contains(double[] theta) {
      for (int c = 0; c < lower.length; c++) {
        if (theta[c] < lower[c] || theta[c] > upper[c]) return false;
      }
      return true;
    }
  }

  /**
   * The alpha-level region of the released code ({@code compute_hdr}): per coordinate the central
   * interval mean +- z_{1 - alpha/2} std, which for each Gaussian marginal is its 1 - alpha HDR.
   */
  public Box hdr(double alpha) {
    if (!(alpha > 0 && alpha < 1)) throw new IllegalArgumentException("hdr: alpha " + alpha + " must be in (0, 1)");
    double z = NormalQuantile.of(1 - alpha / 2);
    int d = mean.length;
    double[] lo = new double[d];
    double[] hi = new double[d];
    for (int c = 0; c < d; c++) {
      lo[c] = mean[c] - z * marginalStd[c];
      hi[c] = mean[c] + z * marginalStd[c];
    }
    return new Box(lo, hi);
  }
}
