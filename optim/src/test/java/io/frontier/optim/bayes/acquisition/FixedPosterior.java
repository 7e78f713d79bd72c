package io.frontier.optim.bayes.acquisition;

import io.frontier.optim.bayes.Posterior;
import io.frontier.tensor.Tensor;

/** A test double's posterior, with its tensors given outright (they keep their autograd history). */
record FixedPosterior(Tensor mean, Tensor variance, Tensor covariance) implements Posterior {
  /** Independent points: covariance {@code diag(variance)}. */
  static FixedPosterior independent(Tensor mean, Tensor variance) {
    int n = variance.size(0);
    return new FixedPosterior(mean, variance, Tensor.eye(n, n, variance.dtype()).mul(variance.unsqueeze(0)));
  }
}
