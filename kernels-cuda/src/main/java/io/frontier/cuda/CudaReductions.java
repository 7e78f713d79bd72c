package io.frontier.cuda;

import static io.frontier.cuda.HostFallback.hostLike;
import static io.frontier.cuda.HostFallback.toHost;
import static io.frontier.cuda.HostFallback.writeBack;

import io.frontier.tensor.Backends;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.IndexReduceOp;
import io.frontier.tensor.backend.ReduceOp;
import io.frontier.tensor.backend.ScanOp;

/** Reductions, arg-reductions, scans and softmax (reduce.cu, softmax.cu). */
final class CudaReductions {
  private final Launcher launcher;

  CudaReductions(Launcher launcher) {
    this.launcher = launcher;
  }

  void reduce(ReduceOp op, Tensor in, int[] dims, Tensor out) {
    Tensor h = hostLike(out);
    Backends.cpu().reduce(op, toHost(in), dims, h);
    writeBack(h, out);
  }

  void reduceWithIndex(IndexReduceOp op, Tensor in, int dim, Tensor values, Tensor indices) {
    Tensor hv = hostLike(values);
    Tensor hi = hostLike(indices);
    Backends.cpu().reduceWithIndex(op, toHost(in), dim, hv, hi);
    writeBack(hv, values);
    writeBack(hi, indices);
  }

  void scan(ScanOp op, Tensor in, int dim, Tensor out) {
    Tensor h = hostLike(out);
    Backends.cpu().scan(op, toHost(in), dim, h);
    writeBack(h, out);
  }

  void softmax(Tensor in, int dim, boolean log, Tensor out) {
    Tensor h = hostLike(out);
    Backends.cpu().softmax(toHost(in), dim, log, h);
    writeBack(h, out);
  }
}
