package io.frontier.optim.bayes.gp;

import io.frontier.tensor.Tensor;

/**
 * A covariance function {@code k(x, x')} on float64 inputs, written with tensor ops so that autograd
 * differentiates it with respect to both its inputs and its hyperparameter tensors.
 */
public interface Kernel {
  /** Number of input dimensions {@code d}. */
  int inputDim();

  /** The matrix {@code K_ij = k(x1_i, x2_j)} {@code (n, m)} for {@code x1 (n, d)} and {@code x2 (m, d)}. */
  Tensor covariance(Tensor x1, Tensor x2);

  /** The prior variances {@code k(x_i, x_i)} {@code (n)}. */
  Tensor diagonal(Tensor x);
}
