package io.frontier.multiobjective.aggregate;

/** Gaussian elimination with partial pivoting for the small systems of the aggregators. */
final class DenseSolve {
  private DenseSolve() {}

  /** x with a x = b; throws if a is numerically singular. */
  static double[] solve(double[][] a, double[] b, String what) {
    int n = b.length;
    double[][] m = new double[n][];
    double scale = 0;
    for (int i = 0; i < n; i++) {
      m[i] = java.util.Arrays.copyOf(a[i], n + 1);
      m[i][n] = b[i];
      for (int j = 0; j < n; j++) scale = Math.max(scale, Math.abs(a[i][j]));
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
      if (!(Math.abs(m[pivot][col]) > 1e-13 * scale)) {
        throw new IllegalArgumentException(what + ": singular system (linearly dependent gradients?)");
      }
      double[] t = m[col];
      m[col] = m[pivot];
      m[pivot] = t;
      for (int r = col + 1; r < n; r++) {
        double f = m[r][col] / m[col][col];
        for (int c = col; c <= n; c++) m[r][c] -= f * m[col][c];
      }
    }
    double[] x = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double s = m[r][n];
      for (int c = r + 1; c < n; c++) s -= m[r][c] * x[c];
      x[r] = s / m[r][r];
    }
    return x;
  }
}
