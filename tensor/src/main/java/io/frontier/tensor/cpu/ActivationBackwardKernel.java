package io.frontier.tensor.cpu;

import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.ActivationGrad;
import io.frontier.tensor.backend.UnaryOp;

/**
 * {@code gradIn = gradOut * f'(x)} over three contiguous tensors, elements in parallel (see
 * Backend#activationBackward): float32 arrays through the Vector API in float32 where it is
 * available, everything else through the float64 reference {@link ActivationGrad#derivative}.
 */
final class ActivationBackwardKernel {
  private static final int GRAIN = 1 << 14;

  private ActivationBackwardKernel() {}

  static void run(UnaryOp op, Tensor gradOut, Tensor x, Tensor gradIn) {
    int n = x.numel();
    if (VectorSupport.available() && x.storage() instanceof CpuStorage xs && xs.data() instanceof float[]) {
      float[] g = ((CpuStorage) gradOut.storage()).floats();
      float[] a = xs.floats();
      float[] o = ((CpuStorage) gradIn.storage()).floats();
      int go = gradOut.storageOffset();
      int ao = x.storageOffset();
      int oo = gradIn.storageOffset();
      Parallel.forRange(n, GRAIN, (i0, i1) -> {
        int done = VectorActivationGradF32.apply(op, g, go + i0, a, ao + i0, o, oo + i0, i1 - i0);
        for (int i = i0 + done; i < i1; i++) o[oo + i] = (float) (g[go + i] * ActivationGrad.derivative(op, a[ao + i]));
      });
      return;
    }
    FloatingRows g = FloatingRows.of(gradOut);
    FloatingRows a = FloatingRows.of(x);
    FloatingRows o = FloatingRows.of(gradIn);
    Parallel.forRange(n, GRAIN, (i0, i1) -> {
      for (int i = i0; i < i1; i++) o.set(i, g.get(i) * ActivationGrad.derivative(op, a.get(i)));
    });
  }
}
