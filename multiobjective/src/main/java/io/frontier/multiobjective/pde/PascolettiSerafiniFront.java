package io.frontier.multiobjective.pde;

import io.frontier.optim.LbfgsOptions;
import io.frontier.optim.Minimizer;
import io.frontier.optim.ValueAndGradient;
import java.util.ArrayList;
import java.util.List;

/**
 * The Pascoletti-Serafini reference-point method with continuation: for reference points a_k on
 * the segment from {@code first} to {@code last}, solve
 * <pre>
 *   min_{t, u} t   subject to   f_i(u) - a_k,i <= t r_i   (i = 0, 1),
 * </pre>
 * that is, minimise g(u) = max_i g_i(u) with g_i = (f_i(u) - a_i) / r_i, for a direction r > 0.
 * Any Pareto point (supported or not) solves this for a suitable a, so unlike the weighted sum it
 * reaches the non-convex parts of a front.
 *
 * <p>The max is not differentiable, so each subproblem minimises the log-sum-exp smoothing
 * g_mu(u) = mu log sum_i exp(g_i(u) / mu), which satisfies max_i g_i <= g_mu <= max_i g_i + mu log 2
 * and has the gradient sum_i p_i grad g_i with softmax weights p (they tend to the multipliers
 * lambda_i r_i of the constraints, the weights of the supporting line). L-BFGS ({@link Minimizer})
 * minimises g_mu for mu = {@code initialSmoothing}, a tenth of it, ..., down to
 * {@code finalSmoothing}, each solve warm-started from the last; a large mu first keeps the early
 * solves smooth, a small mu last makes the result accurate (the two g_i then differ by O(mu)).
 *
 * <p>Continuation: each reference point starts from the previous one's solution. Since a local
 * solver can follow a branch of local solutions past the point where another branch becomes
 * better (non-convex fronts made of several branches), each reference point is also solved from
 * every control in {@code restarts}, and the solution with the smallest max_i g_i is kept. The
 * returned points carry the exact objective values f(u) of the controls found.
 */
public final class PascolettiSerafiniFront {
  private PascolettiSerafiniFront() {}

  /**
   * @param first            the first reference point (length 2)
   * @param last             the last reference point (length 2)
   * @param count            the number of reference points (>= 2; evenly spaced, first and last included)
   * @param direction        r, both entries > 0
   * @param start            the first solve's initial control
   * @param restarts         further initial controls tried at every reference point (may be empty)
   * @param initialSmoothing the first mu (> 0), of the order of the objectives' scale times 1e-2
   * @param finalSmoothing   the last mu, in (0, initialSmoothing]
   */
  public static List<FrontPoint> compute(BiObjective problem, double[] first, double[] last, int count, double[] direction,
      double[] start, List<double[]> restarts, double initialSmoothing, double finalSmoothing, LbfgsOptions options) {
    if (problem == null) throw new IllegalArgumentException("PascolettiSerafiniFront: problem is null");
    checkPair(first, "first");
    checkPair(last, "last");
    checkPair(direction, "direction");
    if (!(direction[0] > 0 && direction[1] > 0)) throw new IllegalArgumentException("PascolettiSerafiniFront: direction entries must be > 0");
    if (count < 2) throw new IllegalArgumentException("PascolettiSerafiniFront: count must be >= 2, got " + count);
    checkControl(problem, start, "start");
    if (restarts == null) throw new IllegalArgumentException("PascolettiSerafiniFront: restarts is null (pass an empty list)");
    for (double[] r : restarts) checkControl(problem, r, "every restart");
    if (!(initialSmoothing > 0) || Double.isInfinite(initialSmoothing)) {
      throw new IllegalArgumentException("PascolettiSerafiniFront: initialSmoothing must be finite and > 0, got " + initialSmoothing);
    }
    if (!(finalSmoothing > 0 && finalSmoothing <= initialSmoothing)) {
      throw new IllegalArgumentException("PascolettiSerafiniFront: finalSmoothing must lie in (0, initialSmoothing], got " + finalSmoothing);
    }
    if (options == null) throw new IllegalArgumentException("PascolettiSerafiniFront: options is null");
    List<FrontPoint> front = new ArrayList<>();
    double[] u = start.clone();
    for (int k = 0; k < count; k++) {
      double s = (double) k / (count - 1);
      double[] a = {first[0] + s * (last[0] - first[0]), first[1] + s * (last[1] - first[1])};
      double[] best = solve(problem, a, direction, u, initialSmoothing, finalSmoothing, options);
      double bestValue = scalarised(problem.evaluate(best).values(), a, direction);
      for (double[] r : restarts) {
        double[] candidate = solve(problem, a, direction, r, initialSmoothing, finalSmoothing, options);
        double value = scalarised(problem.evaluate(candidate).values(), a, direction);
        if (value < bestValue) {
          best = candidate;
          bestValue = value;
        }
      }
      u = best;
      front.add(new FrontPoint(u.clone(), problem.evaluate(u).values()));
    }
    return front;
  }

  /** max_i (f_i - a_i) / r_i. */
  static double scalarised(double[] f, double[] a, double[] r) {
    return Math.max((f[0] - a[0]) / r[0], (f[1] - a[1]) / r[1]);
  }

  /** One reference point's subproblem by log-sum-exp smoothing with decreasing mu. */
  private static double[] solve(BiObjective problem, double[] a, double[] r, double[] u0, double initialSmoothing,
      double finalSmoothing, LbfgsOptions options) {
    double[] u = u0.clone();
    double mu = initialSmoothing;
    while (true) {
      double m = mu;
      u = Minimizer.minimize(x -> {
        BiObjective.Evaluation e = problem.evaluate(x);
        double g0 = (e.values()[0] - a[0]) / r[0];
        double g1 = (e.values()[1] - a[1]) / r[1];
        double top = Math.max(g0, g1);
        double e0 = Math.exp((g0 - top) / m);
        double e1 = Math.exp((g1 - top) / m);
        double p0 = e0 / (e0 + e1);
        double p1 = e1 / (e0 + e1);
        double[] grad = new double[x.length];
        for (int j = 0; j < x.length; j++) grad[j] = p0 / r[0] * e.gradients()[0][j] + p1 / r[1] * e.gradients()[1][j];
        return new ValueAndGradient(top + m * Math.log(e0 + e1), grad);
      }, u, null, null, options).x();
      if (mu <= finalSmoothing) return u;
      mu = Math.max(finalSmoothing, mu / 10);
    }
  }

  private static void checkControl(BiObjective problem, double[] u, String name) {
    if (u == null || u.length != problem.dimension()) {
      throw new IllegalArgumentException("PascolettiSerafiniFront: " + name + " must have length " + problem.dimension());
    }
  }

  private static void checkPair(double[] p, String name) {
    if (p == null || p.length != 2 || !Double.isFinite(p[0]) || !Double.isFinite(p[1])) {
      throw new IllegalArgumentException("PascolettiSerafiniFront: " + name + " must be two finite numbers");
    }
  }
}
