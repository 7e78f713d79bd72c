package io.frontier.tensor.cpu;

import io.frontier.tensor.DType;
import io.frontier.tensor.backend.ReduceOp;

/**
 * The "outer" reduction strategy of {@link ReduceKernels}: the kept elements are contiguous, so
 * each reduced index contributes a whole contiguous row that is folded into an accumulator row.
 * Float32 sums accumulate in a float64 scratch row.
 */
final class OuterReduction {
  private OuterReduction() {}

  static void run(ReduceOp op, DType dtype, Object a, Object o, StridedLoop kept, StridedLoop red) {
    int rs = red.innerStride(0);
    kept.forEach(Math.max(64, (int) (32768 / Math.max(1, red.total()))), (offs, n) -> {
      int outOff = offs[0];
      int inOff = offs[1];
      double[] acc = new double[n];
      java.util.Arrays.fill(acc, ReduceKernels.identity(op));
      red.forEachSerial((roffs, m) -> {
        for (int j = 0; j < m; j++) {
          int row = inOff + roffs[0] + j * rs;
          if (dtype == DType.FLOAT32) fold(op, (float[]) a, row, acc, n);
          else fold(op, (double[]) a, row, acc, n);
        }
      });
      if (dtype == DType.FLOAT32) {
        float[] out = (float[]) o;
        for (int i = 0; i < n; i++) out[outOff + i] = (float) acc[i];
      } else {
        System.arraycopy(acc, 0, o, outOff, n);
      }
    });
  }

  private static void fold(ReduceOp op, float[] a, int row, double[] acc, int n) {
    switch (op) {
      case SUM -> { for (int i = 0; i < n; i++) acc[i] += a[row + i]; }
      case MAX -> { for (int i = 0; i < n; i++) acc[i] = Math.max(acc[i], a[row + i]); }
      case MIN -> { for (int i = 0; i < n; i++) acc[i] = Math.min(acc[i], a[row + i]); }
      default -> throw new IllegalStateException(op + " is not an outer reduction");
    }
  }

  private static void fold(ReduceOp op, double[] a, int row, double[] acc, int n) {
    switch (op) {
      case SUM -> { for (int i = 0; i < n; i++) acc[i] += a[row + i]; }
      case MAX -> { for (int i = 0; i < n; i++) acc[i] = Math.max(acc[i], a[row + i]); }
      case MIN -> { for (int i = 0; i < n; i++) acc[i] = Math.min(acc[i], a[row + i]); }
      default -> throw new IllegalStateException(op + " is not an outer reduction");
    }
  }
}
