package io.frontier.optim.bayes.gp;

import io.frontier.tensor.Tensor;

/**
 * {@code z = (y - mean) / std}, the output standardisation of BoTorch's {@code Standardize} and of
 * scikit-learn's {@code normalize_y=True}. The standard deviation is the population one (divisor n),
 * as scikit-learn's {@code np.std}, so that marginal likelihoods match it; BoTorch divides by n - 1.
 * A standard deviation below 1e-8 (one point, or all outputs equal) is replaced by 1.
 */
public record OutputStandardizer(double mean, double std) {
  public OutputStandardizer {
    if (!Double.isFinite(mean) || !(std > 0) || !Double.isFinite(std)) {
      throw new IllegalArgumentException("OutputStandardizer: need a finite mean and a finite std > 0, got " + mean + " and " + std);
    }
  }

  public static OutputStandardizer identity() {
    return new OutputStandardizer(0.0, 1.0);
  }

  /** The mean and population standard deviation of {@code y}. */
  public static OutputStandardizer fromData(double[] y) {
    double mean = 0;
    for (double v : y) mean += v;
    mean /= y.length;
    double ss = 0;
    for (double v : y) ss += (v - mean) * (v - mean);
    double std = Math.sqrt(ss / y.length);
    return new OutputStandardizer(mean, std < 1e-8 ? 1.0 : std);
  }

  public Tensor apply(Tensor y) {
    return y.sub(mean).div(std);
  }

  public Tensor unapplyMean(Tensor z) {
    return z.mul(std).add(mean);
  }

  public Tensor unapplyVariance(Tensor v) {
    return v.mul(std * std);
  }
}
