package io.frontier.cuda;

import io.frontier.tensor.Tensor;

/**
 * The {@link StridedDesc}s of index.cu and sort.cu, built from shapes and strides only (pure
 * Java, tested without a GPU).
 */
final class IndexDescs {
  private IndexDescs() {}

  /**
   * The indexed operand over the iteration {@code shape}: its own {@code strides} with the one of
   * {@code dim} set to 0, so the kernel adds {@code idx * stride(dim)} to the offset.
   */
  static int[] indexed(int[] shape, int[] strides, int dim) {
    int[] s = strides.clone();
    s[dim] = 0;
    return StridedDesc.of(shape, s);
  }

  /**
   * A 1-D index of stride {@code indexStride} expanded to the iteration {@code shape} along
   * {@code dim}: element {@code p} of the iteration space reads {@code index[p[dim]]}.
   */
  static int[] expandedIndex(int[] shape, int dim, int indexStride) {
    int[] s = new int[shape.length];
    s[dim] = indexStride;
    return StridedDesc.of(shape, s);
  }

  /** The rows of {@code t} along {@code dim}: its view with {@code dim} removed. */
  static int[] rows(Tensor t, int dim) {
    return StridedDesc.of(without(t.shape(), dim), without(t.strides(), dim));
  }

  static int[] without(int[] a, int dim) {
    int[] r = new int[a.length - 1];
    System.arraycopy(a, 0, r, 0, dim);
    System.arraycopy(a, dim + 1, r, dim, a.length - dim - 1);
    return r;
  }
}
