package io.frontier.multiobjective.aggregate;

/** Gram matrices, weighted combinations and input checks for K x n gradient matrices. */
public final class Jacobians {
  private Jacobians() {}

  /** M = G G^T for the K x n matrix {@code g} (rows of equal length, all finite). */
  public static double[][] gram(double[][] g) {
    checkJacobian(g);
    int k = g.length;
    double[][] m = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j <= i; j++) {
        m[i][j] = m[j][i] = dot(g[i], g[j]);
      }
    }
    return m;
  }

  /** sum_k w[k] g[k]. */
  public static double[] combine(double[] w, double[][] g) {
    if (w.length != g.length) {
      throw new IllegalArgumentException("combine: " + w.length + " weights for " + g.length + " gradients");
    }
    double[] d = new double[g[0].length];
    for (int k = 0; k < g.length; k++) {
      for (int j = 0; j < d.length; j++) d[j] += w[k] * g[k][j];
    }
    return d;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }

  /** w^T M w. */
  static double quad(double[][] m, double[] w) {
    return dot(w, times(m, w));
  }

  static double[] times(double[][] m, double[] w) {
    double[] r = new double[m.length];
    for (int i = 0; i < m.length; i++) r[i] = dot(m[i], w);
    return r;
  }

  static void checkJacobian(double[][] g) {
    if (g == null || g.length == 0) throw new IllegalArgumentException("gradients: need at least one objective gradient");
    int n = g[0].length;
    for (int k = 0; k < g.length; k++) {
      if (g[k].length != n) {
        throw new IllegalArgumentException("gradients: row " + k + " has length " + g[k].length + ", row 0 has " + n);
      }
      for (double v : g[k]) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException("gradients: row " + k + " has a non-finite entry " + v);
      }
    }
  }

  /** Checks that {@code m} is a non-empty, finite, symmetric (to rounding) square matrix. */
  static void checkGram(double[][] m) {
    if (m == null || m.length == 0) throw new IllegalArgumentException("gram: need at least one objective");
    int k = m.length;
    double scale = 0;
    for (int i = 0; i < k; i++) {
      if (m[i].length != k) throw new IllegalArgumentException("gram: row " + i + " has length " + m[i].length + ", expected " + k);
      for (double v : m[i]) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException("gram: non-finite entry " + v + " in row " + i);
        scale = Math.max(scale, Math.abs(v));
      }
      if (m[i][i] < 0) throw new IllegalArgumentException("gram: negative diagonal entry M[" + i + "][" + i + "] = " + m[i][i]);
    }
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < i; j++) {
        if (Math.abs(m[i][j] - m[j][i]) > 1e-9 * scale) {
          throw new IllegalArgumentException("gram: not symmetric at (" + i + ", " + j + "): " + m[i][j] + " vs " + m[j][i]);
        }
      }
    }
  }
}
