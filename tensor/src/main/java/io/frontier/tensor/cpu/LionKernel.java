package io.frontier.tensor.cpu;

import io.frontier.tensor.Tensor;

/**
 * One Lion step (lion-pytorch's update, see Backend#lionStep) over three contiguous tensors of one
 * dtype, in place, in one pass with elements in parallel, instead of the chain of about ten tensor
 * ops and two temporaries it takes otherwise. float32 computes in float32, as PyTorch's float32 ops
 * do (with the Vector API where available, {@link VectorLionF32}); float64 in float64.
 */
final class LionKernel {
  private static final int GRAIN = 1 << 14;

  private LionKernel() {}

  static void step(Tensor param, Tensor grad, Tensor expAvg, double lr, double beta1, double beta2, double weightDecay) {
    int n = param.numel();
    double decay = 1 - lr * weightDecay;
    int po = param.storageOffset();
    int go = grad.storageOffset();
    int mo = expAvg.storageOffset();
    if (((CpuStorage) param.storage()).data() instanceof float[] p) {
      float[] g = ((CpuStorage) grad.storage()).floats();
      float[] m = ((CpuStorage) expAvg.storage()).floats();
      float fd = (float) decay;
      float fl = (float) lr;
      float b1 = (float) beta1;
      float c1 = (float) (1 - beta1);
      float b2 = (float) beta2;
      float c2 = (float) (1 - beta2);
      if (VectorSupport.available()) {
        Parallel.forRange(n, GRAIN, (i0, i1) -> VectorLionF32.step(p, po, g, go, m, mo, i0, i1, fl, b1, c1, b2, c2, fd));
        return;
      }
      Parallel.forRange(n, GRAIN, (i0, i1) -> {
        for (int i = i0; i < i1; i++) {
          float gi = g[go + i];
          float mi = m[mo + i];
          p[po + i] = p[po + i] * fd - fl * Math.signum(b1 * mi + c1 * gi);
          m[mo + i] = b2 * mi + c2 * gi;
        }
      });
      return;
    }
    double[] p = ((CpuStorage) param.storage()).doubles();
    double[] g = ((CpuStorage) grad.storage()).doubles();
    double[] m = ((CpuStorage) expAvg.storage()).doubles();
    double c1 = 1 - beta1;
    double c2 = 1 - beta2;
    Parallel.forRange(n, GRAIN, (i0, i1) -> {
      for (int i = i0; i < i1; i++) {
        double gi = g[go + i];
        double mi = m[mo + i];
        p[po + i] = p[po + i] * decay - lr * Math.signum(beta1 * mi + c1 * gi);
        m[mo + i] = beta2 * mi + c2 * gi;
      }
    });
  }
}
