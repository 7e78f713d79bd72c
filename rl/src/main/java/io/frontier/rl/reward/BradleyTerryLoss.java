package io.frontier.rl.reward;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.Arrays;

/**
 * The pairwise loss a reward model is trained with (TRL's {@code RewardTrainer}): the
 * Bradley-Terry likelihood {@code P(y_w > y_l) = sigmoid(r(y_w) - r(y_l))}, optionally with a
 * per-pair margin (Llama 2's graded preferences) and the centring penalty of Eisenstein et al.
 * 2023 (TRL's {@code center_rewards_coefficient}) that keeps the rewards near zero mean:
 *
 * <pre>L = mean(-log sigmoid(r_w - r_l - margin)) + eta mean((r_w + r_l)^2)</pre>
 */
public final class BradleyTerryLoss {
  private final double centeringCoefficient;

  /** @param centeringCoefficient eta, 0 for none (TRL's default) */
  public BradleyTerryLoss(double centeringCoefficient) {
    if (!(centeringCoefficient >= 0) || !Double.isFinite(centeringCoefficient)) {
      throw new IllegalArgumentException("BradleyTerryLoss: centeringCoefficient must be >= 0, got " + centeringCoefficient);
    }
    this.centeringCoefficient = centeringCoefficient;
  }

  /** The loss over B pairs; {@code chosen} and {@code rejected} are the model's rewards {@code (B)}, margin {@code (B)} or null. */
  public Tensor loss(Tensor chosen, Tensor rejected, Tensor margin) {
    check(chosen, rejected, "rejected");
    if (margin != null) check(chosen, margin, "margin");
    Tensor gap = chosen.sub(rejected);
    if (margin != null) gap = gap.sub(margin.detach());
    Tensor loss = gap.logSigmoid().neg().mean();
    if (centeringCoefficient > 0) loss = loss.add(chosen.add(rejected).square().mean().mul(centeringCoefficient));
    return loss;
  }

  /** The fraction of pairs whose chosen reward is strictly higher (TRL's {@code accuracy}). */
  public static double accuracy(Tensor chosen, Tensor rejected) {
    check(chosen, rejected, "rejected");
    return chosen.gt(rejected).to(DType.FLOAT64).mean().item();
  }

  private static void check(Tensor chosen, Tensor other, String name) {
    if (chosen == null || other == null) throw new IllegalArgumentException("BradleyTerryLoss: rewards are null");
    if (chosen.dim() != 1 || !Arrays.equals(chosen.shape(), other.shape()) || chosen.size(0) == 0) {
      throw new IllegalArgumentException("BradleyTerryLoss: chosen " + Arrays.toString(chosen.shape()) + " and " + name + " "
          + Arrays.toString(other.shape()) + " must be (B) of one shape, B >= 1");
    }
    if (!chosen.dtype().isFloatingPoint() || chosen.dtype() != other.dtype()) {
      throw new IllegalArgumentException("BradleyTerryLoss: chosen is " + chosen.dtype() + ", " + name + " " + other.dtype()
          + "; both must be one floating dtype");
    }
  }
}
