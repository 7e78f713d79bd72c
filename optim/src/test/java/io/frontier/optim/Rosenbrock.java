package io.frontier.optim;

/** The Rosenbrock function {@code sum(100 (x[i+1] - x[i]^2)^2 + (1 - x[i])^2)} and its gradient. */
final class Rosenbrock {
  private Rosenbrock() {}

  static ValueAndGradient eval(double[] x) {
    double f = 0;
    double[] g = new double[x.length];
    for (int i = 0; i + 1 < x.length; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      f += 100 * a * a + b * b;
      g[i] += -400 * x[i] * a - 2 * b;
      g[i + 1] += 200 * a;
    }
    return new ValueAndGradient(f, g);
  }
}
