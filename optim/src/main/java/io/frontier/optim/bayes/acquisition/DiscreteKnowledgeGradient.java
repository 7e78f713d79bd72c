package io.frontier.optim.bayes.acquisition;

import io.frontier.optim.bayes.Model;
import io.frontier.optim.bayes.Posterior;
import io.frontier.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Knowledge gradient over a finite set {@code A} of alternatives, exactly (Frazier's tutorial §4.2;
 * Frazier, Powell and Dayanik 2009):
 * {@code KG_n(x) = E_n[max_{x' ∈ A ∪ {x}} μ_{n+1}(x') | x_{n+1} = x] - max_{x' ∈ A ∪ {x}} μ_n(x')}.
 *
 * <p>After observing {@code y = f(x) + ε}, {@code ε ~ N(0, λ²)}, the posterior mean moves along one
 * standard normal {@code Z}: {@code μ_{n+1}(x') = μ_n(x') + σ̃_n(x', x) Z} with
 * {@code σ̃_n(x', x) = Σ_n(x', x) / √(Σ_n(x, x) + λ²)}. So the expectation is that of the max of the
 * lines {@code a + b Z}, {@code a = μ_n}, {@code b = σ̃_n}, which {@link ExpectedMaxOfLines} computes
 * exactly; the gradient with respect to {@code x} reaches a and b through autograd.
 */
public final class DiscreteKnowledgeGradient implements Acquisition {
  private final Model model;
  private final Tensor alternatives;
  private final boolean includeCandidateInBaseline;
  private final String name;

  /** KG over {@code alternatives} {@code (m, d)} plus the candidate itself. */
  public DiscreteKnowledgeGradient(Model model, Tensor alternatives) {
    this("DiscreteKnowledgeGradient", model, alternatives, true);
  }

  DiscreteKnowledgeGradient(String name, Model model, Tensor alternatives, boolean includeCandidateInBaseline) {
    if (model == null) throw new IllegalArgumentException(name + ": model is null");
    if (alternatives == null || alternatives.dim() != 2 || alternatives.size(1) != model.inputDim() || alternatives.size(0) == 0) {
      throw new IllegalArgumentException(name + ": alternatives must be a non-empty (m, " + model.inputDim() + ") tensor, got "
          + (alternatives == null ? "null" : java.util.Arrays.toString(alternatives.shape())));
    }
    this.model = model;
    this.alternatives = alternatives.detach();
    this.includeCandidateInBaseline = includeCandidateInBaseline;
    this.name = name;
  }

  @Override
  public int q() {
    return 1;
  }

  @Override
  public Tensor value(Tensor x) {
    int b = Acquisition.checkCandidates(name, x, 1, model.inputDim());
    int m = alternatives.size(0);
    List<Tensor> values = new ArrayList<>(b);
    for (int i = 0; i < b; i++) {
      Tensor points = Tensor.cat(List.of(alternatives, x.select(0, i)), 0);
      Posterior post = model.posterior(points);
      Tensor a = post.mean();
      Tensor cov = post.covariance();
      Tensor column = cov.select(1, m);
      Tensor scale = column.select(0, m).clampMin(0).add(model.noiseVariance()).sqrt();
      double scaleValue = scale.item();
      Tensor slopes = scaleValue > 0 ? column.div(scale) : column.mul(0);
      ExpectedMaxOfLines.Result r = ExpectedMaxOfLines.of(a.contiguous().toDoubleArray(), slopes.contiguous().toDoubleArray(),
          includeCandidateInBaseline ? m + 1 : m);
      values.add(Pullback.of(new double[] {r.value()}, new Tensor[] {a.reshape(1, m + 1), slopes.reshape(1, m + 1)},
          new double[][] {r.da(), r.db()}));
    }
    return Tensor.cat(values, 0);
  }
}
