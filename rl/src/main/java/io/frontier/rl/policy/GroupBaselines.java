package io.frontier.rl.policy;

import io.frontier.tensor.Tensor;
import java.util.Arrays;

/**
 * Advantages without a value model: each sampled response's reward minus a baseline built from
 * other samples of the same prompt. Rewards of K responses to each of P prompts come as
 * {@code (P, K)}, or flat {@code (P·K)} with each prompt's K responses next to each other (GRPO's
 * layout in TRL; TRL's RLOO trainer stacks them the other way, k-major, so transpose first).
 *
 * <pre>
 *   RLOO  A_i = r_i − 1/(K−1) Σ_{j≠i} r_j = (K r_i − Σ_j r_j) / (K − 1)
 *   GRPO  A_i = (r_i − mean_j r_j) / (std_j r_j + ε)     std Bessel-corrected, as torch.std
 *   Dr.GRPO   A_i = r_i − mean_j r_j
 *   ReMax A_i = r(x_i, y_i) − r(x_i, ȳ_i)                ȳ_i the greedy decode of the current π
 * </pre>
 *
 * RLOO (Ahmadian et al. 2024, "Back to Basics") and ReMax (Li et al. 2023) subtract a baseline
 * independent of the sample, so the REINFORCE gradient stays unbiased (see {@link ReinforceLoss});
 * GRPO (Shao et al. 2024, DeepSeekMath) includes the sample in its mean and scales by the group's
 * spread, which Dr.GRPO (Liu et al. 2025) drops as a bias towards easy and hard prompts.
 */
public final class GroupBaselines {
  /** GRPO's ε in TRL ({@code 1e-4}): groups whose rewards all tie get advantage 0, not 0/0. */
  public static final double GRPO_EPS = 1e-4;

  private GroupBaselines() {}

  /** RLOO's leave-one-out advantages of {@code rewards (P, K)}, K at least 2; {@code (P, K)}. */
  public static Tensor rloo(Tensor rewards) {
    int k = groupSize("GroupBaselines.rloo", rewards);
    return rewards.mul(k).sub(rewards.sum(1, true)).div(k - 1);
  }

  /** {@link #rloo(Tensor)} of flat {@code rewards (P·K)} in groups of {@code groupSize}; {@code (P·K)}. */
  public static Tensor rloo(Tensor rewards, int groupSize) {
    return rloo(grouped("GroupBaselines.rloo", rewards, groupSize)).reshape(-1);
  }

  /**
   * GRPO's group-normalised advantages of {@code rewards (P, K)}, K at least 2: divided by the
   * group's std plus {@link #GRPO_EPS} when {@code scaleByStd}, else Dr.GRPO's plain difference
   * from the group mean; {@code (P, K)}.
   */
  public static Tensor grpo(Tensor rewards, boolean scaleByStd) {
    return grpo(rewards, scaleByStd, GRPO_EPS);
  }

  /** As {@link #grpo(Tensor, boolean)} with the given ε, positive. */
  public static Tensor grpo(Tensor rewards, boolean scaleByStd, double eps) {
    String op = "GroupBaselines.grpo";
    groupSize(op, rewards);
    Checks.positive(op, "eps", eps);
    Tensor centered = rewards.sub(rewards.mean(1, true));
    return scaleByStd ? centered.div(rewards.std(new int[] {1}, 1.0, true).add(eps)) : centered;
  }

  /** {@link #grpo(Tensor, boolean)} of flat {@code rewards (P·K)} in groups of {@code groupSize}; {@code (P·K)}. */
  public static Tensor grpo(Tensor rewards, int groupSize, boolean scaleByStd) {
    return grpo(grouped("GroupBaselines.grpo", rewards, groupSize), scaleByStd).reshape(-1);
  }

  /**
   * ReMax's advantages: each sampled response's reward minus the reward of the greedy response to
   * the same prompt, both {@code (B)}; {@code (B)}.
   */
  public static Tensor remax(Tensor sampleRewards, Tensor greedyRewards) {
    String op = "GroupBaselines.remax";
    Checks.floating(op, "sampleRewards", sampleRewards, 1, "(B)");
    Checks.same(op, "sampleRewards", sampleRewards, "greedyRewards", greedyRewards);
    return sampleRewards.sub(greedyRewards);
  }

  private static int groupSize(String op, Tensor rewards) {
    Checks.floating(op, "rewards", rewards, 2, "(P, K): K rewards for each of P prompts");
    int k = rewards.size(1);
    if (k < 2) throw new IllegalArgumentException(op + ": groups need at least 2 responses to form a baseline, got K = " + k);
    return k;
  }

  private static Tensor grouped(String op, Tensor rewards, int groupSize) {
    Checks.floating(op, "rewards", rewards, 1, "(P·K) when a group size is given");
    if (groupSize < 2) throw new IllegalArgumentException(op + ": groupSize must be at least 2, got " + groupSize);
    if (rewards.size(0) % groupSize != 0) {
      throw new IllegalArgumentException(op + ": " + rewards.size(0) + " rewards " + Arrays.toString(rewards.shape())
          + " do not split into groups of " + groupSize);
    }
    return rewards.reshape(-1, groupSize);
  }
}
