package io.frontier.cuda;

import static io.frontier.cuda.HostFallback.hostLike;
import static io.frontier.cuda.HostFallback.toHost;
import static io.frontier.cuda.HostFallback.writeBack;

import io.frontier.tensor.Backends;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.BinaryOp;
import io.frontier.tensor.backend.UnaryOp;

/** Unary, binary and where kernels (elementwise.cu). */
final class CudaElementwise {
  private final Launcher launcher;

  CudaElementwise(Launcher launcher) {
    this.launcher = launcher;
  }

  void unary(UnaryOp op, Tensor in, Tensor out) {
    Tensor h = hostLike(out);
    Backends.cpu().unary(op, toHost(in), h);
    writeBack(h, out);
  }

  void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
    Tensor h = hostLike(out);
    Backends.cpu().binary(op, toHost(a), toHost(b), h);
    writeBack(h, out);
  }

  void where(Tensor cond, Tensor a, Tensor b, Tensor out) {
    Tensor h = hostLike(out);
    Backends.cpu().where(toHost(cond), toHost(a), toHost(b), h);
    writeBack(h, out);
  }
}
