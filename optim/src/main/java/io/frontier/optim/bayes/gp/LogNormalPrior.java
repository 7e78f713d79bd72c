package io.frontier.optim.bayes.gp;

import io.frontier.tensor.Tensor;

/**
 * {@code log x ~ N(loc, scale²)}: {@code log p(x) = -log x - log(scale √(2π)) - (log x - loc)² / (2 scale²)}.
 * BoTorch's defaults use it for lengthscales (Hvarfner et al. 2024, "Vanilla Bayesian Optimization
 * Performs Great in High Dimensions": {@code loc = √2 + ½ log d}, {@code scale = √3}) and for the
 * noise ({@code loc = -4}, {@code scale = 1}).
 */
public record LogNormalPrior(double loc, double scale) implements HyperPrior {
  public LogNormalPrior {
    if (!Double.isFinite(loc) || !(scale > 0) || !Double.isFinite(scale)) {
      throw new IllegalArgumentException("LogNormalPrior: need a finite loc and a finite scale > 0, got " + loc + " and " + scale);
    }
  }

  /** The dimension-scaled lengthscale prior of Hvarfner et al. (2024) for {@code d} inputs. */
  public static LogNormalPrior dimensionScaledLengthscale(int d) {
    if (d < 1) throw new IllegalArgumentException("LogNormalPrior: dimension must be >= 1, got " + d);
    return new LogNormalPrior(Math.sqrt(2) + 0.5 * Math.log(d), Math.sqrt(3));
  }

  @Override
  public Tensor logDensity(Tensor value) {
    Tensor logX = value.log();
    Tensor z = logX.sub(loc).div(scale);
    return z.square().mul(-0.5).sub(logX).sub(Math.log(scale * Math.sqrt(2 * Math.PI)));
  }

  /** The median {@code exp(loc)}. */
  @Override
  public double typicalValue() {
    return Math.exp(loc);
  }
}
