package io.frontier.optim.bayes.acquisition;

import io.frontier.optim.bayes.Model;
import io.frontier.optim.bayes.Posterior;
import io.frontier.tensor.DType;
import io.frontier.tensor.LinAlg;
import io.frontier.tensor.Tensor;
import java.util.List;

/**
 * A test double for the GP: exact zero-mean GP regression with a fixed squared-exponential kernel
 * {@code s² exp(-|x - x'|² / (2 ℓ²))} and Gaussian noise λ² (Rasmussen and Williams, Algorithm
 * 2.1), written directly on tensors so that posteriors and fantasies are differentiable in x.
 */
final class TestGp implements Model {
  private final Tensor x;
  private final Tensor y;
  private final double lengthscale;
  private final double outputVariance;
  private final double noise;
  private final Tensor factor;
  private final Tensor alpha;

  TestGp(Tensor x, Tensor y, double lengthscale, double outputVariance, double noise) {
    this.x = x;
    this.y = y;
    this.lengthscale = lengthscale;
    this.outputVariance = outputVariance;
    this.noise = noise;
    int n = x.size(0);
    if (n == 0) {
      factor = null;
      alpha = null;
    } else {
      Tensor k = kernel(x, x).add(Tensor.eye(n, n, DType.FLOAT64).mul(noise + 1e-10 * outputVariance));
      factor = LinAlg.cholesky(k);
      alpha = LinAlg.solveTriangular(factor, y.unsqueeze(1), false, true, false);
    }
  }

  Tensor kernel(Tensor a, Tensor b) {
    Tensor sq = a.square().sum(1, true).add(b.square().sum(1, true).t()).sub(a.matmul(b.t()).mul(2)).clampMin(0);
    return sq.mul(-0.5 / (lengthscale * lengthscale)).exp().mul(outputVariance);
  }

  @Override
  public int inputDim() {
    return x.size(1);
  }

  @Override
  public Posterior posterior(Tensor q) {
    Tensor prior = kernel(q, q);
    Tensor mean;
    Tensor cov;
    if (factor == null) {
      mean = q.select(1, 0).mul(0);
      cov = prior;
    } else {
      Tensor v = LinAlg.solveTriangular(factor, kernel(x, q), false, true, false);
      mean = v.t().matmul(alpha).squeeze(1);
      cov = prior.sub(v.t().matmul(v));
    }
    Tensor variance = cov.diagonal().clampMin(0);
    return new FixedPosterior(mean, variance, cov);
  }

  @Override
  public Model condition(Tensor xNew, Tensor yNew) {
    return new TestGp(Tensor.cat(List.of(x, xNew), 0), Tensor.cat(List.of(y, yNew), 0), lengthscale, outputVariance, noise);
  }

  @Override
  public Tensor trainInputs() {
    return x;
  }

  @Override
  public Tensor trainTargets() {
    return y;
  }

  @Override
  public double noiseVariance() {
    return noise;
  }
}
