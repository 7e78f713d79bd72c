package io.frontier.tensor.cpu;

import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.BlockedLu;

/**
 * The CPU backend's two steps of {@link BlockedLu}: a panel's LU with partial pivoting (getf2),
 * walking the panel's rows, whose columns are contiguous, and the row swaps (laswp). The same
 * pivoting as linalg.cu's kernels: the first row of the largest {@code |a[i][c]|}, a NaN never
 * chosen, a column without a non-zero pivot skipped (no swap) and recorded in {@code info}.
 */
final class CpuLuSteps implements BlockedLu.Steps {
  static final CpuLuSteps INSTANCE = new CpuLuSteps();

  private CpuLuSteps() {}

  @Override
  public void factorPanel(Tensor lu, int k, int width, Tensor pivots, Tensor info) {
    MatrixBatch m = new MatrixBatch("lu", lu);
    int n = m.rows;
    long[] piv = ((CpuStorage) pivots.storage()).longs();
    long[] inf = ((CpuStorage) info.storage()).longs();
    MatrixBatch.forEach(m.count, (long) (n - k) * width * width / 2, (start, end) -> {
      for (int z = start; z < end; z++) {
        int pivotAt = pivots.storageOffset() + z * n;
        int infoAt = info.storageOffset() + z;
        if (m.isFloat64()) panelF64(m.doubles(), m.start(z), n, k, width, piv, pivotAt, inf, infoAt);
        else panelF32(m.floats(), m.start(z), n, k, width, piv, pivotAt, inf, infoAt);
      }
    });
  }

  private static void panelF64(double[] a, int off, int n, int k, int width, long[] piv, int pivotAt, long[] info, int infoAt) {
    int end = k + width;
    for (int c = k; c < end; c++) {
      int p = -1;
      double best = 0;
      for (int i = c; i < n; i++) {
        double x = Math.abs(a[off + i * n + c]);
        if (x > best) { // rows ascend: a later equal value never wins; NaN never does
          best = x;
          p = i;
        }
      }
      if (p < 0) {
        piv[pivotAt + c] = c;
        if (info[infoAt] == 0) info[infoAt] = c + 1;
        continue;
      }
      piv[pivotAt + c] = p;
      if (p != c) swapSegment(a, off + c * n, off + p * n, k, end);
      int top = off + c * n;
      double pivot = a[top + c];
      for (int i = c + 1; i < n; i++) {
        int row = off + i * n;
        double l = a[row + c] /= pivot;
        for (int col = c + 1; col < end; col++) a[row + col] -= l * a[top + col];
      }
    }
  }

  private static void panelF32(float[] a, int off, int n, int k, int width, long[] piv, int pivotAt, long[] info, int infoAt) {
    int end = k + width;
    for (int c = k; c < end; c++) {
      int p = -1;
      float best = 0;
      for (int i = c; i < n; i++) {
        float x = Math.abs(a[off + i * n + c]);
        if (x > best) {
          best = x;
          p = i;
        }
      }
      if (p < 0) {
        piv[pivotAt + c] = c;
        if (info[infoAt] == 0) info[infoAt] = c + 1;
        continue;
      }
      piv[pivotAt + c] = p;
      if (p != c) swapSegment(a, off + c * n, off + p * n, k, end);
      int top = off + c * n;
      float pivot = a[top + c];
      for (int i = c + 1; i < n; i++) {
        int row = off + i * n;
        float l = a[row + c] /= pivot;
        for (int col = c + 1; col < end; col++) a[row + col] -= l * a[top + col];
      }
    }
  }

  @Override
  public void swapRows(Tensor m, Tensor pivots, int k, int width, int skipFrom, int skipCount) {
    MatrixBatch b = new MatrixBatch("lu", m);
    int cols = b.cols, pivotRow = pivots.size(1);
    long[] piv = ((CpuStorage) pivots.storage()).longs();
    MatrixBatch.forEach(b.count, (long) width * cols, (start, end) -> {
      for (int z = start; z < end; z++) {
        int off = b.start(z);
        for (int j = k; j < k + width; j++) {
          int p = (int) piv[pivots.storageOffset() + z * pivotRow + j];
          if (p == j) continue;
          int rowJ = off + j * cols, rowP = off + p * cols;
          if (b.isFloat64()) {
            swapSegment(b.doubles(), rowJ, rowP, 0, skipFrom);
            swapSegment(b.doubles(), rowJ, rowP, skipFrom + skipCount, cols);
          } else {
            swapSegment(b.floats(), rowJ, rowP, 0, skipFrom);
            swapSegment(b.floats(), rowJ, rowP, skipFrom + skipCount, cols);
          }
        }
      }
    });
  }

  /** Swaps elements [from, to) of the rows starting at {@code r} and {@code s}. */
  private static void swapSegment(double[] a, int r, int s, int from, int to) {
    for (int c = from; c < to; c++) {
      double t = a[r + c];
      a[r + c] = a[s + c];
      a[s + c] = t;
    }
  }

  private static void swapSegment(float[] a, int r, int s, int from, int to) {
    for (int c = from; c < to; c++) {
      float t = a[r + c];
      a[r + c] = a[s + c];
      a[s + c] = t;
    }
  }
}
