package io.frontier.rl.policy;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;

/**
 * PPO's per-token rewards for RLHF (Ziegler et al. 2019; Stiennon et al. 2020; TRL's
 * {@code PPOTrainer}): a KL penalty on every response token and the reward model's score on the
 * last one,
 *
 * <pre>
 *   nonScore_t = −β · kl_t                     on real tokens, 0 on padding
 *   r_t        = nonScore_t + 1[t = last] · s  (s the sequence's score)
 * </pre>
 *
 * Both {@code (B, T)}. {@code rewards.sum(1)} is TRL's {@code rlhf_reward} (score plus the summed
 * penalty), {@code nonScoreRewards.sum(1)} its {@code non_score_reward}.
 *
 * <p>The score lands on the last real token, the last index where the mask is non-zero. TRL adds it
 * one position later ({@code sequence_lengths + 1}, when that fits) where its own padding convention
 * makes the KL zero; on a response mask the last real token is the position that emitted the final
 * token, which is where the score belongs.
 */
public record TokenRewards(Tensor rewards, Tensor nonScoreRewards) {

  /**
   * @param scores the reward model's score of each response, {@code (B)}
   * @param kl a per-token KL estimate (see {@link KlEstimator}), {@code (B, T)}
   * @param mask the response tokens, {@code (B, T)}, bool or floating; every row needs one
   * @param klCoefficient β, finite and at least 0 (see {@link KlController})
   */
  public static TokenRewards of(Tensor scores, Tensor kl, Tensor mask, double klCoefficient) {
    String op = "TokenRewards.of";
    Checks.floating(op, "kl", kl, 2, "(B, T)");
    Checks.floating(op, "scores", scores, 1, "(B)");
    if (scores.size(0) != kl.size(0)) {
      throw new IllegalArgumentException(op + ": scores has " + scores.size(0) + " rows, kl has " + kl.size(0) + " (B must match)");
    }
    if (scores.dtype() != kl.dtype()) throw new IllegalArgumentException(op + ": scores is " + scores.dtype() + ", kl is " + kl.dtype());
    Checks.device(op, "scores", scores, kl);
    if (!(klCoefficient >= 0) || Double.isInfinite(klCoefficient)) {
      throw new IllegalArgumentException(op + ": klCoefficient must be finite and >= 0, got " + klCoefficient);
    }
    Tensor w = Checks.weights(op, mask, kl);
    Tensor last = lastRealToken(op, w);
    Tensor nonScore = MaskedStats.zeroPadding(kl, w).mul(w).mul(-klCoefficient);
    Tensor rewards = nonScore.add(last.to(kl.dtype()).mul(scores.unsqueeze(1)));
    return new TokenRewards(rewards, nonScore);
  }

  /**
   * A bool {@code (B, T)} that is true at the last real token of each row only: the real position
   * whose running count of real positions equals the row's total.
   */
  static Tensor lastRealToken(String op, Tensor w) {
    if (w.size(1) == 0 && w.size(0) > 0) {
      throw new IllegalArgumentException(op + ": the mask has no positions (T = 0), so no score has anywhere to go");
    }
    Tensor real = w.ne(0.0);
    Tensor seen = real.to(DType.INT64).cumsum(1);
    Tensor total = seen.narrow(1, w.size(1) - 1, 1);
    Tensor empty = total.eq(0.0).reshape(-1);
    if (empty.any().item() != 0) {
      int row = (int) empty.to(DType.INT64).argmax().item();
      throw new IllegalArgumentException(op + ": row " + row + " of the mask has no real token, so its score has nowhere to go");
    }
    return real.logicalAnd(seen.eq(total));
  }
}
