package io.frontier.rl.conditional;

import io.frontier.nn.GPT;
import io.frontier.nn.Sampling;
import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Classifier-free guidance for decoding (Kornblith, Li, Wang and Nguyen 2023, "Guiding Image
 * Captioning Models Toward More Specific Captions", ICCV 2023, arXiv 2307.16686), Ho and Salimans'
 * classifier-free guidance of diffusion models carried over to autoregressive text.
 *
 * <p><b>Training.</b> One conditional model learns both {@code p(t | c, x_<t)} and
 * {@code p(t | null, x_<t)}: on a fraction of the training examples the condition {@code c} is
 * replaced by a learned null condition ({@link #dropCondition}).
 *
 * <p><b>Decoding.</b> At each step,
 * <pre>
 *   log p~(t) = log p(t | null, x_&lt;t) + gamma [log p(t | c, x_&lt;t) - log p(t | null, x_&lt;t)],
 * </pre>
 * normalised over t ({@link #guide}), and the next token is picked from {@code p~} (the paper
 * decodes greedily). When {@code p(t | null)} is the mixture of the conditionals,
 * {@code p(t | c) / p(t | null) = p(c | t, x_<t) / p(c | x_<t)} by Bayes' rule, so
 * {@code p~ ~ p(t | c) (p(c | t, x_<t) / p(c | x_<t))^(gamma - 1)}: gamma &gt; 1 favours
 * the tokens that an implicit classifier reads as most telling of {@code c}. gamma = 1 is the
 * conditional model, gamma = 0 the unconditional one. The paper reports the trade-off this buys:
 * at gamma = 2 captions are more specific (higher CLIPScore and caption-to-image recall) but less
 * like the references (lower CIDEr), and gamma = 3 is more descriptive and less grammatical.
 *
 * <p>Here the condition is a prefix of C tokens (a class token, say) and the null condition is C
 * copies of a null token, so the conditional and unconditional branch have the same positions and
 * run as one batch of 2B rows.
 */
public final class ClassifierFreeGuidance {
  private ClassifierFreeGuidance() {}

  /**
   * The guided next-token log-probabilities {@code logSoftmax(uncond + gamma (cond - uncond))} (B, V)
   * from the conditional and unconditional log-probabilities {@code (B, V)}. Logits give the same
   * result as log-probabilities (a per-row constant cancels in the final normalisation); entries
   * must be finite ({@code -inf - -inf} is NaN).
   */
  public static Tensor guide(Tensor condLogProbs, Tensor uncondLogProbs, double gamma) {
    if (condLogProbs == null || uncondLogProbs == null) throw new IllegalArgumentException("ClassifierFreeGuidance.guide: a log-prob tensor is null");
    if (condLogProbs.dim() != 2 || !Arrays.equals(condLogProbs.shape(), uncondLogProbs.shape())) {
      throw new IllegalArgumentException("ClassifierFreeGuidance.guide: condLogProbs and uncondLogProbs must both be (B, V), got "
          + Arrays.toString(condLogProbs.shape()) + " and " + Arrays.toString(uncondLogProbs.shape()));
    }
    if (!condLogProbs.dtype().isFloatingPoint() || condLogProbs.dtype() != uncondLogProbs.dtype()) {
      throw new IllegalArgumentException("ClassifierFreeGuidance.guide: log-probs must share a floating dtype, got " + condLogProbs.dtype()
          + " and " + uncondLogProbs.dtype());
    }
    checkGamma("guide", gamma);
    return uncondLogProbs.add(condLogProbs.sub(uncondLogProbs).mul(gamma)).logSoftmax(-1);
  }

  /**
   * The training side: each row of {@code conditionTokens} (int64 (B, C)) is replaced, with
   * probability {@code dropProbability}, by C copies of {@code nullToken}, so that the model also
   * learns the unconditional distribution.
   */
  public static Tensor dropCondition(Tensor conditionTokens, long nullToken, double dropProbability, Generator g) {
    checkCondition("dropCondition", conditionTokens);
    if (!(dropProbability >= 0 && dropProbability <= 1)) {
      throw new IllegalArgumentException("ClassifierFreeGuidance.dropCondition: dropProbability must be in [0, 1], got " + dropProbability);
    }
    if (nullToken < 0) throw new IllegalArgumentException("ClassifierFreeGuidance.dropCondition: nullToken must be >= 0, got " + nullToken);
    Tensor drop = Tensor.rand(g, DType.FLOAT64, conditionTokens.device(), conditionTokens.size(0), 1).lt(dropProbability);
    return Tensor.where(drop, Tensor.fullLike(conditionTokens, nullToken), conditionTokens);
  }

  /**
   * Extends {@code condition + prefix} by {@code maxNewTokens} tokens picked by {@code sampling}
   * from the guided distribution, without recording gradients. The conditional branch reads
   * {@code conditionTokens} (int64 (B, C)) then {@code prefix} (int64 (B, P), P &gt;= 0); the
   * unconditional branch reads C {@code nullToken}s then the same prefix; both branches get every
   * picked token. Returns the conditional rows {@code (B, C + P + N)} and the guided
   * log-probabilities {@code log p~} of the picked tokens {@code (B, N)} (before any temperature or
   * top-k/top-p filtering of {@code sampling}). C + P + N must fit the context: the condition has to
   * stay in view, so the window never slides.
   */
  public static GPT.Generation generate(GPT model, Tensor conditionTokens, long nullToken, Tensor prefix, int maxNewTokens, double gamma,
      Sampling sampling, Generator g) {
    if (model == null || sampling == null) throw new IllegalArgumentException("ClassifierFreeGuidance.generate: model and sampling are required");
    checkCondition("generate", conditionTokens);
    int b = conditionTokens.size(0);
    int c = conditionTokens.size(1);
    if (prefix == null || prefix.dim() != 2 || prefix.dtype() != DType.INT64 || prefix.size(0) != b) {
      throw new IllegalArgumentException("ClassifierFreeGuidance.generate: prefix must be int64 (" + b + ", P), got "
          + (prefix == null ? "null" : prefix.dtype() + " " + Arrays.toString(prefix.shape())));
    }
    int vocab = model.config().vocab();
    if (nullToken < 0 || nullToken >= vocab) {
      throw new IllegalArgumentException("ClassifierFreeGuidance.generate: nullToken " + nullToken + " is outside the vocabulary of " + vocab);
    }
    if (maxNewTokens < 1) throw new IllegalArgumentException("ClassifierFreeGuidance.generate: maxNewTokens must be >= 1, got " + maxNewTokens);
    checkGamma("generate", gamma);
    int p = prefix.size(1);
    if (c + p + maxNewTokens > model.config().context()) {
      throw new IllegalArgumentException("ClassifierFreeGuidance.generate: condition " + c + " + prefix " + p + " + " + maxNewTokens
          + " new tokens exceed the context of " + model.config().context());
    }
    Tensor conditional = p == 0 ? conditionTokens : Tensor.cat(List.of(conditionTokens, prefix), 1);
    Tensor nulls = Tensor.fullLike(conditionTokens, nullToken);
    Tensor unconditional = p == 0 ? nulls : Tensor.cat(List.of(nulls, prefix), 1);
    Tensor both = Tensor.cat(List.of(conditional, unconditional), 0); // (2B, C + P): conditional rows first
    GPT.Generation picked = CachedDecoding.decode(model, both, maxNewTokens, last -> {
      Tensor logProbs = last.logSoftmax(-1);
      return guide(logProbs.narrow(0, 0, b), logProbs.narrow(0, b, b), gamma);
    }, next -> Tensor.cat(List.of(next, next), 0), sampling, g);
    return new GPT.Generation(Tensor.cat(List.of(conditional, picked.tokens()), 1), picked.logProbs());
  }

  private static void checkCondition(String method, Tensor conditionTokens) {
    if (conditionTokens == null || conditionTokens.dim() != 2 || conditionTokens.dtype() != DType.INT64 || conditionTokens.size(0) == 0
        || conditionTokens.size(1) == 0) {
      throw new IllegalArgumentException("ClassifierFreeGuidance." + method + ": conditionTokens must be int64 (B, C) with B, C >= 1, got "
          + (conditionTokens == null ? "null" : conditionTokens.dtype() + " " + Arrays.toString(conditionTokens.shape())));
    }
  }

  private static void checkGamma(String method, double gamma) {
    if (!(gamma >= 0) || !Double.isFinite(gamma)) {
      throw new IllegalArgumentException("ClassifierFreeGuidance." + method + ": gamma must be finite and >= 0, got " + gamma);
    }
  }
}
