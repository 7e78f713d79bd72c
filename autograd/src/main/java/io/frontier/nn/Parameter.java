package io.frontier.nn;

import io.frontier.tensor.Tensor;

/**
 * A module's named tensor slot: a trainable parameter (a leaf that requires grad) or a buffer
 * (state that is saved but not trained). A slot rather than a bare tensor so that
 * {@link Module#to} and {@link Module#loadStateDict} can swap the tensor while the module keeps
 * its reference.
 */
public final class Parameter {
  private Tensor value;
  private final boolean trainable;

  Parameter(Tensor value, boolean trainable) {
    this.trainable = trainable;
    set(value);
  }

  /** The current tensor. */
  public Tensor get() {
    return value;
  }

  /** True for a parameter, false for a buffer. */
  public boolean trainable() {
    return trainable;
  }

  void set(Tensor t) {
    Tensor leaf = t.detach();
    if (trainable) leaf.requiresGrad_(true);
    // a parameter or buffer outlives any MemoryScope (Module.to may run inside one)
    leaf.storage().persist();
    value = leaf;
  }
}
