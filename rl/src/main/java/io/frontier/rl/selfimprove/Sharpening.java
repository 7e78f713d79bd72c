package io.frontier.rl.selfimprove;

import io.frontier.rl.reward.BestOfN;
import io.frontier.tensor.Tensor;
import java.util.Arrays;

/**
 * Sharpening (Huang et al. 2025, "Self-Improvement in Language Models: The Sharpening Mechanism",
 * ICLR 2025, arXiv 2412.01951): a model verifies better than it generates, so it uses itself as
 * the verifier, with the self-reward {@code r_self(y | x) = log pi_base(y | x)}, and post-training
 * "sharpens" it towards {@code argmax_y log pi_base(y | x)}, a response that sampling from
 * {@code pi_base} rarely returns. Two ways to amortise that search into a model:
 *
 * <ul>
 *   <li><b>SFT-Sharpening</b>: draw {@code y_1 .. y_N ~ pi_base(. | x)}, keep
 *       {@code y* = argmax_i log pi_base(y_i | x)} (best-of-N with the self-reward) and fine-tune
 *       on {@code (x, y*)} by maximum likelihood: {@link #sftSelect}. Minimax-optimal when the base
 *       covers the argmax, i.e. {@code pi_base(y* | x)} is not much below {@code 1/N}.</li>
 *   <li><b>RLHF-Sharpening</b>: {@code max_pi E_pi[log pi_base(y | x)] - beta KL(pi || pi_base)},
 *       the KL-regularised optimum {@code pi ~ pi_base exp(r_self / beta)}, which here is
 *       {@code pi*_beta(y | x) ~ pi_base(y | x)^(1 + 1/beta)}: {@link #rlhfOptimum}. It moves mass to
 *       the argmax as beta falls, and tends to the base as beta grows.</li>
 * </ul>
 */
public final class Sharpening {
  private Sharpening() {}

  /**
   * SFT-Sharpening's selection: for {@code logLikelihoods (P, N)}, the base model's sequence
   * log-likelihoods of N sampled candidates for each of P prompts, the index of each prompt's most
   * likely candidate {@code (P)} (int64; the first on ties), the one to fine-tune on.
   */
  public static Tensor sftSelect(Tensor logLikelihoods) {
    if (logLikelihoods == null) throw new IllegalArgumentException("Sharpening.sftSelect: logLikelihoods is null");
    if (logLikelihoods.dim() != 2 || logLikelihoods.size(1) == 0) {
      throw new IllegalArgumentException("Sharpening.sftSelect: logLikelihoods must be (P, N) with N >= 1, got shape "
          + Arrays.toString(logLikelihoods.shape()));
    }
    if (!logLikelihoods.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException("Sharpening.sftSelect: logLikelihoods must be floating, got " + logLikelihoods.dtype());
    }
    return BestOfN.select(logLikelihoods);
  }

  /**
   * RLHF-Sharpening's optimum over an enumerated response set: for the base model's
   * log-probabilities {@code baseLogProbs (..., K)} of K responses (normalised or not; a constant
   * shift does not change the result), the normalised log-probabilities
   * {@code log pi*_beta = logSoftmax((1 + 1/beta) log pi_base)} over the last dim, same shape.
   */
  public static Tensor rlhfOptimum(Tensor baseLogProbs, double beta) {
    if (baseLogProbs == null) throw new IllegalArgumentException("Sharpening.rlhfOptimum: baseLogProbs is null");
    if (baseLogProbs.dim() == 0 || baseLogProbs.size(baseLogProbs.dim() - 1) == 0) {
      throw new IllegalArgumentException("Sharpening.rlhfOptimum: baseLogProbs must be (..., K) with K >= 1, got shape "
          + Arrays.toString(baseLogProbs.shape()));
    }
    if (!baseLogProbs.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException("Sharpening.rlhfOptimum: baseLogProbs must be floating, got " + baseLogProbs.dtype());
    }
    if (!(beta > 0) || !Double.isFinite(beta)) throw new IllegalArgumentException("Sharpening.rlhfOptimum: beta must be positive, got " + beta);
    return baseLogProbs.mul(1.0 + 1.0 / beta).logSoftmax(baseLogProbs.dim() - 1);
  }
}
