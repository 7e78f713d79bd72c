package io.frontier.rl.preference;

import io.frontier.tensor.Tensor;
import java.util.Arrays;

/**
 * One batch of unpaired binary feedback for {@link KtoLoss}: the sequence log-probabilities
 * (summed over completion tokens, as {@link SequenceLogProbs}) of the policy and of the reference
 * for the {@code n_D} desirable (chosen) completions, {@code (n_D)}, and for the {@code n_U}
 * undesirable (rejected) ones, {@code (n_U)}. The counts may differ and either may be 0, not
 * both. The reference's log-probabilities are treated as constants (detached).
 */
public record KtoBatch(Tensor policyChosen, Tensor policyRejected, Tensor refChosen, Tensor refRejected) {

  public KtoBatch {
    check("policyChosen", policyChosen, policyChosen);
    check("policyRejected", policyRejected, policyChosen);
    check("refChosen", refChosen, policyChosen);
    check("refRejected", refRejected, policyChosen);
    if (refChosen.size(0) != policyChosen.size(0)) {
      throw new IllegalArgumentException(
          "KtoBatch: refChosen has " + refChosen.size(0) + " examples, policyChosen " + policyChosen.size(0));
    }
    if (refRejected.size(0) != policyRejected.size(0)) {
      throw new IllegalArgumentException(
          "KtoBatch: refRejected has " + refRejected.size(0) + " examples, policyRejected " + policyRejected.size(0));
    }
    if (policyChosen.size(0) == 0 && policyRejected.size(0) == 0) {
      throw new IllegalArgumentException("KtoBatch: no examples (chosen and rejected are both empty)");
    }
    refChosen = refChosen.detach();
    refRejected = refRejected.detach();
  }

  /** n_D, the number of desirable examples. */
  public int chosenCount() {
    return policyChosen.size(0);
  }

  /** n_U, the number of undesirable examples. */
  public int rejectedCount() {
    return policyRejected.size(0);
  }

  private static void check(String name, Tensor t, Tensor like) {
    if (t == null) throw new IllegalArgumentException("KtoBatch: " + name + " is null");
    if (t.dim() != 1) throw new IllegalArgumentException("KtoBatch: " + name + " must be (n), got shape " + Arrays.toString(t.shape()));
    if (!t.dtype().isFloatingPoint()) throw new IllegalArgumentException("KtoBatch: " + name + " must be floating, got " + t.dtype());
    if (t.dtype() != like.dtype()) throw new IllegalArgumentException("KtoBatch: " + name + " is " + t.dtype() + ", policyChosen " + like.dtype());
    if (!t.device().equals(like.device())) {
      throw new IllegalArgumentException("KtoBatch: " + name + " is on " + t.device() + ", policyChosen on " + like.device());
    }
  }
}
