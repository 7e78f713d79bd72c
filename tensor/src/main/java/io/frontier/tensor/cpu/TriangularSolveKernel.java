package io.frontier.tensor.cpu;

import io.frontier.tensor.Tensor;
import io.frontier.tensor.cpu.gemm.Gemm;

/**
 * Batched triangular solves by substitution, our own code: it is a few loops, it must read only
 * one triangle of A (and not its diagonal when unitriangular), and EJML's
 * {@code TriangularSolver_DDRM} has neither a unit-diagonal nor a right-side ({@code X A = B})
 * variant. As in torch, a zero on the diagonal is not an error; it yields infinities or NaNs.
 *
 * <p>Every loop runs along contiguous rows of X and A. float32 is solved in float64 and rounded once.
 * Left solves of order above {@link #INNER_BLOCK} with at least {@link #BLOCKED_MIN_COLUMNS}
 * right-hand sides are blocked (as LAPACK's {@code trsm}): each block of rows first has the share of
 * the rows already solved taken off by one {@link Gemm#dgemm}, then is solved the same way in
 * smaller blocks, so most of the {@code n²k} multiply-adds run at GEMM speed (the inverse of a
 * 1000×1000 triangle: about 25 ms instead of 250 ms).
 */
final class TriangularSolveKernel {
  private TriangularSolveKernel() {}

  static void solveTriangular(Tensor a, Tensor b, boolean upper, boolean left, boolean unitriangular, Tensor out) {
    MatrixBatch as = new MatrixBatch("solveTriangular", a);
    MatrixBatch bs = new MatrixBatch("solveTriangular", b);
    MatrixBatch xs = new MatrixBatch("solveTriangular", out);
    int n = as.rows;
    long flops = (long) n * n * (left ? bs.cols : bs.rows);
    MatrixBatch.forEach(xs.count, flops, (start, end) -> {
      boolean f64 = as.isFloat64();
      double[] aWide = f64 ? null : new double[as.size()];
      double[] xWide = f64 ? null : new double[bs.size()];
      for (int i = start; i < end; i++) {
        if (f64) {
          System.arraycopy(bs.doubles(), bs.start(i), xs.doubles(), xs.start(i), bs.size());
          solveInPlace(as.doubles(), as.start(i), n, xs.doubles(), xs.start(i), bs.rows, bs.cols, upper, left, unitriangular);
        } else {
          as.widen(i, aWide);
          bs.widen(i, xWide);
          solveInPlace(aWide, 0, n, xWide, 0, bs.rows, bs.cols, upper, left, unitriangular);
          xs.narrow(xWide, i);
        }
      }
    });
  }

  /**
   * Overwrites X ({@code rows × cols} at {@code x[xOff]}, holding B on entry) with the solution of
   * {@code A X = B} (left, rows = n) or {@code X A = B} (right, cols = n) for the n×n triangular A
   * at {@code a[aOff]}.
   */
  static void solveInPlace(
      double[] a, int aOff, int n, double[] x, int xOff, int rows, int cols, boolean upper, boolean left, boolean unit) {
    if (left) {
      solveLeftStrided(a, aOff, n, n, x, xOff, cols, upper, unit);
    } else {
      for (int r = 0; r < rows; r++) solveRightRow(a, aOff, n, x, xOff + r * cols, upper, unit);
    }
  }

  static final int BLOCK = 128;
  /** Rows per block inside a {@link #BLOCK}-row diagonal block: only these are solved by substitution. */
  static final int INNER_BLOCK = 16;
  static final int BLOCKED_MIN_COLUMNS = 16;

  /**
   * {@code A X = B} in place for the n×n triangle A at {@code a[aOff]} with row stride {@code lda}
   * (a trailing block of a larger matrix when {@code lda > n}) and X {@code (n, k)} contiguous.
   */
  static void solveLeftStrided(double[] a, int aOff, int lda, int n, double[] x, int xOff, int k, boolean upper, boolean unit) {
    if (n > INNER_BLOCK && k >= BLOCKED_MIN_COLUMNS) {
      solveLeftBlocked(a, aOff, lda, n, x, xOff, k, upper, unit, n > BLOCK ? BLOCK : INNER_BLOCK);
    } else {
      solveLeft(a, aOff, lda, n, x, xOff, k, upper, unit);
    }
  }

  /**
   * The blocked form of {@link #solveLeft}: GEMM for the solved rows' share, then the diagonal block,
   * itself blocked in {@link #INNER_BLOCK} rows. The substitution loop does not vectorise (its two
   * rows of X share one array, which JDK 17's C2 cannot prove apart), so it is kept to the
   * {@code n · 16 / 2 · k} multiply-adds of the innermost diagonal blocks.
   */
  private static void solveLeftBlocked(double[] a, int aOff, int lda, int n, double[] x, int xOff, int k, boolean upper, boolean unit, int block) {
    double[] negA = new double[block * n];
    double[] diag = new double[block * block];
    for (int step = 0; step < n; step += block) {
      int h = Math.min(block, n - step);
      int i0 = upper ? n - step - h : step;
      int solvedFrom = upper ? i0 + h : 0;
      int solved = upper ? n - i0 - h : i0;
      if (solved > 0) {
        for (int r = 0; r < h; r++) {
          int src = aOff + (i0 + r) * lda + solvedFrom;
          for (int c = 0; c < solved; c++) negA[r * solved + c] = -a[src + c];
        }
        Gemm.dgemm(h, k, solved, negA, 0, solved, 1, x, xOff + solvedFrom * k, k, 1, x, xOff + i0 * k, k, true, true);
      }
      for (int r = 0; r < h; r++) System.arraycopy(a, aOff + (i0 + r) * lda + i0, diag, r * h, h);
      solveLeftStrided(diag, 0, h, h, x, xOff + i0 * k, k, upper, unit);
    }
  }

  /** Row i of X is {@code (B_i - sum_j A_ij X_j) / A_ii} over the already solved rows j. */
  private static void solveLeft(double[] a, int aOff, int lda, int n, double[] x, int xOff, int k, boolean upper, boolean unit) {
    for (int step = 0; step < n; step++) {
      int i = upper ? n - 1 - step : step;
      int rowA = aOff + i * lda;
      int rowX = xOff + i * k;
      int jFrom = upper ? i + 1 : 0;
      int jTo = upper ? n : i;
      for (int j = jFrom; j < jTo; j++) {
        double aij = a[rowA + j];
        int rowXj = xOff + j * k;
        for (int c = 0; c < k; c++) x[rowX + c] -= aij * x[rowXj + c];
      }
      if (!unit) {
        double aii = a[rowA + i];
        for (int c = 0; c < k; c++) x[rowX + c] /= aii;
      }
    }
  }

  /**
   * One row x of {@code x A = b}: once x_j is final, its share {@code x_j A_j.} is taken off the
   * entries still to solve (later ones for upper A, earlier ones for lower A).
   */
  private static void solveRightRow(double[] a, int aOff, int n, double[] x, int rowX, boolean upper, boolean unit) {
    for (int step = 0; step < n; step++) {
      int j = upper ? step : n - 1 - step;
      int rowA = aOff + j * n;
      if (!unit) x[rowX + j] /= a[rowA + j];
      double xj = x[rowX + j];
      if (xj == 0.0) continue; // as BLAS trsm: a zero needs no update (e.g. columns of an identity B)
      int lFrom = upper ? j + 1 : 0;
      int lTo = upper ? n : j;
      for (int l = lFrom; l < lTo; l++) x[rowX + l] -= xj * a[rowA + l];
    }
  }
}
