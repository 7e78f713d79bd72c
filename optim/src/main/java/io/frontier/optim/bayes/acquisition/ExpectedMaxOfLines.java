package io.frontier.optim.bayes.acquisition;

import java.util.Arrays;

/**
 * {@code E[max_i (a_i + b_i Z)] - max_{i < baseline} a_i} for {@code Z ~ N(0, 1)}, exactly, with its partial
 * derivatives: the computation at the heart of the discrete knowledge gradient (Frazier, Powell and
 * Dayanik 2009, "The knowledge-gradient policy for correlated normal beliefs", Algorithm 1; Frazier's
 * tutorial §4.2) and of Frazier's noisy expected improvement.
 *
 * <p>The lines are sorted by slope; the upper envelope {@code max_i (a_i + b_i z)} is built with a
 * stack, keeping each line on the interval {@code [c_i, c_{i+1})} of z where it is highest. Then
 * {@code E = Σ_i a_i (Φ(c_{i+1}) - Φ(c_i)) + b_i (φ(c_i) - φ(c_{i+1}))} over the envelope's lines.
 * Moving a breakpoint does not change E to first order (the lines meet there), so
 * {@code ∂E/∂a_i = Φ(c_{i+1}) - Φ(c_i)} and {@code ∂E/∂b_i = φ(c_i) - φ(c_{i+1})}, and 0 for lines
 * off the envelope. The intercepts are shifted by the baseline's {@code max a} first, so the returned improvement
 * keeps its accuracy when it is much smaller than the intercepts.
 */
public final class ExpectedMaxOfLines {
  private ExpectedMaxOfLines() {}

  /** The improvement and its partials: {@code da[i] = ∂/∂a_i}, {@code db[i] = ∂/∂b_i}. */
  public record Result(double value, double[] da, double[] db) {}

  /** The improvement over the best current intercept of all lines (knowledge gradient). */
  public static Result of(double[] a, double[] b) {
    return of(a, b, a == null ? 0 : a.length);
  }

  /**
   * The improvement over the best intercept among the first {@code baseline} lines: the others are
   * lines that may only enter the maximum after the observation (noisy EI's new point).
   */
  public static Result of(double[] a, double[] b, int baseline) {
    if (a == null || b == null || a.length != b.length || a.length == 0) {
      throw new IllegalArgumentException("ExpectedMaxOfLines: need equal, non-empty a and b, got lengths "
          + (a == null ? "null" : a.length) + " and " + (b == null ? "null" : b.length));
    }
    int n = a.length;
    if (baseline < 1 || baseline > n) throw new IllegalArgumentException("ExpectedMaxOfLines: baseline " + baseline + " not in [1, " + n + "]");
    int best = 0;
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(a[i]) || !Double.isFinite(b[i])) {
        throw new IllegalArgumentException("ExpectedMaxOfLines: line " + i + " is not finite: a = " + a[i] + ", b = " + b[i]);
      }
      if (i < baseline && a[i] > a[best]) best = i;
    }
    double shift = a[best];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    // Ascending slope; among equal slopes the highest intercept last, so it replaces the others.
    Arrays.sort(order, (i, j) -> b[i] != b[j] ? Double.compare(b[i], b[j]) : Double.compare(a[i], a[j]));
    int[] stack = new int[n];
    double[] start = new double[n];
    int top = 0;
    for (int k = 0; k < n; k++) {
      int i = order[k];
      double ai = a[i] - shift;
      while (top > 0) {
        int j = stack[top - 1];
        if (b[j] == b[i]) {
          top--;
          continue;
        }
        // z where line i overtakes line j.
        double z = ((a[j] - shift) - ai) / (b[i] - b[j]);
        if (z <= start[top - 1]) {
          top--;
        } else {
          start[top] = z;
          break;
        }
      }
      if (top == 0) start[0] = Double.NEGATIVE_INFINITY;
      stack[top++] = i;
    }
    double value = 0;
    double[] da = new double[n];
    double[] db = new double[n];
    for (int k = 0; k < top; k++) {
      int i = stack[k];
      double lo = start[k];
      double hi = k + 1 < top ? start[k + 1] : Double.POSITIVE_INFINITY;
      double mass = massBetween(lo, hi);
      double slope = density(lo) - density(hi);
      da[i] = mass;
      db[i] = slope;
      value += (a[i] - shift) * mass + b[i] * slope;
    }
    da[best] -= 1;
    return new Result(Math.max(value, 0), da, db);
  }

  private static double density(double z) {
    return Double.isInfinite(z) ? 0 : Normal.pdf(z);
  }

  /** Φ(hi) - Φ(lo), from whichever tail keeps it accurate. */
  private static double massBetween(double lo, double hi) {
    if (lo > 0) return Normal.cdf(-lo) - Normal.cdf(-hi);
    return Normal.cdf(hi) - Normal.cdf(lo);
  }
}
