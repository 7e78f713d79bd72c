package io.frontier.rl.morl;

import java.util.ArrayList;
import java.util.List;

/**
 * Linear scalarisation, solved exactly: for a weight vector w, the policy that maximises the
 * scalarised undiscounted return {@code w . G} over episodes capped at {@code horizon} steps,
 * found by value iteration over (state, steps left),
 *
 * <pre>
 *   V_0(s) = 0,   Q_h(s, a) = r(s, a) + [s' not terminal] V_{h-1}(s'),   s' = next(s, a)
 * </pre>
 *
 * with vector values compared by the key {@code (w . V, V_0, V_1, ...)}. The scalar comes first;
 * the objectives in order only break its ties, which matter when w has a zero component (w = (1, 0)
 * on Deep Sea Treasure is indifferent to time, and would otherwise be free to dawdle) or sits on a
 * breakpoint between two policies. Any such tie-break still returns a Pareto-optimal return: a
 * return that dominated the chosen one would score at least as high under w (w >= 0) and win the
 * tie. Lexicographic order is compatible with addition, so the Bellman recursion is exact for it.
 *
 * <p>What it cannot do is the point of C-MORL (Liu et al., arXiv 2410.02236): every w-optimal
 * return lies on the convex hull of the achievable returns, so a Pareto point strictly inside the
 * hull (an unsupported, "concave" point) is never returned for any w (Das and Dennis 1997). Compare
 * {@link EpsilonConstraintSolver}.
 */
public final class LinearScalarisationSolver {

  private final DeterministicMoMdp mdp;
  private final int horizon;
  // The transition and reward tables, read once: they do not depend on the weight.
  private final int[][] next;
  private final double[][][] reward;

  /**
   * @param mdp the environment
   * @param horizon the episode cap in steps (an episode still running then is truncated)
   */
  public LinearScalarisationSolver(DeterministicMoMdp mdp, int horizon) {
    if (mdp == null) throw new IllegalArgumentException("LinearScalarisationSolver: mdp is null");
    if (horizon < 1) throw new IllegalArgumentException("LinearScalarisationSolver: horizon must be >= 1, got " + horizon);
    this.mdp = mdp;
    this.horizon = horizon;
    int n = mdp.stateCount();
    int na = mdp.actionCount();
    this.next = new int[n][na];
    this.reward = new double[n][na][];
    for (int s = 0; s < n; s++) {
      if (mdp.isTerminal(s)) continue;
      for (int a = 0; a < na; a++) {
        next[s][a] = mdp.next(s, a);
        reward[s][a] = mdp.reward(s, a);
      }
    }
  }

  /** The w-optimal policy's episode from the start state; w has one non-negative entry per objective. */
  public MoSolution solve(double[] weight) {
    int d = mdp.rewardDim();
    checkWeight(weight, d);
    int n = mdp.stateCount();
    int na = mdp.actionCount();
    // value[h][s] is the key (w . V, V_0, .., V_{d-1}) with h steps left; value[0][s] = 0.
    double[][][] value = new double[horizon + 1][n][d + 1];
    int[][] best = new int[horizon + 1][n];
    double[] q = new double[d + 1];
    for (int h = 1; h <= horizon; h++) {
      for (int s = 0; s < n; s++) {
        if (mdp.isTerminal(s)) continue;
        double[] top = null;
        for (int a = 0; a < na; a++) {
          int s2 = next[s][a];
          double[] r = reward[s][a];
          double[] tail = mdp.isTerminal(s2) ? null : value[h - 1][s2];
          for (int k = 0; k < d; k++) q[k + 1] = r[k] + (tail == null ? 0 : tail[k + 1]);
          q[0] = MorlMetrics.dot(weight, r) + (tail == null ? 0 : tail[0]);
          if (top == null || Lexicographic.greater(q, top)) {
            top = value[h][s];
            System.arraycopy(q, 0, top, 0, d + 1);
            best[h][s] = a;
          }
        }
      }
    }
    double[] total = new double[d];
    List<Integer> actions = new ArrayList<>();
    int s = mdp.startState();
    for (int h = horizon; h > 0 && !mdp.isTerminal(s); h--) {
      int a = best[h][s];
      for (int k = 0; k < d; k++) total[k] += reward[s][a][k];
      actions.add(a);
      s = next[s][a];
    }
    return new MoSolution(total, actions.stream().mapToInt(Integer::intValue).toArray());
  }

  /** {@link #solve} for each weight vector, in order. */
  public List<MoSolution> solveAll(double[][] weights) {
    List<MoSolution> out = new ArrayList<>(weights.length);
    for (double[] w : weights) out.add(solve(w));
    return out;
  }

  private static void checkWeight(double[] w, int d) {
    if (w == null || w.length != d) {
      throw new IllegalArgumentException("LinearScalarisationSolver: weight needs " + d + " entries, got " + (w == null ? "null" : w.length));
    }
    for (int k = 0; k < d; k++) {
      if (!(w[k] >= 0) || Double.isInfinite(w[k])) {
        throw new IllegalArgumentException("LinearScalarisationSolver: weight entry " + k + " is " + w[k] + ", must be finite and >= 0");
      }
    }
  }
}
