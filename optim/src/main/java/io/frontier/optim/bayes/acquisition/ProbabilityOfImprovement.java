package io.frontier.optim.bayes.acquisition;

import io.frontier.optim.bayes.Model;

/**
 * Probability of improvement (Kushner 1964; Frazier's tutorial §4.1): {@code PI = Φ(u)},
 * {@code u = (μ - f*)/σ}; with {@code log = true}, {@code log Φ(u)} computed stably in the tail
 * ({@link Normal#logCdf}). At {@code σ = 0} PI is the step {@code 1{μ > f*}} (its log is floored
 * through σ ≥ {@value LogExpectedImprovement#MIN_SIGMA} instead).
 */
public final class ProbabilityOfImprovement extends AnalyticAcquisition {
  private final double bestF;
  private final boolean log;

  public ProbabilityOfImprovement(Model model, double bestF, boolean log) {
    super(log ? "LogProbabilityOfImprovement" : "ProbabilityOfImprovement", model);
    if (!Double.isFinite(bestF)) throw new IllegalArgumentException("ProbabilityOfImprovement: bestF must be finite, got " + bestF);
    this.bestF = bestF;
    this.log = log;
  }

  @Override
  public void score(double mean, double sigma, double[] out) {
    if (log) {
      double s = Math.max(sigma, LogExpectedImprovement.MIN_SIGMA);
      double u = (mean - bestF) / s;
      double slope = Normal.dLogCdf(u);
      out[0] = Normal.logCdf(u);
      out[1] = slope / s;
      out[2] = sigma < LogExpectedImprovement.MIN_SIGMA ? 0 : -slope * u / s;
      return;
    }
    if (sigma == 0) {
      out[0] = mean > bestF ? 1 : 0;
      out[1] = 0;
      out[2] = 0;
      return;
    }
    double u = (mean - bestF) / sigma;
    double density = Normal.pdf(u);
    out[0] = Normal.cdf(u);
    out[1] = density / sigma;
    out[2] = -density * u / sigma;
  }
}
