package io.frontier.tensor.backend;

import io.frontier.tensor.Tensor;

/**
 * The trailing updates of the blocked factorisations ({@link BlockedCholesky}, {@link BlockedLu}),
 * which a backend supplies: products of batched {@code (B, m, k)} and {@code (B, k, n)} operands,
 * dense or transposed views, at the dtype's full precision.
 */
@FunctionalInterface
public interface MatrixProduct {
  /** {@code out = a b} into a fresh contiguous {@code out}. */
  void multiply(Tensor a, Tensor b, Tensor out);

  /**
   * {@code c -= a b} in place in the view {@code c}. By default through a temporary product and a
   * subtraction (two more passes over c's size); a backend whose product can accumulate into a
   * strided output does it in one.
   */
  default void subtractFrom(Tensor c, Tensor a, Tensor b) {
    Tensor product = Tensor.empty(c.dtype(), c.device(), c.size(0), c.size(1), c.size(2));
    multiply(a, b, product);
    c.sub_(product);
  }
}
