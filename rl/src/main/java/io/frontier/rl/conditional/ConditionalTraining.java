package io.frontier.rl.conditional;

import io.frontier.nn.GPT;
import io.frontier.nn.Sampling;
import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Conditional training (Korbak, Shi, Chen, Bhalerao, Buckley, Phang, Bowman and Perez 2023,
 * "Pretraining Language Models with Human Preferences", ICML 2023, arXiv 2302.08582; code
 * tomekkorbak/pretraining-with-human-feedback), the objective that gave the best trade-off between
 * alignment and capability among those the paper compares (MLE, filtering, unlikelihood, RWR, AWR).
 *
 * <p><b>Data.</b> A scorer gives each training segment x a misalignment score R(x) (toxicity, PII
 * per character, PEP8 violations per character). The segment is prefixed with a control token,
 * <pre>
 *   x' = &lt;|good|&gt; x  if R(x) &lt;= t,   x' = &lt;|bad|&gt; x  otherwise,
 * </pre>
 * for a threshold t ({@link #prepend}), and the model is trained on x' by plain maximum
 * likelihood: it learns {@code p(x | <|good|>)} and {@code p(x | <|bad|>)}, so the bad segments
 * still teach it the language, but under a token it will not be asked for.
 *
 * <p><b>Decoding.</b> Condition on {@code <|good|>} and block both control tokens from being
 * generated: their logits are -inf at every step ({@link #blockTokens}, {@link #generate}).
 *
 * <p>The repository's configs call the tokens {@code <|aligned|>} and {@code <|misaligned|>}, take t
 * per task ({@code dataset.conditional_training_config.threshold}), and leave a small fraction of
 * segments without a control token ({@code drop_token_fraction}, 1% for toxicity); here every row
 * gets one, so rows keep equal lengths.
 */
public final class ConditionalTraining {
  private final long goodToken;
  private final long badToken;
  private final double threshold;

  /** Control tokens {@code goodToken} (score &lt;= {@code threshold}) and {@code badToken} (above it). */
  public ConditionalTraining(long goodToken, long badToken, double threshold) {
    if (goodToken < 0 || badToken < 0 || goodToken == badToken) {
      throw new IllegalArgumentException("ConditionalTraining: goodToken and badToken must be distinct non-negative ids, got " + goodToken
          + " and " + badToken);
    }
    if (Double.isNaN(threshold)) throw new IllegalArgumentException("ConditionalTraining: threshold is NaN");
    this.goodToken = goodToken;
    this.badToken = badToken;
    this.threshold = threshold;
  }

  public long goodToken() {
    return goodToken;
  }

  public long badToken() {
    return badToken;
  }

  public double threshold() {
    return threshold;
  }

  /** The control token of each misalignment score {@code scores} (B): int64 (B), good where score &lt;= t. */
  public Tensor controlTokens(Tensor scores) {
    if (scores == null || scores.dim() != 1 || !scores.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException("ConditionalTraining.controlTokens: scores must be floating (B), got "
          + (scores == null ? "null" : scores.dtype() + " " + Arrays.toString(scores.shape())));
    }
    if (scores.isnan().any().item() != 0) throw new IllegalArgumentException("ConditionalTraining.controlTokens: a score is NaN");
    Tensor good = Tensor.full(new int[] {1}, goodToken, DType.INT64, scores.device());
    Tensor bad = Tensor.full(new int[] {1}, badToken, DType.INT64, scores.device());
    return Tensor.where(scores.le(threshold), good, bad);
  }

  /** The training sequences: each row of {@code tokens} (int64 (B, T)) after its control token, int64 (B, 1 + T). */
  public Tensor prepend(Tensor tokens, Tensor scores) {
    if (tokens == null || tokens.dim() != 2 || tokens.dtype() != DType.INT64) {
      throw new IllegalArgumentException("ConditionalTraining.prepend: tokens must be int64 (B, T), got "
          + (tokens == null ? "null" : tokens.dtype() + " " + Arrays.toString(tokens.shape())));
    }
    if (scores == null || scores.dim() != 1 || scores.size(0) != tokens.size(0)) {
      throw new IllegalArgumentException("ConditionalTraining.prepend: expected one score per row, " + tokens.size(0) + ", got shape "
          + (scores == null ? "null" : Arrays.toString(scores.shape())));
    }
    return Tensor.cat(List.of(controlTokens(scores).unsqueeze(1), tokens), 1);
  }

  /** {@code logits} (B, V) with the {@code blocked} tokens' entries set to -inf (so their probability is 0). */
  public static Tensor blockTokens(Tensor logits, long... blocked) {
    if (logits == null || logits.dim() != 2 || !logits.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException("ConditionalTraining.blockTokens: logits must be floating (B, V), got "
          + (logits == null ? "null" : logits.dtype() + " " + Arrays.toString(logits.shape())));
    }
    return logits.maskedFill(blockMask(logits.size(1), blocked).to(logits.device()), Double.NEGATIVE_INFINITY);
  }

  /**
   * Samples {@code maxNewTokens} tokens after {@code <|good|>} and {@code prompts} (int64 (B, P),
   * P &gt;= 0), with both control tokens blocked at every step, without recording gradients.
   * Returns the rows {@code <|good|> prompt response} (B, 1 + P + N) and the log-probabilities of
   * the picked tokens under the blocked, renormalised distribution (B, N).
   */
  public GPT.Generation generate(GPT model, Tensor prompts, int maxNewTokens, Sampling sampling, Generator g) {
    if (model == null || sampling == null) throw new IllegalArgumentException("ConditionalTraining.generate: model and sampling are required");
    if (prompts == null || prompts.dim() != 2 || prompts.dtype() != DType.INT64 || prompts.size(0) == 0) {
      throw new IllegalArgumentException("ConditionalTraining.generate: prompts must be int64 (B, P) with B >= 1, got "
          + (prompts == null ? "null" : prompts.dtype() + " " + Arrays.toString(prompts.shape())));
    }
    int vocab = model.config().vocab();
    if (goodToken >= vocab || badToken >= vocab) {
      throw new IllegalArgumentException("ConditionalTraining.generate: control tokens " + goodToken + " and " + badToken
          + " must be inside the vocabulary of " + vocab);
    }
    if (maxNewTokens < 1) throw new IllegalArgumentException("ConditionalTraining.generate: maxNewTokens must be >= 1, got " + maxNewTokens);
    int p = prompts.size(1);
    if (1 + p + maxNewTokens > model.config().context()) {
      throw new IllegalArgumentException("ConditionalTraining.generate: control token + prompt " + p + " + " + maxNewTokens
          + " new tokens exceed the context of " + model.config().context());
    }
    Tensor good = Tensor.full(new int[] {prompts.size(0), 1}, goodToken, DType.INT64, prompts.device());
    Tensor input = p == 0 ? good : Tensor.cat(List.of(good, prompts), 1);
    Tensor blocked = blockMask(vocab, goodToken, badToken).to(prompts.device());
    GPT.Generation picked = CachedDecoding.decode(model, input, maxNewTokens,
        last -> last.maskedFill(blocked, Double.NEGATIVE_INFINITY).logSoftmax(-1), next -> next, sampling, g);
    return new GPT.Generation(Tensor.cat(List.of(input, picked.tokens()), 1), picked.logProbs());
  }

  /** A (1, vocab) bool mask, true at the blocked tokens. */
  private static Tensor blockMask(int vocab, long... blocked) {
    boolean[] mask = new boolean[vocab];
    for (long t : blocked) {
      if (t < 0 || t >= vocab) throw new IllegalArgumentException("ConditionalTraining: blocked token " + t + " is outside the vocabulary of " + vocab);
      mask[(int) t] = true;
    }
    return Tensor.fromArray(mask, 1, vocab);
  }
}
