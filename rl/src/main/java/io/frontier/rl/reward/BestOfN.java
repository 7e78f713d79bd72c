package io.frontier.rl.reward;

import io.frontier.tensor.Tensor;
import java.util.Arrays;

/**
 * Best-of-n sampling (rejection sampling at inference): draw n responses per prompt from the
 * policy, keep the one the reward model scores highest. It is the baseline every RLHF method is
 * measured against, with the analytic divergence from the sampling policy
 * {@code KL(BoN || pi) = log n - (n - 1) / n} (Stiennon et al. 2020; used by Gao et al. 2023 and
 * Coste et al. 2024 to put best-of-n on the same KL axis as RL).
 */
public final class BestOfN {
  private BestOfN() {}

  /** The KL divergence of the best-of-n distribution from the sampling policy, in nats. */
  public static double klDivergence(int n) {
    if (n < 1) throw new IllegalArgumentException("BestOfN.klDivergence: n must be >= 1, got " + n);
    return Math.log(n) - (n - 1.0) / n;
  }

  /** For {@code rewards (P, n)} of n candidates per prompt, the index of each prompt's best {@code (P)} (int64; the first on ties). */
  public static Tensor select(Tensor rewards) {
    if (rewards == null || rewards.dim() != 2 || rewards.size(1) == 0) {
      throw new IllegalArgumentException("BestOfN.select: rewards must be (P, n) with n >= 1, got "
          + (rewards == null ? "null" : Arrays.toString(rewards.shape())));
    }
    return rewards.argmax(1, false);
  }
}
