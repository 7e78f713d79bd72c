package io.frontier.rl.reward;

import io.frontier.tensor.Tensor;
import java.util.Arrays;

/**
 * Conservative aggregates of an ensemble of reward models, after Coste et al. 2024, "Reward Model
 * Ensembles Help Mitigate Overoptimization": the scores of k members (trained from different
 * seeds on the same data) for the same B responses, {@code rewards (k, B)}, become one reward
 * {@code (B)}. Optimising the mean still over-optimises under label noise; worst-case (WCO) and
 * uncertainty-weighted (UWO) optimisation penalise the responses the members disagree on.
 */
public final class RewardEnsemble {
  private RewardEnsemble() {}

  /** The members' mean. */
  public static Tensor mean(Tensor rewards) {
    check(rewards);
    return rewards.mean(0);
  }

  /** WCO: the lowest member score, {@code min_i R_i}. */
  public static Tensor worstCase(Tensor rewards) {
    check(rewards);
    return rewards.min(0).values();
  }

  /**
   * UWO: {@code mean_i R_i - lambda Var_i R_i}, the variance over members taken with 1/k (the
   * members' spread, not an estimate of a population's).
   */
  public static Tensor uncertaintyWeighted(Tensor rewards, double lambda) {
    check(rewards);
    if (!(lambda >= 0) || !Double.isFinite(lambda)) throw new IllegalArgumentException("RewardEnsemble: lambda must be >= 0, got " + lambda);
    Tensor mean = rewards.mean(0);
    Tensor variance = rewards.sub(mean.unsqueeze(0)).square().mean(0);
    return mean.sub(variance.mul(lambda));
  }

  private static void check(Tensor rewards) {
    if (rewards == null) throw new IllegalArgumentException("RewardEnsemble: rewards are null");
    if (rewards.dim() != 2 || rewards.size(0) == 0 || rewards.size(1) == 0) {
      throw new IllegalArgumentException("RewardEnsemble: rewards must be (members, B) with both >= 1, got " + Arrays.toString(rewards.shape()));
    }
    if (!rewards.dtype().isFloatingPoint()) throw new IllegalArgumentException("RewardEnsemble: rewards must be floating, got " + rewards.dtype());
  }
}
