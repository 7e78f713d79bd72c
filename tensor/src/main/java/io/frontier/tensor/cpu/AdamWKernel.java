package io.frontier.tensor.cpu;

import io.frontier.tensor.Tensor;

/**
 * One {@code torch.optim.AdamW} step over four contiguous tensors of one dtype, in place, in
 * float64 arithmetic (elements in parallel). See Backend#adamwStep.
 */
final class AdamWKernel {
  private static final int GRAIN = 1 << 14;

  private AdamWKernel() {}

  static void step(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, double lr, double beta1, double beta2, double eps,
      double weightDecay, long step, boolean maximize) {
    int n = param.numel();
    double decay = 1 - lr * weightDecay;
    double stepSize = lr / (1 - Math.pow(beta1, step));
    double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
    double sign = maximize ? -1 : 1;
    FloatingRows p = FloatingRows.of(param);
    FloatingRows g = FloatingRows.of(grad);
    FloatingRows m = FloatingRows.of(expAvg);
    FloatingRows v = FloatingRows.of(expAvgSq);
    Parallel.forRange(n, GRAIN, (i0, i1) -> {
      for (int i = i0; i < i1; i++) {
        double gi = sign * g.get(i);
        double mi = beta1 * m.get(i) + (1 - beta1) * gi;
        double vi = beta2 * v.get(i) + (1 - beta2) * gi * gi;
        double pi = p.get(i) * decay - stepSize * mi / (Math.sqrt(vi) / bc2Sqrt + eps);
        m.set(i, mi);
        v.set(i, vi);
        p.set(i, pi);
      }
    });
  }
}
