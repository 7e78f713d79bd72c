package io.frontier.optim.bayes.testfunctions;

/**
 * Six-hump camel on {@code [-3, 3] × [-2, 2]}:
 * {@code (4 - 2.1 x₁² + x₁⁴/3) x₁² + x₁ x₂ + (-4 + 4 x₂²) x₂²}; minimum -1.0316284534898774 at
 * {@code ±(0.0898420131003, -0.7126564030207)}.
 */
public final class SixHumpCamel extends BoxTestFunction {
  public SixHumpCamel() {
    super("SixHumpCamel", new double[] {-3, -2}, new double[] {3, 2}, -1.0316284534898774,
        new double[][] {{0.0898420131003, -0.7126564030207}, {-0.0898420131003, 0.7126564030207}});
  }

  @Override
  public double value(double[] x) {
    check(x);
    double a = x[0] * x[0];
    double b = x[1] * x[1];
    return (4 - 2.1 * a + a * a / 3) * a + x[0] * x[1] + (-4 + 4 * b) * b;
  }
}
