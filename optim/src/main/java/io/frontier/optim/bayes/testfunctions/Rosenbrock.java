package io.frontier.optim.bayes.testfunctions;

import java.util.Arrays;

/** Rosenbrock on {@code [-5, 10]^d}: {@code Σ_{i<d} 100 (x_{i+1} - x_i²)² + (x_i - 1)²}; minimum 0 at {@code (1, ..., 1)}. */
public final class Rosenbrock implements TestFunction {
  private final int d;

  public Rosenbrock(int d) {
    if (d < 2) throw new IllegalArgumentException("Rosenbrock: dimension must be >= 2, got " + d);
    this.d = d;
  }

  @Override
  public String name() {
    return "Rosenbrock" + d;
  }

  @Override
  public int dim() {
    return d;
  }

  @Override
  public double[] lower() {
    double[] l = new double[d];
    Arrays.fill(l, -5);
    return l;
  }

  @Override
  public double[] upper() {
    double[] u = new double[d];
    Arrays.fill(u, 10);
    return u;
  }

  @Override
  public double value(double[] x) {
    check(x);
    double sum = 0;
    for (int i = 0; i < d - 1; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = x[i] - 1;
      sum += 100 * a * a + b * b;
    }
    return sum;
  }

  @Override
  public double optimalValue() {
    return 0;
  }

  @Override
  public double[][] minimizers() {
    double[] one = new double[d];
    Arrays.fill(one, 1);
    return new double[][] {one};
  }
}
