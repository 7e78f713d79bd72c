package io.frontier.optim.bayes.acquisition;

import io.frontier.optim.bayes.Model;

/**
 * Expected improvement over the incumbent {@code f*} (Frazier's tutorial, eq. (8); Jones, Schonlau
 * and Welch 1998): {@code EI = E[(f(x) - f*)^+] = σ h(u)}, {@code u = (μ - f*)/σ},
 * {@code h(u) = φ(u) + u Φ(u)}. Its partials are {@code ∂EI/∂μ = Φ(u)} and {@code ∂EI/∂σ = φ(u)}.
 * At {@code σ = 0} it is the limit {@code (μ - f*)^+}.
 */
public final class ExpectedImprovement extends AnalyticAcquisition {
  private final double bestF;

  public ExpectedImprovement(Model model, double bestF) {
    super("ExpectedImprovement", model);
    if (!Double.isFinite(bestF)) throw new IllegalArgumentException("ExpectedImprovement: bestF must be finite, got " + bestF);
    this.bestF = bestF;
  }

  @Override
  public void score(double mean, double sigma, double[] out) {
    if (sigma == 0) {
      out[0] = Math.max(mean - bestF, 0);
      out[1] = mean > bestF ? 1 : 0;
      out[2] = mean == bestF ? Normal.pdf(0) : 0;
      return;
    }
    double u = (mean - bestF) / sigma;
    out[0] = sigma * Normal.h(u);
    out[1] = Normal.cdf(u);
    out[2] = Normal.pdf(u);
  }
}
