package io.frontier.cuda;

import static io.frontier.cuda.HostFallback.hostLike;
import static io.frontier.cuda.HostFallback.toHost;
import static io.frontier.cuda.HostFallback.writeBack;

import io.frontier.tensor.Backends;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.Linalg;

/**
 * QR, eigh and SVD of matrices {@link CudaLinalg} keeps off the device (past {@link
 * CudaLinalg#MAX_DEVICE_ORDER}, or views that are not contiguous), run on the host by the CPU
 * backend (EJML and our own kernels): inputs copied down, results copied back.
 */
final class HostLinalg {
  private HostLinalg() {}

  private static Linalg cpu() {
    return Backends.cpu().linalg();
  }

  static void qr(Tensor a, Tensor q, Tensor r) {
    Tensor hq = hostLike(q);
    Tensor hr = hostLike(r);
    cpu().qr(toHost(a), hq, hr);
    writeBack(hq, q);
    writeBack(hr, r);
  }

  static void eigh(Tensor a, Tensor eigenvalues, Tensor eigenvectors) {
    Tensor hw = hostLike(eigenvalues);
    Tensor hv = hostLike(eigenvectors);
    cpu().eigh(toHost(a), hw, hv);
    writeBack(hw, eigenvalues);
    writeBack(hv, eigenvectors);
  }

  static void svd(Tensor a, Tensor u, Tensor s, Tensor vh) {
    Tensor hu = hostLike(u);
    Tensor hs = hostLike(s);
    Tensor hv = hostLike(vh);
    cpu().svd(toHost(a), hu, hs, hv);
    writeBack(hu, u);
    writeBack(hs, s);
    writeBack(hv, vh);
  }
}
