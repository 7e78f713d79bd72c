package io.frontier.tensor.backend;

import io.frontier.tensor.Tensor;

/**
 * Batched dense linear algebra. Every argument is a contiguous floating tensor of rank 3 whose
 * first dimension is the batch; the frontend flattens and restores batch dimensions.
 */
public interface Linalg {

  /**
   * Cholesky factor of symmetric positive-definite matrices {@code (B, n, n)}: lower {@code L} with
   * {@code A = L L^T}, or upper {@code U = L^T}. Only the lower triangle of A is read.
   *
   * @throws ArithmeticException naming the batch element and the order of the first leading minor
   *     that is not positive definite
   */
  void cholesky(Tensor a, boolean upper, Tensor out);

  /**
   * The lower factor of {@link #cholesky} without its check, as {@code torch.linalg.cholesky_ex}:
   * for every matrix {@code info[z]} (INT64 {@code (B)} on a's device) becomes 0, or the order of
   * its first leading minor that is not positive definite, whose factor is then unspecified. No
   * exception and, on a device, no synchronisation.
   */
  void choleskyEx(Tensor a, Tensor out, Tensor info);

  /**
   * Solves {@code A X = B} (left) or {@code X A = B} (right) for triangular A {@code (B, n, n)};
   * with {@code unitriangular} the diagonal of A is taken as ones and not read.
   */
  void solveTriangular(Tensor a, Tensor b, boolean upper, boolean left, boolean unitriangular, Tensor out);

  /**
   * {@code (L Lᵀ)⁻¹} from lower Cholesky factors {@code (B, n, n)} (only the lower triangle read), as
   * {@code torch.cholesky_inverse}. The default solves {@code L Lᵀ X = I} with two triangular solves;
   * a backend may do it in a third of the work.
   */
  default void choleskyInverse(Tensor l, Tensor out) {
    int n = l.size(1);
    Tensor identity = Tensor.eye(n, n, l.dtype()).to(l.device()).expand(l.size(0), n, n).contiguous();
    Tensor y = Tensor.emptyLike(identity);
    solveTriangular(l, identity, false, true, false, y);
    solveTriangular(l.transpose(1, 2).contiguous(), y, true, true, false, out);
  }

  /**
   * Solves {@code A X = B} for square A by LU with partial pivoting.
   *
   * @throws ArithmeticException when A is singular
   */
  void solve(Tensor a, Tensor b, Tensor out);

  /** Inverse of square matrices; throws {@link ArithmeticException} when singular. */
  void inverse(Tensor a, Tensor out);

  /** Sign (in {-1, 0, 1}) and log|det| of square matrices; {@code sign} and {@code logAbsDet} are {@code (B, 1, 1)}. */
  void slogdet(Tensor a, Tensor sign, Tensor logAbsDet);

  /** Reduced QR of {@code (B, m, n)}: Q {@code (B, m, k)}, R {@code (B, k, n)}, k = min(m, n); R's diagonal is non-negative. */
  void qr(Tensor a, Tensor q, Tensor r);

  /**
   * Eigen-decomposition of symmetric matrices (lower triangle read): eigenvalues ascending in
   * {@code (B, 1, n)}, orthonormal eigenvectors as the columns of {@code (B, n, n)}.
   */
  void eigh(Tensor a, Tensor eigenvalues, Tensor eigenvectors);

  /** Reduced SVD {@code A = U diag(S) Vh} of {@code (B, m, n)}; S descending in {@code (B, 1, k)}. */
  void svd(Tensor a, Tensor u, Tensor s, Tensor vh);
}
