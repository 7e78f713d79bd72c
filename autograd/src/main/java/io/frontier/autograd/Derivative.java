package io.frontier.autograd;

import io.frontier.tensor.Tensor;

/**
 * The backward formula of one op family: given the gradients of the node's outputs, the gradients
 * of its inputs. Runs with grad mode off. The engine reduces each returned gradient to its input's
 * shape (summing broadcast dims) and casts it to the input's dtype, so a formula may return the
 * broadcast shape.
 */
interface Derivative {

  /**
   * Input gradients, one per input; null where the input needs none ({@link Node#needsGrad}) or the
   * gradient is zero. {@code gradOutputs[i]} is null when output i received no gradient.
   */
  Tensor[] backward(Node node, Tensor[] gradOutputs);

  /** Whether the formula reads the node's inputs (they are then kept, with their versions). */
  default boolean savesInputs(Object[] args) {
    return true;
  }

  /** Whether the formula reads the node's outputs. */
  default boolean savesOutputs(Object[] args) {
    return false;
  }
}
