package io.frontier.optim.bayes.gp;

import io.frontier.tensor.Tensor;

/**
 * Gamma with shape {@code α} and rate {@code β}:
 * {@code log p(x) = α log β - log Γ(α) + (α - 1) log x - β x}. BoTorch's older defaults:
 * lengthscale Gamma(3, 6), output scale Gamma(2, 0.15), noise Gamma(1.1, 0.05).
 */
public record GammaPrior(double concentration, double rate) implements HyperPrior {
  public GammaPrior {
    if (!(concentration > 0) || !(rate > 0) || !Double.isFinite(concentration) || !Double.isFinite(rate)) {
      throw new IllegalArgumentException("GammaPrior: need finite concentration > 0 and rate > 0, got " + concentration + " and " + rate);
    }
  }

  @Override
  public Tensor logDensity(Tensor value) {
    double constant = concentration * Math.log(rate) - logGamma(concentration);
    return value.log().mul(concentration - 1).sub(value.mul(rate)).add(constant);
  }

  /** The mode {@code (α - 1) / β} when α > 1, else the mean {@code α / β}. */
  @Override
  public double typicalValue() {
    return concentration > 1 ? (concentration - 1) / rate : concentration / rate;
  }

  /** Lanczos' approximation (g = 7, nine terms; relative error below 1e-15 for x > 0). */
  static double logGamma(double x) {
    if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
    double z = x - 1;
    double sum = c[0];
    for (int i = 1; i < 9; i++) sum += c[i] / (z + i);
    double t = z + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
  }
}
