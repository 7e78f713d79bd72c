package io.frontier.optim.bayes.acquisition;

import io.frontier.tensor.Tensor;

/**
 * Joins a value computed in plain doubles to the autograd graph of the tensors it was computed
 * from, given its partial derivatives: the result equals {@code value} exactly, and its gradient is
 * {@code Σ_k ∂value/∂t_k · ∇t_k}. This lets special functions with no tensor op (log h, log Φ far in
 * the tail, the expected max of lines) keep closed-form gradients while the posterior's own
 * gradient comes from autograd.
 */
public final class Pullback {
  private Pullback() {}

  /**
   * @param values the values {@code (b)}
   * @param inputs tensors {@code (b, ...)} the values depend on
   * @param partials for each input, ∂value/∂input as an array of the input's size
   */
  public static Tensor of(double[] values, Tensor[] inputs, double[][] partials) {
    Tensor out = Tensor.of(values);
    Tensor linear = null;
    for (int k = 0; k < inputs.length; k++) {
      if (!inputs[k].requiresGrad()) continue;
      Tensor term = inputs[k].mul(Tensor.of(partials[k]).reshape(inputs[k].shape()));
      if (term.dim() > 1) term = term.flatten(1, term.dim() - 1).sum(1);
      linear = linear == null ? term : linear.add(term);
    }
    if (linear == null) return out;
    // linear - linear.detach() is exactly zero and carries the gradient of linear.
    return out.add(linear.sub(linear.detach()));
  }
}
