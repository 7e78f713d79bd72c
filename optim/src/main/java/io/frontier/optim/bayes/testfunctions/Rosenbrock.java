package io.frontier.optim.bayes.testfunctions;

/** Rosenbrock on {@code [-5, 10]^d}: {@code Σ_{i<d} 100 (x_{i+1} - x_i²)² + (x_i - 1)²}; minimum 0 at {@code (1, ..., 1)}. */
public final class Rosenbrock extends BoxTestFunction {
  public Rosenbrock(int d) {
    super("Rosenbrock" + checkedDimension("Rosenbrock", d, 2), constant(d, -5), constant(d, 10), 0, new double[][] {constant(d, 1)});
  }

  @Override
  public double value(double[] x) {
    check(x);
    int d = dim();
    double sum = 0;
    for (int i = 0; i < d - 1; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = x[i] - 1;
      sum += 100 * a * a + b * b;
    }
    return sum;
  }
}
