package io.frontier.rl.gflownet;

/**
 * Exact flow computations on a {@link Hypergrid}, small enough to enumerate: the references that
 * the learned sampler is checked against.
 *
 * <p>{@link #terminalDistribution} pushes probability forward through the DAG in index order (a
 * topological order): {@code p(s_0) = 1}, {@code p(s') += p(s) P_F(s' | s)}, and the object
 * {@code x} is drawn with {@code P_T(x) = p(x) P_F(stop | x)}.
 *
 * <p>{@link #balancedPolicy} is the converse: given rewards, the one forward policy that satisfies
 * trajectory balance with the uniform backward policy. Walking in reverse order, the state flow is
 * {@code F(s) = R(s) + sum over children c of F(c) P_B(s | c)}; then
 * {@code P_F(c | s) = F(c) P_B(s | c) / F(s)}, {@code P_F(stop | s) = R(s) / F(s)} and
 * {@code Z = F(s_0)}. Along any trajectory the ratio {@code Z prod P_F / (R(x) prod P_B)}
 * telescopes to 1, so this policy zeroes the TB loss on every trajectory.
 */
public final class HypergridFlows {

  private HypergridFlows() {}

  /** The forward policy that balances {@code rewards}, with its state flows and {@code log Z}. */
  public record BalancedPolicy(double[][] forwardProbs, double[] stateFlows, double logZ) {}

  /**
   * {@code P_T(x)} for every state of {@code grid}, from {@code forwardProbs (numStates, D+1)},
   * each row a distribution over actions that is zero on the forbidden increments.
   */
  public static double[] terminalDistribution(Hypergrid grid, double[][] forwardProbs) {
    int n = grid.numStates();
    int a = grid.numActions();
    if (forwardProbs.length != n) throw new IllegalArgumentException("terminalDistribution: " + forwardProbs.length + " policy rows for " + n + " states");
    double[] reach = new double[n];
    double[] terminal = new double[n];
    reach[0] = 1;
    for (int s = 0; s < n; s++) {
      double[] p = forwardProbs[s];
      if (p.length != a) throw new IllegalArgumentException("terminalDistribution: row " + s + " has " + p.length + " actions, grid has " + a);
      if (reach[s] == 0) continue;
      terminal[s] = reach[s] * p[grid.stopAction()];
      for (int i = 0; i < grid.dim(); i++) {
        if (grid.isValid(s, i)) {
          reach[grid.child(s, i)] += reach[s] * p[i];
        } else if (p[i] != 0) {
          throw new IllegalArgumentException("terminalDistribution: state " + s + " gives probability " + p[i] + " to the forbidden increment " + i);
        }
      }
    }
    return terminal;
  }

  /** The forward policy that, with the uniform {@code P_B}, samples {@code x} with probability {@code R(x) / Z}. */
  public static BalancedPolicy balancedPolicy(Hypergrid grid, double[] rewards) {
    int n = grid.numStates();
    if (rewards.length != n) throw new IllegalArgumentException("balancedPolicy: " + rewards.length + " rewards for " + n + " states");
    double[] flow = new double[n];
    for (int s = n - 1; s >= 0; s--) {
      if (!(rewards[s] > 0) || !Double.isFinite(rewards[s])) {
        throw new IllegalArgumentException("balancedPolicy: reward of state " + s + " is " + rewards[s] + "; rewards must be positive and finite");
      }
      flow[s] = rewards[s];
      for (int i = 0; i < grid.dim(); i++) {
        if (grid.isValid(s, i)) {
          int c = grid.child(s, i);
          flow[s] += flow[c] / grid.numParents(c);
        }
      }
    }
    double[][] pf = new double[n][grid.numActions()];
    for (int s = 0; s < n; s++) {
      pf[s][grid.stopAction()] = rewards[s] / flow[s];
      for (int i = 0; i < grid.dim(); i++) {
        if (grid.isValid(s, i)) {
          int c = grid.child(s, i);
          pf[s][i] = flow[c] / grid.numParents(c) / flow[s];
        }
      }
    }
    return new BalancedPolicy(pf, flow, Math.log(flow[0]));
  }

  /** Total variation distance {@code (1/2) sum |p - q|}. */
  public static double totalVariation(double[] p, double[] q) {
    if (p.length != q.length) throw new IllegalArgumentException("totalVariation: distributions of lengths " + p.length + " and " + q.length);
    double tv = 0;
    for (int i = 0; i < p.length; i++) tv += Math.abs(p[i] - q[i]);
    return tv / 2;
  }

  /** The empirical distribution of {@code samples} (state indices) over {@code numStates} states. */
  public static double[] empirical(int[] samples, int numStates) {
    double[] p = new double[numStates];
    for (int s : samples) p[s] += 1.0 / samples.length;
    return p;
  }
}
