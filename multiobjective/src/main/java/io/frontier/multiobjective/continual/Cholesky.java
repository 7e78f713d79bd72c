package io.frontier.multiobjective.continual;

/** Cholesky factor, solve and inverse for the small symmetric positive-definite matrices here. */
final class Cholesky {
  private Cholesky() {}

  /** Lower-triangular L with a = L L^T; throws when a is not numerically positive definite. */
  static double[][] factor(double[][] a, String what) {
    int n = a.length;
    double[][] l = new double[n][n];
    for (int i = 0; i < n; i++) {
      if (a[i].length != n) {
        throw new IllegalArgumentException(what + ": matrix is not square (row " + i + " has " + a[i].length + " != " + n + ")");
      }
      for (int j = 0; j <= i; j++) {
        double s = a[i][j];
        for (int k = 0; k < j; k++) s -= l[i][k] * l[j][k];
        if (i == j) {
          if (!(s > 0)) throw new IllegalArgumentException(what + ": not positive definite (pivot " + i + " = " + s + ")");
          l[i][i] = Math.sqrt(s);
        } else {
          l[i][j] = s / l[j][j];
        }
      }
    }
    return l;
  }

  /** x with L L^T x = b. */
  static double[] solve(double[][] l, double[] b) {
    int n = b.length;
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      double s = b[i];
      for (int k = 0; k < i; k++) s -= l[i][k] * z[k];
      z[i] = s / l[i][i];
    }
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = z[i];
      for (int k = i + 1; k < n; k++) s -= l[k][i] * x[k];
      x[i] = s / l[i][i];
    }
    return x;
  }

  /** a^{-1} for symmetric positive-definite a, symmetrised against round-off. */
  static double[][] inverse(double[][] a, String what) {
    int n = a.length;
    double[][] l = factor(a, what);
    double[][] inv = new double[n][];
    for (int j = 0; j < n; j++) {
      double[] e = new double[n];
      e[j] = 1;
      inv[j] = solve(l, e);
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        double m = 0.5 * (inv[i][j] + inv[j][i]);
        inv[i][j] = m;
        inv[j][i] = m;
      }
    }
    return inv;
  }
}
