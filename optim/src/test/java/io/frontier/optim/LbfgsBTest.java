package io.frontier.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * L-BFGS-B: every point the objective sees lies in the box exactly; the bound-constrained optimum
 * of a convex quadratic whose free optimum is outside the box matches the KKT solution found by
 * enumerating active sets and scipy's L-BFGS-B (fixture from make_lbfgs_fixtures.py); a 10-D
 * Rosenbrock with a binding bound matches scipy; bad bounds are rejected.
 */
public class LbfgsBTest {
  static final LbfgsOptions TIGHT = LbfgsOptions.defaults().withMaxIter(2000).withMaxEval(10000).withToleranceGrad(1e-11).withToleranceChange(0);

  /** Wraps an objective, checking each point against the box and counting the calls. */
  static final class Boxed implements Function<double[], ValueAndGradient> {
    final Function<double[], ValueAndGradient> f;
    final double[] lower;
    final double[] upper;
    final List<double[]> points = new ArrayList<>();

    Boxed(Function<double[], ValueAndGradient> f, double[] lower, double[] upper) {
      this.f = f;
      this.lower = lower;
      this.upper = upper;
    }

    @Override
    public ValueAndGradient apply(double[] x) {
      for (int i = 0; i < x.length; i++) {
        if (!(x[i] >= lower[i] && x[i] <= upper[i])) {
          throw new AssertionError("evaluation " + points.size() + ": x[" + i + "] = " + x[i] + " outside [" + lower[i] + ", " + upper[i] + "]");
        }
      }
      points.add(x.clone());
      return f.apply(x);
    }
  }

  static Function<double[], ValueAndGradient> quadratic(double[][] a, double[] b) {
    return x -> {
      double[] ax = new double[x.length];
      double f = 0;
      for (int i = 0; i < x.length; i++) {
        for (int j = 0; j < x.length; j++) ax[i] += a[i][j] * x[j];
        f += 0.5 * x[i] * ax[i] - b[i] * x[i];
      }
      double[] g = new double[x.length];
      for (int i = 0; i < x.length; i++) g[i] = ax[i] - b[i];
      return new ValueAndGradient(f, g);
    };
  }

  @Test
  void quadraticWithTheFreeOptimumOutsideTheBox() {
    Map<String, Object> c = LbfgsFixtures.named("lbfgsb_scipy.json", "quadratic");
    double[][] a = LbfgsFixtures.matrix(c.get("A"));
    double[] b = LbfgsFixtures.vector(c.get("b"));
    double[] lower = LbfgsFixtures.vector(c.get("lower"));
    double[] upper = LbfgsFixtures.vector(c.get("upper"));
    double[] free = LbfgsFixtures.vector(c.get("free_optimum"));
    boolean outside = false;
    for (int i = 0; i < free.length; i++) outside |= free[i] < lower[i] || free[i] > upper[i];
    assertTrue(outside, "the fixture's free optimum should lie outside the box");

    Boxed fn = new Boxed(quadratic(a, b), lower, upper);
    MinimizeResult r = Minimizer.minimize(fn, LbfgsFixtures.vector(c.get("x0")), lower, upper, TIGHT);
    assertEquals(ConvergenceReason.GRADIENT_TOLERANCE, r.reason());
    double[] kkt = kktOptimum(a, b, lower, upper);
    for (int i = 0; i < kkt.length; i++) {
      assertEquals(kkt[i], r.x()[i], 1e-9, "x[" + i + "] vs the KKT solution");
      assertEquals(LbfgsFixtures.vector(c.get("x"))[i], r.x()[i], 1e-7, "x[" + i + "] vs scipy");
      // active bounds are hit exactly, not approximately
      if (kkt[i] == lower[i] || kkt[i] == upper[i]) assertEquals(kkt[i], r.x()[i], 0.0, "x[" + i + "] at its bound");
    }
    assertEquals(LbfgsFixtures.number(c.get("fun")), r.f(), 1e-10);
    assertEquals(r.evaluations(), fn.points.size());
  }

  @Test
  void boundedRosenbrock10dMatchesScipy() {
    Map<String, Object> c = LbfgsFixtures.named("lbfgsb_scipy.json", "rosenbrock10");
    double[] lower = LbfgsFixtures.vector(c.get("lower"));
    double[] upper = LbfgsFixtures.vector(c.get("upper"));
    Boxed fn = new Boxed(Rosenbrock::eval, lower, upper);
    MinimizeResult r = Minimizer.minimize(fn, LbfgsFixtures.vector(c.get("x0")), lower, upper, TIGHT.withHistorySize(10));
    assertEquals(ConvergenceReason.GRADIENT_TOLERANCE, r.reason());
    double[] expected = LbfgsFixtures.vector(c.get("x"));
    for (int i = 0; i < expected.length; i++) assertEquals(expected[i], r.x()[i], 1e-7, "x[" + i + "]");
    assertEquals(0.5, r.x()[3], 0.0, "the binding bound");
    assertEquals(LbfgsFixtures.number(c.get("fun")), r.f(), 1e-10);
  }

  @Test
  void infiniteBoundsReachTheRosenbrockMinimum() {
    double[] lower = {Double.NEGATIVE_INFINITY, -10};
    double[] upper = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
    Boxed fn = new Boxed(Rosenbrock::eval, lower, upper);
    MinimizeResult r = Minimizer.minimize(fn, new double[] {-1.2, 1}, lower, upper, TIGHT);
    assertEquals(1.0, r.x()[0], 1e-8);
    assertEquals(1.0, r.x()[1], 1e-8);
  }

  @Test
  void startOutsideTheBoxIsProjectedAndFixedVariablesStayFixed() {
    double[][] a = {{2, 0.5, 0}, {0.5, 1, 0.2}, {0, 0.2, 3}};
    double[] b = {10, -10, 1};
    double[] lower = {0, 0.25, -1};
    double[] upper = {1, 0.25, 1};
    Boxed fn = new Boxed(quadratic(a, b), lower, upper);
    MinimizeResult r = Minimizer.minimize(fn, new double[] {7, 7, -7}, lower, upper, TIGHT);
    assertEquals(0.25, r.x()[1], 0.0);
    double[] kkt = kktOptimum(a, b, lower, upper);
    for (int i = 0; i < 3; i++) assertEquals(kkt[i], r.x()[i], 1e-9, "x[" + i + "]");
  }

  @Test
  void badBoundsAreRejected() {
    LbfgsOptions o = LbfgsOptions.defaults();
    double[] x0 = {0, 0};
    LbfgsTest.assertMessage("empty box for variable 1: lower 2.0, upper 1.0",
        () -> Minimizer.minimize(Rosenbrock::eval, x0, new double[] {0, 2}, new double[] {1, 1}, o));
    LbfgsTest.assertMessage("lower has length 3, x0 has 2", () -> Minimizer.minimize(Rosenbrock::eval, x0, new double[3], null, o));
    LbfgsTest.assertMessage("upper[0] is NaN", () -> Minimizer.minimize(Rosenbrock::eval, x0, null, new double[] {Double.NaN, 1}, o));
    LbfgsTest.assertMessage("empty box for variable 0",
        () -> Minimizer.minimize(Rosenbrock::eval, x0, new double[] {Double.POSITIVE_INFINITY, 0}, null, o));
  }

  @Test
  void compactMatrixEqualsDenseBfgsUpdates() throws Exception {
    int n = 5;
    java.util.Random rnd = new java.util.Random(3);
    double[][] h = new double[n][n]; // an SPD Hessian: y = H s gives curvature pairs
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) h[i][j] = (i == j ? n : 0) + 0.3 * Math.sin(i + 2 * j) + 0.3 * Math.sin(j + 2 * i);
    }
    CompactLbfgs mem = new CompactLbfgs(3);
    List<double[][]> pairs = new ArrayList<>();
    for (int k = 0; k < 5; k++) {
      double[] s = new double[n];
      for (int i = 0; i < n; i++) s[i] = rnd.nextGaussian();
      double[] y = SmallDense.times(h, s);
      assertTrue(mem.add(s, y));
      pairs.add(new double[][] {s, y});
    }
    // dense BFGS from theta I through the last three pairs, oldest first
    double theta = mem.theta();
    double[][] bd = new double[n][n];
    for (int i = 0; i < n; i++) bd[i][i] = theta;
    for (double[][] p : pairs.subList(2, 5)) {
      double[] bs = SmallDense.times(bd, p[0]);
      double sbs = StrongWolfe.dot(p[0], bs);
      double ys = StrongWolfe.dot(p[1], p[0]);
      for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) bd[i][j] += -bs[i] * bs[j] / sbs + p[1][i] * p[1][j] / ys;
    }
    double[] v = {1, -2, 0.5, 3, -1};
    double[] expected = SmallDense.times(bd, v);
    double[] mwv = SmallDense.times(mem.middle(), mem.wTimes(v));
    for (int i = 0; i < n; i++) {
      double bv = theta * v[i] - StrongWolfe.dot(mem.wRow(i), mwv);
      assertEquals(expected[i], bv, 1e-10 * Math.abs(expected[i]) + 1e-12, "(B v)[" + i + "]");
    }
  }

  /**
   * The minimiser of the strictly convex {@code x.A x / 2 - b.x} on the box, by enumerating each
   * variable's status (free, at lower, at upper) and keeping the assignment that satisfies KKT.
   */
  static double[] kktOptimum(double[][] a, double[] b, double[] lower, double[] upper) {
    int n = b.length;
    int combos = (int) Math.pow(3, n);
    for (int code = 0; code < combos; code++) {
      int[] status = new int[n];
      for (int i = 0, c = code; i < n; i++, c /= 3) status[i] = c % 3;
      double[] x = new double[n];
      List<Integer> free = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (status[i] == 1) x[i] = lower[i];
        else if (status[i] == 2) x[i] = upper[i];
        else free.add(i);
      }
      if (Double.isInfinite(sumAbs(x))) continue;
      int k = free.size();
      double[][] aff = new double[k][k];
      double[][] rhs = new double[k][1];
      for (int p = 0; p < k; p++) {
        int i = free.get(p);
        rhs[p][0] = b[i];
        for (int j = 0; j < n; j++) if (status[j] != 0) rhs[p][0] -= a[i][j] * x[j];
        for (int q = 0; q < k; q++) aff[p][q] = a[i][free.get(q)];
      }
      try {
        double[][] sol = SmallDense.solve(aff, rhs);
        for (int p = 0; p < k; p++) x[free.get(p)] = sol[p][0];
      } catch (SmallDense.SingularException e) {
        continue;
      }
      boolean ok = true;
      for (int i = 0; i < n && ok; i++) {
        double g = -b[i];
        for (int j = 0; j < n; j++) g += a[i][j] * x[j];
        if (status[i] == 0) ok = x[i] > lower[i] && x[i] < upper[i];
        else if (status[i] == 1) ok = g >= 0;
        else ok = g <= 0;
      }
      if (ok) return x;
    }
    throw new AssertionError("no KKT point found");
  }

  private static double sumAbs(double[] x) {
    double s = 0;
    for (double v : x) s += Math.abs(v);
    return s;
  }

  @Test
  void resultHasCounts() {
    MinimizeResult r = Minimizer.minimize(Rosenbrock::eval, new double[] {-1.2, 1}, new double[] {-2, -2}, new double[] {2, 2},
        LbfgsOptions.defaults().withMaxIter(5).withMaxEval(1000));
    assertNotNull(r.x());
    assertEquals(5, r.iterations());
    assertEquals(ConvergenceReason.MAX_ITERATIONS, r.reason());
  }
}
