package io.frontier.tensor.cpu;

import io.frontier.tensor.Tensor;

/**
 * One {@code torch.optim.AdamW} step, or {@code torch.optim.Adam}'s (its weight decay an L2 term
 * added to the gradient, no decoupled decay), over four contiguous tensors of one dtype, in place,
 * elements in parallel: float64 arithmetic, except float32 tensors with the Vector API, which
 * compute in float32 as PyTorch does. See Backend#adamwStep and Backend#adamStep.
 */
final class AdamWKernel {
  private static final int GRAIN = 1 << 14;

  private AdamWKernel() {}

  /**
   * @param decoupledDecay AdamW's weight decay (p *= 1 - lr decoupledDecay)
   * @param l2 Adam's weight decay (g += l2 p); one of the two is 0
   */
  static void step(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, double lr, double beta1, double beta2, double eps,
      double decoupledDecay, double l2, long step, boolean maximize) {
    int n = param.numel();
    double decay = 1 - lr * decoupledDecay;
    double stepSize = lr / (1 - Math.pow(beta1, step));
    double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
    double sign = maximize ? -1 : 1;
    if (param.storage() instanceof CpuStorage ps && ps.data() instanceof float[]) {
      stepFloat(param, grad, expAvg, expAvgSq, n, beta1, beta2, eps, decay, l2, stepSize, bc2Sqrt, sign);
      return;
    }
    FloatingRows p = FloatingRows.of(param);
    FloatingRows g = FloatingRows.of(grad);
    FloatingRows m = FloatingRows.of(expAvg);
    FloatingRows v = FloatingRows.of(expAvgSq);
    Parallel.forRange(n, GRAIN, (i0, i1) -> {
      for (int i = i0; i < i1; i++) {
        double gi = sign * g.get(i);
        if (l2 != 0) gi += l2 * p.get(i);
        double mi = beta1 * m.get(i) + (1 - beta1) * gi;
        double vi = beta2 * v.get(i) + (1 - beta2) * gi * gi;
        double pi = p.get(i) * decay - stepSize * mi / (Math.sqrt(vi) / bc2Sqrt + eps);
        m.set(i, mi);
        v.set(i, vi);
        p.set(i, pi);
      }
    });
  }

  /**
   * The float32 path on the arrays themselves: with the Vector API, float32 arithmetic as PyTorch's
   * float32 AdamW ({@link VectorAdamWF32}); without it, float64 arithmetic per element, without
   * the per-element dtype dispatch of {@link FloatingRows}.
   */
  private static void stepFloat(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, int n, double beta1, double beta2, double eps,
      double decay, double l2, double stepSize, double bc2Sqrt, double sign) {
    float[] p = ((CpuStorage) param.storage()).floats();
    float[] g = ((CpuStorage) grad.storage()).floats();
    float[] m = ((CpuStorage) expAvg.storage()).floats();
    float[] v = ((CpuStorage) expAvgSq.storage()).floats();
    int po = param.storageOffset();
    int go = grad.storageOffset();
    int mo = expAvg.storageOffset();
    int vo = expAvgSq.storageOffset();
    if (VectorSupport.available()) {
      float fb1 = (float) beta1;
      float fb2 = (float) beta2;
      float fe = (float) eps;
      float fd = (float) decay;
      float fs = (float) stepSize;
      float fc = (float) bc2Sqrt;
      float sg = (float) sign;
      float fl2 = (float) l2;
      Parallel.forRange(n, GRAIN, (i0, i1) -> VectorAdamWF32.step(p, po, g, go, m, mo, v, vo, i0, i1, fb1, fb2, fe, fd, fl2, fs, fc, sg));
      return;
    }
    double oneMinusBeta1 = 1 - beta1;
    double oneMinusBeta2 = 1 - beta2;
    Parallel.forRange(n, GRAIN, (i0, i1) -> {
      for (int i = i0; i < i1; i++) {
        double gi = sign * g[go + i];
        if (l2 != 0) gi += l2 * p[po + i];
        double mi = beta1 * m[mo + i] + oneMinusBeta1 * gi;
        double vi = beta2 * v[vo + i] + oneMinusBeta2 * gi * gi;
        m[mo + i] = (float) mi;
        v[vo + i] = (float) vi;
        p[po + i] = (float) (p[po + i] * decay - stepSize * mi / (Math.sqrt(vi) / bc2Sqrt + eps));
      }
    });
  }
}
