package io.frontier.nn;

import io.frontier.tensor.DType;
import io.frontier.tensor.Fused;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;

/** y = x W^T + b, with W (out, in) and PyTorch's default initialisation U(-1/sqrt(in), 1/sqrt(in)). */
public final class Linear extends Layer {
  public final Parameter weight;
  public final Parameter bias;

  public Linear(int in, int out, boolean bias, Generator g) {
    this(in, out, bias, g, DType.FLOAT32);
  }

  public Linear(int in, int out, boolean bias, Generator g, DType dtype) {
    if (in <= 0 || out <= 0) throw new IllegalArgumentException("Linear: features must be positive, got in=" + in + ", out=" + out);
    weight = parameter("weight", Init.kaimingUniform(g, Math.sqrt(5), dtype, out, in));
    double bound = 1 / Math.sqrt(in);
    this.bias = bias ? parameter("bias", Init.uniform(g, -bound, bound, dtype, out)) : null;
  }

  @Override
  public Tensor forward(Tensor x) {
    return Fused.linear(x, weight.get(), bias == null ? null : bias.get());
  }
}
