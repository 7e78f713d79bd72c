package io.frontier.multiobjective.aggregate;

/**
 * L1(x) = |x - a|^2 and L2(x) = |x - b|^2 in the plane with a = (0, 0), b = (2, 0): the Pareto set
 * is the segment x = (2t, 0), t in [0, 1], with front L = (4 t^2, 4 (1 - t)^2).
 */
final class TwoQuadratics {
  private TwoQuadratics() {}

  static double[] losses(double[] x) {
    return new double[] {x[0] * x[0] + x[1] * x[1], (x[0] - 2) * (x[0] - 2) + x[1] * x[1]};
  }

  static double[][] gradients(double[] x) {
    return new double[][] {{2 * x[0], 2 * x[1]}, {2 * (x[0] - 2), 2 * x[1]}};
  }

  static void step(double[] x, double[] direction, double lr) {
    for (int i = 0; i < x.length; i++) x[i] -= lr * direction[i];
  }
}
