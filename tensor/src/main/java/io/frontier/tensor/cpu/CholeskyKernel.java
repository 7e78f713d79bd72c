package io.frontier.tensor.cpu;

import io.frontier.tensor.Tensor;

/**
 * Batched Cholesky factorisation {@code A = L L^T}, our own code rather than EJML's: EJML reports
 * only that a matrix is not positive definite, while torch (and a Gaussian-process user adding
 * jitter) wants the order of the first leading minor that fails. The row-by-row
 * Cholesky–Banachiewicz form reads only the lower triangle of A and walks both factors along
 * contiguous rows, which suits row-major storage and the small matrices of Gaussian processes.
 *
 * <p>float32 inputs are factorised in float64 and rounded once at the end, so a float32 matrix that
 * is positive definite only to within float32 rounding may factor here where torch would refuse it.
 */
final class CholeskyKernel {
  private CholeskyKernel() {}

  static void cholesky(Tensor a, boolean upper, Tensor out) {
    MatrixBatch in = new MatrixBatch("cholesky", a);
    MatrixBatch res = new MatrixBatch("cholesky", out);
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
        if (order != 0) {
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
    for (int i = 0; i < n; i++) {
      int rowI = lOff + i * n;
      for (int j = 0; j <= i; j++) {
        int rowJ = lOff + j * n;
        double s = a[aOff + i * n + j];
        for (int k = 0; k < j; k++) s -= l[rowI + k] * l[rowJ + k];
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
