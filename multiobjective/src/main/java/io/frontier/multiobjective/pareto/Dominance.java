package io.frontier.multiobjective.pareto;

/**
 * Pareto dominance for minimisation: {@code a} dominates {@code b} when {@code a[k] <= b[k]} for
 * every objective k and {@code a[k] < b[k]} for at least one. Equal points do not dominate each
 * other. The vectors must have the same length (not checked per call, for speed).
 */
public final class Dominance {

  private Dominance() {}

  /** Whether {@code a} dominates {@code b} (no worse everywhere, better somewhere). */
  public static boolean dominates(double[] a, double[] b) {
    boolean better = false;
    for (int k = 0; k < a.length; k++) {
      if (a[k] > b[k]) return false;
      if (a[k] < b[k]) better = true;
    }
    return better;
  }

  /** Whether {@code a} weakly dominates {@code b}: {@code a[k] <= b[k]} for every k. */
  public static boolean weaklyDominates(double[] a, double[] b) {
    for (int k = 0; k < a.length; k++) {
      if (a[k] > b[k]) return false;
    }
    return true;
  }

  /**
   * -1 when {@code a} dominates {@code b}, 1 when {@code b} dominates {@code a}, 0 otherwise
   * (equal or mutually non-dominated).
   */
  public static int compare(double[] a, double[] b) {
    boolean aBetter = false;
    boolean bBetter = false;
    for (int k = 0; k < a.length; k++) {
      if (a[k] < b[k]) aBetter = true;
      else if (a[k] > b[k]) bBetter = true;
      if (aBetter && bBetter) return 0;
    }
    return aBetter ? -1 : bBetter ? 1 : 0;
  }
}
