package io.frontier.tensor.cpu;

import io.frontier.tensor.backend.ReduceOp;

/** Reductions of one strided row of floats to a double, vectorised for contiguous rows. */
final class RowReductions {
  /** Float32 sums accumulate this many elements in float before adding into a double. */
  static final int F32_BLOCK = 4096;

  private RowReductions() {}

  static double f32(ReduceOp op, float[] a, int off, int stride, int n) {
    if (stride == 1 && VectorSupport.available()) {
      switch (op) {
        case SUM -> {
          double acc = 0;
          for (int s = 0; s < n; s += F32_BLOCK) acc += VectorReductions.sumF32(a, off + s, Math.min(F32_BLOCK, n - s));
          return acc;
        }
        case MAX -> { return VectorReductions.maxF32(a, off, n); }
        case MIN -> { return VectorReductions.minF32(a, off, n); }
        default -> { }
      }
    }
    double acc = ReduceKernels.identity(op);
    switch (op) {
      case SUM -> { for (int i = 0; i < n; i++) acc += a[off + i * stride]; }
      case PROD -> { for (int i = 0; i < n; i++) acc *= a[off + i * stride]; }
      case MAX -> { for (int i = 0; i < n; i++) acc = Math.max(acc, a[off + i * stride]); }
      case MIN -> { for (int i = 0; i < n; i++) acc = Math.min(acc, a[off + i * stride]); }
      default -> throw new IllegalStateException(op + " on float32");
    }
    return acc;
  }

  static double f64(ReduceOp op, double[] a, int off, int stride, int n) {
    if (stride == 1 && VectorSupport.available()) {
      switch (op) {
        case SUM -> { return VectorReductions.sumF64(a, off, n); }
        case MAX -> { return VectorReductions.maxF64(a, off, n); }
        case MIN -> { return VectorReductions.minF64(a, off, n); }
        default -> { }
      }
    }
    double acc = ReduceKernels.identity(op);
    switch (op) {
      case SUM -> { for (int i = 0; i < n; i++) acc += a[off + i * stride]; }
      case PROD -> { for (int i = 0; i < n; i++) acc *= a[off + i * stride]; }
      case MAX -> { for (int i = 0; i < n; i++) acc = Math.max(acc, a[off + i * stride]); }
      case MIN -> { for (int i = 0; i < n; i++) acc = Math.min(acc, a[off + i * stride]); }
      default -> throw new IllegalStateException(op + " on float64");
    }
    return acc;
  }
}
