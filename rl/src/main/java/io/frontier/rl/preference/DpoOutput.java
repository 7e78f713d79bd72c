package io.frontier.rl.preference;

import io.frontier.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link DpoLoss} returns: the differentiable loss (a scalar, the mean of {@code perPair}),
 * each pair's weighted loss {@code (B)} (TRL's {@code dpo_loss} losses, for a caller's own
 * weighting of pairs) and, detached, the implicit
 * rewards {@code beta rho} of the chosen and rejected completions and the policy's log-probabilities
 * {@code (B)}, from which {@link #metrics()} derives TRL's logged metrics.
 */
public record DpoOutput(Tensor loss, Tensor perPair, Tensor chosenRewards, Tensor rejectedRewards, Tensor policyChosen, Tensor policyRejected) {

  /**
   * TRL's metric names and definitions: {@code rewards/chosen}, {@code rewards/rejected} (means of
   * {@code beta rho}), {@code rewards/accuracies} (the fraction of pairs whose chosen reward is
   * strictly above the rejected one, so 0 at the first step), {@code rewards/margins},
   * {@code logps/chosen}, {@code logps/rejected}. Reads the values to the host.
   */
  public Map<String, Double> metrics() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("rewards/chosen", chosenRewards.mean().item());
    m.put("rewards/rejected", rejectedRewards.mean().item());
    m.put("rewards/accuracies", chosenRewards.gt(rejectedRewards).to(chosenRewards.dtype()).mean().item());
    m.put("rewards/margins", chosenRewards.sub(rejectedRewards).mean().item());
    m.put("logps/chosen", policyChosen.mean().item());
    m.put("logps/rejected", policyRejected.mean().item());
    return m;
  }
}
