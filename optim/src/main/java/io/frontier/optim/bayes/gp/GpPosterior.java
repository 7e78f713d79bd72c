package io.frontier.optim.bayes.gp;

import io.frontier.optim.bayes.Posterior;
import io.frontier.tensor.Tensor;
import java.util.function.Supplier;

/**
 * The posterior of an {@link ExactGp} at query points: the mean is computed at once, the variance and
 * the joint covariance on first request (the covariance is {@code O(m²n)}, which an acquisition that
 * needs only marginals should not pay).
 */
final class GpPosterior implements Posterior {
  private final Tensor mean;
  private final Supplier<Tensor> varianceFn;
  private final Supplier<Tensor> covarianceFn;
  private Tensor variance;
  private Tensor covariance;

  GpPosterior(Tensor mean, Supplier<Tensor> varianceFn, Supplier<Tensor> covarianceFn) {
    this.mean = mean;
    this.varianceFn = varianceFn;
    this.covarianceFn = covarianceFn;
  }

  @Override
  public Tensor mean() {
    return mean;
  }

  @Override
  public Tensor variance() {
    if (variance == null) variance = varianceFn.get();
    return variance;
  }

  @Override
  public Tensor covariance() {
    if (covariance == null) covariance = covarianceFn.get();
    return covariance;
  }
}
