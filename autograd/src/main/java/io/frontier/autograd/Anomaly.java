package io.frontier.autograd;

import io.frontier.tensor.Tensor;

/**
 * Anomaly detection ({@code torch.autograd.set_detect_anomaly}): while on, every recorded op's
 * outputs and every gradient a formula returns are checked for NaN and infinity, and the first one
 * found throws naming the op. Each check reads a value back from the device, so it is slow.
 */
final class Anomaly {
  private static volatile boolean enabled;

  private Anomaly() {}

  static boolean enabled() {
    return enabled;
  }

  static void set(boolean on) {
    enabled = on;
  }

  static void checkForward(Node n, Tensor[] outputs) {
    for (int i = 0; i < outputs.length; i++) {
      if (!finite(outputs[i])) {
        throw new ArithmeticException("anomaly: the forward of " + n.name() + " produced NaN or infinity in output " + i);
      }
    }
  }

  static void checkBackward(Node n, Tensor[] grads) {
    for (int i = 0; i < grads.length; i++) {
      if (grads[i] != null && !finite(grads[i])) {
        throw new ArithmeticException("anomaly: the backward of " + n.name() + " produced NaN or infinity in the gradient of input " + i);
      }
    }
  }

  private static boolean finite(Tensor t) {
    return !t.dtype().isFloatingPoint() || t.numel() == 0 || t.isfinite().all().item() != 0;
  }
}
