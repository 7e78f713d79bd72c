package io.frontier.tensor.cpu;

import io.frontier.tensor.Tensor;

/**
 * One RMSprop step (torch.optim.RMSprop's update, see Backend#rmspropStep) over contiguous tensors
 * of one dtype, in place, in one pass with elements in parallel, instead of the chain of up to
 * eleven tensor ops. Each operation rounds in the dtype in Backend#rmspropStep's order (float32
 * with the Vector API where available, {@link VectorRmspropF32}): CUDA's fused_rmsprop computes
 * the same bits.
 */
final class RmspropKernel {
  private static final int GRAIN = 1 << 14;

  private RmspropKernel() {}

  /** The float32 hyperparameters, cast once. */
  record F32(float sign, float wd, float alpha, float c, float eps, float momentum, float negLr) {}

  static void step(Tensor param, Tensor grad, Tensor squareAvg, Tensor gradAvg, Tensor buffer, double lr, double alpha, double eps,
      double weightDecay, double momentum, boolean maximize) {
    int n = param.numel();
    int po = param.storageOffset(), go = grad.storageOffset(), so = squareAvg.storageOffset();
    int ao = gradAvg == null ? 0 : gradAvg.storageOffset();
    int bo = buffer == null ? 0 : buffer.storageOffset();
    if (((CpuStorage) param.storage()).data() instanceof float[] p) {
      float[] g = ((CpuStorage) grad.storage()).floats();
      float[] sq = ((CpuStorage) squareAvg.storage()).floats();
      float[] ga = gradAvg == null ? null : ((CpuStorage) gradAvg.storage()).floats();
      float[] b = buffer == null ? null : ((CpuStorage) buffer.storage()).floats();
      F32 h = new F32(maximize ? -1f : 1f, (float) weightDecay, (float) alpha, (float) (1 - alpha), (float) eps, (float) momentum, (float) -lr);
      if (VectorSupport.available()) {
        Parallel.forRange(n, GRAIN, (i0, i1) -> VectorRmspropF32.step(p, po, g, go, sq, so, ga, ao, b, bo, i0, i1, h));
      } else {
        Parallel.forRange(n, GRAIN, (i0, i1) -> floatRange(p, po, g, go, sq, so, ga, ao, b, bo, i0, i1, h));
      }
      return;
    }
    double[] p = ((CpuStorage) param.storage()).doubles();
    double[] g = ((CpuStorage) grad.storage()).doubles();
    double[] sq = ((CpuStorage) squareAvg.storage()).doubles();
    double[] ga = gradAvg == null ? null : ((CpuStorage) gradAvg.storage()).doubles();
    double[] b = buffer == null ? null : ((CpuStorage) buffer.storage()).doubles();
    double sign = maximize ? -1 : 1, c = 1 - alpha, negLr = -lr;
    Parallel.forRange(n, GRAIN, (i0, i1) -> {
      for (int i = i0; i < i1; i++) {
        double d = sign * g[go + i];
        if (weightDecay != 0) d = d + weightDecay * p[po + i];
        double s = sq[so + i] * alpha + (c * d) * d;
        sq[so + i] = s;
        double a;
        if (ga != null) {
          double m = ga[ao + i] * alpha + c * d;
          ga[ao + i] = m;
          a = Math.sqrt(s - m * m);
        } else {
          a = Math.sqrt(s);
        }
        a = a + eps;
        if (b != null) {
          double bi = b[bo + i] * momentum + d / a;
          b[bo + i] = bi;
          p[po + i] = p[po + i] + bi * negLr;
        } else {
          p[po + i] = p[po + i] + (d * negLr) / a;
        }
      }
    });
  }

  /** The float32 update of elements [i0, i1), element by element: the scalar path and the vector path's tail. */
  static void floatRange(float[] p, int po, float[] g, int go, float[] sq, int so, float[] ga, int ao, float[] b, int bo, int i0, int i1,
      F32 h) {
    for (int i = i0; i < i1; i++) {
      float d = h.sign() * g[go + i];
      if (h.wd() != 0) d = d + h.wd() * p[po + i];
      float s = sq[so + i] * h.alpha() + (h.c() * d) * d;
      sq[so + i] = s;
      float a;
      if (ga != null) {
        float m = ga[ao + i] * h.alpha() + h.c() * d;
        ga[ao + i] = m;
        a = (float) Math.sqrt(s - m * m);
      } else {
        a = (float) Math.sqrt(s);
      }
      a = a + h.eps();
      if (b != null) {
        float bi = b[bo + i] * h.momentum() + d / a;
        b[bo + i] = bi;
        p[po + i] = p[po + i] + bi * h.negLr();
      } else {
        p[po + i] = p[po + i] + (d * h.negLr()) / a;
      }
    }
  }
}
