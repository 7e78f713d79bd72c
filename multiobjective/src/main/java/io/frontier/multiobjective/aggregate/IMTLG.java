package io.frontier.multiobjective.aggregate;

/**
 * IMTL-G (Liu et al. 2021), closed form: the direction d = sum_i a_i g_i with sum a_i = 1 whose
 * projections onto every unit gradient u_i = g_i / |g_i| are equal. With D = rows g_1 - g_i and
 * U = rows u_1 - u_i (i = 2..K), a_{2..K} = g_1 U^T (D U^T)^{-1} and a_1 = 1 - sum a_{2..K};
 * everything is read off the Gram matrix. Zero or linearly dependent gradients are rejected.
 */
public final class IMTLG implements Aggregator {

  @Override
  public double[] weights(double[][] gram) {
    Jacobians.checkGram(gram);
    int k = gram.length;
    double[] s = new double[k];
    for (int i = 0; i < k; i++) {
      s[i] = Math.sqrt(gram[i][i]);
      if (s[i] == 0) throw new IllegalArgumentException("IMTLG: gradient " + i + " is zero, so it has no direction");
    }
    if (k == 1) return new double[] {1};
    int r = k - 1;
    double[][] du = new double[r][r]; // (D U^T)^T, indexed [j][i], so that a = (g1 U^T)(D U^T)^{-1} solves du a = g1U
    double[] g1u = new double[r];
    for (int j = 1; j < k; j++) {
      g1u[j - 1] = gram[0][0] / s[0] - gram[0][j] / s[j];
      for (int i = 1; i < k; i++) {
        // (g_1 - g_i) . (u_1 - u_j)
        du[j - 1][i - 1] = gram[0][0] / s[0] - gram[0][j] / s[j] - gram[i][0] / s[0] + gram[i][j] / s[j];
      }
    }
    double[] a = DenseSolve.solve(du, g1u, "IMTLG");
    double[] w = new double[k];
    double sum = 0;
    for (int i = 1; i < k; i++) {
      w[i] = a[i - 1];
      sum += a[i - 1];
    }
    w[0] = 1 - sum;
    return w;
  }
}
