package io.frontier.multiobjective.pde;

import io.frontier.optim.LbfgsOptions;
import io.frontier.optim.Minimizer;
import io.frontier.optim.ValueAndGradient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Pascoletti-Serafini reference-point method with continuation: for reference points a_k on
 * the segment from {@code first} to {@code last}, solve
 * <pre>
 *   min_{t, u} t   subject to   f_i(u) - a_k,i <= t r_i   (i = 0, 1)
 * </pre>
 * for a direction r > 0, warm-started from the previous reference point's (u, t). Any Pareto point
 * (supported or not) is the solution for a suitable a, so unlike the weighted sum this reaches the
 * non-convex parts of a front; it is the same problem as minimising max_i (f_i(u) - a_i) / r_i.
 *
 * <p>That max is not differentiable, so each subproblem is solved in the epigraph variables (u, t)
 * by an augmented Lagrangian for the two inequality constraints c_i = f_i(u) - a_i - t r_i <= 0:
 * L-BFGS ({@link Minimizer}) minimises the smooth (C^1) function
 * t + 1/(2 rho) sum_i (max(0, lambda_i + rho c_i)^2 - lambda_i^2), then lambda_i <- max(0, lambda_i + rho c_i),
 * until max_i max(0, c_i) <= {@code tolerance} and every multiplier changes by at most rho times that. At the solution the
 * multipliers satisfy sum_i lambda_i r_i = 1 and are the weights of the supporting line there. The
 * returned point carries the exact objective values f(u) of the control found.
 */
public final class PascolettiSerafiniFront {
  private PascolettiSerafiniFront() {}

  /**
   * @param first     the first reference point (length 2)
   * @param last      the last reference point (length 2)
   * @param count     the number of reference points (>= 2; evenly spaced, first and last included)
   * @param direction r, both entries > 0
   * @param start     the first solve's initial control
   * @param rho       the augmented Lagrangian's penalty parameter (> 0), of the order of 1 / (objective scale)
   * @param tolerance the stopping tolerance on the constraint violation (> 0)
   * @param maxOuter  augmented Lagrangian iterations per reference point before an {@link IllegalStateException}
   */
  public static List<FrontPoint> compute(BiObjective problem, double[] first, double[] last, int count, double[] direction,
      double[] start, double rho, double tolerance, int maxOuter, LbfgsOptions options) {
    if (problem == null) throw new IllegalArgumentException("PascolettiSerafiniFront: problem is null");
    checkPair(first, "first");
    checkPair(last, "last");
    checkPair(direction, "direction");
    if (!(direction[0] > 0 && direction[1] > 0)) throw new IllegalArgumentException("PascolettiSerafiniFront: direction entries must be > 0");
    if (count < 2) throw new IllegalArgumentException("PascolettiSerafiniFront: count must be >= 2, got " + count);
    if (start == null || start.length != problem.dimension()) {
      throw new IllegalArgumentException("PascolettiSerafiniFront: start must have length " + problem.dimension());
    }
    if (!(rho > 0) || Double.isInfinite(rho)) throw new IllegalArgumentException("PascolettiSerafiniFront: rho must be finite and > 0");
    if (!(tolerance > 0)) throw new IllegalArgumentException("PascolettiSerafiniFront: tolerance must be > 0");
    if (maxOuter < 1) throw new IllegalArgumentException("PascolettiSerafiniFront: maxOuter must be >= 1");
    int n = problem.dimension();
    List<FrontPoint> front = new ArrayList<>();
    double[] x = new double[n + 1];
    System.arraycopy(start, 0, x, 0, n);
    double[] lambda = {0.5 / direction[0], 0.5 / direction[1]};
    for (int k = 0; k < count; k++) {
      double s = (double) k / (count - 1);
      double[] a = {first[0] + s * (last[0] - first[0]), first[1] + s * (last[1] - first[1])};
      if (k == 0) {
        double[] f = problem.evaluate(start).values();
        x[n] = Math.max((f[0] - a[0]) / direction[0], (f[1] - a[1]) / direction[1]);
      }
      x = solve(problem, a, direction, x, lambda, rho, tolerance, maxOuter, options);
      double[] u = Arrays.copyOf(x, n);
      front.add(new FrontPoint(u, problem.evaluate(u).values()));
    }
    return front;
  }

  /** One reference point's subproblem; updates {@code lambda} in place and returns the final (u, t). */
  private static double[] solve(BiObjective problem, double[] a, double[] r, double[] x0, double[] lambda, double rho,
      double tolerance, int maxOuter, LbfgsOptions options) {
    int n = problem.dimension();
    double[] x = x0.clone();
    for (int outer = 0; outer < maxOuter; outer++) {
      double[] lam = lambda.clone();
      x = Minimizer.minimize(z -> {
        double[] u = Arrays.copyOf(z, n);
        BiObjective.Evaluation e = problem.evaluate(u);
        double value = z[n];
        double[] g = new double[n + 1];
        g[n] = 1;
        for (int i = 0; i < 2; i++) {
          double m = Math.max(0, lam[i] + rho * (e.values()[i] - a[i] - z[n] * r[i]));
          value += (m * m - lam[i] * lam[i]) / (2 * rho);
          for (int j = 0; j < n; j++) g[j] += m * e.gradients()[i][j];
          g[n] -= m * r[i];
        }
        return new ValueAndGradient(value, g);
      }, x, null, null, options).x();
      double[] f = problem.evaluate(Arrays.copyOf(x, n)).values();
      double change = 0;
      double violation = 0;
      for (int i = 0; i < 2; i++) {
        double c = f[i] - a[i] - x[n] * r[i];
        double next = Math.max(0, lambda[i] + rho * c);
        change = Math.max(change, Math.abs(next - lambda[i]));
        violation = Math.max(violation, Math.max(0, c));
        lambda[i] = next;
      }
      if (violation <= tolerance && change <= rho * tolerance) return x;
    }
    throw new IllegalStateException("PascolettiSerafiniFront: augmented Lagrangian did not converge in " + maxOuter
        + " iterations for reference point (" + a[0] + ", " + a[1] + ")");
  }

  private static void checkPair(double[] p, String name) {
    if (p == null || p.length != 2 || !Double.isFinite(p[0]) || !Double.isFinite(p[1])) {
      throw new IllegalArgumentException("PascolettiSerafiniFront: " + name + " must be two finite numbers");
    }
  }
}
