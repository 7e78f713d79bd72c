package io.frontier.rl.bilevel;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.Arrays;

/**
 * The lower level of the bilevel problems here: the entropy-regularised optimal policy for a reward
 * {@code r (S, A)}, by K soft Bellman backups written as tensor ops,
 *
 * <pre>
 *   Q_k = r + gamma P V_{k-1},   V_k = tau logsumexp(Q_k / tau),   pi(a|s) = softmax_a(Q_K / tau)
 * </pre>
 *
 * starting from {@code V_0} (zero unless warm-started). The backup is a gamma-contraction, so
 * {@code Q_K} is within {@code gamma^K ||V* - V_0||} of the soft-optimal Q* of
 * {@code max_pi E[sum_t gamma^t (r + tau H(pi(.|s_t)))]} (Ziebart 2010; Haarnoja et al. 2017).
 *
 * <p>Because every step is an ordinary tensor op, a reward that depends on parameters (a
 * {@code theta} with {@code requiresGrad}) makes the policy a differentiable function of theta, and
 * autograd through the K backups is <em>unrolled differentiation</em>: the exact gradient of the
 * K-step map, not the implicit-function gradient of the fixed point. The two differ by a term of
 * order {@code gamma^K}; K is fixed by the caller, and a warm start {@code V_0} is treated as a
 * constant (pass it detached), so a gradient only flows through the last K backups.
 *
 * @param tau the entropy temperature, positive; small tau approaches the hard max
 * @param iterations K, the number of backups, at least 1
 */
public record SoftValueIteration(double tau, int iterations) {
  public SoftValueIteration {
    if (!(tau > 0)) throw new IllegalArgumentException("SoftValueIteration: tau must be positive, got " + tau);
    if (iterations < 1) throw new IllegalArgumentException("SoftValueIteration: iterations must be >= 1, got " + iterations);
  }

  /**
   * The lower level's output after K backups.
   *
   * @param q Q_K (S, A)
   * @param v V_K (S), {@code tau logsumexp(Q_K / tau)}
   * @param logPolicy {@code log pi (S, A)}, {@code log_softmax(Q_K / tau)} over actions
   */
  public record Solution(Tensor q, Tensor v, Tensor logPolicy) {
    /** pi (S, A). */
    public Tensor policy() {
      return logPolicy.exp();
    }
  }

  /** K backups from {@code V_0 = 0}. */
  public Solution solve(TabularMdp mdp, Tensor reward) {
    return solve(mdp, reward, Tensor.zeros(DType.FLOAT64, mdp.stateCount()));
  }

  /**
   * K backups from {@code v0}.
   *
   * @param reward r (S, A); the policy is differentiable in it
   * @param v0 the starting value (S), a constant for the gradient (detached here)
   */
  public Solution solve(TabularMdp mdp, Tensor reward, Tensor v0) {
    int n = mdp.stateCount();
    int na = mdp.actionCount();
    if (reward.dim() != 2 || reward.size(0) != n || reward.size(1) != na) {
      throw new IllegalArgumentException("SoftValueIteration: reward must be (S, A) = (" + n + ", " + na + "), got " + Arrays.toString(reward.shape()));
    }
    if (v0.dim() != 1 || v0.size(0) != n) {
      throw new IllegalArgumentException("SoftValueIteration: v0 must be (S) = (" + n + "), got " + Arrays.toString(v0.shape()));
    }
    Tensor v = v0.detach().to(DType.FLOAT64);
    Tensor q = null;
    for (int k = 0; k < iterations; k++) {
      q = reward.add(mdp.expectedNext(v).mul(mdp.gamma()));
      v = q.div(tau).logsumexp(1).mul(tau);
    }
    return new Solution(q, v, q.div(tau).logSoftmax(1));
  }
}
