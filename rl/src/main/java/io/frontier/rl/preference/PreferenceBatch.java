package io.frontier.rl.preference;

import io.frontier.tensor.Tensor;
import java.util.Arrays;

/**
 * A batch of B preference pairs as the losses read it: the sequence log-probabilities
 * {@code log pi(y | x)} (summed over each completion's tokens, {@link SequenceLogProbs}) of the
 * chosen and rejected completions under the policy and under the frozen reference, and each
 * completion's token count. Every tensor is {@code (B)}, of one floating dtype and device. The
 * token counts are only read by the length-averaged losses (IPO, LN-DPO, SFT) and may be null
 * otherwise; the reference's log-probabilities are treated as constants (detached).
 */
public record PreferenceBatch(
    Tensor policyChosen, Tensor policyRejected, Tensor refChosen, Tensor refRejected, Tensor chosenTokens, Tensor rejectedTokens) {

  public PreferenceBatch {
    check("policyChosen", policyChosen, policyChosen);
    check("policyRejected", policyRejected, policyChosen);
    check("refChosen", refChosen, policyChosen);
    check("refRejected", refRejected, policyChosen);
    if ((chosenTokens == null) != (rejectedTokens == null)) {
      throw new IllegalArgumentException("PreferenceBatch: give both token counts or neither");
    }
    if (chosenTokens != null) {
      check("chosenTokens", chosenTokens, policyChosen);
      check("rejectedTokens", rejectedTokens, policyChosen);
    }
    refChosen = refChosen.detach();
    refRejected = refRejected.detach();
  }

  /** A batch without token counts (for the losses that are not length-averaged). */
  public static PreferenceBatch of(Tensor policyChosen, Tensor policyRejected, Tensor refChosen, Tensor refRejected) {
    return new PreferenceBatch(policyChosen, policyRejected, refChosen, refRejected, null, null);
  }

  /** A batch from the policy's and the reference's {@link SequenceLogProbs} of the same completions. */
  public static PreferenceBatch of(SequenceLogProbs.Pair policy, SequenceLogProbs.Pair reference) {
    return new PreferenceBatch(policy.chosen().logProbs(), policy.rejected().logProbs(), reference.chosen().logProbs(),
        reference.rejected().logProbs(), policy.chosen().tokens(), policy.rejected().tokens());
  }

  /**
   * TRL's {@code reference_free}: an implicit reference that gives every response the same
   * probability, so the log-ratios are the policy's log-probabilities.
   */
  public static PreferenceBatch referenceFree(Tensor policyChosen, Tensor policyRejected, Tensor chosenTokens, Tensor rejectedTokens) {
    Tensor zero = Tensor.zerosLike(policyChosen.detach());
    return new PreferenceBatch(policyChosen, policyRejected, zero, zero, chosenTokens, rejectedTokens);
  }

  /** The number of pairs. */
  public int size() {
    return policyChosen.size(0);
  }

  /** True when the token counts are present. */
  public boolean hasTokenCounts() {
    return chosenTokens != null;
  }

  private static void check(String name, Tensor t, Tensor like) {
    if (t == null) throw new IllegalArgumentException("PreferenceBatch: " + name + " is null");
    if (t.dim() != 1) {
      throw new IllegalArgumentException("PreferenceBatch: " + name + " must be (B), got shape " + Arrays.toString(t.shape()));
    }
    if (!t.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException("PreferenceBatch: " + name + " must be floating, got " + t.dtype());
    }
    if (t.size(0) == 0) throw new IllegalArgumentException("PreferenceBatch: " + name + " holds no pairs");
    if (t.size(0) != like.size(0)) {
      throw new IllegalArgumentException("PreferenceBatch: " + name + " has " + t.size(0) + " pairs, policyChosen " + like.size(0));
    }
    if (t.dtype() != like.dtype()) {
      throw new IllegalArgumentException("PreferenceBatch: " + name + " is " + t.dtype() + ", policyChosen " + like.dtype());
    }
    if (!t.device().equals(like.device())) {
      throw new IllegalArgumentException("PreferenceBatch: " + name + " is on " + t.device() + ", policyChosen on " + like.device());
    }
  }
}
