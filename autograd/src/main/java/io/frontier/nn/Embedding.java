package io.frontier.nn;

import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;

/** A lookup table (num, dim) initialised N(0, 1); indices are int64 of any shape. */
public final class Embedding extends Layer {
  public final Parameter weight;

  public Embedding(int num, int dim, Generator g) {
    this(num, dim, g, DType.FLOAT32);
  }

  public Embedding(int num, int dim, Generator g, DType dtype) {
    weight = parameter("weight", Init.normal(g, 0, 1, dtype, num, dim));
  }

  @Override
  public Tensor forward(Tensor indices) {
    return Tensor.embedding(weight.get(), indices);
  }
}
