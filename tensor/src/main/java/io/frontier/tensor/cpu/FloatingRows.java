package io.frontier.tensor.cpu;

import io.frontier.tensor.Tensor;

/**
 * Float64 access to the elements of contiguous float32 or float64 host tensors, for the fused
 * kernels that compute in float64 whatever the storage dtype: a row is loaded into a double[]
 * scratch, worked on, and stored back rounded once.
 */
final class FloatingRows {
  private final Object data;
  private final int offset;

  private FloatingRows(Tensor t) {
    this.data = ((CpuStorage) t.storage()).data();
    this.offset = t.storageOffset();
  }

  /** The elements of {@code t}, or null for a null tensor (an absent weight, say). */
  static FloatingRows of(Tensor t) {
    return t == null ? null : new FloatingRows(t);
  }

  double get(int i) {
    return data instanceof float[] f ? f[offset + i] : ((double[]) data)[offset + i];
  }

  void set(int i, double v) {
    if (data instanceof float[] f) f[offset + i] = (float) v;
    else ((double[]) data)[offset + i] = v;
  }

  /** Copies elements {@code [start, start + n)} into {@code dst[0, n)}. */
  void load(int start, double[] dst, int n) {
    if (data instanceof float[] f) {
      for (int i = 0; i < n; i++) dst[i] = f[offset + start + i];
    } else {
      System.arraycopy(data, offset + start, dst, 0, n);
    }
  }

  /** Writes {@code src[0, n)} to elements {@code [start, start + n)}, rounding to the dtype. */
  void store(double[] src, int start, int n) {
    if (data instanceof float[] f) {
      for (int i = 0; i < n; i++) f[offset + start + i] = (float) src[i];
    } else {
      System.arraycopy(src, 0, data, offset + start, n);
    }
  }

  /** All n elements as a new array; null for a null view. */
  static double[] all(Tensor t) {
    if (t == null) return null;
    double[] a = new double[t.numel()];
    new FloatingRows(t).load(0, a, a.length);
    return a;
  }

  /** Rows of about 32k elements per parallel chunk. */
  static int grain(int rowLength) {
    return Math.max(1, (1 << 15) / Math.max(1, rowLength));
  }
}
