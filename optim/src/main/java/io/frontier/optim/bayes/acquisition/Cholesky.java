package io.frontier.optim.bayes.acquisition;

import io.frontier.tensor.LinAlg;
import io.frontier.tensor.Tensor;

/**
 * Cholesky factor of a posterior covariance for reparameterised sampling, with jitter escalation:
 * a joint covariance over observed points of a noiseless model is singular, so the diagonal gets
 * {@code 1e-9} of its mean first, then ten times more on each failure, as GPyTorch's
 * {@code psd_safe_cholesky} does.
 */
final class Cholesky {
  private Cholesky() {}

  private static final int TRIES = 6;

  static Tensor lowerWithJitter(String name, Tensor cov) {
    int n = cov.size(0);
    double scale = Math.max(cov.detach().diagonal().mean().item(), 1e-300);
    double jitter = 1e-9 * scale;
    Tensor eye = Tensor.eye(n, n, cov.dtype());
    for (int t = 0; t < TRIES; t++, jitter *= 10) {
      try {
        return LinAlg.cholesky(cov.add(eye.mul(jitter)));
      } catch (ArithmeticException notPositiveDefinite) {
        // Escalate the jitter and try again.
      }
    }
    throw new IllegalStateException(name + ": the " + n + "x" + n + " posterior covariance is not positive definite even with jitter "
        + jitter / 10 + " (mean variance " + scale + ")");
  }
}
