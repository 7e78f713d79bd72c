package io.frontier.tensor.cpu;

import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Storage;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.Backend;
import io.frontier.tensor.backend.DropoutStream;
import io.frontier.tensor.backend.BinaryOp;
import io.frontier.tensor.backend.IndexReduceOp;
import io.frontier.tensor.backend.Linalg;
import io.frontier.tensor.backend.RandomKind;
import io.frontier.tensor.backend.ReduceOp;
import io.frontier.tensor.backend.ScanOp;
import io.frontier.tensor.backend.UnaryOp;

/**
 * The built-in CPU backend: Java arrays as storage, loops with Vector API fast paths, our own GEMM,
 * and EJML for decompositions. Each method hands off to the kernel class of its op family.
 */
public final class CpuBackend implements Backend {
  public static final CpuBackend INSTANCE = new CpuBackend();

  private final Linalg linalg = new EjmlLinalg();

  private CpuBackend() {}

  @Override
  public String name() {
    return "cpu";
  }

  @Override
  public Device.Type deviceType() {
    return Device.Type.CPU;
  }

  @Override
  public Storage allocate(DType dtype, long numel, Device device) {
    if (!device.isCpu()) throw new IllegalArgumentException("cpu backend cannot allocate on " + device);
    if (numel > Integer.MAX_VALUE) throw new IllegalArgumentException("cpu backend: " + numel + " elements exceed a Java array");
    return CpuStorage.allocate(dtype, (int) numel);
  }

  @Override
  public void copyFromHost(Object hostArray, int hostOffset, Storage dst, long dstOffset, int count) {
    System.arraycopy(hostArray, hostOffset, ((CpuStorage) dst).data(), (int) dstOffset, count);
  }

  @Override
  public void copyToHost(Storage src, long srcOffset, Object hostArray, int hostOffset, int count) {
    System.arraycopy(((CpuStorage) src).data(), (int) srcOffset, hostArray, hostOffset, count);
  }

  @Override
  public void copy(Tensor src, Tensor dst) {
    CopyKernels.copy(src, dst);
  }

  @Override
  public void fill(Tensor dst, double value) {
    CopyKernels.fill(dst, value);
  }

  @Override
  public void fill(Tensor dst, long value) {
    CopyKernels.fill(dst, value);
  }

  @Override
  public void unary(UnaryOp op, Tensor in, Tensor out) {
    UnaryKernels.run(op, in, out);
  }

  @Override
  public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
    BinaryKernels.run(op, a, b, out);
  }

  @Override
  public void where(Tensor cond, Tensor a, Tensor b, Tensor out) {
    BinaryKernels.where(cond, a, b, out);
  }

  @Override
  public void reduce(ReduceOp op, Tensor in, int[] dims, Tensor out) {
    ReduceKernels.reduce(op, in, dims, out);
  }

  @Override
  public void reduceWithIndex(IndexReduceOp op, Tensor in, int dim, Tensor values, Tensor indices) {
    AlongDimKernels.reduceWithIndex(op, in, dim, values, indices);
  }

  @Override
  public void scan(ScanOp op, Tensor in, int dim, Tensor out) {
    AlongDimKernels.scan(op, in, dim, out);
  }

  @Override
  public void softmax(Tensor in, int dim, boolean log, Tensor out) {
    SoftmaxKernels.run(in, dim, log, out);
  }

  @Override
  public void matmul(Tensor a, Tensor b, Tensor out) {
    if (out.dim() == 4) {
      // two batch dims: one batched product per index of the outer one (each inner batch has one stride)
      try (io.frontier.tensor.Grad.Scope ignored = io.frontier.tensor.Grad.noGrad()) {
        for (int i = 0; i < out.size(0); i++) MatmulKernel.run(a.select(0, i), b.select(0, i), out.select(0, i));
      }
      return;
    }
    MatmulKernel.run(a, b, out);
  }

  @Override
  public void gather(Tensor in, int dim, Tensor index, Tensor out) {
    IndexKernels.gather(in, dim, index, out);
  }

  @Override
  public void scatter(Tensor out, int dim, Tensor index, Tensor src, boolean accumulate) {
    IndexKernels.scatter(out, dim, index, src, accumulate);
  }

  @Override
  public void indexSelect(Tensor in, int dim, Tensor index, Tensor out) {
    IndexKernels.indexSelect(in, dim, index, out);
  }

  @Override
  public void indexAdd(Tensor out, int dim, Tensor index, Tensor src) {
    IndexKernels.indexAdd(out, dim, index, src);
  }

  @Override
  public void sort(Tensor in, int dim, boolean descending, Tensor values, Tensor indices) {
    SortKernels.sort(in, dim, descending, values, indices);
  }

  @Override
  public void random(RandomKind kind, long seed, long offset, Tensor out) {
    RandomKernels.fill(kind, seed, offset, out);
  }

  @Override
  public void layerNorm(Tensor x, Tensor weight, Tensor bias, double eps, Tensor out, Tensor mean, Tensor rstd) {
    NormKernels.forward(x, weight, bias, eps, out, mean, rstd);
  }

  @Override
  public void layerNormBackward(Tensor gradOut, Tensor x, Tensor weight, Tensor mean, Tensor rstd, Tensor gradX, Tensor gradWeight,
      Tensor gradBias) {
    NormKernels.backward(gradOut, x, weight, mean, rstd, gradX, gradWeight, gradBias);
  }

  @Override
  public void rmsNorm(Tensor x, Tensor weight, double eps, Tensor out, Tensor rstd) {
    NormKernels.forward(x, weight, null, eps, out, null, rstd);
  }

  @Override
  public void rmsNormBackward(Tensor gradOut, Tensor x, Tensor weight, Tensor rstd, Tensor gradX, Tensor gradWeight) {
    NormKernels.backward(gradOut, x, weight, null, rstd, gradX, gradWeight, null);
  }

  @Override
  public void crossEntropy(Tensor logits, Tensor target, long ignoreIndex, double labelSmoothing, Tensor losses, Tensor logSumExp) {
    CrossEntropyKernels.forward(logits, target, ignoreIndex, labelSmoothing, losses, logSumExp);
  }

  @Override
  public void crossEntropyBackward(Tensor gradLosses, Tensor logits, Tensor target, long ignoreIndex, double labelSmoothing,
      Tensor logSumExp, Tensor gradLogits) {
    CrossEntropyKernels.backward(gradLosses, logits, target, ignoreIndex, labelSmoothing, logSumExp, gradLogits);
  }

  @Override
  public void causalSoftmax(Tensor x, int queries, double scale, int offset, Tensor out) {
    CausalSoftmaxKernels.forward(x, queries, scale, offset, out);
  }

  @Override
  public void attention(Tensor q, Tensor k, Tensor v, double scale, int offset, DropoutStream dropout, Tensor out, Tensor logSumExp) {
    AttentionKernels.forward(q, k, v, scale, offset, dropout, out, logSumExp);
  }

  @Override
  public void attentionBackward(Tensor gradOut, Tensor q, Tensor k, Tensor v, Tensor out, Tensor logSumExp, double scale, int offset,
      DropoutStream dropout, Tensor gradQ, Tensor gradK, Tensor gradV) {
    AttentionKernels.backward(gradOut, q, k, v, out, logSumExp, scale, offset, dropout, gradQ, gradK, gradV);
  }

  @Override
  public void softmaxBackward(Tensor gradOut, Tensor y, double scale, Tensor gradIn) {
    CausalSoftmaxKernels.backward(gradOut, y, scale, gradIn);
  }

  @Override
  public void activationBackward(UnaryOp op, Tensor gradOut, Tensor x, Tensor gradIn) {
    ActivationBackwardKernel.run(op, gradOut, x, gradIn);
  }

  @Override
  public void adamwStep(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, double lr, double beta1, double beta2, double eps,
      double weightDecay, long step, boolean maximize) {
    AdamWKernel.step(param, grad, expAvg, expAvgSq, lr, beta1, beta2, eps, weightDecay, 0, step, maximize);
  }

  @Override
  public void adamStep(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, double lr, double beta1, double beta2, double eps,
      double weightDecay, long step, boolean maximize) {
    AdamWKernel.step(param, grad, expAvg, expAvgSq, lr, beta1, beta2, eps, 0, weightDecay, step, maximize);
  }

  @Override
  public void lionStep(Tensor param, Tensor grad, Tensor expAvg, double lr, double beta1, double beta2, double weightDecay) {
    LionKernel.step(param, grad, expAvg, lr, beta1, beta2, weightDecay);
  }

  @Override
  public void sgdStep(Tensor param, Tensor grad, Tensor momentumBuffer, double lr, double momentum, double dampening, double weightDecay,
      boolean nesterov, boolean maximize, boolean firstStep) {
    SgdKernel.step(param, grad, momentumBuffer, lr, momentum, dampening, weightDecay, nesterov, maximize, firstStep);
  }

  @Override
  public void rmspropStep(Tensor param, Tensor grad, Tensor squareAvg, Tensor gradAvg, Tensor momentumBuffer, double lr, double alpha,
      double eps, double weightDecay, double momentum, boolean maximize) {
    RmspropKernel.step(param, grad, squareAvg, gradAvg, momentumBuffer, lr, alpha, eps, weightDecay, momentum, maximize);
  }

  @Override
  public void adagradStep(Tensor param, Tensor grad, Tensor sum, double lr, double lrDecay, double weightDecay, double eps, long step,
      boolean maximize) {
    AdagradKernel.step(param, grad, sum, lr, lrDecay, weightDecay, eps, step, maximize);
  }

  @Override
  public Linalg linalg() {
    return linalg;
  }
}
