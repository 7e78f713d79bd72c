package io.frontier.nn;

import io.frontier.tensor.Tensor;

/** A module that maps one tensor to one tensor, so that layers compose in a {@link Sequential}. */
public abstract class Layer extends Module {
  public abstract Tensor forward(Tensor x);
}
