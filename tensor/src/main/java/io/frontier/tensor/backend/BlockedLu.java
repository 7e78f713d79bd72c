package io.frontier.tensor.backend;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;

/**
 * LU with partial pivoting ({@code P A = L U}) of large matrices from a backend's small steps, in
 * LAPACK getrf's right-looking blocked order: for each panel of {@code block} columns, factor the
 * panel over all rows below its top ({@link Steps#factorPanel}: getf2), apply its row swaps to the
 * columns left and right of it ({@link Steps#swapRows}: laswp), solve {@code U12 = L11^-1 A12}
 * (a unit-lower triangular solve) and take {@code L21 U12} off the trailing matrix with one matrix
 * product, where almost all of the {@code 2 n^3 / 3} multiply-adds then run. Then {@link #solve}
 * and {@link #slogdet} from the factors, as the unblocked kernels give them: the pivots are
 * LAPACK's (row {@code j} swapped with row {@code pivots[j]}, 0-based, in order), a zero pivot
 * column is skipped and its order {@code j + 1} recorded in {@code info} (getrf's test: an exact
 * zero).
 *
 * <p>Every step is an op on views of the factors, on their device, with nothing read back to the
 * host.
 */
public final class BlockedLu {
  private BlockedLu() {}

  /** The two steps a backend runs itself (CUDA: linalg_lu_panel and linalg_lu_swap). */
  public interface Steps {
    /**
     * Factors columns {@code [k, k + width)} of rows {@code [k, n)} of every matrix of the
     * contiguous {@code lu (B, n, n)} in place, pivoting over those rows and swapping within those
     * columns only; writes each column's pivot row to {@code pivots[z][c]} (INT64 {@code (B, n)},
     * a row of the whole matrix; {@code c} itself for a zero column) and the first zero column's
     * order {@code c + 1} to {@code info[z]} where it is still 0.
     */
    void factorPanel(Tensor lu, int k, int width, Tensor pivots, Tensor info);

    /**
     * For {@code j = k, ..., k + width - 1} in order, swaps rows {@code j} and {@code pivots[z][j]}
     * of every matrix of the contiguous {@code m (B, rows, cols)}, in its columns outside
     * {@code [skipFrom, skipFrom + skipCount)}.
     */
    void swapRows(Tensor m, Tensor pivots, int k, int width, int skipFrom, int skipCount);
  }

  /**
   * Factors the contiguous {@code lu (B, n, n)} (holding A) in place: L's multipliers below the
   * diagonal, U on and above it.
   *
   * @param pivots INT64 {@code (B, n)}, written
   * @param info INT64 {@code (B)}, written: 0, or the order of the first zero pivot column
   * @param block the panels' width, at least 1
   */
  public static void factor(Tensor lu, Tensor pivots, Tensor info, int block, Steps steps, Linalg linalg, MatrixProduct product) {
    if (block < 1) throw new IllegalArgumentException("BlockedLu: block width must be at least 1, got " + block);
    int batch = lu.size(0), n = lu.size(1);
    info.fill_(0.0);
    if (batch == 0 || n == 0) return;
    for (int k = 0; k < n; k += block) {
      int width = Math.min(block, n - k), rest = n - k - width;
      steps.factorPanel(lu, k, width, pivots, info);
      steps.swapRows(lu, pivots, k, width, k, width);
      if (rest == 0) break;
      // U12 = L11^-1 A12, then A22 -= L21 U12
      Tensor l11 = lu.narrow(1, k, width).narrow(2, k, width).contiguous();
      Tensor a12 = lu.narrow(1, k, width).narrow(2, k + width, rest);
      Tensor u12 = a12.contiguous();
      linalg.solveTriangular(l11, u12, false, true, true, u12);
      a12.copy_(u12);
      product.subtractFrom(lu.narrow(1, k + width, rest).narrow(2, k + width, rest), lu.narrow(1, k + width, rest).narrow(2, k, width), u12);
    }
  }

  /** Overwrites the contiguous {@code x (B, n, cols)} (holding B) with {@code A^-1 B} from {@link #factor}'s factors and pivots. */
  public static void solve(Tensor lu, Tensor pivots, Tensor x, Steps steps, Linalg linalg) {
    int n = lu.size(1);
    if (lu.size(0) == 0 || n == 0 || x.size(2) == 0) return;
    steps.swapRows(x, pivots, 0, n, 0, 0);
    linalg.solveTriangular(lu, x, false, true, true, x);
    linalg.solveTriangular(lu, x, true, true, false, x);
  }

  /**
   * {@code sign} and {@code log|det A|} ({@code (B, 1, 1)}, lu's dtype) from {@link #factor}'s
   * factors: the pivots' parity times the signs of U's diagonal, and the sum of {@code log |u_jj|}
   * in float64 (0 and -inf for a singular matrix).
   */
  public static void slogdet(Tensor lu, Tensor pivots, Tensor sign, Tensor logAbsDet) {
    int batch = lu.size(0), n = lu.size(1);
    if (batch == 0) return;
    Tensor diagonal = lu.diagonal(0, 1, 2).to(DType.FLOAT64);
    Tensor unmoved = Tensor.arange(0, n, 1).to(lu.device());
    Tensor swaps = pivots.ne(unmoved).to(DType.INT64).sum(1);
    Tensor parity = swaps.remainder(2L).to(DType.FLOAT64).mul(-2.0).add(1.0);
    Tensor signs = diagonal.sign().prod(1, false).mul(parity);
    sign.copy_(signs.reshape(batch, 1, 1).to(sign.dtype()));
    logAbsDet.copy_(diagonal.abs().log().sum(1).reshape(batch, 1, 1).to(logAbsDet.dtype()));
  }
}
