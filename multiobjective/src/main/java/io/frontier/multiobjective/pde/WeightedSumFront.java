package io.frontier.multiobjective.pde;

import io.frontier.optim.LbfgsOptions;
import io.frontier.optim.MinimizeResult;
import io.frontier.optim.Minimizer;
import io.frontier.optim.ValueAndGradient;
import java.util.ArrayList;
import java.util.List;

/**
 * The weighted-sum method: for each weight w in [0, 1], minimise w f0(u) + (1 - w) f1(u) with
 * L-BFGS ({@link Minimizer}), warm-started from the previous weight's solution. It finds only
 * supported Pareto points (those on the boundary of the convex hull of the attainable set), so it
 * misses every non-convex part of the front. Normalise the objectives first ({@link BiObjective#scaled})
 * so that the weights mean something.
 */
public final class WeightedSumFront {
  private WeightedSumFront() {}

  /**
   * @param weights the weights of objective 0, each in [0, 1], visited in the given order
   * @param start   the first solve's initial control
   */
  public static List<FrontPoint> compute(BiObjective problem, double[] weights, double[] start, LbfgsOptions options) {
    if (problem == null) throw new IllegalArgumentException("WeightedSumFront: problem is null");
    if (weights == null || weights.length == 0) throw new IllegalArgumentException("WeightedSumFront: no weights given");
    if (start == null || start.length != problem.dimension()) {
      throw new IllegalArgumentException("WeightedSumFront: start must have length " + problem.dimension());
    }
    List<FrontPoint> front = new ArrayList<>();
    double[] u = start.clone();
    for (double w : weights) {
      if (!(w >= 0 && w <= 1)) throw new IllegalArgumentException("WeightedSumFront: weight must lie in [0, 1], got " + w);
      MinimizeResult r = Minimizer.minimize(x -> {
        BiObjective.Evaluation e = problem.evaluate(x);
        double[] g = new double[x.length];
        for (int i = 0; i < g.length; i++) g[i] = w * e.gradients()[0][i] + (1 - w) * e.gradients()[1][i];
        return new ValueAndGradient(w * e.values()[0] + (1 - w) * e.values()[1], g);
      }, u, null, null, options);
      u = r.x();
      front.add(new FrontPoint(u.clone(), problem.evaluate(u).values()));
    }
    return front;
  }
}
