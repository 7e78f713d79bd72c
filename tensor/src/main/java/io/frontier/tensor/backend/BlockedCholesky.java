package io.frontier.tensor.backend;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;

/**
 * The Cholesky factor of large matrices from a backend's small steps, in LAPACK potrf's
 * right-looking blocked order: for each diagonal block of {@code block} columns, factor it
 * ({@link Linalg#choleskyEx} on a dense copy), solve the panel below it against that factor
 * ({@code L11 Y = A21^T}, a left solve whose columns are the panel's rows, so they run in
 * parallel), and take the panel's outer product off the trailing matrix with one matrix product.
 * Almost all of the {@code n^3 / 3} multiply-adds then run in the products, where a backend
 * whose own factor is one thread block per matrix (CUDA's linalg.cu) keeps a whole device busy.
 *
 * <p>The trailing update forms the whole {@code (m, m)} product, twice the multiply-adds of the
 * lower half alone (LAPACK's syrk), in one call rather than one per block row: on a GPU a launch
 * costs more than those multiply-adds at these sizes. What it writes above the diagonal is zeroed
 * when the blocks' rows are finished.
 *
 * <p>Every step is an op on views of the output, on the output's device, with nothing read back
 * to the host: a matrix that does not factor leaves its first failing order in {@code info}
 * (the block's own order plus the block's first column), as {@code choleskyEx}.
 */
public final class BlockedCholesky {
  private BlockedCholesky() {}

  /**
   * Writes the lower factor of the contiguous {@code a} {@code (B, n, n)} (lower triangle read) to
   * {@code out} (contiguous, as a; a fresh tensor, not a's storage) and each matrix's failing order
   * (0: factored) to {@code info} (INT64 {@code (B)}).
   *
   * @param block the diagonal blocks' width, at least 1
   */
  public static void factorLower(Tensor a, Tensor out, Tensor info, int block, Linalg linalg, MatrixProduct product) {
    if (block < 1) throw new IllegalArgumentException("BlockedCholesky: block width must be at least 1, got " + block);
    if (a.storage() == out.storage()) throw new IllegalArgumentException("BlockedCholesky: out must not share a's storage");
    int batch = a.size(0), n = a.size(1);
    int blocks = (n + block - 1) / block;
    if (batch == 0 || n == 0) return;
    out.copy_(a);
    // row j: the orders the diagonal factor of block j reports for each matrix
    Tensor orders = Tensor.empty(DType.INT64, a.device(), blocks, batch);
    for (int j = 0; j < blocks; j++) {
      int k = j * block, width = Math.min(block, n - k);
      Tensor diagonal = out.narrow(1, k, width).narrow(2, k, width);
      Tensor factor = Tensor.empty(a.dtype(), a.device(), batch, width, width);
      linalg.choleskyEx(diagonal.contiguous(), factor, orders.select(0, j));
      diagonal.copy_(factor);
      int below = n - k - width;
      if (below == 0) break;
      // Y = L11^-1 A21^T (width, below): the panel L21 = Y^T
      Tensor panel = out.narrow(1, k + width, below).narrow(2, k, width);
      Tensor y = panel.transpose(1, 2).contiguous();
      linalg.solveTriangular(factor, y, false, true, false, y);
      panel.copy_(y.transpose(1, 2));
      product.subtractFrom(out.narrow(1, k + width, below).narrow(2, k + width, below), y.transpose(1, 2), y);
      out.narrow(1, k, width).narrow(2, k + width, below).fill_(0.0);
    }
    info.copy_(firstFailure(orders, block, n));
  }

  /**
   * Each matrix's first failing order over the blocks, as an order of the whole matrix: the first
   * block (in order) that reports one, plus that block's first column; 0 where none does.
   */
  private static Tensor firstFailure(Tensor orders, int block, int n) {
    int blocks = orders.size(0);
    Tensor firstColumn = Tensor.arange(0, (long) blocks * block, block).to(orders.device()).reshape(blocks, 1);
    // past any order of the matrix: what a block that factored counts as
    double never = n + 1;
    Tensor whole = Tensor.where(orders.ne(0), orders.add(firstColumn), Tensor.full(new int[] {1}, never, DType.INT64, orders.device()));
    Tensor first = whole.amin(new int[] {0}, false);
    return Tensor.where(first.eq(never), Tensor.zeros(DType.INT64, orders.device(), 1), first);
  }
}
