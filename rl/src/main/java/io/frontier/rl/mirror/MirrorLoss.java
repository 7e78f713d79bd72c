package io.frontier.rl.mirror;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.Arrays;

/**
 * The mirror-learning surrogate as a loss, over padded {@code (B, T)} tokens (or any shape) with a
 * mask, like {@link io.frontier.rl.policy.PpoLoss}:
 *
 * <pre>
 *   r_t  = exp(log π_θ(a_t) − log π_k(a_t))
 *   L    = mean_t [ r_t·A_t − f(r_t, A_t; n/N) ]        (maximised)
 *   loss = −L
 * </pre>
 *
 * the mean running over every real token of the batch (a floating mask weights). With
 * {@link PpoClipDrift} the loss is PPO's L^CLIP; with {@link DpoDrift}, DPO's; with
 * {@link LpoDrift}, LPO's or TA-LPO's. Gradients flow into the new log-probabilities (and into a
 * drift's own parameters, if it has any that require grad); old log-probs and advantages are
 * detached. Padding gets ratio 1 and advantage 0 before the drift sees it, so a valid drift is 0
 * there and NaN or inf in padding never reaches the loss. Each call reads the mask's sum on the host
 * to refuse an empty mask.
 */
public final class MirrorLoss {
  private MirrorLoss() {}

  /**
   * The loss and what to log beside it.
   *
   * @param loss −L, differentiable in newLogProbs
   * @param driftMean {@code mean_t f(r_t, A_t)}, detached: how far the drift pulls the update back
   * @param ratioMean {@code mean_t r_t}, detached
   */
  public record Policy(Tensor loss, Tensor driftMean, Tensor ratioMean) {}

  /**
   * @param newLogProbs log π_θ(a_t), e.g. {@code (B, T)}
   * @param oldLogProbs log π_k(a_t) from the rollout, newLogProbs' shape
   * @param advantages A_t, newLogProbs' shape, or {@code (B, 1)} for one advantage per sequence
   * @param mask the real positions, newLogProbs' shape, bool or floating
   * @param drift f
   * @param progress n/N in [0, 1], the fraction of training done (time-independent drifts ignore it)
   */
  public static Policy policy(Tensor newLogProbs, Tensor oldLogProbs, Tensor advantages, Tensor mask, Drift drift, double progress) {
    String op = "MirrorLoss.policy";
    floating(op, "newLogProbs", newLogProbs);
    same(op, "oldLogProbs", oldLogProbs, newLogProbs);
    floating(op, "advantages", advantages);
    int[] s = newLogProbs.shape();
    boolean perSequence = s.length == 2 && Arrays.equals(advantages.shape(), new int[] {s[0], 1});
    if (!perSequence) same(op, "advantages", advantages, newLogProbs);
    else same(op, "advantages", advantages.expandAs(newLogProbs), newLogProbs);
    if (drift == null) throw new IllegalArgumentException(op + ": drift is null");
    progress(op, progress);
    Tensor w = weights(op, mask, newLogProbs);
    Tensor n = w.sum();
    double count = n.item();
    if (!(count > 0)) throw new IllegalArgumentException(op + ": the mask sums to " + count + "; the loss is a mean over real tokens and there are none");

    Tensor padding = w.eq(0.0);
    Tensor ratio = newLogProbs.sub(oldLogProbs.detach()).maskedFill(padding, 0.0).exp();
    Tensor a = advantages.detach().expandAs(newLogProbs).maskedFill(padding, 0.0);
    Tensor f = drift.value(ratio, a, progress);
    if (!Arrays.equals(f.shape(), s)) {
      throw new IllegalArgumentException(op + ": " + drift.getClass().getSimpleName() + " returned shape " + Arrays.toString(f.shape())
          + ", expected the ratio's " + Arrays.toString(s));
    }
    Tensor objective = ratio.mul(a).sub(f).mul(w).sum().div(n);
    return new Policy(objective.neg(), f.detach().mul(w).sum().div(n), ratio.detach().mul(w).sum().div(n));
  }

  /** progress, checked to be in [0, 1]. */
  static double progress(String op, double progress) {
    if (!(progress >= 0 && progress <= 1)) throw new IllegalArgumentException(op + ": progress n/N must be in [0, 1], got " + progress);
    return progress;
  }

  private static void floating(String op, String name, Tensor t) {
    if (t == null) throw new IllegalArgumentException(op + ": " + name + " is null");
    if (!t.dtype().isFloatingPoint()) throw new IllegalArgumentException(op + ": expected a floating " + name + ", got " + t.dtype());
  }

  private static void same(String op, String name, Tensor t, Tensor like) {
    floating(op, name, t);
    if (!Arrays.equals(t.shape(), like.shape())) {
      throw new IllegalArgumentException(op + ": " + name + " has shape " + Arrays.toString(t.shape()) + ", newLogProbs has "
          + Arrays.toString(like.shape()) + (like.dim() == 2 ? " (or (" + like.size(0) + ", 1) for advantages)" : ""));
    }
    if (t.dtype() != like.dtype()) throw new IllegalArgumentException(op + ": " + name + " is " + t.dtype() + ", newLogProbs is " + like.dtype());
    if (!t.device().equals(like.device())) {
      throw new IllegalArgumentException(op + ": expected all tensors on " + like.device() + ", " + name + " is on " + t.device());
    }
  }

  private static Tensor weights(String op, Tensor mask, Tensor like) {
    if (mask == null) throw new IllegalArgumentException(op + ": mask is null (pass Tensor.onesLike(x) when every position is real)");
    if (mask.dtype() != DType.BOOL && !mask.dtype().isFloatingPoint()) throw new IllegalArgumentException(op + ": mask must be bool or floating, got " + mask.dtype());
    if (!Arrays.equals(mask.shape(), like.shape())) {
      throw new IllegalArgumentException(op + ": mask has shape " + Arrays.toString(mask.shape()) + ", expected " + Arrays.toString(like.shape()));
    }
    if (!mask.device().equals(like.device())) {
      throw new IllegalArgumentException(op + ": expected all tensors on " + like.device() + ", mask is on " + mask.device());
    }
    return mask.to(like.dtype());
  }
}
