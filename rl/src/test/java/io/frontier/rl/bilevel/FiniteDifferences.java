package io.frontier.rl.bilevel;

import java.util.function.ToDoubleFunction;

/** Central finite differences, the independent reference for the autograd gradients here. */
final class FiniteDifferences {
  private FiniteDifferences() {}

  /** {@code (f(x + h e_i) - f(x - h e_i)) / 2h} for every i. */
  static double[] central(ToDoubleFunction<double[]> f, double[] x, double h) {
    double[] g = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double[] plus = x.clone();
      double[] minus = x.clone();
      plus[i] += h;
      minus[i] -= h;
      g[i] = (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * h);
    }
    return g;
  }

  /** {@code ||a - b|| / ||b||}. */
  static double relativeError(double[] a, double[] b) {
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < a.length; i++) {
      diff += (a[i] - b[i]) * (a[i] - b[i]);
      norm += b[i] * b[i];
    }
    return Math.sqrt(diff / norm);
  }
}
