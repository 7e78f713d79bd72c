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

  /**
   * This problem as a function of m coefficients v, the control being u = sum_j v_j shapes[j] (the
   * control operator B(v) of Bernreuther et al., for example indicator functions of subdomains). The
   * values are those of the base problem at u; the gradients are B^T g.
   *
   * @param shapes m >= 1 finite vectors, each of the base problem's dimension
   */
  default BiObjective shaped(double[][] shapes) {
    if (shapes == null || shapes.length == 0) throw new IllegalArgumentException("shaped: at least one shape is needed");
    int n = dimension();
    for (int j = 0; j < shapes.length; j++) {
      if (shapes[j] == null || shapes[j].length != n) {
        throw new IllegalArgumentException("shaped: shape " + j + " must have length " + n);
      }
      for (double v : shapes[j]) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException("shaped: shape " + j + " has a non-finite entry");
      }
    }
    double[][] b = new double[shapes.length][];
    for (int j = 0; j < b.length; j++) b[j] = shapes[j].clone();
    BiObjective base = this;
    return new BiObjective() {
      @Override
      public int dimension() {
        return b.length;
      }

      @Override
      public Evaluation evaluate(double[] v) {
        if (v == null || v.length != b.length) {
          throw new IllegalArgumentException("shaped: coefficients must have length " + b.length + ", got " + (v == null ? "null" : v.length));
        }
        double[] u = new double[n];
        for (int j = 0; j < b.length; j++) {
          for (int i = 0; i < n; i++) u[i] += v[j] * b[j][i];
        }
        Evaluation e = base.evaluate(u);
        double[][] g = new double[2][b.length];
        for (int k = 0; k < 2; k++) {
          for (int j = 0; j < b.length; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) s += b[j][i] * e.gradients()[k][i];
            g[k][j] = s;
          }
        }
        return new Evaluation(e.values(), g);
      }
    };
  }
}
