package io.frontier.multiobjective.pde;

import io.frontier.optim.LbfgsOptions;
import io.frontier.optim.Minimizer;
import io.frontier.optim.ValueAndGradient;
import java.util.ArrayList;
import java.util.List;

/**
 * A case of {@link MaxPoissonControl} whose Pareto front has a non-convex stretch, with the three
 * fronts compared on it: weighted sum, Pascoletti-Serafini and an epsilon-constraint reference.
 *
 * <p>Problem: N = 50 nodes, kappa = 300, target yd = -0.5 sin(pi x)(1 + x) (asymmetric, below 0),
 * a constant source f = 0.5 (kappa + 10) that puts the uncontrolled state on the stiff branch
 * y > 0, and the control u = v_0 1[x < 1/2] + v_1 1[x >= 1/2] (two subdomain controls,
 * {@link BiObjective#shaped}). Objectives, both minimised: f0 = J1 / J1(0) and f1 = J2 / J2(v*),
 * v* the minimiser of J1, so that the front runs from (1, 0) (no control) to (f0(v*), 1).
 * Without the source ({@code withSource = false}) the same construction gives a convex front.
 *
 * <p>Front points are returned as pairs {f0, f1}.
 */
public final class NonConvexCase {
  /** Interior nodes N. */
  public static final int NODES = 50;
  /** The coefficient of max(0, y). */
  public static final double KAPPA = 300;
  /** Angles of the first scan of an ellipse in {@link #epsilonConstraint}. */
  private static final int ANGLES = 240;

  private static final LbfgsOptions OPTIONS = LbfgsOptions.defaults().withMaxIter(500).withToleranceGrad(1e-12).withToleranceChange(1e-15);

  private final BiObjective problem;
  private final double[] minimiserOfJ1;

  private NonConvexCase(BiObjective problem, double[] minimiserOfJ1) {
    this.problem = problem;
    this.minimiserOfJ1 = minimiserOfJ1;
  }

  /** The case described above; {@code withSource = false} sets f = 0 (a convex front). */
  public static NonConvexCase create(boolean withSource) {
    double[] x = MaxPoissonControl.nodes(NODES);
    double[] yd = new double[NODES];
    double[] f = new double[NODES];
    double[][] shapes = new double[2][NODES];
    for (int i = 0; i < NODES; i++) {
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
    return new NonConvexCase(raw.scaled(1 / s1, 1 / s2), vstar);
  }

  /** The normalised problem (f0, f1) of the two coefficients v. */
  public BiObjective problem() {
    return problem;
  }

  /** v*, the minimiser of J1 (where f1 = 1). */
  public double[] minimiserOfJ1() {
    return minimiserOfJ1.clone();
  }

  /** The L-BFGS options every solve here uses (500 iterations, gradient tolerance 1e-12). */
  public static LbfgsOptions options() {
    return OPTIONS;
  }

  /**
   * The epsilon-constraint value v(eps) = min { f0(v) : f1(v) = eps }, eps >= 0 (v(0) = f0(0) = 1), independent of the
   * weighted sum and of Pascoletti-Serafini. f1 is a positive definite quadratic form of v, so its
   * level set is an ellipse; v(eps) is the minimum of f0 over a 240-angle scan of that ellipse,
   * refined by golden section around the best angle.
   */
  public double epsilonConstraint(double eps) {
    if (!(eps >= 0) || Double.isInfinite(eps)) throw new IllegalArgumentException("epsilonConstraint: eps must be finite and >= 0, got " + eps);
    double best = Double.POSITIVE_INFINITY;
    double bestAngle = 0;
    for (int j = 0; j < ANGLES; j++) {
      double th = 2 * Math.PI * j / ANGLES;
      double v = onEllipse(eps, th);
      if (v < best) {
        best = v;
        bestAngle = th;
      }
    }
    double lo = bestAngle - 2 * Math.PI / ANGLES;
    double hi = bestAngle + 2 * Math.PI / ANGLES;
    double g = (Math.sqrt(5) - 1) / 2;
    for (int it = 0; it < 40; it++) {
      double a = hi - g * (hi - lo);
      double b = lo + g * (hi - lo);
      if (onEllipse(eps, a) < onEllipse(eps, b)) hi = b;
      else lo = a;
    }
    return Math.min(best, onEllipse(eps, (lo + hi) / 2));
  }

  private double onEllipse(double eps, double angle) {
    double[] d = {Math.cos(angle), Math.sin(angle)};
    double c = Math.sqrt(eps / problem.evaluate(d).values()[1]);
    return problem.evaluate(new double[] {c * d[0], c * d[1]}).values()[0];
  }

  /** The reference front {v(eps), eps} for eps = 1/n, ..., 1, with (1, 0) first: sorted by f1. */
  public List<double[]> referenceFront(int n) {
    if (n < 1) throw new IllegalArgumentException("referenceFront: n must be >= 1, got " + n);
    List<double[]> front = new ArrayList<>();
    front.add(new double[] {1, 0});
    for (int k = 1; k <= n; k++) front.add(new double[] {epsilonConstraint((double) k / n), (double) k / n});
    return front;
  }

  /**
   * The weighted sum on {@code count} evenly spaced weights w of f0 in [0, 1], swept up from v = 0
   * and down from v*; per weight the solution with the smaller w f0 + (1 - w) f1 is kept (a single
   * warm-started sweep can stay on a branch of local minimisers). Returned in order of w.
   */
  public List<double[]> weightedSumFront(int count) {
    if (count < 2) throw new IllegalArgumentException("weightedSumFront: count must be >= 2, got " + count);
    double[] up = new double[count];
    double[] down = new double[count];
    for (int k = 0; k < count; k++) {
      up[k] = k / (count - 1.0);
      down[k] = 1 - up[k];
    }
    List<FrontPoint> a = WeightedSumFront.compute(problem, up, new double[2], OPTIONS);
    List<FrontPoint> b = WeightedSumFront.compute(problem, down, minimiserOfJ1, OPTIONS);
    List<double[]> out = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      double w = up[k];
      double[] fa = a.get(k).values();
      double[] fb = b.get(count - 1 - k).values();
      out.add(w * fa[0] + (1 - w) * fa[1] <= w * fb[0] + (1 - w) * fb[1] ? fa : fb);
    }
    return out;
  }

  /**
   * Pascoletti-Serafini on {@code count} reference points from (-0.2, 1) to (1, -0.2), direction
   * (1, 1), started at v = 0 with restarts from v* and 0, smoothing 1e-2 down to 1e-8.
   */
  public List<FrontPoint> pascolettiSerafiniFront(int count) {
    return PascolettiSerafiniFront.compute(problem, new double[] {-0.2, 1.0}, new double[] {1.0, -0.2}, count,
        new double[] {1, 1}, new double[2], List.of(minimiserOfJ1, new double[2]), 1e-2, 1e-8, OPTIONS);
  }
}
