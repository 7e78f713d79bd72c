package io.frontier.rl.hierarchical;

import io.frontier.optim.Adam;
import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.List;

/**
 * The RL stage of HERON on the smallest problem that has one: a bandit whose K arms are candidate
 * trajectories, a softmax policy {@code pi = softmax(theta)} over them, and exact policy-gradient
 * ascent on the expected reward,
 *
 * <pre>J(theta) = sum_i pi_i r_i,    dJ/dtheta_i = pi_i (r_i - E_pi[r])</pre>
 *
 * (the REINFORCE gradient in expectation, so no sampling noise), with Adam. The rewards are
 * standardised first, as PPO normalises its advantages, so the step size does not depend on the
 * reward's units: whichever reward is plugged in (learned, or a hand-weighted sum), only its
 * ordering and relative gaps steer the policy.
 */
public final class BanditPolicyGradient {
  private BanditPolicyGradient() {}

  /**
   * The policy {@code (K)} after {@code steps} Adam steps at {@code lr} from the uniform policy,
   * for rewards {@code (K)}.
   */
  public static Tensor improve(Tensor rewards, int steps, double lr) {
    if (rewards == null || rewards.dim() != 1 || rewards.size(0) < 2 || !rewards.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException("BanditPolicyGradient.improve: rewards must be floating (K) with K >= 2, got "
          + (rewards == null ? "null" : rewards.dtype() + " " + java.util.Arrays.toString(rewards.shape())));
    }
    if (steps < 0 || !(lr > 0)) throw new IllegalArgumentException("BanditPolicyGradient.improve: need steps >= 0 and lr > 0, got " + steps + ", " + lr);
    Tensor r = rewards.detach().to(DType.FLOAT64);
    double std = r.std().item();
    r = r.sub(r.mean()).div(std > 0 ? std : 1);
    Tensor theta = Tensor.zeros(DType.FLOAT64, rewards.size(0)).requiresGrad_(true);
    Adam adam = new Adam(List.of(theta), Adam.Options.defaults().lr(lr).maximize(true));
    for (int s = 0; s < steps; s++) {
      adam.zeroGrad();
      theta.softmax(0).mul(r).sum().backward();
      adam.step();
    }
    return theta.detach().softmax(0);
  }

  /** {@code E_pi[f]} for a policy {@code (K)} and one factor's values over the arms {@code (K)}. */
  public static double expected(Tensor policy, double[] factor) {
    if (policy.dim() != 1 || policy.size(0) != factor.length) {
      throw new IllegalArgumentException("BanditPolicyGradient.expected: policy of " + java.util.Arrays.toString(policy.shape())
          + " and " + factor.length + " factor values");
    }
    return policy.to(DType.FLOAT64).mul(Tensor.of(factor)).sum().item();
  }
}
