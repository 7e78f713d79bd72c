package io.frontier.cuda;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.RandomKind;

/** Philox4x32-10 uniform and normal fills (random.cu), bit-identical to the CPU stream. */
final class CudaRandom {
  private final Launcher launcher;

  CudaRandom(Launcher launcher) {
    this.launcher = launcher;
  }

  void random(RandomKind kind, long seed, long offset, Tensor out) {
    if (!out.isContiguous()) {
      // The Backend contract promises a contiguous output; a view still gets the stream's values
      // in row-major order.
      Tensor dense = Tensor.empty(out.dtype(), out.device(), out.shape());
      random(kind, seed, offset, dense);
      out.backend().copy(dense, out);
      CudaBackend.releaseScratch(dense);
      return;
    }
    int n = out.numel();
    boolean f32 = out.dtype() == DType.FLOAT32;
    int perBlock = f32 ? 4 : 2;
    long blocks = LaunchConfig.ceilDiv(n, perBlock);
    // Device blocks are at least 256-byte aligned, so the view's offset decides vector stores.
    int aligned = ((long) out.storageOffset() * out.dtype().itemSize()) % 16 == 0 ? 1 : 0;
    launcher.elementwise(f32 ? "random_f32" : "random_f64", blocks, n, CudaTensors.ptr(out), seed, offset,
        kind == RandomKind.NORMAL ? 1 : 0, aligned);
  }
}
