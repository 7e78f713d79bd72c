package io.frontier.multiobjective.aggregate;

/**
 * Small linear programs over the probability simplex, solved exactly by enumerating vertices:
 * maximise c^T a subject to a >= 0, sum a = 1 and A a >= b (row j of A with b_j = -infinity is
 * no constraint). A vertex makes K - 1 of the inequalities active; all C(K + p, K - 1) choices are
 * tried, so this is meant for the few objectives of multi-task learning (K up to about 10).
 */
final class SimplexLP {
  private SimplexLP() {}

  /** The maximiser, or {@code null} if the feasible set is empty. */
  static double[] maximise(double[] c, double[][] a, double[] b) {
    int k = c.length;
    int p = 0;
    for (double v : b) if (v != Double.NEGATIVE_INFINITY) p++;
    double[][] rows = new double[k + p][];
    double[] rhs = new double[k + p];
    for (int i = 0; i < k; i++) {
      rows[i] = new double[k];
      rows[i][i] = 1;
    }
    int r = k;
    double scale = 1;
    for (int j = 0; j < b.length; j++) {
      for (double v : a[j]) scale = Math.max(scale, Math.abs(v));
      if (b[j] == Double.NEGATIVE_INFINITY) continue;
      rows[r] = a[j];
      rhs[r++] = b[j];
    }
    double tolerance = 1e-10 * scale;
    double[] best = null;
    double bestValue = Double.NEGATIVE_INFINITY;
    int[] chosen = new int[k - 1];
    for (int i = 0; i < k - 1; i++) chosen[i] = i;
    while (true) {
      double[] x = vertex(rows, rhs, chosen, k);
      if (x != null && feasible(rows, rhs, x, tolerance)) {
        double value = Jacobians.dot(c, x);
        if (value > bestValue) {
          bestValue = value;
          best = x;
        }
      }
      if (!next(chosen, rows.length)) return best;
    }
  }

  private static double[] vertex(double[][] rows, double[] rhs, int[] chosen, int k) {
    double[][] m = new double[k][k + 1];
    for (int i = 0; i < k - 1; i++) {
      System.arraycopy(rows[chosen[i]], 0, m[i], 0, k);
      m[i][k] = rhs[chosen[i]];
    }
    java.util.Arrays.fill(m[k - 1], 1);
    for (int col = 0; col < k; col++) {
      int pivot = col;
      for (int i = col + 1; i < k; i++) if (Math.abs(m[i][col]) > Math.abs(m[pivot][col])) pivot = i;
      if (Math.abs(m[pivot][col]) < 1e-12) return null;
      double[] t = m[col];
      m[col] = m[pivot];
      m[pivot] = t;
      for (int i = 0; i < k; i++) {
        if (i == col) continue;
        double f = m[i][col] / m[col][col];
        for (int j = col; j <= k; j++) m[i][j] -= f * m[col][j];
      }
    }
    double[] x = new double[k];
    for (int i = 0; i < k; i++) x[i] = m[i][k] / m[i][i];
    return x;
  }

  private static boolean feasible(double[][] rows, double[] rhs, double[] x, double tolerance) {
    for (int j = 0; j < rows.length; j++) {
      if (Jacobians.dot(rows[j], x) < rhs[j] - tolerance) return false;
    }
    return true;
  }

  /** Advances to the next (k-1)-subset of {0..n-1} in lexicographic order; false after the last. */
  private static boolean next(int[] chosen, int n) {
    int size = chosen.length;
    for (int i = size - 1; i >= 0; i--) {
      if (chosen[i] < n - size + i) {
        chosen[i]++;
        for (int j = i + 1; j < size; j++) chosen[j] = chosen[j - 1] + 1;
        return true;
      }
    }
    return false;
  }
}
