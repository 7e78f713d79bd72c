package io.frontier.rl.reward;

import io.frontier.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * The reward transformation of Wang et al. 2024, "Transforming and Combining Rewards for Aligning
 * Large Language Models". A Bradley-Terry reward {@code r} becomes
 *
 * <pre>u(x, y) = log sigmoid(r(x, y) - r_ref(x))</pre>
 *
 * the log-probability that y is better than a reference response of the prompt (e.g. a quantile of
 * the base policy's rewards for x), so a response already above the reference gains little by
 * climbing further (less reward hacking) and one below it gains much (less underfitting). Several
 * properties combine by summing their transformed rewards, the log-probability of being good on
 * all of them at once ({@link #conjunction}), where summing raw rewards lets one property buy off
 * another.
 */
public final class RewardTransforms {
  private RewardTransforms() {}

  /**
   * {@code log sigmoid(reward - referenceReward)}, broadcasting {@code referenceReward} (e.g. one per
   * prompt, or a 0-d tensor) against {@code reward}, with PyTorch's type promotion.
   */
  public static Tensor logSigmoidCentered(Tensor reward, Tensor referenceReward) {
    if (reward == null || referenceReward == null) throw new IllegalArgumentException("RewardTransforms: a reward is null");
    if (!reward.dtype().isFloatingPoint() || !referenceReward.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException("RewardTransforms: reward is " + reward.dtype() + ", referenceReward " + referenceReward.dtype()
          + "; both must be floating");
    }
    return reward.sub(referenceReward).logSigmoid();
  }

  /** {@code sum_i log sigmoid(r_i - r_ref,i)}: the transformed rewards of several properties of the same responses, summed. */
  public static Tensor conjunction(List<Tensor> rewards, List<Tensor> referenceRewards) {
    if (rewards == null || referenceRewards == null || rewards.isEmpty() || rewards.size() != referenceRewards.size()) {
      throw new IllegalArgumentException("RewardTransforms.conjunction: need one reference per reward, got "
          + (rewards == null ? "null" : rewards.size()) + " rewards and " + (referenceRewards == null ? "null" : referenceRewards.size()) + " references");
    }
    Tensor sum = null;
    for (int i = 0; i < rewards.size(); i++) {
      Tensor r = rewards.get(i);
      if (sum != null && !Arrays.equals(r.shape(), rewards.get(0).shape())) {
        throw new IllegalArgumentException("RewardTransforms.conjunction: reward " + i + " has shape " + Arrays.toString(r.shape())
            + ", reward 0 " + Arrays.toString(rewards.get(0).shape()));
      }
      Tensor u = logSigmoidCentered(r, referenceRewards.get(i));
      sum = sum == null ? u : sum.add(u);
    }
    return sum;
  }
}
