package io.frontier.optim.bayes.acquisition;

import io.frontier.optim.bayes.Model;
import io.frontier.optim.bayes.Posterior;
import io.frontier.optim.bayes.gp.JitteredCholesky;
import io.frontier.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Batch expected improvement by quasi-Monte-Carlo (Frazier's tutorial §5, "parallel EI"; BoTorch's
 * {@code qExpectedImprovement}): {@code qEI(x_1..x_q) = E[max_j (f(x_j) - f*)^+]}, estimated with
 * the reparameterisation {@code f = μ + L z} over fixed {@link QmcNormal} base samples {@code z},
 * {@code L} the Cholesky factor of the joint posterior covariance of the q points. Gradients flow
 * through μ and L by autograd.
 */
public final class QExpectedImprovement implements Acquisition {
  private final Model model;
  private final double bestF;
  private final int q;
  private final Tensor base;

  public QExpectedImprovement(Model model, double bestF, int q, int samples, long seed) {
    if (model == null) throw new IllegalArgumentException("QExpectedImprovement: model is null");
    if (!Double.isFinite(bestF)) throw new IllegalArgumentException("QExpectedImprovement: bestF must be finite, got " + bestF);
    if (q < 1) throw new IllegalArgumentException("QExpectedImprovement: q must be >= 1, got " + q);
    this.model = model;
    this.bestF = bestF;
    this.q = q;
    this.base = Tensor.of(QmcNormal.samples(samples, q, seed));
  }

  @Override
  public int q() {
    return q;
  }

  @Override
  public Tensor value(Tensor x) {
    int b = Acquisition.checkCandidates("QExpectedImprovement", x, q, model.inputDim());
    List<Tensor> out = new ArrayList<>(b);
    for (int i = 0; i < b; i++) {
      Posterior post = model.posterior(x.select(0, i));
      Tensor factor = JitteredCholesky.factorForSampling("QExpectedImprovement", post.covariance());
      Tensor f = post.mean().unsqueeze(0).add(base.matmul(factor.t()));
      out.add(f.sub(bestF).clampMin(0).amax(new int[] {1}, false).mean().reshape(1));
    }
    return Tensor.cat(out, 0);
  }
}
