package io.frontier.tensor.backend;

import io.frontier.tensor.Tensor;

/**
 * {@code out = a b} for batched {@code (B, m, k)} and {@code (B, k, n)} operands, dense or
 * transposed views, at the dtype's full precision: the trailing updates of the blocked
 * factorisations ({@link BlockedCholesky}, {@link BlockedLu}), which a backend supplies.
 */
@FunctionalInterface
public interface MatrixProduct {
  void multiply(Tensor a, Tensor b, Tensor out);
}
