package io.frontier.multiobjective.pde;

/** Two objectives of a control u in R^n, both minimised, with their Euclidean gradients. */
public interface BiObjective {

  /** The length n of a control. */
  int dimension();

  /** The two objective values at {@code u} and their gradients. */
  Evaluation evaluate(double[] u);

  /** Objective values {@code values[k]} and gradients {@code gradients[k]} (length n), k = 0, 1. */
  record Evaluation(double[] values, double[][] gradients) {}

  /** This problem with objective k multiplied by {@code scale[k]} (for normalising the two objectives). */
  default BiObjective scaled(double scale0, double scale1) {
    if (!(scale0 > 0 && scale1 > 0) || Double.isInfinite(scale0) || Double.isInfinite(scale1)) {
      throw new IllegalArgumentException("scaled: scales must be finite and > 0, got " + scale0 + ", " + scale1);
    }
    BiObjective base = this;
    return new BiObjective() {
      @Override
      public int dimension() {
        return base.dimension();
      }

      @Override
      public Evaluation evaluate(double[] u) {
        Evaluation e = base.evaluate(u);
        double[] s = {scale0, scale1};
        double[][] g = new double[2][];
        for (int k = 0; k < 2; k++) {
          g[k] = e.gradients()[k].clone();
          for (int i = 0; i < g[k].length; i++) g[k][i] *= s[k];
        }
        return new Evaluation(new double[] {s[0] * e.values()[0], s[1] * e.values()[1]}, g);
      }
    };
  }
}
