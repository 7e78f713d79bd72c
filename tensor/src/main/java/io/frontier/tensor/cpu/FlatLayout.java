package io.frontier.tensor.cpu;

import io.frontier.tensor.Tensor;

/**
 * The fast path of elementwise kernels: when the output is contiguous and every input is either
 * laid out exactly like it or a single broadcast value, the whole op is one flat row and needs no
 * {@link StridedLoop} planning. This is what keeps a 1-element op cheap.
 */
final class FlatLayout {
  /** Marks an operand that needs the general strided walk. */
  static final int STRIDED = -1;

  private FlatLayout() {}

  /**
   * The stride of {@code t} along the flat row of a contiguous {@code out} of the same shape: 1 when
   * {@code t} is contiguous, 0 when all its elements are one broadcast value, {@link #STRIDED}
   * otherwise.
   */
  static int stride(Tensor t, Tensor out) {
    int nd = out.dim();
    boolean allZero = true;
    for (int d = 0; d < nd; d++) {
      if (t.stride(d) != 0 && out.size(d) != 1) {
        allZero = false;
        break;
      }
    }
    if (allZero) return 0;
    return t.isContiguous() ? 1 : STRIDED;
  }
}
