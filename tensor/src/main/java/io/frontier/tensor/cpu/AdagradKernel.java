package io.frontier.tensor.cpu;

import io.frontier.tensor.Tensor;

/**
 * One Adagrad step (torch.optim.Adagrad's update for dense gradients, see Backend#adagradStep)
 * over contiguous tensors of one dtype, in place, in one pass with elements in parallel. Each
 * operation rounds in the dtype in Backend#adagradStep's order (float32 with the Vector API where
 * available, {@link VectorAdagradF32}): CUDA's fused_adagrad computes the same bits.
 */
final class AdagradKernel {
  private static final int GRAIN = 1 << 14;

  private AdagradKernel() {}

  static void step(Tensor param, Tensor grad, Tensor sum, double lr, double lrDecay, double weightDecay, double eps, long step,
      boolean maximize) {
    int n = param.numel();
    int po = param.storageOffset(), go = grad.storageOffset(), so = sum.storageOffset();
    double negClr = -(lr / (1 + (step - 1) * lrDecay));
    if (((CpuStorage) param.storage()).data() instanceof float[] p) {
      float[] g = ((CpuStorage) grad.storage()).floats();
      float[] s = ((CpuStorage) sum.storage()).floats();
      float sign = maximize ? -1f : 1f, wd = (float) weightDecay, e = (float) eps, c = (float) negClr;
      if (VectorSupport.available()) {
        Parallel.forRange(n, GRAIN, (i0, i1) -> VectorAdagradF32.step(p, po, g, go, s, so, i0, i1, sign, wd, e, c));
      } else {
        Parallel.forRange(n, GRAIN, (i0, i1) -> floatRange(p, po, g, go, s, so, i0, i1, sign, wd, e, c));
      }
      return;
    }
    double[] p = ((CpuStorage) param.storage()).doubles();
    double[] g = ((CpuStorage) grad.storage()).doubles();
    double[] s = ((CpuStorage) sum.storage()).doubles();
    double sign = maximize ? -1 : 1;
    Parallel.forRange(n, GRAIN, (i0, i1) -> {
      for (int i = i0; i < i1; i++) {
        double d = sign * g[go + i];
        if (weightDecay != 0) d = d + weightDecay * p[po + i];
        double si = s[so + i] + d * d;
        s[so + i] = si;
        p[po + i] = p[po + i] + (d * negClr) / (Math.sqrt(si) + eps);
      }
    });
  }

  /** The float32 update of elements [i0, i1), element by element: the scalar path and the vector path's tail. */
  static void floatRange(float[] p, int po, float[] g, int go, float[] s, int so, int i0, int i1, float sign, float wd, float eps,
      float negClr) {
    for (int i = i0; i < i1; i++) {
      float d = sign * g[go + i];
      if (wd != 0) d = d + wd * p[po + i];
      float si = s[so + i] + d * d;
      s[so + i] = si;
      p[po + i] = p[po + i] + (d * negClr) / ((float) Math.sqrt(si) + eps);
    }
  }
}
