package io.frontier.optim.bayes.acquisition;

import io.frontier.optim.bayes.Model;
import io.frontier.optim.bayes.Posterior;
import io.frontier.tensor.Tensor;

/**
 * An acquisition that is a closed-form function {@code a(μ, σ)} of the marginal posterior mean and
 * standard deviation at one point (q = 1). Subclasses give the value and its two partial
 * derivatives; the gradient with respect to {@code x} follows through the posterior by autograd.
 */
public abstract class AnalyticAcquisition implements Acquisition {
  protected final Model model;
  private final String name;

  protected AnalyticAcquisition(String name, Model model) {
    if (model == null) throw new IllegalArgumentException(name + ": model is null");
    this.name = name;
    this.model = model;
  }

  @Override
  public final int q() {
    return 1;
  }

  @Override
  public final Tensor value(Tensor x) {
    int b = Acquisition.checkCandidates(name, x, 1, model.inputDim());
    Posterior post = model.posterior(x.reshape(b, model.inputDim()));
    Tensor mean = post.mean();
    Tensor variance = post.variance();
    double[] mu = mean.contiguous().toDoubleArray();
    double[] var = variance.contiguous().toDoubleArray();
    double[] values = new double[b];
    double[] dMu = new double[b];
    double[] dVar = new double[b];
    double[] out = new double[3];
    for (int i = 0; i < b; i++) {
      double sigma = Math.sqrt(Math.max(var[i], 0));
      score(mu[i], sigma, out);
      if (!Double.isFinite(out[0])) {
        throw new IllegalStateException(name + ": non-finite value " + out[0] + " at mean " + mu[i] + ", sd " + sigma);
      }
      values[i] = out[0];
      dMu[i] = out[1];
      // dσ/dvar = 1/(2σ); at σ = 0 the variance direction is left out (the one-sided derivative is infinite).
      dVar[i] = sigma > 0 ? out[2] / (2 * sigma) : 0;
    }
    return Pullback.of(values, new Tensor[] {mean, variance}, new double[][] {dMu, dVar});
  }

  /** Writes {@code a(μ, σ)}, {@code ∂a/∂μ} and {@code ∂a/∂σ} into {@code out[0..2]}. */
  public abstract void score(double mean, double sigma, double[] out);

  /** Convenience for tests and callers with a bare (μ, σ): the value only. */
  public final double score(double mean, double sigma) {
    double[] out = new double[3];
    score(mean, sigma, out);
    return out[0];
  }
}
