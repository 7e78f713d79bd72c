package io.frontier.multiobjective.pareto;

/**
 * A scalarising function: maps an objective vector f (minimisation) to one number to minimise.
 * Weights must be non-negative and finite, with at least one positive; the ideal (utopia) point
 * z is meant to lie at or below the front. Each record checks its arguments once; {@link #value}
 * expects a vector of the same length.
 */
public sealed interface Scalarization {

  /** The scalarised value of the objective vector {@code f}. */
  double value(double[] f);

  /** {@code sum_i w_i f_i}. Finds only the convex part of a front. */
  record WeightedSum(double[] weights) implements Scalarization {
    public WeightedSum {
      weights = checkWeights(weights);
    }

    @Override
    public double value(double[] f) {
      double s = 0;
      for (int i = 0; i < weights.length; i++) s += weights[i] * f[i];
      return s;
    }
  }

  /** Tchebycheff (MOEA/D form): {@code max_i w_i |f_i - z_i|}. */
  record Tchebycheff(double[] weights, double[] ideal) implements Scalarization {
    public Tchebycheff {
      weights = checkWeights(weights);
      ideal = checkPoint(ideal, weights.length, "Tchebycheff ideal point");
    }

    @Override
    public double value(double[] f) {
      double m = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < weights.length; i++) m = Math.max(m, weights[i] * Math.abs(f[i] - ideal[i]));
      return m;
    }
  }

  /**
   * Augmented Tchebycheff (Steuer and Choo): {@code max_i w_i |f_i - z_i| + rho sum_i |f_i - z_i|},
   * {@code rho >= 0} small; the sum removes weakly Pareto-optimal minimisers.
   */
  record AugmentedTchebycheff(double[] weights, double[] ideal, double rho) implements Scalarization {
    public AugmentedTchebycheff {
      weights = checkWeights(weights);
      ideal = checkPoint(ideal, weights.length, "augmented Tchebycheff ideal point");
      if (!(rho >= 0) || Double.isInfinite(rho)) throw new IllegalArgumentException("augmented Tchebycheff: rho must be finite and >= 0, got " + rho);
    }

    @Override
    public double value(double[] f) {
      double m = Double.NEGATIVE_INFINITY;
      double s = 0;
      for (int i = 0; i < weights.length; i++) {
        double a = Math.abs(f[i] - ideal[i]);
        m = Math.max(m, weights[i] * a);
        s += a;
      }
      return m + rho * s;
    }
  }

  /**
   * Penalty-based boundary intersection (Zhang and Li, MOEA/D): with {@code u = w / |w|},
   * {@code d1 = (f - z) . u}, {@code d2 = |f - z - d1 u|}, the value is {@code d1 + theta d2}
   * (theta = 5 is the usual choice).
   */
  record Pbi(double[] weights, double[] ideal, double theta) implements Scalarization {
    public Pbi {
      weights = checkWeights(weights);
      ideal = checkPoint(ideal, weights.length, "PBI ideal point");
      if (!(theta >= 0) || Double.isInfinite(theta)) throw new IllegalArgumentException("PBI: theta must be finite and >= 0, got " + theta);
    }

    @Override
    public double value(double[] f) {
      double norm = 0;
      for (double w : weights) norm += w * w;
      norm = Math.sqrt(norm);
      double d1 = 0;
      for (int i = 0; i < weights.length; i++) d1 += (f[i] - ideal[i]) * weights[i] / norm;
      double d2 = 0;
      for (int i = 0; i < weights.length; i++) {
        double r = f[i] - ideal[i] - d1 * weights[i] / norm;
        d2 += r * r;
      }
      return d1 + theta * Math.sqrt(d2);
    }
  }

  /**
   * Pascoletti-Serafini with reference point a and direction r (all {@code r_i > 0}): the least t
   * with {@code f <= a + t r}, that is {@code max_i (f_i - a_i) / r_i}. Minimising it over the
   * feasible set gives the point of the front hit along the ray {@code a + t r}; it also reaches
   * non-convex parts of a front.
   */
  record PascolettiSerafini(double[] reference, double[] direction) implements Scalarization {
    public PascolettiSerafini {
      if (direction == null || direction.length == 0) throw new IllegalArgumentException("Pascoletti-Serafini: the direction is empty");
      direction = direction.clone();
      for (int i = 0; i < direction.length; i++) {
        if (!(direction[i] > 0) || Double.isInfinite(direction[i])) {
          throw new IllegalArgumentException("Pascoletti-Serafini: direction component " + i + " must be finite and > 0, got " + direction[i]);
        }
      }
      reference = checkPoint(reference, direction.length, "Pascoletti-Serafini reference point");
    }

    @Override
    public double value(double[] f) {
      double t = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < direction.length; i++) t = Math.max(t, (f[i] - reference[i]) / direction[i]);
      return t;
    }
  }

  private static double[] checkWeights(double[] weights) {
    if (weights == null || weights.length == 0) throw new IllegalArgumentException("scalarization: the weights are empty");
    boolean positive = false;
    for (int i = 0; i < weights.length; i++) {
      if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
        throw new IllegalArgumentException("scalarization: weight " + i + " must be finite and >= 0, got " + weights[i]);
      }
      positive |= weights[i] > 0;
    }
    if (!positive) throw new IllegalArgumentException("scalarization: at least one weight must be positive");
    return weights.clone();
  }

  private static double[] checkPoint(double[] point, int d, String name) {
    PointSets.checkVector(point, d, name);
    return point.clone();
  }
}
