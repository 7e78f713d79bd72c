package io.frontier.tensor.cpu;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;

/**
 * The causal attention softmax and the scaled softmax backward over rows of the last dim (see
 * Backend#causalSoftmax and Backend#softmaxBackward), rows in parallel. Row {@code i} of a
 * {@code (T, n)} matrix keeps its first {@code k = min(n, i + offset + 1)} elements: they are
 * scaled into the output, then softmaxed there in place by {@link SoftmaxKernels}' row kernels
 * (the Vector API one for float32 where available); the rest are zeroed. The backward's float32
 * rows use the Vector API too; otherwise rows compute in float64.
 */
final class CausalSoftmaxKernels {
  private static final int GRAIN_ELEMENTS = 1 << 14;

  private CausalSoftmaxKernels() {}

  static void forward(Tensor x, int queries, double scale, int offset, Tensor out) {
    int n = x.size(-1);
    int rows = x.numel() / n;
    int grain = Math.max(1, GRAIN_ELEMENTS / n);
    int xo = x.storageOffset();
    int yo = out.storageOffset();
    if (x.dtype() == DType.FLOAT32) {
      float[] a = ((CpuStorage) x.storage()).floats();
      float[] y = ((CpuStorage) out.storage()).floats();
      float s = (float) scale;
      boolean vector = VectorSupport.available();
      Parallel.forRange(rows, grain, (r0, r1) -> {
        for (int r = r0; r < r1; r++) {
          int k = kept(r, queries, offset, n);
          int in = xo + r * n;
          int o = yo + r * n;
          for (int j = 0; j < k; j++) y[o + j] = s * a[in + j];
          if (vector) VectorSoftmax.f32(y, o, y, o, k, false);
          else SoftmaxKernels.f32(y, o, 1, y, o, 1, k, false);
          java.util.Arrays.fill(y, o + k, o + n, 0f);
        }
      });
    } else {
      double[] a = ((CpuStorage) x.storage()).doubles();
      double[] y = ((CpuStorage) out.storage()).doubles();
      Parallel.forRange(rows, grain, (r0, r1) -> {
        for (int r = r0; r < r1; r++) {
          int k = kept(r, queries, offset, n);
          int in = xo + r * n;
          int o = yo + r * n;
          for (int j = 0; j < k; j++) y[o + j] = scale * a[in + j];
          SoftmaxKernels.f64(y, o, 1, y, o, 1, k, false);
          java.util.Arrays.fill(y, o + k, o + n, 0.0);
        }
      });
    }
  }

  /** Keys kept by row r: those j <= i + offset for its query i = r mod T. */
  private static int kept(int r, int queries, int offset, int n) {
    return (int) Math.min(n, (long) (r % queries) + offset + 1);
  }

  static void backward(Tensor gradOut, Tensor y, double scale, Tensor gradIn) {
    int n = y.size(-1);
    int rows = y.numel() / n;
    int grain = Math.max(1, GRAIN_ELEMENTS / n);
    if (VectorSupport.available() && y.dtype() == DType.FLOAT32) {
      float[] g = ((CpuStorage) gradOut.storage()).floats();
      float[] p = ((CpuStorage) y.storage()).floats();
      float[] out = ((CpuStorage) gradIn.storage()).floats();
      int go = gradOut.storageOffset();
      int po = y.storageOffset();
      int oo = gradIn.storageOffset();
      float s = (float) scale;
      Parallel.forRange(rows, grain, (r0, r1) -> {
        for (int r = r0; r < r1; r++) VectorSoftmaxBackwardF32.row(g, go + r * n, p, po + r * n, out, oo + r * n, n, s);
      });
      return;
    }
    FloatingRows g = FloatingRows.of(gradOut);
    FloatingRows p = FloatingRows.of(y);
    FloatingRows out = FloatingRows.of(gradIn);
    Parallel.forRange(rows, grain, (r0, r1) -> {
      for (int r = r0; r < r1; r++) {
        int base = r * n;
        double dot = 0;
        for (int j = 0; j < n; j++) dot += g.get(base + j) * p.get(base + j);
        for (int j = 0; j < n; j++) out.set(base + j, scale * p.get(base + j) * (g.get(base + j) - dot));
      }
    });
  }
}
