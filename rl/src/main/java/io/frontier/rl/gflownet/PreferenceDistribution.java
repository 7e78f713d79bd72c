package io.frontier.rl.gflownet;

import java.util.SplittableRandom;

/**
 * Where training preferences {@code w} come from. MOGFN-PC draws them from a Dirichlet
 * {@code Dir(alpha)} on the simplex (alpha = 1, uniform, in the paper's main runs); a point mass
 * turns the conditional GFlowNet into an ordinary one for a single scalarised reward.
 */
@FunctionalInterface
public interface PreferenceDistribution {

  /** One preference vector. */
  double[] sample(SplittableRandom rng);

  /** Always {@code w} (copied). */
  static PreferenceDistribution fixed(double... w) {
    if (w.length == 0) throw new IllegalArgumentException("PreferenceDistribution.fixed: empty preference");
    double[] copy = w.clone();
    return rng -> copy.clone();
  }

  /**
   * The symmetric Dirichlet {@code Dir(alpha, ..., alpha)} on the K-simplex, drawn as normalised
   * {@code Gamma(alpha, 1)} variates (Marsaglia and Tsang 2000, with the {@code U^(1/alpha)} boost
   * for {@code alpha < 1}).
   */
  static PreferenceDistribution dirichlet(int k, double alpha) {
    if (k < 1) throw new IllegalArgumentException("PreferenceDistribution.dirichlet: need at least one component, got " + k);
    if (!(alpha > 0) || !Double.isFinite(alpha)) throw new IllegalArgumentException("PreferenceDistribution.dirichlet: alpha must be positive and finite, got " + alpha);
    return rng -> {
      double[] w = new double[k];
      double total = 0;
      do {
        total = 0;
        for (int i = 0; i < k; i++) {
          w[i] = gamma(alpha, rng);
          total += w[i];
        }
      } while (total == 0);
      for (int i = 0; i < k; i++) w[i] /= total;
      return w;
    };
  }

  private static double gamma(double alpha, SplittableRandom rng) {
    if (alpha < 1) return gamma(alpha + 1, rng) * Math.pow(rng.nextDouble(), 1 / alpha);
    double d = alpha - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x;
      double v;
      do {
        x = gaussian(rng);
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      double u = rng.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  private static double gaussian(SplittableRandom rng) {
    // Box-Muller; SplittableRandom has no nextGaussian on Java 17
    double u1 = 1 - rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
