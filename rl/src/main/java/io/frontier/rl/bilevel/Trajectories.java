package io.frontier.rl.bilevel;

import io.frontier.tensor.Tensor;
import java.util.Arrays;

/**
 * Every H-step trajectory {@code tau = (s_0, a_0, ..., s_{H-1}, a_{H-1})} of a small MDP that has
 * non-zero probability under some full-support policy, so that expectations over trajectories are
 * exact sums instead of Monte Carlo estimates. A trajectory's probability under a policy pi is
 *
 * <pre>
 *   p_pi(tau) = mu0(s_0) prod_{t < H-1} P(s_{t+1} | s_t, a_t) * prod_t pi(a_t | s_t),
 * </pre>
 *
 * the first factor fixed here ({@link #logDynamics()}), the second taken from a log-policy that may
 * carry a gradient ({@link #logProbs}). Their number is at most {@code (S A)^H} (deterministic
 * dynamics from one start state: {@code A^H}), so this is for small MDPs and short horizons; the
 * constructor refuses more than {@code maxCount}.
 */
public final class Trajectories {
  private final int stateCount;
  private final int actionCount;
  private final int horizon;
  private final int count;
  /** (T * H) int64, trajectory-major: {@code s_t * A + a_t}, the flat index into an (S, A) table. */
  private final Tensor stateActions;
  /** (T) float64, {@code log mu0(s_0) + sum_t log P(s_{t+1} | s_t, a_t)}. */
  private final Tensor logDynamics;

  /**
   * @param horizon H, the number of (state, action) steps, at least 1
   * @param maxCount the most trajectories to enumerate before refusing
   */
  public Trajectories(TabularMdp mdp, int horizon, int maxCount) {
    if (horizon < 1) throw new IllegalArgumentException("Trajectories: horizon must be >= 1, got " + horizon);
    this.stateCount = mdp.stateCount();
    this.actionCount = mdp.actionCount();
    this.horizon = horizon;
    double[] p = mdp.transitions().toDoubleArray();
    double[] mu0 = mdp.initial().toDoubleArray();
    Builder b = new Builder(p, maxCount);
    for (int s = 0; s < stateCount; s++) {
      if (mu0[s] > 0) b.extend(s, 0, Math.log(mu0[s]));
    }
    this.count = b.count;
    this.stateActions = Tensor.fromArray(Arrays.copyOf(b.stateActions, count * horizon), count * horizon);
    this.logDynamics = Tensor.fromArray(Arrays.copyOf(b.logDynamics, count), count);
  }

  /** T, the number of trajectories. */
  public int count() {
    return count;
  }

  public int horizon() {
    return horizon;
  }

  /** (T) float64: the policy-independent part of each trajectory's log-probability. */
  public Tensor logDynamics() {
    return logDynamics;
  }

  /** {@code log p_pi(tau)} for every trajectory, (T); differentiable in {@code logPolicy (S, A)}. */
  public Tensor logProbs(Tensor logPolicy) {
    return perStep("logProbs", logPolicy).sum(1).add(logDynamics);
  }

  /** {@code p_pi(tau)} for every trajectory, (T); they sum to 1. */
  public Tensor probs(Tensor logPolicy) {
    return logProbs(logPolicy).exp();
  }

  /**
   * The discounted return {@code R(tau) = sum_t gamma^t r(s_t, a_t)} of every trajectory, (T);
   * differentiable in {@code reward (S, A)}.
   */
  public Tensor returns(Tensor reward, double gamma) {
    double[] discounts = new double[horizon];
    for (int t = 0; t < horizon; t++) discounts[t] = Math.pow(gamma, t);
    return perStep("returns", reward).mv(Tensor.of(discounts));
  }

  /** The table's value at each step of each trajectory: (T, H). */
  private Tensor perStep(String op, Tensor table) {
    if (table.dim() != 2 || table.size(0) != stateCount || table.size(1) != actionCount) {
      throw new IllegalArgumentException("Trajectories." + op + ": expected (S, A) = (" + stateCount + ", " + actionCount + "), got " + Arrays.toString(table.shape()));
    }
    return table.reshape(stateCount * actionCount).indexSelect(0, stateActions).reshape(count, horizon);
  }

  /** Depth-first enumeration into growing arrays. */
  private final class Builder {
    private final double[] p;
    private final int maxCount;
    private final int[] path = new int[horizon];
    private long[] stateActions = new long[16 * horizon];
    private double[] logDynamics = new double[16];
    private int count;

    Builder(double[] p, int maxCount) {
      this.p = p;
      this.maxCount = maxCount;
    }

    void extend(int s, int t, double logP) {
      for (int a = 0; a < actionCount; a++) {
        path[t] = s * actionCount + a;
        if (t == horizon - 1) {
          add(logP);
          continue;
        }
        int row = (s * actionCount + a) * stateCount;
        for (int next = 0; next < stateCount; next++) {
          if (p[row + next] > 0) extend(next, t + 1, logP + Math.log(p[row + next]));
        }
      }
    }

    private void add(double logP) {
      if (count == maxCount) {
        throw new IllegalArgumentException("Trajectories: more than " + maxCount + " trajectories of horizon " + horizon + " (" + stateCount + " states, " + actionCount + " actions)");
      }
      if (count == logDynamics.length) {
        logDynamics = Arrays.copyOf(logDynamics, 2 * count);
        stateActions = Arrays.copyOf(stateActions, 2 * count * horizon);
      }
      for (int t = 0; t < horizon; t++) stateActions[count * horizon + t] = path[t];
      logDynamics[count++] = logP;
    }
  }

  /** The trajectories as (T, H) rows of flat (state, action) indices {@code s * A + a}. */
  public long[][] stateActionRows() {
    long[] flat = stateActions.toLongArray();
    long[][] rows = new long[count][];
    for (int i = 0; i < count; i++) rows[i] = Arrays.copyOfRange(flat, i * horizon, (i + 1) * horizon);
    return rows;
  }
}
