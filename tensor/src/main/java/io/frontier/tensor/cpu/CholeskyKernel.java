package io.frontier.tensor.cpu;

import io.frontier.tensor.Tensor;
import io.frontier.tensor.cpu.gemm.Gemm;

/**
 * Batched Cholesky factorisation {@code A = L L^T}, our own code rather than EJML's: EJML reports
 * only that a matrix is not positive definite, while torch (and a Gaussian-process user adding
 * jitter) wants the order of the first leading minor that fails. The row-by-row
 * Cholesky–Banachiewicz form reads only the lower triangle of A and walks both factors along
 * contiguous rows, which suits row-major storage and the small matrices of Gaussian processes.
 *
 * <p>From {@link #BLOCKED_FROM} rows on, the factorisation is blocked (LAPACK's right-looking
 * {@code potrf}): factor a {@link #BLOCK}-wide diagonal block with the row-by-row loop, solve the
 * panel below it against that block, and take the panel's outer product off the trailing matrix
 * with {@link Gemm#dgemm}, where almost all of the {@code n³/3} multiply-adds then happen at GEMM
 * speed (n = 1000: about 22 ms instead of 70–150 ms on the project machine). The failing leading minor is still reported.
 *
 * <p>float32 inputs are factorised in float64 and rounded once at the end, so a float32 matrix that
 * is positive definite only to within float32 rounding may factor here where torch would refuse it.
 */
final class CholeskyKernel {
  private CholeskyKernel() {}

  static void cholesky(Tensor a, boolean upper, Tensor out) {
    factor(a, upper, out, null);
  }

  /**
   * {@link io.frontier.tensor.backend.Linalg#choleskyEx}: the lower factors, and each matrix's
   * failing order (0 when it factors) in {@code info} (INT64 (B)) instead of an exception.
   */
  static void choleskyEx(Tensor a, Tensor out, Tensor info) {
    factor(a, false, out, info);
  }

  /** The factors; a matrix that does not factor throws, or with {@code info} has its order written there. */
  private static void factor(Tensor a, boolean upper, Tensor out, Tensor info) {
    MatrixBatch in = new MatrixBatch("cholesky", a);
    MatrixBatch res = new MatrixBatch("cholesky", out);
    long[] infos = info == null ? null : ((CpuStorage) info.storage()).longs();
    int n = in.rows;
    long flops = (long) n * n * n / 3;
    MatrixBatch.forEach(in.count, flops, (start, end) -> {
      boolean f64 = in.isFloat64();
      double[] l = f64 && !upper ? null : new double[n * n];
      double[] aWide = f64 ? null : new double[n * n];
      for (int i = start; i < end; i++) {
        int order;
        if (f64) {
          // The lower factor goes straight into the output; the upper one is transposed into it.
          double[] target = upper ? l : res.doubles();
          int targetOffset = upper ? 0 : res.start(i);
          order = factorLower(in.doubles(), in.start(i), target, targetOffset, n);
          if (order == 0 && upper) transposeInto(l, res.doubles(), res.start(i), n);
        } else {
          in.widen(i, aWide);
          order = factorLower(aWide, 0, l, 0, n);
          if (order == 0) {
            if (upper) transposeInPlace(l, n);
            res.narrow(l, i);
          }
        }
        if (infos != null) {
          infos[info.storageOffset() + i] = order;
        } else if (order != 0) {
          throw new ArithmeticException(
              MatrixBatch.where("cholesky", in.count, i)
                  + ": the factorization could not be completed because the input is not positive-definite (the leading minor of order "
                  + order + " is not positive-definite)");
        }
      }
    });
  }

  /**
   * Writes the lower Cholesky factor of the n×n matrix at {@code a[aOff]} (lower triangle read) to
   * {@code l[lOff]}, zeroing its strict upper triangle.
   *
   * @return 0 on success, else the 1-based order of the first leading minor that is not positive
   *     definite (a NaN pivot counts as failure, as in LAPACK's potrf)
   */
  static int factorLower(double[] a, int aOff, double[] l, int lOff, int n) {
    return n >= BLOCKED_FROM ? factorLowerBlocked(a, aOff, l, lOff, n) : factorLowerUnblocked(a, aOff, l, lOff, n);
  }

  /** Width of the diagonal blocks; the trailing update's GEMM has this inner dimension. */
  static final int BLOCK = 128;
  /** Matrix order from which the blocked form pays for its GEMM calls. */
  static final int BLOCKED_FROM = 2 * BLOCK;

  static int factorLowerUnblocked(double[] a, int aOff, double[] l, int lOff, int n) {
    for (int i = 0; i < n; i++) {
      int rowI = lOff + i * n;
      for (int j = 0; j <= i; j++) {
        int rowJ = lOff + j * n;
        double s = a[aOff + i * n + j] - dot(l, rowI, rowJ, j);
        if (j < i) {
          l[rowI + j] = s / l[rowJ + j];
        } else if (s > 0) {
          l[rowI + i] = Math.sqrt(s);
        } else {
          return i + 1;
        }
      }
      for (int j = i + 1; j < n; j++) l[rowI + j] = 0.0;
    }
    return 0;
  }

  /**
   * The blocked form of {@link #factorLower}: the lower triangle of A is copied into L, which is then
   * overwritten block column by block column. Entries above the diagonal that the trailing updates
   * write inside diagonal blocks are zeroed at the end.
   */
  static int factorLowerBlocked(double[] a, int aOff, double[] l, int lOff, int n) {
    for (int i = 0; i < n; i++) System.arraycopy(a, aOff + i * n, l, lOff + i * n, i + 1);
    int maxBelow = n - Math.min(BLOCK, n);
    double[] panel = new double[maxBelow * BLOCK];
    double[] negPanel = new double[maxBelow * BLOCK];
    double[] l11 = new double[BLOCK * BLOCK];
    for (int k0 = 0; k0 < n; k0 += BLOCK) {
      int b = Math.min(BLOCK, n - k0);
      int order = factorDiagonalBlock(l, lOff + k0 * n + k0, n, b);
      if (order != 0) return k0 + order;
      int first = k0 + b;
      int below = n - first;
      if (below == 0) break;
      // Panel L21 = A21 L11^{-T}, solved transposed (L11 Y = A21^T, Y = L21^T of shape b × below)
      // so that the substitution runs along rows of length `below`, which vectorise.
      for (int r = 0; r < below; r++) {
        int src = lOff + (first + r) * n + k0;
        for (int p = 0; p < b; p++) panel[p * below + r] = l[src + p];
      }
      for (int p = 0; p < b; p++) System.arraycopy(l, lOff + (k0 + p) * n + k0, l11, p * b, b);
      TriangularSolveKernel.solveInPlace(l11, 0, b, panel, 0, b, below, false, true, false);
      for (int r = 0; r < below; r++) {
        int dst = lOff + (first + r) * n + k0;
        for (int p = 0; p < b; p++) l[dst + p] = panel[p * below + r];
      }
      for (int q = 0; q < b * below; q++) negPanel[q] = -panel[q];
      // Trailing update A22 -= L21 L21^T, by row blocks so that only the lower part (plus the
      // diagonal blocks' upper halves) is computed: C(r, j) += sum_p (-Y(p, r)) Y(p, j).
      for (int r0 = 0; r0 < below; r0 += BLOCK) {
        int h = Math.min(BLOCK, below - r0);
        Gemm.dgemm(h, r0 + h, b, negPanel, r0, 1, below, panel, 0, below, 1,
            l, lOff + (first + r0) * n + first, n, true, true);
      }
    }
    for (int i = 0; i < n; i++) java.util.Arrays.fill(l, lOff + i * n + i + 1, lOff + (i + 1) * n, 0.0);
    return 0;
  }

  /** Factors the b×b block at {@code l[off]} (row stride ld) in place, reading its lower triangle; 0 or the failing order. */
  private static int factorDiagonalBlock(double[] l, int off, int ld, int b) {
    for (int i = 0; i < b; i++) {
      int rowI = off + i * ld;
      for (int j = 0; j <= i; j++) {
        int rowJ = off + j * ld;
        double s = l[rowI + j] - dot(l, rowI, rowJ, j);
        if (j < i) {
          l[rowI + j] = s / l[rowJ + j];
        } else if (s > 0) {
          l[rowI + i] = Math.sqrt(s);
        } else {
          return i + 1;
        }
      }
    }
    return 0;
  }

  private static final boolean VECTOR = VectorSupport.available();

  /** Rows r and s of l dotted over their first {@code len} entries: the Vector API's FMAs past a few lanes, a loop below. */
  private static double dot(double[] l, int r, int s, int len) {
    if (VECTOR && len >= 16) return VectorReductions.dotF64(l, r, l, s, len);
    double sum = 0;
    for (int k = 0; k < len; k++) sum += l[r + k] * l[s + k];
    return sum;
  }

  private static void transposeInto(double[] src, double[] dst, int dstOff, int n) {
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) dst[dstOff + r * n + c] = src[c * n + r];
    }
  }

  private static void transposeInPlace(double[] m, int n) {
    for (int r = 0; r < n; r++) {
      for (int c = r + 1; c < n; c++) {
        double t = m[r * n + c];
        m[r * n + c] = m[c * n + r];
        m[c * n + r] = t;
      }
    }
  }
}
