package io.frontier.optim.bayes.acquisition;

import io.frontier.optim.bayes.Model;
import io.frontier.optim.bayes.Posterior;
import io.frontier.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * Max-value entropy search (Wang and Jegelka, "Max-value Entropy Search for Efficient Bayesian
 * Optimization", ICML 2017, eq. (6)):
 * {@code α(x) = (1/K) Σ_k [γ_k φ(γ_k) / (2 Φ(γ_k)) - log Φ(γ_k)]}, {@code γ_k = (y*_k - μ(x))/σ(x)},
 * the expected drop in the entropy of the maximum value {@code y*} from observing x.
 *
 * <p>The {@code y*_k} come from the paper's Gumbel approximation (§3.1): on a candidate set
 * {@code X̂}, {@code Pr[y* < y] ≈ Π_x Φ((y - μ(x))/σ(x))}; its quartiles (found by bisection) fix a
 * Gumbel distribution, sampled with a seeded generator. Each sample is kept at least at the best
 * observed value, as in the paper.
 */
public final class MaxValueEntropySearch extends AnalyticAcquisition {
  private final double[] maxValues;

  public MaxValueEntropySearch(Model model, Tensor candidateSet, int samples, long seed) {
    super("MaxValueEntropySearch", model);
    if (samples < 1) throw new IllegalArgumentException("MaxValueEntropySearch: need samples >= 1, got " + samples);
    if (candidateSet == null || candidateSet.dim() != 2 || candidateSet.size(1) != model.inputDim() || candidateSet.size(0) == 0) {
      throw new IllegalArgumentException("MaxValueEntropySearch: candidateSet must be a non-empty (m, " + model.inputDim() + ") tensor");
    }
    this.maxValues = gumbelSamples(model, candidateSet, samples, seed);
  }

  /** The sampled maximum values y*_k. */
  public double[] maxValues() {
    return maxValues.clone();
  }

  static double[] gumbelSamples(Model model, Tensor candidateSet, int samples, long seed) {
    double[] mu;
    double[] sd;
    try (var noGrad = io.frontier.tensor.Grad.noGrad()) {
      Posterior post = model.posterior(candidateSet.detach());
      mu = post.mean().contiguous().toDoubleArray();
      double[] var = post.variance().contiguous().toDoubleArray();
      sd = new double[var.length];
      for (int i = 0; i < var.length; i++) sd[i] = Math.sqrt(Math.max(var[i], 0));
    }
    double floor = Double.NEGATIVE_INFINITY;
    for (double y : model.trainTargets().contiguous().toDoubleArray()) floor = Math.max(floor, y);
    double y25 = quantile(mu, sd, 0.25);
    double y50 = quantile(mu, sd, 0.5);
    double y75 = quantile(mu, sd, 0.75);
    // Gumbel quantiles y_r = a - b log(-log r).
    double b = (y75 - y25) / (Math.log(-Math.log(0.25)) - Math.log(-Math.log(0.75)));
    double a = y50 + b * Math.log(-Math.log(0.5));
    SplittableRandom random = new SplittableRandom(seed);
    double[] out = new double[samples];
    for (int k = 0; k < samples; k++) {
      double r = Math.min(Math.max(random.nextDouble(), 1e-12), 1 - 1e-12);
      double sample = a - b * Math.log(-Math.log(r));
      out[k] = floor == Double.NEGATIVE_INFINITY ? sample : Math.max(sample, floor + 1e-9 * Math.max(1, Math.abs(floor)));
    }
    return out;
  }

  /** The y with Π_i Φ((y - μ_i)/σ_i) = p, by bisection. */
  private static double quantile(double[] mu, double[] sd, double p) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    double maxSd = 0;
    double maxMu = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < mu.length; i++) {
      maxSd = Math.max(maxSd, sd[i]);
      maxMu = Math.max(maxMu, mu[i]);
      hi = Math.max(hi, mu[i] + 10 * sd[i]);
    }
    lo = maxMu - 10 * maxSd - 1e-12;
    hi += 1e-12;
    double target = Math.log(p);
    for (int it = 0; it < 200 && hi - lo > 1e-14 * Math.max(1, Math.abs(hi)); it++) {
      double mid = 0.5 * (lo + hi);
      double logP = 0;
      for (int i = 0; i < mu.length && logP > Double.NEGATIVE_INFINITY; i++) {
        logP += sd[i] > 0 ? Normal.logCdf((mid - mu[i]) / sd[i]) : (mid >= mu[i] ? 0 : Double.NEGATIVE_INFINITY);
      }
      if (logP < target) lo = mid;
      else hi = mid;
    }
    return 0.5 * (lo + hi);
  }

  @Override
  public void score(double mean, double sigma, double[] out) {
    double s = Math.max(sigma, LogExpectedImprovement.MIN_SIGMA);
    double value = 0;
    double dGamma = 0;
    double dGammaTimesGamma = 0;
    for (double yStar : maxValues) {
      double g = (yStar - mean) / s;
      double r = Normal.dLogCdf(g);
      value += g * r / 2 - Normal.logCdf(g);
      // d/dγ [γ r/2 - log Φ(γ)] with r' = -γ r - r².
      double slope = r / 2 + g * (-g * r - r * r) / 2 - r;
      dGamma += slope;
      dGammaTimesGamma += slope * g;
    }
    int k = maxValues.length;
    out[0] = value / k;
    out[1] = -dGamma / (k * s);
    out[2] = sigma < LogExpectedImprovement.MIN_SIGMA ? 0 : -dGammaTimesGamma / (k * s);
  }
}
