package io.frontier.optim.bayes;

import io.frontier.tensor.Tensor;

/**
 * The Gaussian posterior of a {@link Model} at {@code n} points, in the original output scale. All
 * tensors are float64 and carry autograd history back to the query points.
 */
public interface Posterior {
  /** Posterior mean {@code (n)}. */
  Tensor mean();

  /** Posterior variance of the latent function {@code (n)}, clamped at zero. */
  Tensor variance();

  /** Joint posterior covariance {@code (n, n)}. */
  Tensor covariance();
}
