package io.frontier.rl.preference;

import io.frontier.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link KtoLoss} returns: the differentiable loss (a scalar, the mean of {@code losses}),
 * each example's weighted loss, the desirable ones first then the undesirable ones
 * {@code (n_D + n_U)} (TRL's {@code kto_loss} losses), and, detached, the rewards
 * {@code beta rho} of the chosen {@code (n_D)} and rejected {@code (n_U)} completions, the
 * reference point z_0 used (a scalar; 0 for APO-zero) and the policy's log-probabilities.
 */
public record KtoOutput(
    Tensor loss, Tensor losses, Tensor chosenRewards, Tensor rejectedRewards, Tensor kl, Tensor policyChosen, Tensor policyRejected) {

  /**
   * TRL's metric names for one batch: {@code kl}; {@code rewards/chosen}, {@code logps/chosen},
   * {@code count/chosen} only when there are desirable examples, the rejected ones likewise, and
   * {@code rewards/margins} (the difference of the two mean rewards) when there are both. TRL's
   * {@code logits/*} need the logits and are not reported. Reads the values to the host.
   */
  public Map<String, Double> metrics() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("kl", kl.item());
    int chosen = chosenRewards.size(0);
    int rejected = rejectedRewards.size(0);
    if (chosen > 0) {
      m.put("rewards/chosen", chosenRewards.mean().item());
      m.put("logps/chosen", policyChosen.mean().item());
      m.put("count/chosen", (double) chosen);
    }
    if (rejected > 0) {
      m.put("rewards/rejected", rejectedRewards.mean().item());
      m.put("logps/rejected", policyRejected.mean().item());
      m.put("count/rejected", (double) rejected);
    }
    if (chosen > 0 && rejected > 0) m.put("rewards/margins", m.get("rewards/chosen") - m.get("rewards/rejected"));
    return m;
  }
}
