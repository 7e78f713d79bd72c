package io.frontier.rl.morl;

/**
 * Lexicographic comparison of value keys, with a relative tolerance so that values equal in exact
 * arithmetic but summed along different paths (0.5 * 15.1 - 4 against 0.5 * 16.1 - 4.5) count as
 * ties and fall through to the next key.
 */
final class Lexicographic {

  static final double RELATIVE_TOLERANCE = 1e-9;

  private Lexicographic() {}

  /** Whether key {@code a} is strictly greater than key {@code b} (same length). */
  static boolean greater(double[] a, double[] b) {
    for (int k = 0; k < a.length; k++) {
      double tol = RELATIVE_TOLERANCE * (1 + Math.abs(a[k]) + Math.abs(b[k]));
      if (a[k] > b[k] + tol) return true;
      if (a[k] < b[k] - tol) return false;
    }
    return false;
  }
}
