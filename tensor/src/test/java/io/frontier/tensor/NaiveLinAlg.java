package io.frontier.tensor;

/**
 * Textbook float64 references for {@link LinAlgTest}, written on plain arrays and in a different
 * loop order from the kernels, so that a shared mistake is unlikely.
 */
final class NaiveLinAlg {
  private NaiveLinAlg() {}

  /** Matrix {@code index} of a {@code (B, m, n)} tensor (any dtype, any layout) as float64 rows. */
  static double[][] matrix(Tensor batch, int index) {
    int m = batch.size(-2);
    int n = batch.size(-1);
    double[] flat = batch.reshape(-1, m, n).select(0, index).to(DType.FLOAT64).contiguous().toDoubleArray();
    double[][] rows = new double[m][n];
    for (int r = 0; r < m; r++) System.arraycopy(flat, r * n, rows[r], 0, n);
    return rows;
  }

  /** Column-by-column (Cholesky–Crout) lower factor, reading only the lower triangle. */
  static double[][] cholesky(double[][] a) {
    int n = a.length;
    double[][] l = new double[n][n];
    for (int j = 0; j < n; j++) {
      double d = a[j][j];
      for (int k = 0; k < j; k++) d -= l[j][k] * l[j][k];
      if (!(d > 0)) throw new IllegalStateException("not positive definite at order " + (j + 1));
      l[j][j] = Math.sqrt(d);
      for (int i = j + 1; i < n; i++) {
        double s = a[i][j];
        for (int k = 0; k < j; k++) s -= l[i][k] * l[j][k];
        l[i][j] = s / l[j][j];
      }
    }
    return l;
  }

  /** {sign, log|det|} by Gaussian elimination with partial pivoting: {0, -inf} when singular. */
  static double[] signLogAbsDet(double[][] input) {
    int n = input.length;
    double[][] a = new double[n][];
    for (int r = 0; r < n; r++) a[r] = input[r].clone();
    double sign = 1.0;
    double log = 0.0;
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
      }
      if (a[pivot][col] == 0.0) return new double[] {0.0, Double.NEGATIVE_INFINITY};
      if (pivot != col) {
        double[] t = a[pivot];
        a[pivot] = a[col];
        a[col] = t;
        sign = -sign;
      }
      double p = a[col][col];
      if (p < 0) sign = -sign;
      log += Math.log(Math.abs(p));
      for (int r = col + 1; r < n; r++) {
        double f = a[r][col] / p;
        for (int c = col; c < n; c++) a[r][c] -= f * a[col][c];
      }
    }
    return new double[] {sign, log};
  }
}
