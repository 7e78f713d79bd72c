package io.frontier.rl.bilevel;

import io.frontier.tensor.DType;
import io.frontier.tensor.LinAlg;
import io.frontier.tensor.Tensor;
import java.util.Arrays;

/**
 * A finite, discounted MDP held as float64 tensors: {@code transitions} {@code P (S, A, S)} with
 * {@code P[s, a, s'] = Pr(s' | s, a)}, the initial distribution {@code mu0 (S)} and the discount
 * {@code gamma} in [0, 1). Rewards are not part of it: the bilevel methods here are about choosing
 * the reward, so each one is an {@code (S, A)} tensor passed in, and may carry a gradient.
 *
 * <p>Absorbing goals are states whose every action returns to themselves; paying a reward only on
 * the step that enters them makes them terminal for the return.
 */
public record TabularMdp(Tensor transitions, Tensor initial, double gamma) {
  private static final double TOLERANCE = 1e-9;

  public TabularMdp {
    if (transitions == null || initial == null) throw new IllegalArgumentException("TabularMdp: transitions and initial are required");
    if (transitions.dim() != 3 || transitions.size(0) != transitions.size(2)) {
      throw new IllegalArgumentException("TabularMdp: transitions must be (S, A, S), got " + Arrays.toString(transitions.shape()));
    }
    if (initial.dim() != 1 || initial.size(0) != transitions.size(0)) {
      throw new IllegalArgumentException("TabularMdp: initial must be (S) = (" + transitions.size(0) + "), got " + Arrays.toString(initial.shape()));
    }
    if (!(gamma >= 0 && gamma < 1)) throw new IllegalArgumentException("TabularMdp: gamma must be in [0, 1), got " + gamma);
    transitions = transitions.detach().to(DType.FLOAT64).contiguous();
    initial = initial.detach().to(DType.FLOAT64).contiguous();
    if (transitions.lt(0.0).any().item() != 0 || initial.lt(0.0).any().item() != 0) {
      throw new IllegalArgumentException("TabularMdp: probabilities must be non-negative");
    }
    double rowError = transitions.sum(2).sub(1.0).abs().max().item();
    if (rowError > TOLERANCE) throw new IllegalArgumentException("TabularMdp: every P[s, a, :] must sum to 1 (off by " + rowError + ")");
    double initialError = Math.abs(initial.sum().item() - 1);
    if (initialError > TOLERANCE) throw new IllegalArgumentException("TabularMdp: initial must sum to 1 (off by " + initialError + ")");
  }

  /**
   * A deterministic MDP: action a in state s leads to {@code next[s][a]}.
   *
   * @param next (S, A) successor table
   * @param start the single initial state
   */
  public static TabularMdp deterministic(int[][] next, int start, double gamma) {
    int n = next.length;
    if (n == 0) throw new IllegalArgumentException("TabularMdp.deterministic: no states");
    int na = next[0].length;
    double[] p = new double[n * na * n];
    for (int s = 0; s < n; s++) {
      if (next[s].length != na) throw new IllegalArgumentException("TabularMdp.deterministic: state " + s + " has " + next[s].length + " actions, state 0 has " + na);
      for (int a = 0; a < na; a++) {
        int t = next[s][a];
        if (t < 0 || t >= n) throw new IllegalArgumentException("TabularMdp.deterministic: next[" + s + "][" + a + "] = " + t + " is not a state of " + n);
        p[(s * na + a) * n + t] = 1;
      }
    }
    if (start < 0 || start >= n) throw new IllegalArgumentException("TabularMdp.deterministic: start " + start + " is not a state of " + n);
    double[] mu0 = new double[n];
    mu0[start] = 1;
    return new TabularMdp(Tensor.fromArray(p, n, na, n), Tensor.of(mu0), gamma);
  }

  public int stateCount() {
    return transitions.size(0);
  }

  public int actionCount() {
    return transitions.size(1);
  }

  /** {@code sum_s' P[s, a, s'] v[s']} for a value {@code v (S)}: the expected next value, (S, A). */
  public Tensor expectedNext(Tensor v) {
    int n = stateCount();
    return transitions.reshape(n * actionCount(), n).mv(v).reshape(n, actionCount());
  }

  /** The state-to-state kernel of a policy, {@code P_pi[s, s'] = sum_a pi(a|s) P[s, a, s']}: (S, S). */
  public Tensor policyTransitions(Tensor policy) {
    checkSa("policyTransitions", policy);
    return policy.unsqueeze(2).mul(transitions).sum(1);
  }

  /**
   * The exact value of a policy, {@code V_pi = (I - gamma P_pi)^{-1} r_pi} with
   * {@code r_pi[s] = sum_a pi(a|s) r(s, a)}: one linear solve, differentiable in both arguments.
   *
   * @param policy pi (S, A), rows summing to 1
   * @param reward r (S, A)
   * @return V_pi (S)
   */
  public Tensor policyValue(Tensor policy, Tensor reward) {
    checkSa("policyValue", reward);
    Tensor rPi = policy.mul(reward).sum(1);
    Tensor a = Tensor.eye(stateCount(), stateCount(), DType.FLOAT64).sub(policyTransitions(policy).mul(gamma));
    return LinAlg.solve(a, rPi);
  }

  /** {@code J(pi) = mu0 . V_pi}, the expected discounted return of {@code policy} under {@code reward}: a 0-d tensor. */
  public Tensor expectedReturn(Tensor policy, Tensor reward) {
    return initial.dot(policyValue(policy, reward));
  }

  private void checkSa(String op, Tensor t) {
    if (t.dim() != 2 || t.size(0) != stateCount() || t.size(1) != actionCount()) {
      throw new IllegalArgumentException("TabularMdp." + op + ": expected (S, A) = (" + stateCount() + ", " + actionCount() + "), got " + Arrays.toString(t.shape()));
    }
  }
}
