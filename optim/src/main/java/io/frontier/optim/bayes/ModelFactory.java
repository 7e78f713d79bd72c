package io.frontier.optim.bayes;

import io.frontier.optim.bayes.gp.GpFit;
import io.frontier.optim.bayes.gp.KernelFamily;
import io.frontier.optim.bayes.gp.TrainingData;
import io.frontier.tensor.Tensor;

/**
 * Fits a surrogate to the observations so far; {@link BayesOpt} calls it once per suggestion, so a
 * test can swap in a fixed model.
 */
@FunctionalInterface
public interface ModelFactory {
  /**
   * A model of {@code y} {@code (n)} (to be maximised) at {@code x} {@code (n, d)} inside {@code bounds};
   * {@code seed} seeds any randomness of the fit (restarts).
   */
  Model fit(Tensor x, Tensor y, Bounds bounds, long seed);

  /** The default: an exact GP with a Matérn-5/2 ARD kernel, MAP-fitted from 4 starts ({@link GpFit}), inputs normalised by the bounds. */
  static ModelFactory gp() {
    return gp(KernelFamily.MATERN_52, 4);
  }

  static ModelFactory gp(KernelFamily family, int restarts) {
    return gp(family, restarts, Double.NaN);
  }

  /**
   * For a deterministic objective: the same GP with its noise variance fixed at 1e-6 of the
   * standardised output variance, so the model interpolates the observations (the learned noise's
   * floor of 1e-4 would blur the last digits an optimiser needs near the optimum).
   */
  static ModelFactory noiselessGp() {
    return gp(KernelFamily.MATERN_52, 4, 1e-6);
  }

  /** A GP of the given kernel and restarts; {@code fixedNoise} in standardised units, or NaN to learn it. */
  static ModelFactory gp(KernelFamily family, int restarts, double fixedNoise) {
    if (family == null) throw new IllegalArgumentException("ModelFactory.gp: kernel family is null");
    if (restarts < 1) throw new IllegalArgumentException("ModelFactory.gp: restarts must be >= 1, got " + restarts);
    return (x, y, bounds, seed) -> {
      GpFit.Builder fit = GpFit.builder(family).restarts(restarts).seed(seed);
      if (!Double.isNaN(fixedNoise)) fit.fixedNoise(fixedNoise);
      return fit.build().fit(TrainingData.of(x, y).withInputBounds(bounds.lower(), bounds.upper())).model();
    };
  }
}
