package io.frontier.rl.preference;

import io.frontier.nn.Losses;
import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.Arrays;

/**
 * {@code log pi(y | x)} of B completions, summed over their tokens (what DPO compares; TRL sums,
 * it does not average), and each completion's token count: both {@code (B)}.
 *
 * <p>The per-token log-probabilities come from {@link Losses#tokenLogProbs} (label logit minus
 * log-sum-exp, no softmax materialised); positions outside the completion mask contribute nothing,
 * whatever their label.
 */
public record SequenceLogProbs(Tensor logProbs, Tensor tokens) {

  /** The chosen and the rejected completions of the same B pairs. */
  public record Pair(SequenceLogProbs chosen, SequenceLogProbs rejected) {}

  /**
   * From logits already aligned with their labels: {@code logits (B, T, V)} predicts
   * {@code labels (B, T)} (int64) at the same position; {@code mask (B, T)} (bool or floating)
   * marks the completion tokens.
   */
  public static SequenceLogProbs ofAligned(Tensor logits, Tensor labels, Tensor mask) {
    check(logits, labels, mask);
    Tensor weights = mask.to(logits.dtype());
    Tensor perToken = Losses.tokenLogProbs(logits, labels.maskedFill(mask.to(DType.BOOL).logicalNot(), 0L));
    return new SequenceLogProbs(perToken.mul(weights).sum(1), weights.sum(1));
  }

  /**
   * From a causal model's output on its own input: {@code logits (B, T, V)} of {@code inputIds
   * (B, T)}, where position t predicts token t + 1 (TRL's shift); {@code completionMask (B, T)}
   * marks the completion's tokens among the input ids (the prompt and padding are 0).
   */
  public static SequenceLogProbs ofCausal(Tensor logits, Tensor inputIds, Tensor completionMask) {
    check(logits, inputIds, completionMask);
    int t = inputIds.size(1);
    if (t < 2) throw new IllegalArgumentException("SequenceLogProbs.ofCausal: need at least 2 positions, got " + t);
    return ofAligned(logits.narrow(1, 0, t - 1), inputIds.narrow(1, 1, t - 1), completionMask.narrow(1, 1, t - 1));
  }

  /** Splits a batch of 2B run as one, chosen first then rejected (TRL's concatenated forward). */
  public Pair splitChosenRejected() {
    int rows = logProbs.size(0);
    if (rows % 2 != 0) throw new IllegalArgumentException("SequenceLogProbs.splitChosenRejected: odd batch " + rows);
    int b = rows / 2;
    return new Pair(new SequenceLogProbs(logProbs.narrow(0, 0, b), tokens.narrow(0, 0, b)),
        new SequenceLogProbs(logProbs.narrow(0, b, b), tokens.narrow(0, b, b)));
  }

  /** The mean log-probability per token, {@code logProbs / max(tokens, 1)}. */
  public Tensor perTokenMean() {
    return logProbs.div(tokens.clampMin(1.0));
  }

  private static void check(Tensor logits, Tensor labels, Tensor mask) {
    if (logits.dim() != 3) {
      throw new IllegalArgumentException("SequenceLogProbs: logits must be (B, T, V), got " + Arrays.toString(logits.shape()));
    }
    if (labels.dim() != 2 || labels.size(0) != logits.size(0) || labels.size(1) != logits.size(1)) {
      throw new IllegalArgumentException("SequenceLogProbs: labels " + Arrays.toString(labels.shape()) + " do not match logits "
          + Arrays.toString(logits.shape()) + " (want (B, T))");
    }
    if (labels.dtype() != DType.INT64) throw new IllegalArgumentException("SequenceLogProbs: labels must be int64, got " + labels.dtype());
    if (!Arrays.equals(mask.shape(), labels.shape())) {
      throw new IllegalArgumentException("SequenceLogProbs: mask " + Arrays.toString(mask.shape()) + " does not match labels "
          + Arrays.toString(labels.shape()));
    }
    if (mask.dtype() != DType.BOOL && !mask.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException("SequenceLogProbs: mask must be bool or floating, got " + mask.dtype());
    }
  }
}
