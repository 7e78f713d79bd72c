package io.frontier.tensor.cpu;

import io.frontier.tensor.Tensor;

/**
 * gather, scatter, index_select and index_add. Each walks the 1-D slices along the indexed dim
 * ({@link DimSlices}); slices at different positions of the other dims touch disjoint outputs,
 * so they run in parallel and the result is deterministic even with repeated indices.
 */
final class IndexKernels {
  private IndexKernels() {}

  private static Object data(Tensor t) {
    return ((CpuStorage) t.storage()).data();
  }

  /** {@code out[p] = in[p with p[dim] = index[p]]} over index's shape. */
  static void gather(Tensor in, int dim, Tensor index, Tensor out) {
    int[] shape = index.shape();
    DimSlices slices = DimSlices.of(shape, dim,
        new int[][] {index.strides(), out.strides(), in.strides()},
        new int[] {index.storageOffset(), out.storageOffset(), in.storageOffset()});
    long[] idx = ((CpuStorage) index.storage()).longs();
    Object src = data(in);
    Object dst = data(out);
    int n = slices.length();
    int is = slices.stride(0);
    int os = slices.stride(1);
    int along = in.stride(dim);
    slices.forEach(st -> {
      for (int i = 0; i < n; i++) {
        int from = st[2] + (int) idx[st[0] + i * is] * along;
        copyElement(src, from, dst, st[1] + i * os);
      }
    });
  }

  /** {@code out[p with p[dim] = index[p]] = src[p]} (or {@code +=}) over index's shape. */
  static void scatter(Tensor out, int dim, Tensor index, Tensor src, boolean accumulate) {
    int[] shape = index.shape();
    DimSlices slices = DimSlices.of(shape, dim,
        new int[][] {index.strides(), src.strides(), out.strides()},
        new int[] {index.storageOffset(), src.storageOffset(), out.storageOffset()});
    long[] idx = ((CpuStorage) index.storage()).longs();
    Object s = data(src);
    Object d = data(out);
    int n = slices.length();
    int is = slices.stride(0);
    int ss = slices.stride(1);
    int along = out.stride(dim);
    slices.forEach(st -> {
      for (int i = 0; i < n; i++) {
        int to = st[2] + (int) idx[st[0] + i * is] * along;
        if (accumulate) addElement(s, st[1] + i * ss, d, to);
        else copyElement(s, st[1] + i * ss, d, to);
      }
    });
  }

  /** {@code out.select(dim, i) = in.select(dim, index[i])}. */
  static void indexSelect(Tensor in, int dim, Tensor index, Tensor out) {
    long[] idx = ((CpuStorage) index.storage()).longs();
    int io = index.storageOffset();
    int istride = index.stride(0);
    int count = out.size(dim);
    if (dim == 0 && in.isContiguous() && out.isContiguous()) {
      // whole rows: the embedding lookup
      int row = count == 0 ? 0 : out.numel() / count;
      Object src = data(in);
      Object dst = data(out);
      int inOff = in.storageOffset();
      int outOff = out.storageOffset();
      Parallel.forRange(count, Math.max(1, (1 << 14) / Math.max(1, row)), (a, b) -> {
        for (int i = a; i < b; i++) {
          System.arraycopy(src, inOff + (int) idx[io + i * istride] * row, dst, outOff + i * row, row);
        }
      });
      return;
    }
    DimSlices slices = DimSlices.of(out.shape(), dim,
        new int[][] {out.strides(), in.strides()},
        new int[] {out.storageOffset(), in.storageOffset()});
    Object src = data(in);
    Object dst = data(out);
    int os = slices.stride(0);
    int along = slices.stride(1);
    slices.forEach(st -> {
      for (int i = 0; i < count; i++) copyElement(src, st[1] + (int) idx[io + i * istride] * along, dst, st[0] + i * os);
    });
  }

  /** {@code out.select(dim, index[i]) += src.select(dim, i)}. */
  static void indexAdd(Tensor out, int dim, Tensor index, Tensor src) {
    long[] idx = ((CpuStorage) index.storage()).longs();
    int io = index.storageOffset();
    int istride = index.stride(0);
    int count = src.size(dim);
    DimSlices slices = DimSlices.of(src.shape(), dim,
        new int[][] {src.strides(), out.strides()},
        new int[] {src.storageOffset(), out.storageOffset()});
    Object s = data(src);
    Object d = data(out);
    int ss = slices.stride(0);
    int along = slices.stride(1);
    slices.forEach(st -> {
      for (int i = 0; i < count; i++) addElement(s, st[0] + i * ss, d, st[1] + (int) idx[io + i * istride] * along);
    });
  }

  private static void copyElement(Object src, int from, Object dst, int to) {
    if (src instanceof float[] a) ((float[]) dst)[to] = a[from];
    else if (src instanceof double[] a) ((double[]) dst)[to] = a[from];
    else if (src instanceof long[] a) ((long[]) dst)[to] = a[from];
    else ((boolean[]) dst)[to] = ((boolean[]) src)[from];
  }

  private static void addElement(Object src, int from, Object dst, int to) {
    if (src instanceof float[] a) ((float[]) dst)[to] += a[from];
    else if (src instanceof double[] a) ((double[]) dst)[to] += a[from];
    else if (src instanceof long[] a) ((long[]) dst)[to] += a[from];
    else ((boolean[]) dst)[to] |= ((boolean[]) src)[from];
  }
}
