package io.frontier.tensor.cpu;

import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.Linalg;

/**
 * The CPU backend's dense linear algebra: one kernel class per decomposition family, each running
 * over the batch with {@link MatrixBatch#forEach} (in parallel when the batch is worth it).
 *
 * <ul>
 *   <li>{@link CholeskyKernel} and {@link TriangularSolveKernel}: our own float64 code, since torch's
 *       semantics (the failing minor's order; one triangle read, unit diagonal not read) are
 *       simpler to state in a few loops than to recover from EJML. float32 is computed in float64.
 *   <li>{@link CholeskyInverseKernel}: LAPACK's potri from those two and the GEMM.
 *   <li>{@link LuKernels} (solve, inv, slogdet), {@link QrKernel}, {@link EighKernel} and
 *       {@link SvdKernel}: EJML 0.46, DDRM for float64 and FDRM for float32, with torch's
 *       conventions added around it (singularity check, R's sign, ascending or descending order).
 * </ul>
 */
final class EjmlLinalg implements Linalg {

  @Override
  public void cholesky(Tensor a, boolean upper, Tensor out) {
    CholeskyKernel.cholesky(a, upper, out);
  }

  @Override
  public void choleskyEx(Tensor a, Tensor out, Tensor info) {
    CholeskyKernel.choleskyEx(a, out, info);
  }

  @Override
  public void solveTriangular(Tensor a, Tensor b, boolean upper, boolean left, boolean unitriangular, Tensor out) {
    TriangularSolveKernel.solveTriangular(a, b, upper, left, unitriangular, out);
  }

  @Override
  public void choleskyInverse(Tensor l, Tensor out) {
    CholeskyInverseKernel.choleskyInverse(l, out);
  }

  @Override
  public void solve(Tensor a, Tensor b, Tensor out) {
    LuKernels.solve(a, b, out);
  }

  @Override
  public void inverse(Tensor a, Tensor out) {
    LuKernels.inverse(a, out);
  }

  @Override
  public void slogdet(Tensor a, Tensor sign, Tensor logAbsDet) {
    LuKernels.slogdet(a, sign, logAbsDet);
  }

  @Override
  public void qr(Tensor a, Tensor q, Tensor r) {
    QrKernel.qr(a, q, r);
  }

  @Override
  public void eigh(Tensor a, Tensor eigenvalues, Tensor eigenvectors) {
    EighKernel.eigh(a, eigenvalues, eigenvectors);
  }

  @Override
  public void svd(Tensor a, Tensor u, Tensor s, Tensor vh) {
    SvdKernel.svd(a, u, s, vh);
  }
}
