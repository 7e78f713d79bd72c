package io.frontier.optim.bayes.testfunctions;

/**
 * Goldstein–Price on {@code [-2, 2]²}:
 * {@code [1 + (x₁+x₂+1)² (19 - 14x₁ + 3x₁² - 14x₂ + 6x₁x₂ + 3x₂²)]
 * [30 + (2x₁ - 3x₂)² (18 - 32x₁ + 12x₁² + 48x₂ - 36x₁x₂ + 27x₂²)]}; minimum 3 at {@code (0, -1)}.
 */
public final class GoldsteinPrice extends BoxTestFunction {
  public GoldsteinPrice() {
    super("GoldsteinPrice", new double[] {-2, -2}, new double[] {2, 2}, 3, new double[][] {{0, -1}});
  }

  @Override
  public double value(double[] x) {
    check(x);
    double x1 = x[0];
    double x2 = x[1];
    double s = x1 + x2 + 1;
    double t = 2 * x1 - 3 * x2;
    double first = 1 + s * s * (19 - 14 * x1 + 3 * x1 * x1 - 14 * x2 + 6 * x1 * x2 + 3 * x2 * x2);
    double second = 30 + t * t * (18 - 32 * x1 + 12 * x1 * x1 + 48 * x2 - 36 * x1 * x2 + 27 * x2 * x2);
    return first * second;
  }
}
