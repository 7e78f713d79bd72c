package io.frontier.optim;

import java.util.Arrays;
import java.util.function.Function;

/**
 * L-BFGS-B (Byrd, Lu, Nocedal and Zhu 1995) for {@code min f(x)} subject to {@code l <= x <= u}.
 * Each iteration:
 * <ol>
 *   <li>the generalized Cauchy point: the first local minimiser of the quadratic model
 *       {@code m(x + z) = f + g.z + z.B z / 2} along the projected steepest-descent path
 *       {@code P(x - t g)}, found by walking its breakpoints in order (the paper's Algorithm CP, with
 *       B in the compact form of {@link CompactLbfgs});</li>
 *   <li>subspace minimisation: the model is minimised over the variables that are free at the
 *       Cauchy point, the others held there (the paper's direct primal method, with the
 *       Sherman-Morrison-Woodbury inverse of the reduced B); the unconstrained minimiser is
 *       projected onto the box if that keeps a descent direction, otherwise cut back to the box
 *       along its ray (Morales and Nocedal 2011's refinement, as in L-BFGS-B 3.0);</li>
 *   <li>a backtracking line search along {@code d = xbar - x}, with the Armijo condition
 *       ({@code c1 = 1e-4}) or Hager-Zhang's approximate Wolfe conditions (which stay usable when
 *       the decrease is below f's rounding) and safeguarded quadratic interpolation, on
 *       {@code t in (0, 1]}, so every
 *       trial point stays in the box (each is also clamped to it, so rounding never leaves it).
 *       This replaces the Moré-Thuente search of the reference code: with no curvature condition
 *       enforced, pairs with {@code s.y <= eps y.y} are skipped to keep B positive definite.</li>
 * </ol>
 * When a direction is not a descent direction, the line search fails or the compact matrices are
 * singular, the memory is dropped and the iteration restarts from steepest descent; a failure from
 * steepest descent stops the run ({@link ConvergenceReason#LINE_SEARCH_FAILED}).
 *
 * <p>Stopping: the projected gradient's largest component {@code |P(x - g) - x|} at most
 * {@code toleranceGrad}; a step or an objective change below {@code toleranceChange} (as in
 * {@link LBFGS}); {@code maxIter} iterations; {@code maxEval} evaluations.
 */
final class LbfgsB {
  private static final double C1 = 1e-4;
  private static final int MAX_BACKTRACKS = 30;
  private static final double EPS = 2.220446049250313e-16;

  private final Function<double[], ValueAndGradient> fn;
  private final double[] lower;
  private final double[] upper;
  private final LbfgsOptions o;
  private int evaluations;
  /** The objective's value at the point {@link #lineSearch} last accepted. */
  private double lastValue;

  private LbfgsB(Function<double[], ValueAndGradient> fn, double[] lower, double[] upper, LbfgsOptions o) {
    this.fn = fn;
    this.lower = lower;
    this.upper = upper;
    this.o = o;
  }

  /** Minimises from {@code x0} projected onto the box; the bounds are checked by the caller. */
  static MinimizeResult minimize(Function<double[], ValueAndGradient> fn, double[] x0, double[] lower, double[] upper, LbfgsOptions o) {
    return new LbfgsB(fn, lower, upper, o).run(x0);
  }

  private MinimizeResult run(double[] x0) {
    int n = x0.length;
    double[] x = x0.clone();
    clamp(x);
    double[] g = new double[n];
    double f = evaluate(x, g);
    CompactLbfgs mem = new CompactLbfgs(o.historySize());
    int iter = 0;
    ConvergenceReason reason = ConvergenceReason.MAX_ITERATIONS;
    if (projectedGradientNorm(x, g) <= o.toleranceGrad()) return new MinimizeResult(x, f, 0, evaluations, ConvergenceReason.GRADIENT_TOLERANCE);
    while (iter < o.maxIter()) {
      double[] xbar;
      try {
        double[] c = new double[2 * mem.size()];
        double[] xc = cauchyPoint(x, g, mem, c);
        xbar = subspaceMinimum(x, g, xc, c, mem);
      } catch (SmallDense.SingularException e) {
        mem.clear();
        continue;
      }
      double[] d = new double[n];
      for (int i = 0; i < n; i++) d[i] = xbar[i] - x[i];
      double gd = StrongWolfe.dot(g, d);
      double[] gNew = new double[n];
      double tInit = mem.size() == 0 ? Math.min(1, 1 / Math.sqrt(StrongWolfe.dot(d, d))) : 1;
      double[] xNew = gd < 0 ? lineSearch(x, f, gd, d, tInit, gNew) : null;
      if (xNew == null) {
        if (mem.size() > 0) {
          mem.clear(); // restart from steepest descent
          continue;
        }
        reason = evaluations >= o.maxEval() ? ConvergenceReason.MAX_EVALUATIONS
            : gd < 0 ? ConvergenceReason.LINE_SEARCH_FAILED : ConvergenceReason.DIRECTIONAL_DERIVATIVE;
        break;
      }
      iter++;
      double fNew = lastValue;
      double[] s = new double[n];
      double[] y = new double[n];
      double maxStep = 0;
      for (int i = 0; i < n; i++) {
        s[i] = xNew[i] - x[i];
        y[i] = gNew[i] - g[i];
        maxStep = Math.max(maxStep, Math.abs(s[i]));
      }
      double fPrev = f;
      x = xNew;
      f = fNew;
      g = gNew;
      try {
        mem.add(s, y);
      } catch (SmallDense.SingularException e) {
        // add() has cleared the memory: the next iteration starts from steepest descent
      }
      if (projectedGradientNorm(x, g) <= o.toleranceGrad()) {
        reason = ConvergenceReason.GRADIENT_TOLERANCE;
        break;
      }
      if (iter == o.maxIter()) {
        reason = ConvergenceReason.MAX_ITERATIONS;
        break;
      }
      if (evaluations >= o.maxEval()) {
        reason = ConvergenceReason.MAX_EVALUATIONS;
        break;
      }
      if (maxStep <= o.toleranceChange()) {
        reason = ConvergenceReason.STEP_TOLERANCE;
        break;
      }
      if (Math.abs(f - fPrev) < o.toleranceChange()) {
        reason = ConvergenceReason.FUNCTION_TOLERANCE;
        break;
      }
    }
    return new MinimizeResult(x, f, iter, evaluations, reason);
  }

  /**
   * The generalized Cauchy point (the paper's Algorithm CP). Writes {@code c = W^T (xc - x)} into
   * {@code cOut}, which the subspace minimisation needs.
   */
  private double[] cauchyPoint(double[] x, double[] g, CompactLbfgs mem, double[] cOut) {
    int n = x.length;
    double theta = mem.theta();
    double[][] mm = mem.middle();
    double[] xc = x.clone();
    double[] d = new double[n];
    double[] tb = new double[n];
    int nBreak = 0;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      if (g[i] < 0) tb[i] = (x[i] - upper[i]) / g[i];
      else if (g[i] > 0) tb[i] = (x[i] - lower[i]) / g[i];
      else tb[i] = Double.POSITIVE_INFINITY;
      d[i] = tb[i] == 0 ? 0 : -g[i];
      if (tb[i] > 0 && tb[i] < Double.POSITIVE_INFINITY) order[nBreak++] = i;
    }
    Arrays.sort(order, 0, nBreak, (a, b) -> Double.compare(tb[a], tb[b]));

    double[] p = mem.wTimes(d);
    double[] c = cOut;
    double fp = -StrongWolfe.dot(d, d);
    double fpp = -theta * fp - StrongWolfe.dot(p, SmallDense.times(mm, p));
    double fppOrig = fpp;
    double dtMin = -fp / fpp;
    double tOld = 0;
    int pos = 0;
    double t = nBreak > 0 ? tb[order[0]] : Double.POSITIVE_INFINITY;
    double dt = t;
    while (dtMin >= dt) {
      // move to breakpoint b, fix variable b at its bound, update the model's slope and curvature
      int b = order[pos++];
      xc[b] = d[b] > 0 ? upper[b] : lower[b];
      double zb = xc[b] - x[b];
      for (int j = 0; j < c.length; j++) c[j] += dt * p[j];
      double gb = g[b];
      double[] wb = mem.wRow(b);
      double[] mwb = SmallDense.times(mm, wb);
      fp += dt * fpp + gb * gb + theta * gb * zb - gb * StrongWolfe.dot(mwb, c);
      fpp += -theta * gb * gb - 2 * gb * StrongWolfe.dot(mwb, p) - gb * gb * StrongWolfe.dot(wb, mwb);
      fpp = Math.max(EPS * fppOrig, fpp); // B is positive definite: only rounding can make this <= 0
      for (int j = 0; j < p.length; j++) p[j] += gb * wb[j];
      d[b] = 0;
      dtMin = -fp / fpp;
      tOld = t;
      t = pos < nBreak ? tb[order[pos]] : Double.POSITIVE_INFINITY;
      dt = t - tOld;
    }
    dtMin = Math.max(dtMin, 0);
    tOld += dtMin;
    for (int i = 0; i < n; i++) if (d[i] != 0) xc[i] = Math.min(Math.max(x[i] + tOld * d[i], lower[i]), upper[i]);
    for (int j = 0; j < c.length; j++) c[j] += dtMin * p[j];
    return xc;
  }

  /** Minimises the model over the variables free at the Cauchy point (direct primal method). */
  private double[] subspaceMinimum(double[] x, double[] g, double[] xc, double[] c, CompactLbfgs mem) throws SmallDense.SingularException {
    int n = x.length;
    int k2 = 2 * mem.size();
    double theta = mem.theta();
    double[][] mm = mem.middle();
    int[] free = new int[n];
    int nFree = 0;
    for (int i = 0; i < n; i++) if (lower[i] < xc[i] && xc[i] < upper[i]) free[nFree++] = i;
    if (nFree == 0) return xc;

    // reduced gradient r = Z^T (g + theta (xc - x) - W M c); v = M W^T Z r; A = W^T Z Z^T W
    double[] mc = SmallDense.times(mm, c);
    double[] r = new double[nFree];
    double[][] wf = new double[nFree][];
    double[] v = new double[k2];
    double[][] a = new double[k2][k2];
    for (int q = 0; q < nFree; q++) {
      int i = free[q];
      wf[q] = mem.wRow(i);
      r[q] = g[i] + theta * (xc[i] - x[i]) - StrongWolfe.dot(wf[q], mc);
      for (int j = 0; j < k2; j++) {
        v[j] += wf[q][j] * r[q];
        for (int l = 0; l < k2; l++) a[j][l] += wf[q][j] * wf[q][l];
      }
    }
    double[] du = new double[nFree];
    if (k2 > 0) {
      v = SmallDense.times(mm, v);
      // N = I - M A / theta; solve N v' = v
      double[][] nMat = new double[k2][k2];
      for (int j = 0; j < k2; j++) {
        for (int l = 0; l < k2; l++) {
          double s = 0;
          for (int q = 0; q < k2; q++) s += mm[j][q] * a[q][l];
          nMat[j][l] = (j == l ? 1 : 0) - s / theta;
        }
      }
      double[][] col = new double[k2][1];
      for (int j = 0; j < k2; j++) col[j][0] = v[j];
      double[][] sol = SmallDense.solve(nMat, col);
      for (int j = 0; j < k2; j++) v[j] = sol[j][0];
    }
    for (int q = 0; q < nFree; q++) du[q] = -r[q] / theta - (k2 > 0 ? StrongWolfe.dot(wf[q], v) / (theta * theta) : 0);

    // projected subspace step, kept if it is a descent direction from x
    double[] xbar = xc.clone();
    for (int q = 0; q < nFree; q++) {
      int i = free[q];
      xbar[i] = Math.min(Math.max(xc[i] + du[q], lower[i]), upper[i]);
    }
    double gd = 0;
    for (int i = 0; i < n; i++) gd += g[i] * (xbar[i] - x[i]);
    if (gd < 0) return xbar;

    // otherwise cut the step back to the box along its ray
    double alpha = 1;
    for (int q = 0; q < nFree; q++) {
      int i = free[q];
      if (du[q] > 0) alpha = Math.min(alpha, (upper[i] - xc[i]) / du[q]);
      else if (du[q] < 0) alpha = Math.min(alpha, (lower[i] - xc[i]) / du[q]);
    }
    xbar = xc.clone();
    for (int q = 0; q < nFree; q++) {
      int i = free[q];
      xbar[i] = Math.min(Math.max(xc[i] + alpha * du[q], lower[i]), upper[i]);
    }
    return xbar;
  }

  /**
   * Backtracking from {@code t} on the Armijo condition; returns the accepted point (its value in
   * {@link #lastValue}, its gradient in {@code gOut}) or null when none was found within the
   * backtrack or evaluation budget.
   */
  private double[] lineSearch(double[] x, double f, double gd, double[] d, double t, double[] gOut) {
    int n = x.length;
    for (int k = 0; k < MAX_BACKTRACKS && evaluations < o.maxEval(); k++) {
      double[] xt = new double[n];
      for (int i = 0; i < n; i++) xt[i] = x[i] + t * d[i];
      clamp(xt);
      double ft = evaluate(xt, gOut);
      if (ft <= f + C1 * t * gd || approximateWolfe(f, gd, ft, StrongWolfe.dot(gOut, d))) {
        lastValue = ft;
        return xt;
      }
      // minimiser of the quadratic through f, the slope gd and ft, kept in [0.1 t, 0.5 t]
      double tq = Double.isFinite(ft) ? -gd * t * t / (2 * (ft - f - gd * t)) : 0.1 * t;
      t = Math.min(Math.max(tq, 0.1 * t), 0.5 * t);
    }
    return null;
  }

  /**
   * Hager and Zhang's (2005) approximate Wolfe conditions: the slope at the trial lies in
   * {@code [0.9 gd, (1 - 2 c1) |gd|]} and the value has not risen beyond {@code 1e-10 |f|}. Near a
   * minimiser the decrease that Armijo asks for falls below the rounding of f, so without this the
   * search could not make the last steps that the gradient tolerance asks for.
   */
  private static boolean approximateWolfe(double f, double gd, double ft, double gdt) {
    return ft <= f + 1e-10 * Math.abs(f) && gdt >= 0.9 * gd && gdt <= (2 * C1 - 1) * gd;
  }

  private double evaluate(double[] x, double[] gOut) {
    ValueAndGradient vg = fn.apply(x.clone());
    evaluations++;
    Minimizer.checkGradient(vg, x.length);
    System.arraycopy(vg.gradient(), 0, gOut, 0, x.length);
    return vg.value();
  }

  private void clamp(double[] x) {
    for (int i = 0; i < x.length; i++) x[i] = Math.min(Math.max(x[i], lower[i]), upper[i]);
  }

  /** {@code max_i |P(x - g)_i - x_i|}: zero exactly at a first-order point of the box problem. */
  private double projectedGradientNorm(double[] x, double[] g) {
    double m = 0;
    for (int i = 0; i < x.length; i++) m = Math.max(m, Math.abs(Math.min(Math.max(x[i] - g[i], lower[i]), upper[i]) - x[i]));
    return m;
  }
}
