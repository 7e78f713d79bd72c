package io.frontier.nn;

import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.UnaryOp;

/** An elementwise activation as a layer: relu, gelu, geluTanh, silu, tanh, sigmoid, ... */
public final class Activation extends Layer {
  private final UnaryOp op;

  public Activation(UnaryOp op) {
    if (op.domain() == UnaryOp.Domain.PREDICATE) throw new IllegalArgumentException("Activation: " + op.opName() + " is a predicate");
    this.op = op;
  }

  @Override
  public Tensor forward(Tensor x) {
    return x.apply(op);
  }
}
