package io.frontier.tensor.cpu;

import io.frontier.tensor.Tensor;

/**
 * Walks the 1-D slices of several same-shaped tensors along one dim: every index of the other dims
 * gives one slice, whose start offsets the body receives together with the dim's strides. Used by
 * the kernels that work along a dim (softmax, scans, arg-reductions, sort).
 */
final class DimSlices {

  /** Processes one slice per tensor: {@code starts[k]} is tensor k's offset of element 0. */
  @FunctionalInterface
  interface Slice {
    void run(int[] starts);
  }

  private final StridedLoop others;
  private final int[] dimStrides;
  private final int length;

  private DimSlices(StridedLoop others, int[] dimStrides, int length) {
    this.others = others;
    this.dimStrides = dimStrides;
    this.length = length;
  }

  /** Slices of {@code shape} along {@code dim}; all tensors must have a shape equal on the other dims. */
  static DimSlices of(int[] shape, int dim, Tensor... tensors) {
    int k = tensors.length;
    int[][] strides = new int[k][];
    int[] bases = new int[k];
    for (int t = 0; t < k; t++) {
      strides[t] = tensors[t].strides();
      bases[t] = tensors[t].storageOffset();
    }
    return of(shape, dim, strides, bases);
  }

  /** Slices of {@code shape} along {@code dim} for operands given by their full strides and base offsets. */
  static DimSlices of(int[] shape, int dim, int[][] fullStrides, int[] bases) {
    int k = fullStrides.length;
    int[] rest = new int[shape.length - 1];
    int[][] strides = new int[k][shape.length - 1];
    int[] along = new int[k];
    for (int t = 0; t < k; t++) {
      along[t] = fullStrides[t][dim];
      for (int d = 0, j = 0; d < shape.length; d++) {
        if (d == dim) continue;
        strides[t][j] = fullStrides[t][d];
        if (t == 0) rest[j] = shape[d];
        j++;
      }
    }
    return new DimSlices(StridedLoop.of(rest, strides, bases.clone()), along, shape[dim]);
  }

  /** Length of each slice. */
  int length() {
    return length;
  }

  /** Stride along the dim of tensor {@code k}. */
  int stride(int k) {
    return dimStrides[k];
  }

  /** Runs {@code body} for every slice, in parallel when there is enough work. */
  void forEach(Slice body) {
    int grain = Math.max(1, (1 << 14) / Math.max(1, length));
    int k = dimStrides.length;
    others.forEach(grain, (offs, n) -> {
      int[] starts = new int[k];
      for (int i = 0; i < n; i++) {
        for (int t = 0; t < k; t++) starts[t] = offs[t] + i * others.innerStride(t);
        body.run(starts);
      }
    });
  }
}
