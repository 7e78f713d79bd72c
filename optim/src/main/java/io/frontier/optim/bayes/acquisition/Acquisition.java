package io.frontier.optim.bayes.acquisition;

import io.frontier.tensor.Tensor;

/**
 * An acquisition function: a score, to be maximised, of where to evaluate the objective next
 * (Frazier, "A Tutorial on Bayesian Optimization", §4). It scores {@code b} candidate sets of
 * {@link #q()} points each at once.
 *
 * <p>The value is differentiable with respect to {@code x} through autograd, so the acquisition
 * optimiser gets gradients for L-BFGS-B from {@code backward()}.
 */
public interface Acquisition {
  /** How many points one candidate set holds: 1 for the analytic acquisitions, q for the batch ones. */
  int q();

  /** The values at {@code x} {@code (b, q, d)}, float64, as a {@code (b)} tensor. */
  Tensor value(Tensor x);

  /** Checks that {@code x} is a float64 {@code (b, q, d)} tensor; returns b. */
  static int checkCandidates(String name, Tensor x, int q, int d) {
    if (x == null) throw new IllegalArgumentException(name + ": candidates are null");
    int[] s = x.shape();
    if (s.length != 3 || s[1] != q || s[2] != d) {
      throw new IllegalArgumentException(name + ": expected candidates of shape (b, " + q + ", " + d + "), got " + java.util.Arrays.toString(s));
    }
    return s[0];
  }
}
