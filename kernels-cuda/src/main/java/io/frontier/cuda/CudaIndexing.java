package io.frontier.cuda;

import static io.frontier.cuda.HostFallback.hostLike;
import static io.frontier.cuda.HostFallback.toHost;
import static io.frontier.cuda.HostFallback.writeBack;

import io.frontier.tensor.Backends;
import io.frontier.tensor.Tensor;

/** gather, scatter, indexSelect, indexAdd and sort (index.cu, sort.cu). */
final class CudaIndexing {
  private final Launcher launcher;

  CudaIndexing(Launcher launcher) {
    this.launcher = launcher;
  }

  void gather(Tensor in, int dim, Tensor index, Tensor out) {
    Tensor h = hostLike(out);
    Backends.cpu().gather(toHost(in), dim, toHost(index), h);
    writeBack(h, out);
  }

  void scatter(Tensor out, int dim, Tensor index, Tensor src, boolean accumulate) {
    Tensor h = toHost(out);
    Backends.cpu().scatter(h, dim, toHost(index), toHost(src), accumulate);
    writeBack(h, out);
  }

  void indexSelect(Tensor in, int dim, Tensor index, Tensor out) {
    Tensor h = hostLike(out);
    Backends.cpu().indexSelect(toHost(in), dim, toHost(index), h);
    writeBack(h, out);
  }

  void indexAdd(Tensor out, int dim, Tensor index, Tensor src) {
    Tensor h = toHost(out);
    Backends.cpu().indexAdd(h, dim, toHost(index), toHost(src));
    writeBack(h, out);
  }

  void sort(Tensor in, int dim, boolean descending, Tensor values, Tensor indices) {
    Tensor hv = hostLike(values);
    Tensor hi = hostLike(indices);
    Backends.cpu().sort(toHost(in), dim, descending, hv, hi);
    writeBack(hv, values);
    writeBack(hi, indices);
  }
}
