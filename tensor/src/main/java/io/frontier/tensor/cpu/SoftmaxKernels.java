package io.frontier.tensor.cpu;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;

/**
 * Softmax and log-softmax along one dim: {@code exp(x - max) / sum exp(x - max)} and
 * {@code x - max - log(sum exp(x - max))}. A slice of all -inf gives NaN (as PyTorch does), since
 * {@code -inf - (-inf)} is NaN. Contiguous float32 slices use the Vector API.
 */
final class SoftmaxKernels {
  private SoftmaxKernels() {}

  static void run(Tensor in, int dim, boolean log, Tensor out) {
    DimSlices slices = DimSlices.of(in.shape(), dim, in, out);
    int n = slices.length();
    int si = slices.stride(0);
    int so = slices.stride(1);
    if (in.dtype() == DType.FLOAT32) {
      float[] x = ((CpuStorage) in.storage()).floats();
      float[] y = ((CpuStorage) out.storage()).floats();
      boolean vector = si == 1 && so == 1 && VectorSupport.available();
      slices.forEach(st -> {
        if (vector) VectorSoftmax.f32(x, st[0], y, st[1], n, log);
        else f32(x, st[0], si, y, st[1], so, n, log);
      });
    } else {
      double[] x = ((CpuStorage) in.storage()).doubles();
      double[] y = ((CpuStorage) out.storage()).doubles();
      slices.forEach(st -> f64(x, st[0], si, y, st[1], so, n, log));
    }
  }

  /** The scalar reference (float64 arithmetic, float32 storage). */
  static void f32(float[] x, int xo, int xs, float[] y, int yo, int ys, int n, boolean log) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) max = Math.max(max, x[xo + i * xs]);
    double sum = 0;
    for (int i = 0; i < n; i++) sum += Math.exp(x[xo + i * xs] - max);
    if (log) {
      double shift = max + Math.log(sum);
      for (int i = 0; i < n; i++) y[yo + i * ys] = (float) (x[xo + i * xs] - shift);
    } else {
      double inv = 1.0 / sum;
      for (int i = 0; i < n; i++) y[yo + i * ys] = (float) (Math.exp(x[xo + i * xs] - max) * inv);
    }
  }

  static void f64(double[] x, int xo, int xs, double[] y, int yo, int ys, int n, boolean log) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) max = Math.max(max, x[xo + i * xs]);
    double sum = 0;
    for (int i = 0; i < n; i++) sum += Math.exp(x[xo + i * xs] - max);
    if (log) {
      double shift = max + Math.log(sum);
      for (int i = 0; i < n; i++) y[yo + i * ys] = x[xo + i * xs] - shift;
    } else {
      for (int i = 0; i < n; i++) y[yo + i * ys] = Math.exp(x[xo + i * xs] - max) / sum;
    }
  }
}
