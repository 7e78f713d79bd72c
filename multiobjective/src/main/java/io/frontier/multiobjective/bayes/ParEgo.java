package io.frontier.multiobjective.bayes;

import java.util.SplittableRandom;

/**
 * ParEGO's scalarisation (Knowles, "ParEGO: a hybrid algorithm with on-line landscape approximation
 * for expensive multiobjective optimization problems", IEEE TEC 2006): objectives normalised to
 * {@code [0, 1]} by the observed ranges, a weight vector λ drawn uniformly from the simplex, and the
 * augmented Chebyshev function {@code f_λ(y) = max_j λ_j y_j + ρ Σ_j λ_j y_j} with ρ = 0.05, which a
 * single-objective Bayesian optimizer then minimises.
 */
public final class ParEgo {
  public static final double RHO = 0.05;

  private ParEgo() {}

  /** A uniform draw from the simplex (normalised exponentials). */
  public static double[] randomWeights(int objectives, SplittableRandom random) {
    if (objectives < 1) throw new IllegalArgumentException("ParEgo: need at least one objective, got " + objectives);
    double[] w = new double[objectives];
    double sum = 0;
    for (int j = 0; j < objectives; j++) {
      w[j] = -Math.log(1 - random.nextDouble());
      sum += w[j];
    }
    for (int j = 0; j < objectives; j++) w[j] /= sum;
    return w;
  }

  /** The augmented Chebyshev values {@code f_λ} of the rows of {@code y}, after min-max normalisation over those rows (Knowles's choice). */
  public static double[] scalarize(double[][] y, double[] weights, double rho) {
    return scalarize(y, weights, rho, null);
  }

  /**
   * As {@link #scalarize(double[][], double[], double)}, but when {@code reference} is given each
   * objective is normalised from its best observed value to the reference point rather than to its
   * worst observed value: hypervolume counts only the region below the reference, and a far worse
   * point elsewhere would otherwise squash the part that matters towards 0.
   */
  public static double[] scalarize(double[][] y, double[] weights, double rho, double[] reference) {
    if (y == null || y.length == 0) throw new IllegalArgumentException("ParEgo.scalarize: no objective vectors");
    int m = weights.length;
    if (reference != null && reference.length != m) {
      throw new IllegalArgumentException("ParEgo.scalarize: the reference point has " + reference.length + " entries, the weights " + m);
    }
    double[] min = new double[m];
    double[] max = new double[m];
    java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
    for (double[] row : y) {
      if (row.length != m) throw new IllegalArgumentException("ParEgo.scalarize: a row has " + row.length + " objectives, the weights " + m);
      for (int j = 0; j < m; j++) {
        min[j] = Math.min(min[j], row[j]);
        max[j] = Math.max(max[j], row[j]);
      }
    }
    if (reference != null) {
      for (int j = 0; j < m; j++) max[j] = Math.max(reference[j], min[j]);
    }
    double[] out = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      double worst = Double.NEGATIVE_INFINITY;
      double sum = 0;
      for (int j = 0; j < m; j++) {
        double range = max[j] - min[j];
        double v = weights[j] * (range > 0 ? (y[i][j] - min[j]) / range : 0);
        worst = Math.max(worst, v);
        sum += v;
      }
      out[i] = worst + rho * sum;
    }
    return out;
  }
}
