package io.frontier.optim.bayes.acquisition;

import io.frontier.optim.bayes.Model;

/**
 * The logarithm of expected improvement, {@code LogEI = log σ + log h(u)} with
 * {@code u = (μ - f*)/σ} (Ament, Daulton, Eriksson, Balandat, Bakshy, "Unexpected Improvements to
 * Expected Improvement for Bayesian Optimization", NeurIPS 2023). {@link Normal#logH} keeps value and
 * gradient finite and accurate where EI itself underflows to exactly 0 (u below about -38), so the
 * acquisition optimiser still has a slope to follow far from the incumbent.
 *
 * <p>σ is floored at {@value #MIN_SIGMA} so that the value stays finite where the posterior is
 * degenerate (at an observed point of a noiseless model).
 */
public final class LogExpectedImprovement extends AnalyticAcquisition {
  static final double MIN_SIGMA = 1e-12;
  private final double bestF;

  public LogExpectedImprovement(Model model, double bestF) {
    super("LogExpectedImprovement", model);
    if (!Double.isFinite(bestF)) throw new IllegalArgumentException("LogExpectedImprovement: bestF must be finite, got " + bestF);
    this.bestF = bestF;
  }

  @Override
  public void score(double mean, double sigma, double[] out) {
    double s = Math.max(sigma, MIN_SIGMA);
    double u = (mean - bestF) / s;
    double slope = Normal.dLogH(u);
    out[0] = Math.log(s) + Normal.logH(u);
    out[1] = slope / s;
    out[2] = sigma < MIN_SIGMA ? 0 : (1 - slope * u) / s;
  }
}
