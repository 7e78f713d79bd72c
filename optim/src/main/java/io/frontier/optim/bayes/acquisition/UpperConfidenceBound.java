package io.frontier.optim.bayes.acquisition;

import io.frontier.optim.bayes.Model;

/**
 * Upper confidence bound {@code UCB = μ + √β σ} (Srinivas et al. 2010), with BoTorch's convention
 * that {@code beta} enters under a square root.
 */
public final class UpperConfidenceBound extends AnalyticAcquisition {
  private final double sqrtBeta;

  public UpperConfidenceBound(Model model, double beta) {
    super("UpperConfidenceBound", model);
    if (!(beta >= 0) || Double.isInfinite(beta)) throw new IllegalArgumentException("UpperConfidenceBound: beta must be finite and >= 0, got " + beta);
    this.sqrtBeta = Math.sqrt(beta);
  }

  @Override
  public void score(double mean, double sigma, double[] out) {
    out[0] = mean + sqrtBeta * sigma;
    out[1] = 1;
    out[2] = sqrtBeta;
  }
}
