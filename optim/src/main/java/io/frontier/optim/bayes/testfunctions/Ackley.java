package io.frontier.optim.bayes.testfunctions;

/**
 * Ackley on {@code [-32.768, 32.768]^d} with a = 20, b = 0.2, c = 2π:
 * {@code -a exp(-b √(mean x²)) - exp(mean cos(c x)) + a + e}; minimum 0 at the origin, where it is
 * not differentiable (the square root).
 */
public final class Ackley extends BoxTestFunction {
  public Ackley(int d) {
    super("Ackley" + checkedDimension("Ackley", d, 1), constant(d, -32.768), constant(d, 32.768), 0, new double[][] {new double[d]});
  }

  @Override
  public double value(double[] x) {
    check(x);
    int d = dim();
    double squares = 0;
    double cosines = 0;
    for (double v : x) {
      squares += v * v;
      cosines += Math.cos(2 * Math.PI * v);
    }
    return -20 * Math.exp(-0.2 * Math.sqrt(squares / d)) - Math.exp(cosines / d) + 20 + Math.E;
  }
}
