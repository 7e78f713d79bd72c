package io.frontier.tensor.cpu;

import io.frontier.tensor.Tensor;

/**
 * One SGD step (torch.optim.SGD's update, see Backend#sgdStep) over contiguous tensors of one
 * dtype, in place, in one pass with elements in parallel, instead of the chain of up to seven
 * tensor ops and their temporaries. Each product and sum rounds in the dtype, in Backend#sgdStep's
 * order, with the hyperparameters cast to it (float32 with the Vector API where available,
 * {@link VectorSgdF32}, in the same order): CUDA's fused_sgd computes the same bits.
 */
final class SgdKernel {
  private static final int GRAIN = 1 << 14;

  private SgdKernel() {}

  static void step(Tensor param, Tensor grad, Tensor buffer, double lr, double momentum, double dampening, double weightDecay,
      boolean nesterov, boolean maximize, boolean firstStep) {
    int n = param.numel();
    int po = param.storageOffset();
    int go = grad.storageOffset();
    int bo = buffer == null ? 0 : buffer.storageOffset();
    boolean withBuffer = momentum != 0;
    if (((CpuStorage) param.storage()).data() instanceof float[] p) {
      float[] g = ((CpuStorage) grad.storage()).floats();
      float[] b = withBuffer ? ((CpuStorage) buffer.storage()).floats() : null;
      float sign = maximize ? -1f : 1f;
      float wd = (float) weightDecay;
      float mom = (float) momentum;
      float damp1 = (float) (1 - dampening);
      float negLr = (float) -lr;
      if (VectorSupport.available()) {
        Parallel.forRange(n, GRAIN, (i0, i1) -> VectorSgdF32.step(p, po, g, go, b, bo, i0, i1, sign, wd, mom, damp1, negLr, nesterov, firstStep));
        return;
      }
      Parallel.forRange(n, GRAIN, (i0, i1) -> floatRange(p, po, g, go, b, bo, i0, i1, sign, wd, mom, damp1, negLr, nesterov, firstStep));
      return;
    }
    double[] p = ((CpuStorage) param.storage()).doubles();
    double[] g = ((CpuStorage) grad.storage()).doubles();
    double[] b = withBuffer ? ((CpuStorage) buffer.storage()).doubles() : null;
    double sign = maximize ? -1 : 1;
    double damp1 = 1 - dampening;
    double negLr = -lr;
    Parallel.forRange(n, GRAIN, (i0, i1) -> {
      for (int i = i0; i < i1; i++) {
        double d = sign * g[go + i];
        if (weightDecay != 0) d = d + weightDecay * p[po + i];
        if (withBuffer) {
          double bi = firstStep ? d : b[bo + i] * momentum + damp1 * d;
          b[bo + i] = bi;
          d = nesterov ? d + momentum * bi : bi;
        }
        p[po + i] = p[po + i] + negLr * d;
      }
    });
  }

  /**
   * The float32 update of elements [i0, i1), element by element in Backend#sgdStep's order of
   * roundings (b is null without momentum): the scalar path, and the vector path's tail.
   */
  static void floatRange(float[] p, int po, float[] g, int go, float[] b, int bo, int i0, int i1, float sign, float wd, float momentum,
      float damp1, float negLr, boolean nesterov, boolean firstStep) {
    for (int i = i0; i < i1; i++) {
      float d = sign * g[go + i];
      if (wd != 0) d = d + wd * p[po + i];
      if (b != null) {
        float bi = firstStep ? d : b[bo + i] * momentum + damp1 * d;
        b[bo + i] = bi;
        d = nesterov ? d + momentum * bi : bi;
      }
      p[po + i] = p[po + i] + negLr * d;
    }
  }
}
