package io.frontier.optim.bayes.testfunctions;

/**
 * A synthetic objective to minimise on a box, with its known optimum (the catalogue of
 * BoTorch's {@code botorch/test_functions/synthetic.py} and Surjanovic and Bingham's Virtual Library
 * of Simulation Experiments).
 */
public interface TestFunction {
  String name();

  int dim();

  double[] lower();

  double[] upper();

  /** f(x) for x of length {@link #dim()}. */
  double value(double[] x);

  /** The global minimum value f*. */
  double optimalValue();

  /** Published global minimisers (each attains {@link #optimalValue()}). */
  double[][] minimizers();

  /** Checks x's length against {@link #dim()}. */
  default void check(double[] x) {
    if (x == null || x.length != dim()) {
      throw new IllegalArgumentException(name() + ": expected a point of dimension " + dim() + ", got " + (x == null ? "null" : x.length));
    }
  }
}
