package io.frontier.optim.bayes.testfunctions;

import java.util.Arrays;

/**
 * A {@link TestFunction} whose name, box and known optimum are fixed at construction, so that each
 * function's file holds only its formula. The accessors return copies: callers may scale or sort
 * what they get without corrupting the catalogue.
 */
abstract class BoxTestFunction implements TestFunction {
  private final String name;
  private final double[] lower;
  private final double[] upper;
  private final double optimalValue;
  private final double[][] minimizers;

  BoxTestFunction(String name, double[] lower, double[] upper, double optimalValue, double[][] minimizers) {
    this.name = name;
    this.lower = lower;
    this.upper = upper;
    this.optimalValue = optimalValue;
    this.minimizers = minimizers;
  }

  /** d, after checking that the family (e.g. "Rosenbrock") is defined in that dimension. */
  static int checkedDimension(String family, int d, int minDim) {
    if (d < minDim) throw new IllegalArgumentException(family + ": dimension must be >= " + minDim + ", got " + d);
    return d;
  }

  /** The point {@code (v, ..., v)} of dimension d: one corner of a cube box, or a diagonal minimiser. */
  static double[] constant(int d, double v) {
    double[] point = new double[d];
    Arrays.fill(point, v);
    return point;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final int dim() {
    return lower.length;
  }

  @Override
  public final double[] lower() {
    return lower.clone();
  }

  @Override
  public final double[] upper() {
    return upper.clone();
  }

  @Override
  public final double optimalValue() {
    return optimalValue;
  }

  @Override
  public final double[][] minimizers() {
    double[][] copy = new double[minimizers.length][];
    for (int i = 0; i < copy.length; i++) copy[i] = minimizers[i].clone();
    return copy;
  }
}
