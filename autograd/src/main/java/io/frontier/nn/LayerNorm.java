package io.frontier.nn;

import io.frontier.tensor.DType;
import io.frontier.tensor.Fused;
import io.frontier.tensor.Tensor;

/** Layer normalisation over the last dim (weight ones, bias zeros, eps 1e-5), on the fused kernel. */
public final class LayerNorm extends Layer {
  public final Parameter weight;
  public final Parameter bias;
  private final double eps;

  public LayerNorm(int dim) {
    this(dim, 1e-5, true, DType.FLOAT32);
  }

  public LayerNorm(int dim, double eps, boolean bias, DType dtype) {
    this.eps = eps;
    weight = parameter("weight", Tensor.ones(dtype, dim));
    this.bias = bias ? parameter("bias", Tensor.zeros(dtype, dim)) : null;
  }

  @Override
  public Tensor forward(Tensor x) {
    return Fused.layerNorm(x, weight.get(), bias == null ? null : bias.get(), eps).out();
  }
}
