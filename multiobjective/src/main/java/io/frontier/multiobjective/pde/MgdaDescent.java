package io.frontier.multiobjective.pde;

import io.frontier.multiobjective.aggregate.Aggregation;
import io.frontier.multiobjective.aggregate.MGDA;

/**
 * Multiple-gradient descent (MGDA, Desideri 2012; Fliege and Svaiter 2000): from a start u, step
 * against the min-norm element d of the convex hull of the two gradients
 * ({@link MGDA}), which decreases both objectives unless u is Pareto-stationary (d = 0).
 *
 * <p>Step-size rule: Armijo backtracking for both objectives at once. The trial step alpha (first
 * 2 times the previous accepted step, initially {@code initialStep}) is halved until
 * f_i(u - alpha d) <= f_i(u) - sigma alpha |d|^2 for i = 0, 1 (valid since g_i . d >= |d|^2 for the
 * min-norm point). It stops when |d| <= {@code gradientTolerance}, after {@code maxIterations}
 * steps, or when 60 halvings find no decrease. Run it from many starts to spread points along the
 * front: each run ends at a (nearly) Pareto-stationary point that depends on its start.
 */
public final class MgdaDescent {
  private static final double SIGMA = 1e-4;

  private MgdaDescent() {}

  public static FrontPoint run(BiObjective problem, double[] start, double initialStep, double gradientTolerance, int maxIterations) {
    if (problem == null) throw new IllegalArgumentException("MgdaDescent: problem is null");
    if (start == null || start.length != problem.dimension()) throw new IllegalArgumentException("MgdaDescent: start must have length " + problem.dimension());
    if (!(initialStep > 0) || Double.isInfinite(initialStep)) throw new IllegalArgumentException("MgdaDescent: initialStep must be finite and > 0");
    if (!(gradientTolerance >= 0)) throw new IllegalArgumentException("MgdaDescent: gradientTolerance must be >= 0");
    if (maxIterations < 0) throw new IllegalArgumentException("MgdaDescent: maxIterations must be >= 0");
    MGDA mgda = new MGDA();
    double[] u = start.clone();
    BiObjective.Evaluation e = problem.evaluate(u);
    double alpha = initialStep;
    for (int it = 0; it < maxIterations; it++) {
      Aggregation agg = mgda.aggregate(e.gradients());
      double[] d = agg.direction();
      double dd = 0;
      for (double v : d) dd += v * v;
      if (Math.sqrt(dd) <= gradientTolerance) break;
      alpha *= 2;
      BiObjective.Evaluation next = null;
      for (int halving = 0; halving < 60; halving++) {
        double[] trial = new double[u.length];
        for (int i = 0; i < u.length; i++) trial[i] = u[i] - alpha * d[i];
        BiObjective.Evaluation t = problem.evaluate(trial);
        if (t.values()[0] <= e.values()[0] - SIGMA * alpha * dd && t.values()[1] <= e.values()[1] - SIGMA * alpha * dd) {
          u = trial;
          next = t;
          break;
        }
        alpha /= 2;
      }
      if (next == null) break;
      e = next;
    }
    return new FrontPoint(u, e.values());
  }
}
