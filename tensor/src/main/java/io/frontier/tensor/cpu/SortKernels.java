package io.frontier.tensor.cpu;

import io.frontier.tensor.Tensor;

/**
 * Stable sort along one dim (a merge sort of indices, insertion sort on short runs). NaN sorts
 * above every number, so it comes last ascending and first descending; -0.0 and 0.0 compare equal
 * and keep their order, as in PyTorch's stable sort.
 */
final class SortKernels {
  private static final int INSERTION_RUN = 16;

  private SortKernels() {}

  static void sort(Tensor in, int dim, boolean descending, Tensor values, Tensor indices) {
    DimSlices slices = DimSlices.of(in.shape(), dim, in, values, indices);
    int n = slices.length();
    int si = slices.stride(0);
    int sv = slices.stride(1);
    int sx = slices.stride(2);
    Object a = ((CpuStorage) in.storage()).data();
    Object v = ((CpuStorage) values.storage()).data();
    long[] idx = ((CpuStorage) indices.storage()).longs();
    slices.forEach(st -> {
      Keys keys = Keys.read(a, st[0], si, n);
      int[] perm = new int[n];
      for (int i = 0; i < n; i++) perm[i] = i;
      mergeSort(perm, new int[n], 0, n, keys, descending);
      for (int i = 0; i < n; i++) {
        idx[st[2] + i * sx] = perm[i];
        keys.write(perm[i], v, st[1] + i * sv);
      }
    });
  }

  /** One slice's values, held as doubles or longs so comparisons are exact. */
  private static final class Keys {
    final double[] d;
    final long[] l;
    final Object source;
    final int off;
    final int stride;

    private Keys(double[] d, long[] l, Object source, int off, int stride) {
      this.d = d;
      this.l = l;
      this.source = source;
      this.off = off;
      this.stride = stride;
    }

    static Keys read(Object a, int off, int stride, int n) {
      if (a instanceof long[] x) {
        long[] l = new long[n];
        for (int i = 0; i < n; i++) l[i] = x[off + i * stride];
        return new Keys(null, l, a, off, stride);
      }
      if (a instanceof boolean[] x) {
        long[] l = new long[n];
        for (int i = 0; i < n; i++) l[i] = x[off + i * stride] ? 1 : 0;
        return new Keys(null, l, a, off, stride);
      }
      double[] d = new double[n];
      if (a instanceof float[] x) for (int i = 0; i < n; i++) d[i] = x[off + i * stride];
      else { double[] x = (double[]) a; for (int i = 0; i < n; i++) d[i] = x[off + i * stride]; }
      return new Keys(d, null, a, off, stride);
    }

    /** Negative when element i must come before j ascending (a strict order, NaN largest). */
    boolean less(int i, int j) {
      if (l != null) return l[i] < l[j];
      double x = d[i];
      double y = d[j];
      if (x != x) return false;
      if (y != y) return true;
      return x < y;
    }

    void write(int i, Object dst, int at) {
      if (dst instanceof float[] o) o[at] = ((float[]) source)[off + i * stride];
      else if (dst instanceof double[] o) o[at] = ((double[]) source)[off + i * stride];
      else if (dst instanceof long[] o) o[at] = ((long[]) source)[off + i * stride];
      else ((boolean[]) dst)[at] = ((boolean[]) source)[off + i * stride];
    }
  }

  /** True when {@code i} must come strictly before {@code j} in the requested order. */
  private static boolean before(Keys k, int i, int j, boolean descending) {
    return descending ? k.less(j, i) : k.less(i, j);
  }

  private static void mergeSort(int[] p, int[] tmp, int lo, int hi, Keys k, boolean desc) {
    if (hi - lo <= INSERTION_RUN) {
      for (int i = lo + 1; i < hi; i++) {
        int x = p[i];
        int j = i - 1;
        while (j >= lo && before(k, x, p[j], desc)) {
          p[j + 1] = p[j];
          j--;
        }
        p[j + 1] = x;
      }
      return;
    }
    int mid = (lo + hi) >>> 1;
    mergeSort(p, tmp, lo, mid, k, desc);
    mergeSort(p, tmp, mid, hi, k, desc);
    if (!before(k, p[mid], p[mid - 1], desc)) return; // already in order
    System.arraycopy(p, lo, tmp, lo, hi - lo);
    int i = lo;
    int j = mid;
    for (int o = lo; o < hi; o++) {
      // take from the right run only when strictly before: equal keys keep their order (stable)
      if (j < hi && (i >= mid || before(k, tmp[j], tmp[i], desc))) p[o] = tmp[j++];
      else p[o] = tmp[i++];
    }
  }
}
