package io.frontier.optim.bayes.acquisition;

import io.frontier.optim.bayes.Model;
import io.frontier.optim.bayes.Posterior;
import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;

/**
 * A test double in the pattern of BoTorch's MockModel: a 2-D input {@code (μ, σ)} is read as the
 * posterior mean and standard deviation themselves (independent points, variance σ²), so the
 * acquisitions' closed forms and their gradients with respect to μ and σ are tested with no GP.
 */
final class DirectModel implements Model {
  @Override
  public int inputDim() {
    return 2;
  }

  @Override
  public Posterior posterior(Tensor x) {
    return FixedPosterior.independent(x.select(1, 0), x.select(1, 1).square());
  }

  @Override
  public Model condition(Tensor x, Tensor y) {
    throw new UnsupportedOperationException("DirectModel has no data to condition");
  }

  @Override
  public Tensor trainInputs() {
    return Tensor.zeros(DType.FLOAT64, 0, 2);
  }

  @Override
  public Tensor trainTargets() {
    return Tensor.zeros(DType.FLOAT64, 0);
  }

  @Override
  public double noiseVariance() {
    return 0;
  }

  /** Candidates {@code (b, 1, 2)} from pairs (μ, σ). */
  static Tensor candidates(double[][] meanSd) {
    return Tensor.of(meanSd).reshape(meanSd.length, 1, 2);
  }
}
