package io.frontier.multiobjective.bayes;

import io.frontier.optim.bayes.Model;
import io.frontier.optim.bayes.Posterior;
import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;

/**
 * A test double with a fixed posterior and no GP: mean {@code w·x + c}, independent variance
 * {@code s² (1 + x₀²)}, so that the acquisitions' closed forms and gradients can be checked directly.
 */
final class AffineModel implements Model {
  private final double[] w;
  private final double c;
  private final double s;

  AffineModel(double[] w, double c, double s) {
    this.w = w;
    this.c = c;
    this.s = s;
  }

  @Override
  public int inputDim() {
    return w.length;
  }

  @Override
  public Posterior posterior(Tensor x) {
    Tensor mean = x.matmul(Tensor.of(w)).add(c);
    Tensor variance = x.select(1, 0).square().add(1).mul(s * s);
    return new Posterior() {
      @Override
      public Tensor mean() {
        return mean;
      }

      @Override
      public Tensor variance() {
        return variance;
      }

      @Override
      public Tensor covariance() {
        return Tensor.eye(x.size(0), x.size(0), DType.FLOAT64).mul(variance.unsqueeze(0));
      }
    };
  }

  double mean(double[] x) {
    double m = c;
    for (int i = 0; i < w.length; i++) m += w[i] * x[i];
    return m;
  }

  double sd(double[] x) {
    return s * Math.sqrt(1 + x[0] * x[0]);
  }

  @Override
  public Model condition(Tensor x, Tensor y) {
    throw new UnsupportedOperationException("AffineModel has a fixed posterior");
  }

  @Override
  public Tensor trainInputs() {
    return Tensor.zeros(DType.FLOAT64, 0, w.length);
  }

  @Override
  public Tensor trainTargets() {
    return Tensor.zeros(DType.FLOAT64, 0);
  }

  @Override
  public double noiseVariance() {
    return 0;
  }
}
