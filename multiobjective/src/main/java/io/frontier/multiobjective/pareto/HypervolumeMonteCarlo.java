package io.frontier.multiobjective.pareto;

import java.util.SplittableRandom;

/**
 * Monte-Carlo hypervolume estimate (minimisation, raw, not normalised). Samples are uniform in the
 * box from the componentwise minimum of the points to the reference point; the estimate is the box
 * volume V times the fraction p of samples weakly dominated by some point, and its standard error
 * is {@code V sqrt(p (1 - p) / samples)}. Each sample costs O(n d); the seed makes it reproducible.
 */
public final class HypervolumeMonteCarlo {

  /** An estimate and its standard error (one standard deviation of the estimator). */
  public record Estimate(double value, double standardError) {}

  private HypervolumeMonteCarlo() {}

  /** Estimates the hypervolume of {@code points} with respect to {@code reference}. */
  public static Estimate estimate(double[][] points, double[] reference, int samples, long seed) {
    int d = PointSets.checkPoints(points, "Monte-Carlo hypervolume");
    PointSets.checkVector(reference, d, "Monte-Carlo hypervolume reference point");
    if (samples < 1) throw new IllegalArgumentException("Monte-Carlo hypervolume: samples must be positive, got " + samples);
    double[][] inside = Hypervolume.inside(points, reference);
    if (inside.length == 0) return new Estimate(0, 0);
    double[][] pts = NonDominatedFilter.filter(inside);
    double[] low = pts[0].clone();
    for (double[] p : pts) for (int k = 0; k < d; k++) low[k] = Math.min(low[k], p[k]);
    double box = 1;
    for (int k = 0; k < d; k++) box *= reference[k] - low[k];
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = new double[d];
    long hits = 0;
    for (int s = 0; s < samples; s++) {
      for (int k = 0; k < d; k++) x[k] = low[k] + random.nextDouble() * (reference[k] - low[k]);
      for (double[] p : pts) {
        if (Dominance.weaklyDominates(p, x)) {
          hits++;
          break;
        }
      }
    }
    double p = (double) hits / samples;
    return new Estimate(box * p, box * Math.sqrt(p * (1 - p) / samples));
  }
}
