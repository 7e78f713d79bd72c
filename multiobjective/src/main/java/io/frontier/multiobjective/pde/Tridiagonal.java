package io.frontier.multiobjective.pde;

/** The Thomas algorithm for tridiagonal systems (no pivoting: meant for diagonally dominant or SPD matrices). */
final class Tridiagonal {
  private Tridiagonal() {}

  /**
   * Solves T x = rhs, where T has {@code diag} on its diagonal and the constant {@code off} on both
   * off-diagonals.
   *
   * @throws IllegalStateException if a pivot vanishes (T is singular or needs pivoting)
   */
  static double[] solve(double[] diag, double off, double[] rhs) {
    int n = diag.length;
    double[] c = new double[n];
    double[] x = new double[n];
    double pivot = diag[0];
    for (int i = 0; i < n; i++) {
      if (i > 0) pivot = diag[i] - off * c[i - 1];
      if (pivot == 0 || !Double.isFinite(pivot)) throw new IllegalStateException("Thomas algorithm: zero or non-finite pivot at row " + i);
      c[i] = off / pivot;
      x[i] = (rhs[i] - (i > 0 ? off * x[i - 1] : 0)) / pivot;
    }
    for (int i = n - 2; i >= 0; i--) x[i] -= c[i] * x[i + 1];
    return x;
  }
}
