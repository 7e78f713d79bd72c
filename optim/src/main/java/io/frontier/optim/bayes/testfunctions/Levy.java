package io.frontier.optim.bayes.testfunctions;

/**
 * Levy on {@code [-10, 10]^d}: with {@code w_i = 1 + (x_i - 1)/4},
 * {@code sin²(π w_1) + Σ_{i<d} (w_i - 1)² [1 + 10 sin²(π w_i + 1)] + (w_d - 1)² [1 + sin²(2π w_d)]};
 * minimum 0 at {@code (1, ..., 1)}.
 */
public final class Levy extends BoxTestFunction {
  public Levy(int d) {
    super("Levy" + checkedDimension("Levy", d, 1), constant(d, -10), constant(d, 10), 0, new double[][] {constant(d, 1)});
  }

  @Override
  public double value(double[] x) {
    check(x);
    int d = dim();
    double[] w = new double[d];
    for (int i = 0; i < d; i++) w[i] = 1 + (x[i] - 1) / 4;
    double s = Math.sin(Math.PI * w[0]);
    double sum = s * s;
    for (int i = 0; i < d - 1; i++) {
      double si = Math.sin(Math.PI * w[i] + 1);
      sum += (w[i] - 1) * (w[i] - 1) * (1 + 10 * si * si);
    }
    double sd = Math.sin(2 * Math.PI * w[d - 1]);
    sum += (w[d - 1] - 1) * (w[d - 1] - 1) * (1 + sd * sd);
    return sum;
  }
}
