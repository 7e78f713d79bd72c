package io.frontier.rl.policy;

import io.frontier.tensor.Tensor;

/**
 * Sequence-level REINFORCE (Williams 1992) with a baseline folded into the advantage, the loss of
 * ReMax and RLOO:
 *
 * <pre>
 *   L = −(1/B) Σ_b A_b Σ_t m_{b,t} log π_θ(a_{b,t} | x_b, a_{b,&lt;t})
 *   ∇L = −(1/B) Σ_b Σ_t m_{b,t} ∇log π_θ(a_{b,t}) (r_b − r̄_b)
 * </pre>
 *
 * so that −∇L is ReMax's estimator (Li et al. 2023) with {@code A = r(y) − r(ȳ)}, or
 * RLOO's with the leave-one-out advantages (see {@link GroupBaselines}). It is an unbiased estimate
 * of ∇ E_{y∼π}[r(y)] whenever the baseline does not depend on the sample itself. The advantages
 * are detached; the gradient flows into the log-probabilities only.
 */
public final class ReinforceLoss {
  private ReinforceLoss() {}

  /**
   * @param logProbs log π_θ of each sampled token, {@code (B, T)}
   * @param mask the response tokens, {@code (B, T)}, bool or floating
   * @param advantages one per sequence, {@code (B)}
   * @return the 0-d loss L
   */
  public static Tensor loss(Tensor logProbs, Tensor mask, Tensor advantages) {
    String op = "ReinforceLoss.loss";
    Checks.floating(op, "logProbs", logProbs, 2, "(B, T)");
    Checks.floating(op, "advantages", advantages, 1, "(B)");
    if (advantages.size(0) != logProbs.size(0)) {
      throw new IllegalArgumentException(op + ": advantages has " + advantages.size(0) + " rows, logProbs has " + logProbs.size(0));
    }
    if (advantages.dtype() != logProbs.dtype()) {
      throw new IllegalArgumentException(op + ": advantages is " + advantages.dtype() + ", logProbs is " + logProbs.dtype());
    }
    Checks.device(op, "advantages", advantages, logProbs);
    Tensor w = Checks.weights(op, mask, logProbs);
    if (logProbs.size(0) == 0) throw new IllegalArgumentException(op + ": the batch is empty (B = 0), so its mean is undefined");
    Tensor sequenceLogProbs = MaskedStats.zeroPadding(logProbs, w).mul(w).sum(1);
    return advantages.detach().mul(sequenceLogProbs).mean().neg();
  }
}
