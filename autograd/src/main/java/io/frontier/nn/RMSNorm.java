package io.frontier.nn;

import io.frontier.tensor.DType;
import io.frontier.tensor.Fused;
import io.frontier.tensor.Tensor;

/** RMS normalisation over the last dim, x / sqrt(mean(x^2) + eps) * w, on the fused kernel. */
public final class RMSNorm extends Layer {
  public final Parameter weight;
  private final double eps;

  public RMSNorm(int dim, double eps) {
    this(dim, eps, DType.FLOAT32);
  }

  public RMSNorm(int dim, double eps, DType dtype) {
    this.eps = eps;
    weight = parameter("weight", Tensor.ones(dtype, dim));
  }

  @Override
  public Tensor forward(Tensor x) {
    return Fused.rmsNorm(x, weight.get(), eps).out();
  }
}
