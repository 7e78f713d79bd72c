package io.frontier.tensor.cpu;

import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.BlockedLu;
import io.frontier.tensor.cpu.gemm.Gemm;

/**
 * The CPU backend's two steps of {@link BlockedLu}: a panel's LU with partial pivoting and the row
 * swaps (laswp). The panel is copied column-major into a float64 buffer (LAPACK's own layout: the
 * pivot search, the scaling and the updates then walk contiguous columns, where the row-major
 * matrix would take a cache line per row) and factored by getrf2's recursion down to {@link #LEAF}
 * columns, whose products run on {@link Gemm}; a float32 panel is factored in float64 and rounded
 * once. The same pivoting as linalg.cu's kernels: the first row of the largest {@code |a[i][c]|},
 * a NaN never chosen, a column without a non-zero pivot skipped (no swap) and recorded in {@code
 * info}. (The recursion's products carry a skipped NaN column's NaNs into the rest of the panel,
 * where linalg_lu_panel leaves them; such a matrix is reported singular either way.)
 */
final class CpuLuSteps implements BlockedLu.Steps {
  static final CpuLuSteps INSTANCE = new CpuLuSteps();

  private CpuLuSteps() {}

  @Override
  public void factorPanel(Tensor lu, int k, int width, Tensor pivots, Tensor info) {
    MatrixBatch m = new MatrixBatch("lu", lu);
    int n = m.rows, rows = n - k;
    long[] piv = ((CpuStorage) pivots.storage()).longs();
    long[] inf = ((CpuStorage) info.storage()).longs();
    MatrixBatch.forEach(m.count, (long) rows * width * width / 2, (start, end) -> {
      double[] panel = new double[rows * width];
      double[] d = m.isFloat64() ? m.doubles() : null;
      float[] f = d == null ? m.floats() : null;
      for (int z = start; z < end; z++) {
        int corner = m.start(z) + k * n + k;
        // the panel column-major: column c of its rows at panel[c * rows, (c + 1) * rows)
        for (int i = 0; i < rows; i++) {
          for (int c = 0; c < width; c++) panel[c * rows + i] = d != null ? d[corner + i * n + c] : f[corner + i * n + c];
        }
        long order = factorColumnMajor(panel, rows, 0, width, width, piv, pivots.storageOffset() + z * n + k, k);
        int infoAt = info.storageOffset() + z;
        if (order != 0 && inf[infoAt] == 0) inf[infoAt] = order;
        for (int i = 0; i < rows; i++) {
          for (int c = 0; c < width; c++) {
            if (d != null) d[corner + i * n + c] = panel[c * rows + i];
            else f[corner + i * n + c] = (float) panel[c * rows + i];
          }
        }
      }
    });
  }

  /** Panels this wide or narrower are factored column by column; wider ones split in two (getrf2's recursion). */
  static final int LEAF = 8;

  /**
   * LAPACK getrf2 on columns {@code [c0, c0 + width)} of a column-major panel of {@code rows} rows
   * and {@code panelWidth} columns (the diagonal of column c is row c): factor the left half,
   * solve its unit-lower block against the right half's top rows, take their product off the right
   * half's lower rows with {@link Gemm} (most of a panel's multiply-adds), factor the right half.
   * Every row swap applies across the whole panel at once, so both halves see them in order.
   * Pivots go to {@code piv[pivotAt + c]} as rows of the matrix ({@code + first}).
   *
   * @return the matrix order (c + first + 1) of the first zero pivot column, or 0
   */
  private static long factorColumnMajor(double[] a, int rows, int c0, int width, int panelWidth, long[] piv, int pivotAt, int first) {
    if (width <= LEAF) return leaf(a, rows, c0, width, panelWidth, piv, pivotAt, first);
    int h = width / 2, right = c0 + h, rw = width - h;
    long order = factorColumnMajor(a, rows, c0, h, panelWidth, piv, pivotAt, first);
    // A12 = L11^-1 A12 (rows c0..right-1 of columns right..), L11 unit lower: axpys down L11's columns
    for (int c = right; c < right + rw; c++) {
      for (int t = c0; t < right - 1; t++) {
        double x = a[c * rows + t];
        for (int i = t + 1; i < right; i++) a[c * rows + i] -= x * a[t * rows + i];
      }
    }
    // A22 -= A21 A12, as A22^T += (-A12)^T A21^T, whose rows are the column-major panel's columns
    int below = rows - right;
    if (below > 0) {
      double[] negA12t = new double[rw * h];
      for (int c = 0; c < rw; c++) {
        for (int t = 0; t < h; t++) negA12t[c * h + t] = -a[(right + c) * rows + c0 + t];
      }
      Gemm.dgemm(rw, below, h, negA12t, 0, h, 1, a, c0 * rows + right, rows, 1, a, right * rows + right, rows, true, false);
    }
    long rightOrder = factorColumnMajor(a, rows, right, rw, panelWidth, piv, pivotAt, first);
    return order != 0 ? order : rightOrder;
  }

  /** Columns [c0, c0 + width) one by one: pivot, swap across the panel, scale, update within these columns. */
  private static long leaf(double[] a, int rows, int c0, int width, int panelWidth, long[] piv, int pivotAt, int first) {
    long order = 0;
    for (int c = c0; c < c0 + width; c++) {
      int col = c * rows, p = -1;
      double best = 0;
      for (int i = c; i < rows; i++) {
        double x = Math.abs(a[col + i]);
        if (x > best) { // rows ascend: a later equal value never wins; NaN never does
          best = x;
          p = i;
        }
      }
      if (p < 0) {
        piv[pivotAt + c] = first + c;
        if (order == 0) order = first + c + 1;
        continue;
      }
      piv[pivotAt + c] = first + p;
      if (p != c) {
        for (int j = 0; j < panelWidth; j++) {
          double t = a[j * rows + c];
          a[j * rows + c] = a[j * rows + p];
          a[j * rows + p] = t;
        }
      }
      double pivot = a[col + c];
      for (int i = c + 1; i < rows; i++) a[col + i] /= pivot;
      for (int j = c + 1; j < c0 + width; j++) {
        double x = a[j * rows + c];
        for (int i = c + 1; i < rows; i++) a[j * rows + i] -= x * a[col + i];
      }
    }
    return order;
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
