package io.frontier.nn;

import io.frontier.tensor.DType;
import io.frontier.tensor.Fused;
import io.frontier.tensor.Tensor;
import java.util.Arrays;

/**
 * Loss functions with PyTorch's semantics ({@code torch.nn.functional}), differentiable through
 * the autograd tape. Each takes a {@link Reduction} and, where it weights elements, an optional
 * {@code mask} (bool or floating, broadcastable to the per-element loss) that multiplies each
 * element's loss; MEAN then divides by the mask's sum, not the element count.
 *
 * <p>Class-indexed losses ({@link #crossEntropy}, {@link #nll}, {@link #tokenLogProbs}) put the
 * classes on the <em>last</em> dim: logits {@code (N, C)} or {@code (B, T, C)} with int64 targets
 * {@code (N)} or {@code (B, T)} (PyTorch puts them on dim 1; transpose a {@code (B, C, T)} first).
 *
 * <pre>{@code
 * Tensor loss = Losses.crossEntropy(logits, labels, -100, 0.1, Reduction.MEAN, attentionMask);
 * Tensor lp = Losses.tokenLogProbs(logits, labels);   // (B, T) log p(label), no softmax kept
 * }</pre>
 */
public final class Losses {
  /** PyTorch's default ignore index. */
  public static final long IGNORE_INDEX = -100;

  private Losses() {}

  /** Mean squared error, {@code mse_loss(input, target)}. */
  public static Tensor mse(Tensor input, Tensor target) {
    return mse(input, target, Reduction.MEAN, null);
  }

  /** {@code (input - target)^2}; target of input's shape, dtype and device. */
  public static Tensor mse(Tensor input, Tensor target, Reduction reduction, Tensor mask) {
    String op = "mse";
    checkPair(op, input, "target", target);
    Tensor d = input.sub(target);
    return reduce(op, reduction, d.mul(d), weights(op, mask, input), null);
  }

  /** {@code huber_loss(input, target, delta=1.0)}. */
  public static Tensor huber(Tensor input, Tensor target) {
    return huber(input, target, 1.0, Reduction.MEAN, null);
  }

  /** {@code 0.5 d^2} where {@code |d| < delta}, else {@code delta (|d| - delta / 2)}, for d = input - target. */
  public static Tensor huber(Tensor input, Tensor target, double delta, Reduction reduction, Tensor mask) {
    String op = "huber";
    checkPair(op, input, "target", target);
    if (!(delta > 0)) throw new IllegalArgumentException(op + ": delta must be positive, got " + delta);
    Tensor a = input.sub(target).abs();
    Tensor q = a.clampMax(delta);
    Tensor loss = q.mul(q).mul(0.5).add(a.sub(q).mul(delta));
    return reduce(op, reduction, loss, weights(op, mask, input), null);
  }

  /** {@code cross_entropy(logits, targets)}: ignore index -100, no smoothing, mean. */
  public static Tensor crossEntropy(Tensor logits, Tensor targets) {
    return crossEntropy(logits, targets, IGNORE_INDEX, 0.0, Reduction.MEAN, null);
  }

  /**
   * {@code cross_entropy(logits, targets, ignore_index=, label_smoothing=)} on the fused kernel, for
   * logits {@code (..., C)} and int64 targets {@code (...)}. Ignored targets have loss 0 and MEAN
   * divides by the (mask-weighted) count of the others, as PyTorch; a mask weights each token.
   */
  public static Tensor crossEntropy(Tensor logits, Tensor targets, long ignoreIndex, double labelSmoothing, Reduction reduction,
      Tensor mask) {
    String op = "crossEntropy";
    int c = checkClassLast(op, "logits", logits, targets);
    Tensor losses = Fused.crossEntropy(logits.reshape(-1, c), targets.reshape(-1), ignoreIndex, labelSmoothing).losses()
        .reshape(targets.shape());
    Tensor w = weights(op, mask, losses);
    Tensor count = reduction == Reduction.MEAN ? targets.ne(ignoreIndex).to(logits.dtype()) : null;
    return reduce(op, reduction, losses, w, count);
  }

  /** {@code nll_loss(logProbs, targets)}: ignore index -100, mean. */
  public static Tensor nll(Tensor logProbs, Tensor targets) {
    return nll(logProbs, targets, IGNORE_INDEX, Reduction.MEAN, null);
  }

  /** {@code nll_loss}: {@code -logProbs[..., target]}, 0 where ignored; classes on the last dim. */
  public static Tensor nll(Tensor logProbs, Tensor targets, long ignoreIndex, Reduction reduction, Tensor mask) {
    String op = "nll";
    int c = checkClassLast(op, "logProbs", logProbs, targets);
    Tensor ignored = targets.eq(ignoreIndex);
    Tensor safe = targets.maskedFill(ignored, 0);
    Tensor bad = safe.lt(0).logicalOr(safe.ge(c));
    if (bad.any().item() != 0) {
      int at = (int) bad.reshape(-1).to(DType.INT64).argmax().item();
      throw new IndexOutOfBoundsException(op + ": target " + (long) targets.reshape(-1).select(0, at).item() + " at flat position " + at
          + " is out of [0, " + c + ") and not the ignore index " + ignoreIndex);
    }
    Tensor loss = logProbs.gather(-1, safe.unsqueeze(-1)).squeeze(-1).neg().maskedFill(ignored, 0.0);
    Tensor count = reduction == Reduction.MEAN ? ignored.logicalNot().to(logProbs.dtype()) : null;
    return reduce(op, reduction, loss, weights(op, mask, loss), count);
  }

  /** {@code binary_cross_entropy_with_logits(logits, targets)}. */
  public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor targets) {
    return binaryCrossEntropyWithLogits(logits, targets, null, Reduction.MEAN, null);
  }

  /**
   * {@code (1 - y) x - (1 + (posWeight - 1) y) logSigmoid(x)}, stable for any logit x. posWeight
   * (optional) broadcasts to the logits, typically {@code (C)} for the classes on the last dim.
   */
  public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor targets, Tensor posWeight, Reduction reduction, Tensor mask) {
    String op = "binaryCrossEntropyWithLogits";
    checkPair(op, logits, "targets", targets);
    Tensor negLogSig = logits.logSigmoid().neg();
    if (posWeight != null) {
      checkBroadcast(op, "posWeight", posWeight, logits);
      if (posWeight.dtype() != logits.dtype()) throw new IllegalArgumentException(op + ": posWeight is " + posWeight.dtype() + ", expected " + logits.dtype());
      negLogSig = posWeight.sub(1.0).mul(targets).add(1.0).mul(negLogSig);
    }
    Tensor loss = targets.neg().add(1.0).mul(logits).add(negLogSig);
    return reduce(op, reduction, loss, weights(op, mask, logits), null);
  }

  /** {@code kl_div(input, target, reduction=)} with probabilities as the target. */
  public static Tensor klDiv(Tensor input, Tensor target, Reduction reduction) {
    return klDiv(input, target, reduction, false, null);
  }

  /**
   * {@code kl_div(input, target, reduction=, log_target=)}: input holds log-probabilities; the
   * pointwise loss is {@code xlogy(t, t) - t input} (0 where t = 0), or {@code exp(t) (t - input)}
   * with logTarget. MEAN averages over every element as PyTorch's 'mean'; BATCHMEAN divides the
   * sum by input's first dim, the true KL divergence per sample.
   */
  public static Tensor klDiv(Tensor input, Tensor target, Reduction reduction, boolean logTarget, Tensor mask) {
    String op = "klDiv";
    checkPair(op, input, "target", target);
    Tensor loss;
    if (logTarget) {
      loss = target.exp().mul(target.sub(input));
    } else {
      // log(1) stands in where t = 0, so neither the value nor the gradient sees log(0)
      Tensor logT = target.maskedFill(target.eq(0.0), 1.0).log();
      loss = target.mul(logT.sub(input));
    }
    return reduce(op, reduction, loss, weights(op, mask, input), null, input);
  }

  /** Log p(label) per token: {@link #tokenLogProbs(Tensor, Tensor, long)} with nothing ignored. */
  public static Tensor tokenLogProbs(Tensor logits, Tensor labels) {
    return tokenLogProbs(logits, labels, Long.MIN_VALUE);
  }

  /**
   * {@code log_softmax(logits, -1).gather(-1, labels[..., None])[..., 0]} for logits
   * {@code (..., V)} and int64 labels {@code (...)}, as {@code logits[label] - logsumexp(logits)}
   * from the fused cross-entropy kernel: no {@code (..., V)} softmax is materialised, forward or
   * backward. Positions whose label is {@code ignoreIndex} get 0 (and no gradient).
   */
  public static Tensor tokenLogProbs(Tensor logits, Tensor labels, long ignoreIndex) {
    int v = checkClassLast("tokenLogProbs", "logits", logits, labels);
    return Fused.crossEntropy(logits.reshape(-1, v), labels.reshape(-1), ignoreIndex, 0.0).losses().neg().reshape(labels.shape());
  }

  // ---------------------------------------------------------------- reduction

  private static Tensor reduce(String op, Reduction r, Tensor loss, Tensor w, Tensor count) {
    if (r == Reduction.BATCHMEAN) throw new IllegalArgumentException(op + ": BATCHMEAN is klDiv's reduction only; use MEAN or SUM");
    return reduce(op, r, loss, w, count, null);
  }

  /**
   * {@code w}: the mask in loss's dtype, or null; {@code count}: per-element weights of MEAN's
   * denominator (the non-ignored targets), or null for every element.
   */
  private static Tensor reduce(String op, Reduction r, Tensor loss, Tensor w, Tensor count, Tensor batchOf) {
    if (r == null) throw new IllegalArgumentException(op + ": reduction is null");
    Tensor weighted = w == null ? loss : loss.mul(w);
    switch (r) {
      case NONE:
        return weighted;
      case SUM:
        return weighted.sum();
      case BATCHMEAN:
        if (batchOf.dim() == 0) throw new IllegalArgumentException(op + ": BATCHMEAN needs an input with a batch dim, got a scalar");
        return weighted.sum().div(batchOf.size(0));
      default:
        if (w == null && count == null) return loss.mean();
        Tensor denominator = count == null ? w.expand(loss.shape()) : w == null ? count : count.mul(w);
        return weighted.sum().div(denominator.sum());
    }
  }

  /** The mask as weights in {@code like}'s dtype, checked; null for no mask. */
  private static Tensor weights(String op, Tensor mask, Tensor like) {
    if (mask == null) return null;
    if (mask.dtype() != DType.BOOL && !mask.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException(op + ": mask must be bool or floating, got " + mask.dtype());
    }
    checkBroadcast(op, "mask", mask, like);
    return mask.to(like.dtype());
  }

  // ---------------------------------------------------------------- checks

  private static void checkFloating(String op, String name, Tensor t) {
    if (t == null) throw new IllegalArgumentException(op + ": " + name + " is null");
    if (!t.dtype().isFloatingPoint()) throw new IllegalArgumentException(op + ": expected a floating " + name + ", got " + t.dtype());
  }

  /** {@code other} of {@code input}'s shape, dtype and device. */
  private static void checkPair(String op, Tensor input, String name, Tensor other) {
    checkFloating(op, "input", input);
    if (other == null) throw new IllegalArgumentException(op + ": " + name + " is null");
    if (!Arrays.equals(other.shape(), input.shape())) {
      throw new IllegalArgumentException(op + ": " + name + " has shape " + Arrays.toString(other.shape()) + ", input has "
          + Arrays.toString(input.shape()) + " (they must match; broadcast explicitly)");
    }
    if (other.dtype() != input.dtype()) throw new IllegalArgumentException(op + ": " + name + " is " + other.dtype() + ", input is " + input.dtype());
    checkDevice(op, name, other, input);
  }

  /** Logits (..., C) with C >= 1 and int64 targets (...); returns C. */
  private static int checkClassLast(String op, String name, Tensor logits, Tensor targets) {
    checkFloating(op, name, logits);
    if (logits.dim() == 0 || logits.size(-1) == 0) {
      throw new IllegalArgumentException(op + ": expected " + name + " (..., C) with C >= 1 classes on the last dim, got "
          + Arrays.toString(logits.shape()));
    }
    if (targets == null) throw new IllegalArgumentException(op + ": targets is null");
    if (targets.dtype() != DType.INT64) throw new IllegalArgumentException(op + ": expected int64 class indices as targets, got " + targets.dtype());
    int[] lead = Arrays.copyOf(logits.shape(), logits.dim() - 1);
    if (!Arrays.equals(targets.shape(), lead)) {
      throw new IllegalArgumentException(op + ": targets have shape " + Arrays.toString(targets.shape()) + ", expected " + Arrays.toString(lead)
          + " for " + name + " of shape " + Arrays.toString(logits.shape()) + " (classes on the last dim)");
    }
    checkDevice(op, "targets", targets, logits);
    return logits.size(-1);
  }

  /** {@code t} broadcasts to {@code like}'s shape without enlarging it. */
  private static void checkBroadcast(String op, String name, Tensor t, Tensor like) {
    int[] s = t.shape();
    int[] l = like.shape();
    boolean ok = s.length <= l.length;
    for (int i = 1; ok && i <= s.length; i++) ok = s[s.length - i] == 1 || s[s.length - i] == l[l.length - i];
    if (!ok) {
      throw new IllegalArgumentException(op + ": " + name + " of shape " + Arrays.toString(s) + " does not broadcast to the loss shape "
          + Arrays.toString(l));
    }
    checkDevice(op, name, t, like);
  }

  private static void checkDevice(String op, String name, Tensor t, Tensor like) {
    if (!t.device().equals(like.device())) {
      throw new IllegalArgumentException(op + ": expected all tensors on " + like.device() + ", " + name + " is on " + t.device());
    }
  }
}
