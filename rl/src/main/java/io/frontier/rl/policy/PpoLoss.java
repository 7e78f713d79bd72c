package io.frontier.rl.policy;

import io.frontier.tensor.Tensor;
import java.util.Arrays;

/**
 * PPO's clipped surrogate losses (Schulman et al. 2017, "Proximal Policy Optimization Algorithms",
 * eq. 7), per token over padded responses as TRL's {@code PPOTrainer}, each reduced by a masked mean
 * over every real token of the batch:
 *
 * <pre>
 *   ρ_t   = exp(log π_θ(a_t) − log π_old(a_t))
 *   L^CLIP = mean_t max(−A_t ρ_t, −A_t clip(ρ_t, 1 − ε_low, 1 + ε_high))
 *   L^VF   = ½ mean_t max((V_t − R_t)², (clip(V_t, V_old,t − ε, V_old,t + ε) − R_t)²)
 * </pre>
 *
 * ε_low = ε_high is PPO; a larger ε_high is DAPO's "clip-higher" (Yu et al. 2025, ε_high = 0.28).
 * Gradients flow into the new log-probabilities and values only: old log-probs, old values,
 * advantages and returns are detached. The diagnostics are detached 0-d tensors named as TRL logs
 * them. Each call reads the mask's sum on the host to refuse an empty mask.
 */
public final class PpoLoss {
  private PpoLoss() {}

  /**
   * The policy loss and what TRL logs beside it ({@code policy/clipfrac_avg}, {@code
   * policy/approxkl_avg}, {@code val/ratio}).
   *
   * @param loss L^CLIP, differentiable in newLogProbs
   * @param clipFraction the fraction of real tokens where the clipped term is the larger one
   * @param approxKl {@code ½ mean_t (log π_θ − log π_old)²}, TRL's {@code approxkl} (TRL averages
   *     over padding too; this one is masked)
   * @param approxKlK3 {@code mean_t (ρ_t − 1) − log ρ_t}, the k3 estimate of KL(π_old ‖ π_θ)
   *     (CleanRL's {@code approx_kl})
   * @param ratioMean {@code mean_t ρ_t}
   */
  public record Policy(Tensor loss, Tensor clipFraction, Tensor approxKl, Tensor approxKlK3, Tensor ratioMean) {}

  /**
   * The value loss and TRL's {@code val/clipfrac_avg}.
   *
   * @param loss L^VF, differentiable in newValues
   * @param clipFraction the fraction of real tokens where the clipped value's error is the larger
   */
  public record Value(Tensor loss, Tensor clipFraction) {}

  /** {@link #policy(Tensor, Tensor, Tensor, Tensor, double, double)} with ε_low = ε_high = {@code clipRange} (TRL 0.2). */
  public static Policy policy(Tensor newLogProbs, Tensor oldLogProbs, Tensor advantages, Tensor mask, double clipRange) {
    return policy(newLogProbs, oldLogProbs, advantages, mask, clipRange, clipRange);
  }

  /**
   * @param newLogProbs log π_θ(a_t), {@code (B, T)}
   * @param oldLogProbs log π_old(a_t) from the rollout, {@code (B, T)}
   * @param advantages A_t, {@code (B, T)}, or {@code (B, 1)} for one advantage per sequence (GRPO)
   * @param mask the response tokens, {@code (B, T)}, bool or floating (a floating mask weights)
   * @param clipLow ε_low in (0, 1]
   * @param clipHigh ε_high, positive
   */
  public static Policy policy(Tensor newLogProbs, Tensor oldLogProbs, Tensor advantages, Tensor mask, double clipLow, double clipHigh) {
    String op = "PpoLoss.policy";
    Checks.floating(op, "newLogProbs", newLogProbs, 2, "(B, T)");
    Checks.same(op, "newLogProbs", newLogProbs, "oldLogProbs", oldLogProbs);
    checkAdvantages(op, advantages, newLogProbs);
    if (!(clipLow > 0 && clipLow <= 1)) throw new IllegalArgumentException(op + ": clipLow must be in (0, 1], got " + clipLow);
    Checks.positive(op, "clipHigh", clipHigh);
    Tensor w = Checks.weights(op, mask, newLogProbs);
    Tensor n = Checks.count(op, w, 0, "the loss is a mean over real tokens and there are none");

    Tensor a = advantages.detach();
    Tensor logRatio = MaskedStats.zeroPadding(newLogProbs.sub(oldLogProbs.detach()), w);
    Tensor ratio = logRatio.exp();
    Tensor unclipped = a.neg().mul(ratio);
    Tensor clipped = a.neg().mul(ratio.clamp(1 - clipLow, 1 + clipHigh));
    // where rather than maximum: the gradient goes through the very term that clipFraction counts
    Tensor clippedWins = clipped.gt(unclipped);
    Tensor loss = masked(Tensor.where(clippedWins, clipped, unclipped), w, n);

    Tensor lr = logRatio.detach();
    Tensor rd = ratio.detach();
    return new Policy(loss, masked(clippedWins.to(w.dtype()), w, n), masked(lr.square(), w, n).mul(0.5),
        masked(rd.sub(1.0).sub(lr), w, n), masked(rd, w, n));
  }

  /**
   * @param newValues V_θ(s_t), {@code (B, T)}
   * @param oldValues V_old(s_t) from the rollout, {@code (B, T)}
   * @param returns the targets R_t (see {@link Gae}), {@code (B, T)}
   * @param mask the positions that have a value, {@code (B, T)}, bool or floating
   * @param clipRange ε of the value clip, positive (TRL's {@code cliprange_value} 0.2)
   */
  public static Value value(Tensor newValues, Tensor oldValues, Tensor returns, Tensor mask, double clipRange) {
    String op = "PpoLoss.value";
    Checks.floating(op, "newValues", newValues, 2, "(B, T)");
    Checks.same(op, "newValues", newValues, "oldValues", oldValues);
    Checks.same(op, "newValues", newValues, "returns", returns);
    Checks.positive(op, "clipRange", clipRange);
    Tensor w = Checks.weights(op, mask, newValues);
    Tensor n = Checks.count(op, w, 0, "the loss is a mean over real tokens and there are none");

    Tensor v = MaskedStats.zeroPadding(newValues, w);
    Tensor old = MaskedStats.zeroPadding(oldValues.detach(), w);
    Tensor target = MaskedStats.zeroPadding(returns.detach(), w);
    Tensor unclipped = v.sub(target).square();
    Tensor clipped = v.clamp(old.sub(clipRange), old.add(clipRange)).sub(target).square();
    Tensor clippedWins = clipped.gt(unclipped);
    Tensor loss = masked(Tensor.where(clippedWins, clipped, unclipped), w, n).mul(0.5);
    return new Value(loss, masked(clippedWins.to(w.dtype()), w, n));
  }

  private static Tensor masked(Tensor x, Tensor w, Tensor n) {
    return x.mul(w).sum().div(n);
  }

  private static void checkAdvantages(String op, Tensor advantages, Tensor like) {
    Checks.floating(op, "advantages", advantages);
    int[] s = advantages.shape();
    boolean perSequence = s.length == 2 && s[0] == like.size(0) && s[1] == 1;
    if (!perSequence && !Arrays.equals(s, like.shape())) {
      throw new IllegalArgumentException(op + ": advantages has shape " + Arrays.toString(s) + ", expected " + Arrays.toString(like.shape())
          + " or (" + like.size(0) + ", 1)");
    }
    if (advantages.dtype() != like.dtype()) {
      throw new IllegalArgumentException(op + ": advantages is " + advantages.dtype() + ", newLogProbs is " + like.dtype());
    }
    Checks.device(op, "advantages", advantages, like);
  }
}
