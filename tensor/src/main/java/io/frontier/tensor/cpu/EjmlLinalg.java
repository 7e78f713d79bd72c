package io.frontier.tensor.cpu;

import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.Linalg;

/** Placeholder until the EJML-backed decompositions land. */
final class EjmlLinalg implements Linalg {
  private static UnsupportedOperationException todo() {
    return new UnsupportedOperationException("linalg not yet implemented");
  }
  public void cholesky(Tensor a, boolean upper, Tensor out) { throw todo(); }
  public void solveTriangular(Tensor a, Tensor b, boolean upper, boolean left, boolean unitriangular, Tensor out) { throw todo(); }
  public void solve(Tensor a, Tensor b, Tensor out) { throw todo(); }
  public void inverse(Tensor a, Tensor out) { throw todo(); }
  public void slogdet(Tensor a, Tensor sign, Tensor logAbsDet) { throw todo(); }
  public void qr(Tensor a, Tensor q, Tensor r) { throw todo(); }
  public void eigh(Tensor a, Tensor eigenvalues, Tensor eigenvectors) { throw todo(); }
  public void svd(Tensor a, Tensor u, Tensor s, Tensor vh) { throw todo(); }
}
