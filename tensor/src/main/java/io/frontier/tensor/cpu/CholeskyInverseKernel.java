package io.frontier.tensor.cpu;

import io.frontier.tensor.Tensor;
import io.frontier.tensor.cpu.gemm.Gemm;
import java.util.Arrays;

/**
 * {@code A⁻¹ = (L Lᵀ)⁻¹ = Xᵀ X} with {@code X = L⁻¹} from a lower Cholesky factor, as LAPACK's
 * {@code potri}: about {@code 2n³/3} multiply-adds, against {@code 2n³} for solving {@code A X = I}
 * with the factor. Both halves keep to the triangles that are not zero:
 * <ul>
 *   <li>block column J of X solves the trailing system {@code L[J:, J:] X[J:, J] = I[J:, J]}, its
 *       rows above J being zero (blocked triangular solves, GEMM for most of the work);</li>
 *   <li>block {@code (I, J)}, {@code J ≤ I}, of the result is {@code Σ_{p ≥ I} X[p, I]ᵀ X[p, J]}, one
 *       GEMM over the rows where both block columns of X can be non-zero; the upper triangle is
 *       then mirrored from the lower one, so the result is exactly symmetric.</li>
 * </ul>
 * Only the lower triangle of L is read. float32 is computed in float64 and rounded once.
 */
final class CholeskyInverseKernel {
  private static final int BLOCK = 128;

  private CholeskyInverseKernel() {}

  static void choleskyInverse(Tensor factor, Tensor out) {
    MatrixBatch in = new MatrixBatch("choleskyInverse", factor);
    MatrixBatch res = new MatrixBatch("choleskyInverse", out);
    int n = in.rows;
    long flops = 2L * n * n * n / 3;
    MatrixBatch.forEach(in.count, flops, (start, end) -> {
      boolean f64 = in.isFloat64();
      double[] lWide = f64 ? null : new double[n * n];
      double[] outWide = f64 ? null : new double[n * n];
      for (int i = start; i < end; i++) {
        if (f64) {
          invert(in.doubles(), in.start(i), res.doubles(), res.start(i), n);
        } else {
          in.widen(i, lWide);
          invert(lWide, 0, outWide, 0, n);
          res.narrow(outWide, i);
        }
      }
    });
  }

  /** Writes {@code (L Lᵀ)⁻¹} for the n×n lower factor at {@code l[lOff]} to {@code out[outOff]}. */
  static void invert(double[] l, int lOff, double[] out, int outOff, int n) {
    double[] x = new double[n * n];
    double[] rhs = new double[n * Math.min(BLOCK, n)];
    for (int j0 = 0; j0 < n; j0 += BLOCK) {
      int b = Math.min(BLOCK, n - j0);
      int m = n - j0;
      Arrays.fill(rhs, 0, m * b, 0.0);
      for (int c = 0; c < b; c++) rhs[c * b + c] = 1.0;
      TriangularSolveKernel.solveLeftStrided(l, lOff + j0 * n + j0, n, m, rhs, 0, b, false, false);
      for (int r = 0; r < m; r++) System.arraycopy(rhs, r * b, x, (j0 + r) * n + j0, b);
    }
    for (int i0 = 0; i0 < n; i0 += BLOCK) {
      int h = Math.min(BLOCK, n - i0);
      for (int j0 = 0; j0 <= i0; j0 += BLOCK) {
        int b = Math.min(BLOCK, n - j0);
        Gemm.dgemm(h, b, n - i0, x, i0 * n + i0, 1, n, x, i0 * n + j0, n, 1, out, outOff + i0 * n + j0, n, false, true);
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) out[outOff + i * n + j] = out[outOff + j * n + i];
    }
  }
}
