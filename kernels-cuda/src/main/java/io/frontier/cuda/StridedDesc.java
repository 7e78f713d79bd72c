package io.frontier.cuda;

import io.frontier.tensor.Tensor;

/**
 * The kernel-side description of a tensor view: {@code struct Strided} of {@code common.cuh}, an
 * int32 array {@code [ndim, size[8], stride[8]]} passed to a kernel by value.
 *
 * <p>Dimensions are merged before they are written: size-1 dimensions are dropped and a dimension
 * folds into the next one when its stride equals the next one's size times stride. Each operand of
 * a kernel is merged on its own; that keeps the row-major linear index to element offset mapping,
 * which is all a kernel uses, so operands of one launch may end up with different ranks.
 */
public final class StridedDesc {
  /** FRONTIER_MAX_DIMS in common.cuh. */
  public static final int MAX_DIMS = 8;

  private StridedDesc() {}

  /** The descriptor of {@code t}'s view (its storage offset travels in the base pointer). */
  public static int[] of(Tensor t) {
    return of(t.shape(), t.strides());
  }

  public static int[] of(int[] shape, int[] strides) {
    int[] sizes = new int[shape.length];
    int[] steps = new int[shape.length];
    int n = 0;
    for (int d = 0; d < shape.length; d++) {
      if (shape[d] == 1) continue;
      if (n > 0 && steps[n - 1] == (long) shape[d] * strides[d]) {
        sizes[n - 1] *= shape[d];
        steps[n - 1] = strides[d];
      } else {
        sizes[n] = shape[d];
        steps[n] = strides[d];
        n++;
      }
    }
    if (n > MAX_DIMS) {
      throw new IllegalArgumentException(
          "CUDA kernels take views of at most " + MAX_DIMS + " non-mergeable dimensions; this view has " + n
              + " (shape " + java.util.Arrays.toString(shape) + ", strides " + java.util.Arrays.toString(strides)
              + "); call contiguous() first");
    }
    int[] desc = new int[1 + 2 * MAX_DIMS];
    desc[0] = n;
    System.arraycopy(sizes, 0, desc, 1, n);
    System.arraycopy(steps, 0, desc, 1 + MAX_DIMS, n);
    return desc;
  }

  /**
   * The descriptor of the same view in units of packs of {@code v} elements (copy.cu's copy_vec_*),
   * or null when the view does not fall into packs: its last (merged) dim must be contiguous with a
   * size that is a multiple of v, and every other stride and the view's storage offset multiples
   * of v. Pack i is then elements {@code v i .. v i + v - 1} of the row-major order, contiguous in
   * memory, starting at {@code v * offsetOf(packed, i)}.
   */
  public static int[] packed(int[] desc, long storageOffset, int v) {
    int n = desc[0];
    if (n == 0 || storageOffset % v != 0) return null;
    if (desc[1 + MAX_DIMS + n - 1] != 1 || desc[n] % v != 0) return null;
    for (int k = 0; k < n - 1; k++) if (desc[1 + MAX_DIMS + k] % v != 0) return null;
    int[] out = desc.clone();
    out[n] = desc[n] / v;
    for (int k = 0; k < n - 1; k++) out[1 + MAX_DIMS + k] = desc[1 + MAX_DIMS + k] / v;
    return out;
  }

  /** True when the view is dense row-major (linear index equals element offset). */
  public static boolean isDense(int[] desc) {
    return desc[0] == 0 || (desc[0] == 1 && desc[1 + MAX_DIMS] == 1);
  }

  /** The element offset of row-major linear index {@code i}: the kernel's strided_offset, for tests. */
  static long offsetOf(int[] desc, long i) {
    long off = 0;
    for (int k = desc[0] - 1; k >= 0; k--) {
      int size = desc[1 + k];
      off += (i % size) * desc[1 + MAX_DIMS + k];
      i /= size;
    }
    return off;
  }
}
