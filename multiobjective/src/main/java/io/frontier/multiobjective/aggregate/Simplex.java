package io.frontier.multiobjective.aggregate;

import java.util.Arrays;

/** Euclidean projection onto the probability simplex {w : w >= 0, sum w = 1}. */
final class Simplex {
  private Simplex() {}

  /** The point of the simplex nearest to {@code v} (sort-based algorithm, Duchi et al. 2008). */
  static double[] project(double[] v) {
    double[] u = v.clone();
    Arrays.sort(u);
    double cumulative = 0;
    double theta = 0;
    for (int i = u.length - 1; i >= 0; i--) {
      cumulative += u[i];
      double t = (cumulative - 1) / (u.length - i);
      if (i == 0 || u[i - 1] <= t) {
        theta = t;
        break;
      }
    }
    double[] w = new double[v.length];
    for (int i = 0; i < v.length; i++) w[i] = Math.max(v[i] - theta, 0);
    return w;
  }

  static double[] uniform(int k) {
    double[] w = new double[k];
    Arrays.fill(w, 1.0 / k);
    return w;
  }
}
