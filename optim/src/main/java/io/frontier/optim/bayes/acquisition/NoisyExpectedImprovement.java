package io.frontier.optim.bayes.acquisition;

import io.frontier.optim.bayes.Model;
import io.frontier.tensor.Tensor;

/**
 * Expected improvement for noisy observations as Frazier's tutorial defines it (§5, "Noisy
 * evaluations"): the decision-theoretic argument behind EI with the final choice restricted to
 * points already evaluated,
 * {@code EI_n(x) = E_n[max_{i ≤ n+1} μ_{n+1}(x_i) - max_{i ≤ n} μ_n(x_i) | x_{n+1} = x]}.
 *
 * <p>Our reading, computed exactly: {@code x_1..x_n} are the model's training inputs; after the
 * observation at {@code x} every posterior mean {@code μ_{n+1}(x_i)}, the new point's included,
 * moves along one standard normal, so this is the discrete knowledge gradient over
 * {@code {x_1..x_n, x}} except that the current value {@code max_{i ≤ n} μ_n(x_i)} leaves out the
 * candidate. Without noise {@code μ_n(x_i) = y_i} and {@code Σ_n(x_i, x) = 0}, so it reduces to
 * {@link ExpectedImprovement} with {@code f* = max y_i}.
 */
public final class NoisyExpectedImprovement implements Acquisition {
  private final DiscreteKnowledgeGradient lines;

  public NoisyExpectedImprovement(Model model) {
    if (model == null) throw new IllegalArgumentException("NoisyExpectedImprovement: model is null");
    Tensor evaluated = model.trainInputs();
    if (evaluated == null || evaluated.dim() != 2 || evaluated.size(0) == 0) {
      throw new IllegalArgumentException("NoisyExpectedImprovement: the model has no observations to improve on");
    }
    this.lines = new DiscreteKnowledgeGradient("NoisyExpectedImprovement", model, evaluated, false);
  }

  @Override
  public int q() {
    return 1;
  }

  @Override
  public Tensor value(Tensor x) {
    return lines.value(x);
  }
}
