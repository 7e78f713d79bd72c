package io.frontier.multiobjective.aggregate;

/**
 * Exact min-norm weights by brute force over supports: for every non-empty subset S, solve the
 * KKT system [M_S 1; 1^T 0][a; -lambda] = [0; 1] of min a^T M_S a s.t. sum a = 1, keep the
 * solutions with a >= 0, and return the one with the smallest objective. The optimum lies on the
 * face of an affinely independent subset, whose bordered system is nonsingular.
 */
final class MinNormOracle {
  private MinNormOracle() {}

  static double[] solve(double[][] m) {
    int k = m.length;
    double best = Double.POSITIVE_INFINITY;
    double[] bestAlpha = null;
    for (int mask = 1; mask < (1 << k); mask++) {
      int[] s = new int[Integer.bitCount(mask)];
      for (int i = 0, c = 0; i < k; i++) if ((mask & (1 << i)) != 0) s[c++] = i;
      int r = s.length;
      double[][] a = new double[r + 1][r + 1];
      double[] b = new double[r + 1];
      for (int i = 0; i < r; i++) {
        for (int j = 0; j < r; j++) a[i][j] = m[s[i]][s[j]];
        a[i][r] = 1;
        a[r][i] = 1;
      }
      b[r] = 1;
      double[] x;
      try {
        x = DenseSolve.solve(a, b, "oracle");
      } catch (IllegalArgumentException singular) {
        continue;
      }
      double[] alpha = new double[k];
      boolean feasible = true;
      for (int i = 0; i < r; i++) {
        if (x[i] < -1e-12) feasible = false;
        alpha[s[i]] = Math.max(0, x[i]);
      }
      if (!feasible) continue;
      double v = Jacobians.quad(m, alpha);
      if (v < best) {
        best = v;
        bestAlpha = alpha;
      }
    }
    return bestAlpha;
  }
}
