package io.frontier.cuda;

import io.frontier.tensor.Device;
import io.frontier.tensor.Tensor;

/**
 * Runs an op the CUDA backend has no kernel for on the CPU backend: inputs are copied to the host,
 * the CPU kernel runs, outputs are copied back into the device views. Correct but synchronising,
 * so every use is listed in {@link CudaBackend}'s class comment; each one is a kernel to write.
 */
final class HostFallback {
  private HostFallback() {}

  /** A dense host copy of a device view. */
  static Tensor toHost(Tensor t) {
    return t.to(Device.CPU).contiguous();
  }

  /** An empty host tensor of the view's shape and dtype, for a CPU kernel to write. */
  static Tensor hostLike(Tensor t) {
    return Tensor.empty(t.dtype(), Device.CPU, t.shape());
  }

  /** Copies a host result into a device view (through a dense device temporary). */
  static void writeBack(Tensor host, Tensor deviceOut) {
    if (host.numel() == 0) return;
    Tensor dense = host.to(deviceOut.device());
    deviceOut.backend().copy(dense, deviceOut);
  }
}
