package io.frontier.cuda;

import static io.frontier.cuda.HostFallback.hostLike;
import static io.frontier.cuda.HostFallback.toHost;
import static io.frontier.cuda.HostFallback.writeBack;

import io.frontier.tensor.Backends;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.Linalg;

/**
 * Dense linear algebra for CUDA tensors, run on the host (EJML and our own kernels): what
 * {@link CudaLinalg} has no device kernel for yet (QR, eigh, SVD; the rest are here for
 * comparison and as a fallback).
 */
final class HostLinalg implements Linalg {
  private static Linalg cpu() {
    return Backends.cpu().linalg();
  }

  @Override
  public void cholesky(Tensor a, boolean upper, Tensor out) {
    Tensor h = hostLike(out);
    cpu().cholesky(toHost(a), upper, h);
    writeBack(h, out);
  }

  @Override
  public void solveTriangular(Tensor a, Tensor b, boolean upper, boolean left, boolean unitriangular, Tensor out) {
    Tensor h = hostLike(out);
    cpu().solveTriangular(toHost(a), toHost(b), upper, left, unitriangular, h);
    writeBack(h, out);
  }

  @Override
  public void solve(Tensor a, Tensor b, Tensor out) {
    Tensor h = hostLike(out);
    cpu().solve(toHost(a), toHost(b), h);
    writeBack(h, out);
  }

  @Override
  public void inverse(Tensor a, Tensor out) {
    Tensor h = hostLike(out);
    cpu().inverse(toHost(a), h);
    writeBack(h, out);
  }

  @Override
  public void slogdet(Tensor a, Tensor sign, Tensor logAbsDet) {
    Tensor hs = hostLike(sign);
    Tensor hl = hostLike(logAbsDet);
    cpu().slogdet(toHost(a), hs, hl);
    writeBack(hs, sign);
    writeBack(hl, logAbsDet);
  }

  @Override
  public void qr(Tensor a, Tensor q, Tensor r) {
    Tensor hq = hostLike(q);
    Tensor hr = hostLike(r);
    cpu().qr(toHost(a), hq, hr);
    writeBack(hq, q);
    writeBack(hr, r);
  }

  @Override
  public void eigh(Tensor a, Tensor eigenvalues, Tensor eigenvectors) {
    Tensor hw = hostLike(eigenvalues);
    Tensor hv = hostLike(eigenvectors);
    cpu().eigh(toHost(a), hw, hv);
    writeBack(hw, eigenvalues);
    writeBack(hv, eigenvectors);
  }

  @Override
  public void svd(Tensor a, Tensor u, Tensor s, Tensor vh) {
    Tensor hu = hostLike(u);
    Tensor hs = hostLike(s);
    Tensor hv = hostLike(vh);
    cpu().svd(toHost(a), hu, hs, hv);
    writeBack(hu, u);
    writeBack(hs, s);
    writeBack(hv, vh);
  }
}
