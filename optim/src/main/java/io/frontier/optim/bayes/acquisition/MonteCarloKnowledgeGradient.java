package io.frontier.optim.bayes.acquisition;

import io.frontier.optim.bayes.Model;
import io.frontier.optim.bayes.Posterior;
import io.frontier.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Knowledge gradient by Monte-Carlo over fantasies (Frazier's tutorial, Algorithm 2): for each of J
 * fixed standard normals {@code Z_j}, fantasise the observation
 * {@code y_j = μ_n(x) + √(Σ_n(x, x) + λ²) Z_j}, condition the model on it ({@link Model#condition}),
 * and take the best fantasised posterior mean over the alternatives {@code A ∪ {x}};
 * {@code KG ≈ (1/J) Σ_j max μ_{n+1}^{(j)} - max μ_n}. The {@code Z_j} are one-dimensional
 * {@link QmcNormal} samples, so the estimate converges to {@link DiscreteKnowledgeGradient} as J
 * grows; the gradient flows through the fantasies and the conditioned posteriors by autograd (the
 * envelope theorem of the tutorial's Algorithm 3, with the inner max over a finite set).
 */
public final class MonteCarloKnowledgeGradient implements Acquisition {
  private final Model model;
  private final Tensor alternatives;
  private final double[] z;

  public MonteCarloKnowledgeGradient(Model model, Tensor alternatives, int fantasies, long seed) {
    if (model == null) throw new IllegalArgumentException("MonteCarloKnowledgeGradient: model is null");
    if (alternatives == null || alternatives.dim() != 2 || alternatives.size(1) != model.inputDim()) {
      throw new IllegalArgumentException("MonteCarloKnowledgeGradient: alternatives must be (m, " + model.inputDim() + ")");
    }
    this.model = model;
    this.alternatives = alternatives.detach();
    double[][] s = QmcNormal.samples(fantasies, 1, seed);
    this.z = new double[fantasies];
    for (int j = 0; j < fantasies; j++) z[j] = s[j][0];
  }

  @Override
  public int q() {
    return 1;
  }

  @Override
  public Tensor value(Tensor x) {
    int b = Acquisition.checkCandidates("MonteCarloKnowledgeGradient", x, 1, model.inputDim());
    List<Tensor> out = new ArrayList<>(b);
    for (int i = 0; i < b; i++) {
      Tensor point = x.select(0, i);
      Tensor set = Tensor.cat(List.of(alternatives, point), 0);
      Posterior now = model.posterior(set);
      int last = set.size(0) - 1;
      Tensor mean = now.mean().select(0, last);
      Tensor sd = now.variance().select(0, last).add(model.noiseVariance()).sqrt();
      Tensor total = null;
      for (double zj : z) {
        Tensor y = mean.add(sd.mul(zj)).reshape(1);
        Tensor best = model.condition(point, y).posterior(set).mean().max();
        total = total == null ? best : total.add(best);
      }
      out.add(total.div(z.length).sub(now.mean().max()).reshape(1));
    }
    return Tensor.cat(out, 0);
  }
}
