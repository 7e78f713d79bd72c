package io.frontier.optim;

/** Gaussian elimination with partial pivoting for the 2m x 2m systems of L-BFGS-B's compact form. */
final class SmallDense {
  private SmallDense() {}

  /** Thrown when a pivot vanishes: the compact L-BFGS matrices are numerically singular. */
  static final class SingularException extends Exception {
    SingularException() {
      super(null, null, false, false);
    }
  }

  /** Solves {@code a x = b} for each column of {@code b}; neither argument is modified. */
  static double[][] solve(double[][] a, double[][] b) throws SingularException {
    int n = a.length;
    int m = b.length == 0 ? 0 : b[0].length;
    double[][] lu = new double[n][];
    double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      lu[i] = a[i].clone();
      x[i] = b[i].clone();
    }
    double scale = 0;
    for (double[] row : a) for (double v : row) scale = Math.max(scale, Math.abs(v));
    for (int k = 0; k < n; k++) {
      int piv = k;
      for (int i = k + 1; i < n; i++) if (Math.abs(lu[i][k]) > Math.abs(lu[piv][k])) piv = i;
      if (!(Math.abs(lu[piv][k]) > 1e-14 * scale)) throw new SingularException();
      double[] t = lu[k];
      lu[k] = lu[piv];
      lu[piv] = t;
      t = x[k];
      x[k] = x[piv];
      x[piv] = t;
      for (int i = k + 1; i < n; i++) {
        double f = lu[i][k] / lu[k][k];
        if (f == 0) continue;
        for (int j = k; j < n; j++) lu[i][j] -= f * lu[k][j];
        for (int j = 0; j < m; j++) x[i][j] -= f * x[k][j];
      }
    }
    for (int k = n - 1; k >= 0; k--) {
      for (int j = 0; j < m; j++) {
        double s = x[k][j];
        for (int i = k + 1; i < n; i++) s -= lu[k][i] * x[i][j];
        x[k][j] = s / lu[k][k];
      }
    }
    return x;
  }

  static double[][] identity(int n) {
    double[][] e = new double[n][n];
    for (int i = 0; i < n; i++) e[i][i] = 1;
    return e;
  }

  static double[] times(double[][] a, double[] v) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      double s = 0;
      for (int j = 0; j < v.length; j++) s += a[i][j] * v[j];
      out[i] = s;
    }
    return out;
  }
}
