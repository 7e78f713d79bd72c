package io.frontier.rl.morl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The epsilon-constraint method (Haimes, Lasdon and Wismer 1971) for a deterministic MO-MDP, solved
 * exactly: maximise one objective subject to a floor on another,
 *
 * <pre>
 *   max_pi  G_i(pi)   subject to   G_j(pi) >= -b,   the episode ends (reaches a terminal state)
 * </pre>
 *
 * with undiscounted returns G. This is the constrained step at the heart of C-MORL (Liu et al.,
 * "C-MORL: Multi-Objective Reinforcement Learning through Efficient Discovery of Pareto Front",
 * arXiv 2410.02236): there a neural policy maximises objective i subject to {@code J_j >= beta
 * J_j(current)}, by constrained policy optimisation with a log barrier, which approximates the
 * optimum that this class computes exactly. Sweeping the budget b reaches every point of the
 * Pareto front, the unsupported (concave) ones included, which no weight of
 * {@link LinearScalarisationSolver} can.
 *
 * <p>Exactness needs the constrained objective to cost a whole number of units per step: each step
 * must pay {@code r_j = -c} with c a positive integer (Deep Sea Treasure's time penalty, c = 1).
 * Then the remaining budget is a finite counter, and dynamic programming over (state, budget left)
 *
 * <pre>
 *   V_k(s) = max over a with c(s, a) <= k of  r_i(s, a) + [s' not terminal] V_{k - c(s, a)}(s'),
 *   V_0(s) = infeasible for non-terminal s
 * </pre>
 *
 * is the exact constrained optimum, not an approximation. Ties in G_i are broken towards the
 * smaller cost (the key {@code (G_i, G_j)} is compared lexicographically), the augmented
 * epsilon-constraint rule (Mavrotas 2009) that keeps the answer Pareto-optimal rather than weakly
 * so: with budget 2 on the concave map, treasure 1 in 1 step, not in 2.
 */
public final class EpsilonConstraintSolver {

  private final DeterministicMoMdp mdp;
  private final int maximised;
  private final int constrained;

  /**
   * @param mdp the environment
   * @param maximised the index i of the objective to maximise
   * @param constrained the index j of the objective with a floor; every step must pay a negative
   *     whole number on it
   */
  public EpsilonConstraintSolver(DeterministicMoMdp mdp, int maximised, int constrained) {
    if (mdp == null) throw new IllegalArgumentException("EpsilonConstraintSolver: mdp is null");
    int d = mdp.rewardDim();
    if (maximised < 0 || maximised >= d || constrained < 0 || constrained >= d || maximised == constrained) {
      throw new IllegalArgumentException("EpsilonConstraintSolver: objectives " + maximised + " (maximised) and " + constrained
          + " (constrained) must be two different indices below " + d);
    }
    this.mdp = mdp;
    this.maximised = maximised;
    this.constrained = constrained;
    for (int s = 0; s < mdp.stateCount(); s++) {
      if (mdp.isTerminal(s)) continue;
      for (int a = 0; a < mdp.actionCount(); a++) cost(s, a);
    }
  }

  /**
   * The episode of the policy that maximises objective i subject to {@code G_j >= -budget}, or
   * empty when no episode ends within the budget.
   */
  public Optional<MoSolution> solve(int budget) {
    if (budget < 0) throw new IllegalArgumentException("EpsilonConstraintSolver: budget must be >= 0, got " + budget);
    int n = mdp.stateCount();
    // value[k][s] = (G_i, G_j) from s with k units left, null where no episode ends within k.
    double[][][] value = new double[budget + 1][n][];
    int[][] best = new int[budget + 1][n];
    for (int k = 1; k <= budget; k++) {
      for (int s = 0; s < n; s++) {
        if (mdp.isTerminal(s)) continue;
        for (int a = 0; a < mdp.actionCount(); a++) {
          int c = cost(s, a);
          if (c > k) continue;
          int next = mdp.next(s, a);
          double[] tail = mdp.isTerminal(next) ? new double[2] : value[k - c][next];
          if (tail == null) continue;
          double[] q = {mdp.reward(s, a)[maximised] + tail[0], -c + tail[1]};
          if (value[k][s] == null || Lexicographic.greater(q, value[k][s])) {
            value[k][s] = q;
            best[k][s] = a;
          }
        }
      }
    }
    int s = mdp.startState();
    if (mdp.isTerminal(s) || value[budget][s] == null) return Optional.empty();
    double[] total = new double[mdp.rewardDim()];
    List<Integer> actions = new ArrayList<>();
    for (int k = budget; !mdp.isTerminal(s); ) {
      int a = best[k][s];
      double[] r = mdp.reward(s, a);
      for (int m = 0; m < total.length; m++) total[m] += r[m];
      actions.add(a);
      k -= cost(s, a);
      s = mdp.next(s, a);
    }
    return Optional.of(new MoSolution(total, actions.stream().mapToInt(Integer::intValue).toArray()));
  }

  /** {@link #solve} for each budget in {@code from .. to}, keeping the feasible ones, in order. */
  public List<MoSolution> solveAll(int from, int to) {
    if (from > to) throw new IllegalArgumentException("EpsilonConstraintSolver: budget range " + from + ".." + to + " is empty");
    List<MoSolution> out = new ArrayList<>();
    for (int b = from; b <= to; b++) solve(b).ifPresent(out::add);
    return out;
  }

  /** The whole number of budget units step (s, a) uses: {@code -r_j(s, a)}. */
  private int cost(int s, int a) {
    double r = mdp.reward(s, a)[constrained];
    if (!(r <= -1) || r != Math.rint(r) || r < Integer.MIN_VALUE) {
      throw new IllegalArgumentException("EpsilonConstraintSolver: step (state " + s + ", action " + a + ") pays " + r
          + " on the constrained objective " + constrained + "; it must be a negative whole number");
    }
    return (int) -r;
  }
}
