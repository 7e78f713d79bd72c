package io.frontier.optim.bayes.testfunctions;

import java.util.Arrays;

/**
 * Ackley on {@code [-32.768, 32.768]^d} with a = 20, b = 0.2, c = 2π:
 * {@code -a exp(-b √(mean x²)) - exp(mean cos(c x)) + a + e}; minimum 0 at the origin, where it is
 * not differentiable (the square root).
 */
public final class Ackley implements TestFunction {
  private final int d;

  public Ackley(int d) {
    if (d < 1) throw new IllegalArgumentException("Ackley: dimension must be >= 1, got " + d);
    this.d = d;
  }

  @Override
  public String name() {
    return "Ackley" + d;
  }

  @Override
  public int dim() {
    return d;
  }

  @Override
  public double[] lower() {
    double[] l = new double[d];
    Arrays.fill(l, -32.768);
    return l;
  }

  @Override
  public double[] upper() {
    double[] u = new double[d];
    Arrays.fill(u, 32.768);
    return u;
  }

  @Override
  public double value(double[] x) {
    check(x);
    double squares = 0;
    double cosines = 0;
    for (double v : x) {
      squares += v * v;
      cosines += Math.cos(2 * Math.PI * v);
    }
    return -20 * Math.exp(-0.2 * Math.sqrt(squares / d)) - Math.exp(cosines / d) + 20 + Math.E;
  }

  @Override
  public double optimalValue() {
    return 0;
  }

  @Override
  public double[][] minimizers() {
    return new double[][] {new double[d]};
  }
}
