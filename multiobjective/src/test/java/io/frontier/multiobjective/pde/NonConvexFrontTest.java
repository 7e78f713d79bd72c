package io.frontier.multiobjective.pde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.optim.LbfgsOptions;
import io.frontier.optim.Minimizer;
import io.frontier.optim.ValueAndGradient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The weighted sum misses a non-convex stretch of the front that Pascoletti-Serafini finds.
 *
 * <p>Problem: N = 50 nodes, kappa = 300, target yd = -0.5 sin(pi x)(1 + x) (asymmetric, below 0),
 * a constant source f = 0.5 (kappa + 10) that puts the uncontrolled state on the stiff branch
 * y > 0, and the control u = v_0 1[x < 1/2] + v_1 1[x >= 1/2] (two subdomain controls, the
 * paper's B(v)). Objectives f0 = J1 / J1(0) and f1 = J2 / J2(v*), v* the minimiser of J1.
 * Pulling y below 0 costs little while the control fights the stiff branch, then more and more
 * tracking is gained per unit of control once nodes cross to the soft branch: increasing returns,
 * hence a non-convex front. With f = 0 (the problem as first posed) the same scan finds a convex
 * front: the uncontrolled state sits at the kink y = 0 and the gain only falls as |u| grows.
 *
 * <p>Reference (independent of both methods): the epsilon-constraint front
 * v(eps) = min { f0(v) : f1(v) = eps } for eps in (0, 1]. Since f1 is a positive definite quadratic
 * form of the two coefficients, its level set is an ellipse, and v(eps) is the minimum of f0 over a
 * 240-angle scan of that ellipse refined by golden section around the best angle.
 */
class NonConvexFrontTest {
  private static final int N = 50;
  private static final double KAPPA = 300;
  private static final LbfgsOptions OPTIONS = LbfgsOptions.defaults().withMaxIter(500).withToleranceGrad(1e-12).withToleranceChange(1e-15);

  /** The normalised problem and the minimiser v* of J1 (as {problem, v*}). */
  private static Object[] problem(boolean withSource) {
    double[] x = MaxPoissonControl.nodes(N);
    double[] yd = new double[N];
    double[] f = new double[N];
    double[][] shapes = new double[2][N];
    for (int i = 0; i < N; i++) {
      yd[i] = -0.5 * Math.sin(Math.PI * x[i]) * (1 + x[i]);
      f[i] = withSource ? 0.5 * (KAPPA + 10) : 0;
      shapes[x[i] < 0.5 ? 0 : 1][i] = 1;
    }
    BiObjective raw = new MaxPoissonControl(KAPPA, yd, f).shaped(shapes);
    double s1 = raw.evaluate(new double[2]).values()[0];
    double[] vstar = Minimizer.minimize(v -> {
      BiObjective.Evaluation e = raw.evaluate(v);
      return new ValueAndGradient(e.values()[0], e.gradients()[0]);
    }, new double[] {-100, -100}, null, null, OPTIONS).x();
    double s2 = raw.evaluate(vstar).values()[1];
    return new Object[] {raw.scaled(1 / s1, 1 / s2), vstar};
  }

  /** v(eps) = min f0 over the ellipse f1 = eps (angle scan, then golden section). */
  private static double epsilonConstraint(BiObjective p, double eps) {
    int m = 240;
    double best = Double.POSITIVE_INFINITY;
    double bestAngle = 0;
    for (int j = 0; j < m; j++) {
      double th = 2 * Math.PI * j / m;
      double v = onEllipse(p, eps, th);
      if (v < best) {
        best = v;
        bestAngle = th;
      }
    }
    double lo = bestAngle - 2 * Math.PI / m;
    double hi = bestAngle + 2 * Math.PI / m;
    double g = (Math.sqrt(5) - 1) / 2;
    for (int it = 0; it < 40; it++) {
      double a = hi - g * (hi - lo);
      double b = lo + g * (hi - lo);
      if (onEllipse(p, eps, a) < onEllipse(p, eps, b)) hi = b;
      else lo = a;
    }
    return Math.min(best, onEllipse(p, eps, (lo + hi) / 2));
  }

  private static double onEllipse(BiObjective p, double eps, double angle) {
    double[] d = {Math.cos(angle), Math.sin(angle)};
    double c = Math.sqrt(eps / p.evaluate(d).values()[1]);
    return p.evaluate(new double[] {c * d[0], c * d[1]}).values()[0];
  }

  /** Reference points (f0, f1) = (v(eps), eps) for eps = 1/n, ..., 1, with (1, 0) first. */
  private static List<double[]> referenceFront(BiObjective p, int n) {
    List<double[]> front = new ArrayList<>();
    front.add(new double[] {1, 0});
    for (int k = 1; k <= n; k++) front.add(new double[] {epsilonConstraint(p, (double) k / n), (double) k / n});
    return front;
  }

  /** The lower convex hull (in the (f1, f0) plane) of points sorted by increasing f1. */
  private static List<double[]> lowerHull(List<double[]> points) {
    List<double[]> hull = new ArrayList<>();
    for (double[] q : points) {
      while (hull.size() >= 2) {
        double[] o = hull.get(hull.size() - 2);
        double[] a = hull.get(hull.size() - 1);
        double cross = (a[1] - o[1]) * (q[0] - o[0]) - (a[0] - o[0]) * (q[1] - o[1]);
        if (cross <= 0) hull.remove(hull.size() - 1);
        else break;
      }
      hull.add(q);
    }
    return hull;
  }

  /** f0 of the piecewise-linear curve through points sorted by f1, at the given f1. */
  private static double interpolate(List<double[]> curve, double f1) {
    for (int k = 0; k + 1 < curve.size(); k++) {
      double[] a = curve.get(k);
      double[] b = curve.get(k + 1);
      if (a[1] <= f1 && f1 <= b[1]) return a[0] + (f1 - a[1]) / (b[1] - a[1]) * (b[0] - a[0]);
    }
    throw new IllegalArgumentException("f1 = " + f1 + " outside the curve");
  }

  private static double maxGapAboveHull(List<double[]> front) {
    List<double[]> hull = lowerHull(front);
    double gap = 0;
    for (double[] q : front) gap = Math.max(gap, q[0] - interpolate(hull, q[1]));
    return gap;
  }

  /** The weighted sum on 201 weights, swept both ways; per weight the better of the two solutions. */
  private static List<double[]> weightedSum(BiObjective p, double[] vstar) {
    int nw = 201;
    double[] up = new double[nw];
    double[] down = new double[nw];
    for (int k = 0; k < nw; k++) {
      up[k] = k / (nw - 1.0);
      down[k] = 1 - up[k];
    }
    List<FrontPoint> a = WeightedSumFront.compute(p, up, new double[2], OPTIONS);
    List<FrontPoint> b = WeightedSumFront.compute(p, down, vstar, OPTIONS);
    List<double[]> out = new ArrayList<>();
    for (int k = 0; k < nw; k++) {
      double w = up[k];
      double[] fa = a.get(k).values();
      double[] fb = b.get(nw - 1 - k).values();
      out.add(w * fa[0] + (1 - w) * fa[1] <= w * fb[0] + (1 - w) * fb[1] ? fa : fb);
    }
    return out;
  }

  @Test
  void weightedSumLeavesAGapThatPascolettiSerafiniFills() {
    Object[] setup = problem(true);
    BiObjective p = (BiObjective) setup[0];
    double[] vstar = (double[]) setup[1];
    List<double[]> reference = referenceFront(p, 60);
    assertTrue(maxGapAboveHull(reference) > 0.05, "the reference front should be non-convex, gap " + maxGapAboveHull(reference));
    List<double[]> hull = lowerHull(reference);

    List<double[]> ws = weightedSum(p, vstar);
    double gapLo = 0;
    double gapHi = 0;
    List<double[]> byF1 = new ArrayList<>(ws);
    byF1.sort((a, b) -> Double.compare(a[1], b[1]));
    for (int k = 0; k + 1 < byF1.size(); k++) {
      if (byF1.get(k + 1)[1] - byF1.get(k)[1] > gapHi - gapLo) {
        gapLo = byF1.get(k)[1];
        gapHi = byF1.get(k + 1)[1];
      }
    }
    for (int k = 0; k < ws.size(); k++) {
      double[] q = ws.get(k);
      assertTrue(q[0] - interpolate(hull, q[1]) < 1e-3, "no weighted-sum point lies above the convex hull of the front");
      if (k % 4 == 0) assertEquals(epsilonConstraint(p, q[1]), q[0], 1e-4, "weighted-sum points are Pareto-optimal");
    }
    assertTrue(gapHi - gapLo > 0.5, "the weighted sum leaves a gap in f1: (" + gapLo + ", " + gapHi + ")");

    List<FrontPoint> ps = PascolettiSerafiniFront.compute(p, new double[] {-0.2, 1.0}, new double[] {1.0, -0.2}, 25,
        new double[] {1, 1}, new double[2], List.of(vstar, new double[2]), 1e-2, 1e-8, OPTIONS);
    int inside = 0;
    double deepest = 0;
    for (FrontPoint q : ps) {
      double[] f = q.values();
      double margin = 0.1 * (gapHi - gapLo);
      if (f[1] <= gapLo + margin || f[1] >= gapHi - margin) continue;
      inside++;
      assertEquals(epsilonConstraint(p, f[1]), f[0], 1e-4, "a Pascoletti-Serafini point is Pareto-optimal (epsilon-constraint value)");
      double aboveHull = f[0] - interpolate(hull, f[1]);
      assertTrue(aboveHull > 2e-3, "a Pascoletti-Serafini point lies strictly above the convex hull at f1 = " + f[1] + ": " + aboveHull);
      deepest = Math.max(deepest, aboveHull);
    }
    assertTrue(deepest > 0.05, "the deepest point of the non-convex stretch lies " + deepest + " above the hull");
    assertTrue(inside >= 5, "Pascoletti-Serafini should put several points into the middle of the gap, got " + inside);
  }

  @Test
  void withoutTheSourceTheFrontIsConvex() {
    BiObjective p = (BiObjective) problem(false)[0];
    assertTrue(maxGapAboveHull(referenceFront(p, 30)) < 1e-6);
  }
}
