package io.frontier.optim.bayes.gp;

import io.frontier.tensor.Tensor;

/**
 * A prior density over one positive hyperparameter, evaluated on the hyperparameter itself (not on
 * its logarithm, as GPyTorch does: no Jacobian term is added when fitting in log space).
 */
public interface HyperPrior {
  /** {@code log p(value)} elementwise, differentiable in {@code value} (positive entries). */
  Tensor logDensity(Tensor value);

  /** A typical value (median or mode) to start the fit from. */
  double typicalValue();
}
