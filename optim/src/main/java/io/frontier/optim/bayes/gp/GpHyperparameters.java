package io.frontier.optim.bayes.gp;

import java.util.Arrays;

/**
 * The hyperparameters of an {@link ExactGp}, in the model's internal space: lengthscales
 * {@code ℓ (d)} in normalised input units, output scale {@code σ_f²} and Gaussian noise variance
 * {@code σ_n²} in standardised output units.
 */
public record GpHyperparameters(KernelFamily family, double[] lengthscales, double outputScale, double noise) {
  public GpHyperparameters {
    if (family == null) throw new IllegalArgumentException("GpHyperparameters: family is null");
    if (lengthscales == null || lengthscales.length == 0) throw new IllegalArgumentException("GpHyperparameters: need at least one lengthscale");
    for (int k = 0; k < lengthscales.length; k++) {
      if (!(lengthscales[k] > 0) || !Double.isFinite(lengthscales[k])) {
        throw new IllegalArgumentException("GpHyperparameters: lengthscale " + k + " must be finite and > 0, got " + lengthscales[k]);
      }
    }
    if (!(outputScale > 0) || !Double.isFinite(outputScale)) {
      throw new IllegalArgumentException("GpHyperparameters: outputScale must be finite and > 0, got " + outputScale);
    }
    if (!(noise >= 0) || !Double.isFinite(noise)) {
      throw new IllegalArgumentException("GpHyperparameters: noise must be finite and >= 0, got " + noise);
    }
    lengthscales = lengthscales.clone();
  }

  /** The kernel these values define, with constant (non-learnable) tensors. */
  public StationaryKernel kernel() {
    return StationaryKernel.of(family, lengthscales, outputScale);
  }

  public int dim() {
    return lengthscales.length;
  }

  @Override
  public double[] lengthscales() {
    return lengthscales.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GpHyperparameters h && h.family == family && Arrays.equals(h.lengthscales, lengthscales)
        && h.outputScale == outputScale && h.noise == noise;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(lengthscales) * 31 + family.hashCode() + Double.hashCode(outputScale) + Double.hashCode(noise);
  }

  @Override
  public String toString() {
    return "GpHyperparameters[" + family + ", lengthscales=" + Arrays.toString(lengthscales) + ", outputScale=" + outputScale + ", noise=" + noise + "]";
  }
}
