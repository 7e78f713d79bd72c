package io.frontier.optim.bayes.gp;

/**
 * The priors and lower bounds a {@link GpFit} works under. A null prior is flat (that
 * hyperparameter is fitted by maximum likelihood).
 *
 * @param lengthscale prior on each lengthscale (or null)
 * @param outputScale prior on the output scale (or null)
 * @param noise prior on the noise variance (or null)
 * @param minLengthscale lower bound of the lengthscales (normalised input units)
 * @param minNoise lower bound of the noise variance (standardised output units)
 */
public record GpPriors(HyperPrior lengthscale, HyperPrior outputScale, HyperPrior noise, double minLengthscale, double minNoise) {
  /** Upper bound of every hyperparameter, and lower bound where none is named: scikit-learn's default box. */
  public static final double UPPER = 1e5;
  public static final double LOWER = 1e-5;

  public GpPriors {
    if (!(minLengthscale > 0) || !(minLengthscale < UPPER) || !(minNoise > 0) || !(minNoise < UPPER)) {
      throw new IllegalArgumentException("GpPriors: lower bounds must lie in (0, " + UPPER + "), got lengthscale " + minLengthscale + ", noise " + minNoise);
    }
  }

  /**
   * BoTorch's current defaults for {@code d} inputs: the dimension-scaled LogNormal lengthscale prior
   * (Hvarfner et al. 2024) with lengthscale ≥ 0.025, and LogNormal(-4, 1) on the noise with noise ≥ 1e-4.
   * BoTorch fixes the output scale at 1 (no ScaleKernel); here it is fitted with a flat prior unless
   * {@link GpFit.Builder#fixedOutputScale} fixes it.
   */
  public static GpPriors dimensionScaled(int d) {
    return new GpPriors(LogNormalPrior.dimensionScaledLengthscale(d), null, new LogNormalPrior(-4, 1), 0.025, 1e-4);
  }

  /** BoTorch's older defaults (for Matérn-5/2): Gamma(3, 6) lengthscales, Gamma(2, 0.15) output scale, Gamma(1.1, 0.05) noise ≥ 1e-4. */
  public static GpPriors gamma() {
    return new GpPriors(new GammaPrior(3, 6), new GammaPrior(2, 0.15), new GammaPrior(1.1, 0.05), LOWER, 1e-4);
  }

  /** No priors, scikit-learn's box {@code [1e-5, 1e5]} for every hyperparameter: maximum likelihood. */
  public static GpPriors none() {
    return new GpPriors(null, null, null, LOWER, LOWER);
  }
}
