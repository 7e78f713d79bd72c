package io.frontier.optim.bayes.testfunctions;

/**
 * Branin–Hoo on {@code [-5, 10] × [0, 15]}:
 * {@code (x₂ - 5.1 x₁²/(4π²) + 5 x₁/π - 6)² + 10 (1 - 1/(8π)) cos x₁ + 10}; three global minima of
 * value {@code 5/(4π)} at {@code (-π, 12.275)}, {@code (π, 2.275)}, {@code (3π, 2.475)}.
 */
public final class Branin extends BoxTestFunction {
  public static final double OPTIMUM = 5 / (4 * Math.PI);

  public Branin() {
    super("Branin", new double[] {-5, 0}, new double[] {10, 15}, OPTIMUM,
        new double[][] {{-Math.PI, 12.275}, {Math.PI, 2.275}, {3 * Math.PI, 2.475}});
  }

  @Override
  public double value(double[] x) {
    check(x);
    return of(x[0], x[1]);
  }

  static double of(double x1, double x2) {
    double b = 5.1 / (4 * Math.PI * Math.PI);
    double c = 5 / Math.PI;
    double t = 1 / (8 * Math.PI);
    double r = x2 - b * x1 * x1 + c * x1 - 6;
    return r * r + 10 * (1 - t) * Math.cos(x1) + 10;
  }
}
