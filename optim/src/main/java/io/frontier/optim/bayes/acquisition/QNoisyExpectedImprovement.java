package io.frontier.optim.bayes.acquisition;

import io.frontier.optim.bayes.Model;
import io.frontier.optim.bayes.Posterior;
import io.frontier.optim.bayes.gp.JitteredCholesky;
import io.frontier.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Batch noisy expected improvement by quasi-Monte-Carlo (Letham, Karrer, Ottoni and Bakshy 2019;
 * BoTorch's {@code qNoisyExpectedImprovement}):
 * {@code qNEI(X) = E[(max_j f(x_j) - max_i f(x_i^obs))^+]} over a joint sample of the candidates and
 * the observed inputs, so the unknown incumbent is integrated over instead of plugged in. Samples are
 * {@code μ + L z} with fixed {@link QmcNormal} base samples over all q + n points.
 */
public final class QNoisyExpectedImprovement implements Acquisition {
  private final Model model;
  private final int q;
  private final Tensor observed;
  private final Tensor base;

  public QNoisyExpectedImprovement(Model model, int q, int samples, long seed) {
    if (model == null) throw new IllegalArgumentException("QNoisyExpectedImprovement: model is null");
    if (q < 1) throw new IllegalArgumentException("QNoisyExpectedImprovement: q must be >= 1, got " + q);
    this.observed = model.trainInputs().detach();
    if (observed.dim() != 2 || observed.size(0) == 0) {
      throw new IllegalArgumentException("QNoisyExpectedImprovement: the model has no observations to improve on");
    }
    this.model = model;
    this.q = q;
    this.base = Tensor.of(QmcNormal.samples(samples, q + observed.size(0), seed));
  }

  @Override
  public int q() {
    return q;
  }

  @Override
  public Tensor value(Tensor x) {
    int b = Acquisition.checkCandidates("QNoisyExpectedImprovement", x, q, model.inputDim());
    int n = observed.size(0);
    List<Tensor> out = new ArrayList<>(b);
    for (int i = 0; i < b; i++) {
      Posterior post = model.posterior(Tensor.cat(List.of(x.select(0, i), observed), 0));
      Tensor factor = JitteredCholesky.factorForSampling("QNoisyExpectedImprovement", post.covariance());
      Tensor f = post.mean().unsqueeze(0).add(base.matmul(factor.t()));
      Tensor best = f.narrow(1, 0, q).amax(new int[] {1}, false);
      Tensor incumbent = f.narrow(1, q, n).amax(new int[] {1}, false);
      out.add(best.sub(incumbent).clampMin(0).mean().reshape(1));
    }
    return Tensor.cat(out, 0);
  }
}
