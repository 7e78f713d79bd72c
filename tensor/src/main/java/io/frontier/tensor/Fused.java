package io.frontier.tensor;

import io.frontier.tensor.backend.ActivationGrad;
import io.frontier.tensor.backend.UnaryOp;
import java.util.ArrayList;
import java.util.List;

/**
 * Fused ops for training: layer norm, RMS norm, cross-entropy (forward and backward), the
 * attention softmax, the activation backward, and the optimizer steps (AdamW, Adam, Lion, SGD,
 * RMSprop, Adagrad), each one backend primitive ({@link io.frontier.tensor.backend.Backend#layerNorm}
 * and its neighbours) instead of a chain of elementwise ops and reductions. The methods check their
 * arguments, make inputs contiguous and allocate outputs; dtypes are float32 or float64 (targets
 * int64), and float32 rows accumulate their statistics in float64.
 *
 * <pre>{@code
 * Fused.LayerNorm ln = Fused.layerNorm(x, gamma, beta, 1e-5);       // normalises x's last dim
 * Fused.NormGrads g = Fused.layerNormBackward(dy, x, gamma, ln.mean(), ln.rstd(), true);
 * Fused.CrossEntropy ce = Fused.crossEntropy(logits, target, -100, 0.1);
 * Fused.adamwStep_(p, grad, m, v, 1e-3, 0.9, 0.999, 1e-8, 0.01, step);
 * }</pre>
 */
public final class Fused {
  private Fused() {}

  /** {@code out} of x's shape; {@code mean} and {@code rstd} of shape {@code (rows)}. */
  public record LayerNorm(Tensor out, Tensor mean, Tensor rstd) {}

  /** {@code out} of x's shape; {@code rstd} of shape {@code (rows)}. */
  public record RmsNorm(Tensor out, Tensor rstd) {}

  /** The gradients of a norm; {@code gradWeight} and {@code gradBias} are null where not asked for. */
  public record NormGrads(Tensor gradX, Tensor gradWeight, Tensor gradBias) {}

  /** Per-row losses and log-sum-exp of the logits (saved for the backward), both {@code (N)}. */
  public record CrossEntropy(Tensor losses, Tensor logSumExp) {}

  /**
   * The attention output {@code (..., Tq, D)}, the log-sum-exp of each query's scaled scores
   * {@code (..., Tq)}, and the dropout stream its weights were dropped with ({@code
   * DropoutStream.NONE} without dropout): what {@link #attentionBackward} needs.
   */
  public record Attention(Tensor out, Tensor logSumExp, io.frontier.tensor.backend.DropoutStream dropout) {}

  /** The gradients of {@link #attention} with respect to q, k and v, of their shapes. */
  public record AttentionGrads(Tensor gradQ, Tensor gradK, Tensor gradV) {}

  /**
   * {@code torch.nn.functional.scaled_dot_product_attention(q, k, v, scale=scale)} without a mask
   * or dropout: for q {@code (..., Tq, D)} and k, v {@code (..., Tk, D)} (the same leading dims),
   * {@code out = softmax(scale q k^T) v}. One fused kernel each way, the {@code (Tq, Tk)}
   * probabilities never stored (see {@link #causalAttention}).
   */
  public static Attention attention(Tensor q, Tensor k, Tensor v, double scale) {
    if (k == null) throw new IllegalArgumentException("attention: k is null");
    return AttentionOp.forward(q, k, v, scale, Math.max(0, k.dim() >= 2 ? k.size(-2) : 0), "attention");
  }

  /**
   * Causal scaled dot-product attention in one fused kernel each way: for q {@code (..., Tq, D)}
   * and k, v {@code (..., Tk, D)}, query {@code i} attends to keys {@code j <= i + offset} with
   * weights {@code softmax(scale q_i . k_j)}. {@code offset} is the number of positions before the
   * first query (0 for training, the cached length when decoding with a KV cache, as in {@link
   * #causalSoftmax}). It equals {@code causalSoftmax(q k^T, scale, offset) v}, and torch's
   * {@code scaled_dot_product_attention(q, k, v, is_causal=True, scale=scale)} for offset 0, but
   * stores only the per-query log-sum-exp: the backward recomputes the probabilities
   * (FlashAttention). Float32 or float64; differentiable in q, k and v.
   */
  public static Attention causalAttention(Tensor q, Tensor k, Tensor v, double scale, int offset) {
    return AttentionOp.forward(q, k, v, scale, offset, "causalAttention");
  }

  /**
   * {@link #causalAttention(Tensor, Tensor, Tensor, double, int)} with dropout on the attention
   * weights ({@code dropout_p}): each weight is dropped with probability {@code dropout} and the rest
   * scaled by {@code 1 / (1 - dropout)}, the mask drawn from {@code generator} exactly as {@code
   * Tensor.rand(generator, dtype, (..., Tq, Tk)).ge(dropout)} draws it, and never stored (the
   * backward draws it again from the same Philox blocks).
   */
  public static Attention causalAttention(Tensor q, Tensor k, Tensor v, double scale, int offset, double dropout, Generator generator) {
    return AttentionOp.forward(q, k, v, scale, offset, dropout, generator, "causalAttention");
  }

  /**
   * The gradients of {@link #causalAttention} (or {@link #attention}, with {@code offset >= Tk - 1})
   * from its output's gradient, its inputs, its output and its log-sum-exp: {@code dv = P^T g},
   * {@code dS = P * (g v^T - rowsum(g * out))}, {@code dq = scale dS k}, {@code dk = scale dS^T q}.
   */
  public static AttentionGrads attentionBackward(Tensor gradOut, Tensor q, Tensor k, Tensor v, Tensor out, Tensor logSumExp, double scale,
      int offset) {
    return AttentionOp.backward(gradOut, q, k, v, out, logSumExp, scale, offset, io.frontier.tensor.backend.DropoutStream.NONE);
  }

  /** {@link #attentionBackward(Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, double, int)} of a forward that dropped weights with {@code dropout} ({@link Attention#dropout}). */
  public static AttentionGrads attentionBackward(Tensor gradOut, Tensor q, Tensor k, Tensor v, Tensor out, Tensor logSumExp, double scale,
      int offset, io.frontier.tensor.backend.DropoutStream dropout) {
    return AttentionOp.backward(gradOut, q, k, v, out, logSumExp, scale, offset, dropout);
  }

  /**
   * {@code torch.nn.functional.linear(x, weight, bias)}: {@code x W^T + b} for x {@code (..., in)},
   * weight {@code (out, in)} and bias {@code (out)} or null, of one dtype and device; the result is
   * {@code (..., out)}. One backend product with the bias added in its epilogue where the backend
   * can (the CUDA kernels do), and one autograd node.
   */
  public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
    return LinearProduct.linear(x, weight, bias);
  }

  /**
   * {@code torch.nn.functional.layer_norm(x, x.shape[-1:], weight, bias, eps)}, with the per-row
   * mean and reciprocal standard deviation (biased variance) for the backward. weight and bias
   * ({@code (n)}, x's dtype) may be null.
   */
  public static LayerNorm layerNorm(Tensor x, Tensor weight, Tensor bias, double eps) {
    String op = "layerNorm";
    int rows = checkNormInput(op, x, eps);
    checkVector(op, "weight", weight, x);
    checkVector(op, "bias", bias, x);
    Tensor out = Creation.emptyOn(x, x.dtype(), x.shape());
    Tensor mean = Creation.emptyOn(x, x.dtype(), new int[] {rows});
    Tensor rstd = Creation.emptyOn(x, x.dtype(), new int[] {rows});
    if (rows > 0) x.backend().layerNorm(x.contiguous(), dense(weight), dense(bias), eps, out, mean, rstd);
    if (Grad.shouldRecord(presentOf(x, weight, bias))) {
      // Only out is differentiable; mean and rstd travel as arguments for layerNormBackward.
      Grad.record("layerNorm", out, presentOf(x, weight, bias), weight != null, bias != null, mean, rstd);
    }
    return new LayerNorm(out, mean, rstd);
  }

  /**
   * The gradients of {@link #layerNorm} from its saved {@code mean} and {@code rstd}:
   * gradWeight when weight is given, gradBias when {@code biasGrad}.
   */
  public static NormGrads layerNormBackward(Tensor gradOut, Tensor x, Tensor weight, Tensor mean, Tensor rstd, boolean biasGrad) {
    String op = "layerNormBackward";
    int rows = checkNormInput(op, x, 0);
    checkSame(op, "gradOut", gradOut, x);
    checkVector(op, "weight", weight, x);
    checkStats(op, "mean", mean, x, rows);
    checkStats(op, "rstd", rstd, x, rows);
    Tensor gradX = Creation.emptyOn(x, x.dtype(), x.shape());
    Tensor gradWeight = weight == null ? null : Creation.emptyOn(x, x.dtype(), new int[] {x.size(-1)});
    Tensor gradBias = biasGrad ? Creation.emptyOn(x, x.dtype(), new int[] {x.size(-1)}) : null;
    if (rows > 0) {
      x.backend().layerNormBackward(gradOut.contiguous(), x.contiguous(), dense(weight), mean.contiguous(), rstd.contiguous(), gradX,
          gradWeight, gradBias);
    } else {
      zero(gradWeight);
      zero(gradBias);
    }
    return new NormGrads(gradX, gradWeight, gradBias);
  }

  /** {@code torch.nn.functional.rms_norm(x, x.shape[-1:], weight, eps)} with the per-row rstd. */
  public static RmsNorm rmsNorm(Tensor x, Tensor weight, double eps) {
    String op = "rmsNorm";
    int rows = checkNormInput(op, x, eps);
    checkVector(op, "weight", weight, x);
    Tensor out = Creation.emptyOn(x, x.dtype(), x.shape());
    Tensor rstd = Creation.emptyOn(x, x.dtype(), new int[] {rows});
    if (rows > 0) x.backend().rmsNorm(x.contiguous(), dense(weight), eps, out, rstd);
    if (Grad.shouldRecord(presentOf(x, weight, null))) Grad.record("rmsNorm", out, presentOf(x, weight, null), weight != null, rstd);
    return new RmsNorm(out, rstd);
  }

  /** The gradients of {@link #rmsNorm}: gradWeight when weight is given; gradBias is null. */
  public static NormGrads rmsNormBackward(Tensor gradOut, Tensor x, Tensor weight, Tensor rstd) {
    String op = "rmsNormBackward";
    int rows = checkNormInput(op, x, 0);
    checkSame(op, "gradOut", gradOut, x);
    checkVector(op, "weight", weight, x);
    checkStats(op, "rstd", rstd, x, rows);
    Tensor gradX = Creation.emptyOn(x, x.dtype(), x.shape());
    Tensor gradWeight = weight == null ? null : Creation.emptyOn(x, x.dtype(), new int[] {x.size(-1)});
    if (rows > 0) {
      x.backend().rmsNormBackward(gradOut.contiguous(), x.contiguous(), dense(weight), rstd.contiguous(), gradX, gradWeight);
    } else {
      zero(gradWeight);
    }
    return new NormGrads(gradX, gradWeight, null);
  }

  /**
   * {@code torch.nn.functional.cross_entropy(logits, target, ignore_index=ignoreIndex,
   * label_smoothing=labelSmoothing, reduction='none')} for {@code (N, C)} logits and int64 class
   * indices {@code (N)}; ignored rows have loss 0. A target outside {@code [0, C)} that is not
   * ignoreIndex throws {@link IndexOutOfBoundsException} naming the row (on a GPU at the next
   * synchronisation).
   */
  public static CrossEntropy crossEntropy(Tensor logits, Tensor target, long ignoreIndex, double labelSmoothing) {
    String op = "crossEntropy";
    checkCrossEntropy(op, logits, target, labelSmoothing);
    int rows = logits.size(0);
    Tensor losses = Creation.emptyOn(logits, logits.dtype(), new int[] {rows});
    Tensor lse = Creation.emptyOn(logits, logits.dtype(), new int[] {rows});
    if (rows > 0) logits.backend().crossEntropy(logits.contiguous(), target.contiguous(), ignoreIndex, labelSmoothing, losses, lse);
    // Only the losses are differentiable; the log-sum-exp travels as an argument for crossEntropyBackward.
    if (Grad.shouldRecord(logits)) Grad.record("crossEntropy", losses, new Tensor[] {logits}, target, ignoreIndex, labelSmoothing, lse);
    return new CrossEntropy(losses, lse);
  }

  /**
   * The gradient of {@link #crossEntropy} with respect to the logits, given the losses' gradient
   * {@code (N)}: an (N, C) tensor whose rows start at whole 16 bytes (not contiguous when C is not
   * a multiple of 4 float32 or 2 float64 elements).
   */
  public static Tensor crossEntropyBackward(Tensor gradLosses, Tensor logits, Tensor target, long ignoreIndex, double labelSmoothing,
      Tensor logSumExp) {
    String op = "crossEntropyBackward";
    checkCrossEntropy(op, logits, target, labelSmoothing);
    int rows = logits.size(0);
    checkStats(op, "gradLosses", gradLosses, logits, rows);
    checkStats(op, "logSumExp", logSumExp, logits, rows);
    Tensor grad = gradientRows(logits);
    if (rows > 0) {
      logits.backend().crossEntropyBackward(gradLosses.contiguous(), logits.contiguous(), target.contiguous(), ignoreIndex,
          labelSmoothing, logSumExp.contiguous(), grad);
    }
    return grad;
  }

  /**
   * The (N, C) logits' gradient, its rows padded to whole 16 bytes when C is not (a view of an
   * (N, C') buffer, as a padded vocabulary): a product that reads it, such as the logits layer's
   * input gradient dlogits W, then takes its rows in place, where a GPU would first copy a
   * contiguous (N, 50 257) gradient into aligned rows (1.3 ms of an H100 GPT step).
   */
  private static Tensor gradientRows(Tensor logits) {
    int rows = logits.size(0), c = logits.size(1);
    int pack = 16 / logits.dtype().itemSize();
    long padded = (c + pack - 1L) / pack * pack;
    if (padded == c || rows < 2 || rows * padded > Integer.MAX_VALUE) return Creation.emptyOn(logits, logits.dtype(), logits.shape());
    return Creation.emptyOn(logits, logits.dtype(), new int[] {rows, (int) padded}).narrow(1, 0, c);
  }

  /**
   * The backward of an activation in one pass: {@code gradOut * f'(x)} for {@code op} GELU,
   * GELU_TANH or SILU ({@link ActivationGrad}), where the written-out derivative takes many
   * elementwise passes. Not differentiable itself: autograd uses it when no graph of the backward
   * is being built.
   */
  public static Tensor activationBackward(UnaryOp op, Tensor gradOut, Tensor x) {
    String name = "activationBackward";
    if (op == null || !ActivationGrad.supported(op)) {
      throw new IllegalArgumentException(name + ": no fused backward for " + (op == null ? "null" : op.opName()) + " (gelu, geluTanh and silu have one)");
    }
    checkFloating(name, "x", x);
    checkSame(name, "gradOut", gradOut, x);
    Tensor gradIn = Creation.emptyOn(x, x.dtype(), x.shape());
    if (x.numel() > 0) x.backend().activationBackward(op, gradOut.contiguous(), x.contiguous(), gradIn);
    return gradIn;
  }

  /**
   * The attention probabilities of a causal mask in one pass, for scores {@code (..., T, S)}:
   * {@code softmax(scale * x)} over the last dim where key {@code j} of query {@code i} is kept
   * when {@code j <= i + offset}, and exactly 0 where masked. It equals {@code
   * x.mul(scale).maskedFill(mask, -inf).softmax(-1)} with the mask true above the {@code offset}-th
   * diagonal, in one pass where that takes three. {@code offset} is the number of positions before
   * the first query (cached keys when decoding), at least 0 so every row keeps a key.
   */
  public static Tensor causalSoftmax(Tensor x, double scale, int offset) {
    String op = "causalSoftmax";
    checkFloating(op, "x", x);
    if (x.dim() < 2) throw new IllegalArgumentException(op + ": expected scores of at least 2 dims (T, S), got shape " + Shapes.str(x.shape));
    if (offset < 0) throw new IllegalArgumentException(op + ": offset must be >= 0 (every query keeps a key), got " + offset);
    if (!Double.isFinite(scale)) throw new IllegalArgumentException(op + ": scale must be finite, got " + scale);
    Tensor out = Creation.emptyOn(x, x.dtype(), x.shape());
    if (x.numel() > 0) x.backend().causalSoftmax(x.contiguous(), x.size(-2), scale, offset, out);
    if (Grad.shouldRecord(x)) Grad.record("causalSoftmax", out, new Tensor[] {x}, scale, offset);
    return out;
  }

  /**
   * The gradient of a softmax of {@code scale * x} along the last dim (such as {@link
   * #causalSoftmax}), from its output {@code y}: {@code scale * y * (gradOut - sum(gradOut * y))}
   * per row, in one pass.
   */
  public static Tensor softmaxBackward(Tensor gradOut, Tensor y, double scale) {
    String op = "softmaxBackward";
    checkFloating(op, "y", y);
    checkSame(op, "gradOut", gradOut, y);
    if (y.dim() < 1) throw new IllegalArgumentException(op + ": expected y of at least 1 dim, got a scalar");
    Tensor gradIn = Creation.emptyOn(y, y.dtype(), y.shape());
    if (y.numel() > 0) y.backend().softmaxBackward(gradOut.contiguous(), y.contiguous(), scale, gradIn);
    return gradIn;
  }

  /**
   * Zeroes every tensor of the list in place ({@code torch._foreach_zero_}; {@code zeroGrad(false)}
   * of a module or optimizer), grouping them by device: the CUDA backend zeroes 32 contiguous
   * tensors a launch where {@code zero_()} takes one each. Null entries are skipped.
   */
  public static void zeroAll_(java.util.List<Tensor> tensors) {
    if (tensors == null) throw new IllegalArgumentException("zeroAll_: the list is null");
    java.util.Map<Device, java.util.List<Tensor>> byDevice = new java.util.LinkedHashMap<>();
    for (Tensor t : tensors) {
      if (t == null) continue;
      Copies.checkWritable("zeroAll_", t);
      byDevice.computeIfAbsent(t.device(), d -> new java.util.ArrayList<>()).add(t);
    }
    for (java.util.List<Tensor> group : byDevice.values()) {
      group.get(0).backend().zeroAll(group.toArray(new Tensor[0]));
      for (Tensor t : group) t.storage.bumpVersion();
    }
  }

  /**
   * {@link #adamwStep_(Tensor, Tensor, Tensor, Tensor, double, double, double, double, double, long, boolean)}
   * on every index of four lists (torch's fused / foreach AdamW): parameter i with gradient i and
   * moments i, all tensors on one device and of one dtype, one step count. The CUDA backend updates
   * up to 24 tensors a launch; the results equal the one-tensor steps bit for bit.
   */
  public static void adamwStepAll_(java.util.List<Tensor> params, java.util.List<Tensor> grads, java.util.List<Tensor> expAvgs,
      java.util.List<Tensor> expAvgSqs, double lr, double beta1, double beta2, double eps, double weightDecay, long step, boolean maximize) {
    String op = "adamwStepAll_";
    if (params == null || grads == null || expAvgs == null || expAvgSqs == null) throw new IllegalArgumentException(op + ": a list is null");
    int n = params.size();
    if (grads.size() != n || expAvgs.size() != n || expAvgSqs.size() != n) {
      throw new IllegalArgumentException(op + ": expected lists of one length, got " + n + " params, " + grads.size() + " grads, "
          + expAvgs.size() + " expAvgs and " + expAvgSqs.size() + " expAvgSqs");
    }
    if (n == 0) return;
    for (int i = 0; i < n; i++) {
      String at = op + " (tensor " + i + ")";
      checkAdamArguments(at, params.get(i), grads.get(i), expAvgs.get(i), expAvgSqs.get(i), lr, beta1, beta2, eps, weightDecay, step);
      checkLike(at, "param", params.get(i), params.get(0));
    }
    Tensor[] p = params.toArray(new Tensor[0]);
    p[0].backend().adamwStepAll(p, grads.toArray(new Tensor[0]), expAvgs.toArray(new Tensor[0]), expAvgSqs.toArray(new Tensor[0]), lr, beta1,
        beta2, eps, weightDecay, step, maximize);
    for (int i = 0; i < n; i++) {
      params.get(i).storage.bumpVersion();
      expAvgs.get(i).storage.bumpVersion();
      expAvgSqs.get(i).storage.bumpVersion();
    }
  }

  /** {@link #adamwStep_(Tensor, Tensor, Tensor, Tensor, double, double, double, double, double, long, boolean)} minimising. */
  public static void adamwStep_(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, double lr, double beta1, double beta2,
      double eps, double weightDecay, long step) {
    adamwStep_(param, grad, expAvg, expAvgSq, lr, beta1, beta2, eps, weightDecay, step, false);
  }

  /**
   * One {@code torch.optim.AdamW} step (amsgrad off) in place on {@code param}, {@code expAvg} and
   * {@code expAvgSq}: {@code p *= 1 - lr wd; m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
   * p -= lr / (1 - b1^step) * m / (sqrt(v) / sqrt(1 - b2^step) + eps)}. The four tensors must be
   * contiguous, of one shape, floating dtype and device; {@code step} counts from 1.
   */
  public static void adamwStep_(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, double lr, double beta1, double beta2,
      double eps, double weightDecay, long step, boolean maximize) {
    String op = "adamwStep_";
    checkAdamArguments(op, param, grad, expAvg, expAvgSq, lr, beta1, beta2, eps, weightDecay, step);
    if (param.numel() > 0) param.backend().adamwStep(param, grad, expAvg, expAvgSq, lr, beta1, beta2, eps, weightDecay, step, maximize);
    param.storage.bumpVersion();
    expAvg.storage.bumpVersion();
    expAvgSq.storage.bumpVersion();
  }

  /**
   * One {@code torch.optim.Adam} step (amsgrad off) in place on {@code param}, {@code expAvg} and
   * {@code expAvgSq}: {@code g = grad + weightDecay p} (an L2 term; {@code -grad} when
   * {@code maximize}), then {@link #adamwStep_}'s moments and step without the decoupled decay. One
   * pass over the four tensors, which must be contiguous, of one shape, floating dtype and device;
   * {@code step} counts from 1.
   */
  public static void adamStep_(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, double lr, double beta1, double beta2,
      double eps, double weightDecay, long step, boolean maximize) {
    String op = "adamStep_";
    checkAdamArguments(op, param, grad, expAvg, expAvgSq, lr, beta1, beta2, eps, weightDecay, step);
    if (param.numel() > 0) param.backend().adamStep(param, grad, expAvg, expAvgSq, lr, beta1, beta2, eps, weightDecay, step, maximize);
    param.storage.bumpVersion();
    expAvg.storage.bumpVersion();
    expAvgSq.storage.bumpVersion();
  }

  /**
   * One Lion step (Chen et al. 2023, as lucidrains' lion-pytorch) in place on {@code param} and
   * {@code expAvg}: {@code p *= 1 - lr wd; p -= lr sign(b1 m + (1 - b1) g); m = b2 m + (1 - b2) g}
   * (sign(0) = 0). The three tensors must be contiguous, of one shape, floating dtype and device.
   */
  public static void lionStep_(Tensor param, Tensor grad, Tensor expAvg, double lr, double beta1, double beta2, double weightDecay) {
    String op = "lionStep_";
    checkFlatBuffers(op, new String[] {"param", "grad", "expAvg"}, param, grad, expAvg);
    if (!(lr >= 0)) throw new IllegalArgumentException(op + ": invalid learning rate " + lr);
    if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException(op + ": invalid beta1 " + beta1 + " (expected [0, 1))");
    if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException(op + ": invalid beta2 " + beta2 + " (expected [0, 1))");
    if (!(weightDecay >= 0)) throw new IllegalArgumentException(op + ": invalid weight decay " + weightDecay);
    if (param.numel() > 0) param.backend().lionStep(param, grad, expAvg, lr, beta1, beta2, weightDecay);
    param.storage.bumpVersion();
    expAvg.storage.bumpVersion();
  }

  /**
   * One {@code torch.optim.SGD} step (1.13, single-tensor) in place on {@code param} and, with
   * momentum, {@code momentumBuffer}: {@code d = maximize ? -grad : grad; d += weightDecay p}; with
   * {@code momentum != 0}: {@code buf = firstStep ? d : momentum buf + (1 - dampening) d}, {@code d
   * = nesterov ? d + momentum buf : buf}; then {@code p -= lr d}. One pass over the buffers (see
   * {@link io.frontier.tensor.backend.Backend#sgdStep}). The tensors must be contiguous, of one
   * shape, floating dtype and device; {@code momentumBuffer} must be given with momentum and null
   * without; {@code firstStep} overwrites it (its contents before are not read).
   */
  public static void sgdStep_(Tensor param, Tensor grad, Tensor momentumBuffer, double lr, double momentum, double dampening,
      double weightDecay, boolean nesterov, boolean maximize, boolean firstStep) {
    String op = "sgdStep_";
    if (momentum != 0 && momentumBuffer == null) {
      throw new IllegalArgumentException(op + ": momentum " + momentum + " needs a momentumBuffer, got null");
    }
    if (momentum == 0 && momentumBuffer != null) {
      throw new IllegalArgumentException(op + ": a momentumBuffer is only read with momentum != 0 (momentum is 0): pass null");
    }
    if (momentumBuffer != null) {
      checkFlatBuffers(op, new String[] {"param", "grad", "momentumBuffer"}, param, grad, momentumBuffer);
    } else {
      checkFlatBuffers(op, new String[] {"param", "grad"}, param, grad);
    }
    if (!(lr >= 0)) throw new IllegalArgumentException(op + ": invalid learning rate " + lr);
    if (!(momentum >= 0) || Double.isInfinite(momentum)) throw new IllegalArgumentException(op + ": invalid momentum " + momentum);
    if (!(dampening >= 0 && dampening <= 1)) throw new IllegalArgumentException(op + ": invalid dampening " + dampening + " (expected [0, 1])");
    if (!(weightDecay >= 0)) throw new IllegalArgumentException(op + ": invalid weight decay " + weightDecay);
    if (nesterov && (momentum <= 0 || dampening != 0)) {
      throw new IllegalArgumentException(op + ": Nesterov momentum needs momentum > 0 and dampening = 0 (momentum " + momentum
          + ", dampening " + dampening + ")");
    }
    if (param.numel() > 0) {
      param.backend().sgdStep(param, grad, momentumBuffer, lr, momentum, dampening, weightDecay, nesterov, maximize, firstStep);
    }
    param.storage.bumpVersion();
    if (momentumBuffer != null) momentumBuffer.storage.bumpVersion();
  }

  /**
   * One {@code torch.optim.RMSprop} step (1.13, single-tensor) in place on {@code param} and the
   * state: {@code gradAvg} given (else null) makes it centered, {@code momentumBuffer} given (else
   * null) needs {@code momentum > 0}; see {@link io.frontier.tensor.backend.Backend#rmspropStep}.
   * One pass over the buffers, which must be contiguous, of one shape, floating dtype and device.
   */
  public static void rmspropStep_(Tensor param, Tensor grad, Tensor squareAvg, Tensor gradAvg, Tensor momentumBuffer, double lr,
      double alpha, double eps, double weightDecay, double momentum, boolean maximize) {
    String op = "rmspropStep_";
    if ((momentum > 0) != (momentumBuffer != null)) {
      throw new IllegalArgumentException(op + ": a momentumBuffer goes with momentum > 0 and only then (momentum " + momentum + ", buffer "
          + (momentumBuffer == null ? "null" : "given") + ")");
    }
    List<String> names = new ArrayList<>(List.of("param", "grad", "squareAvg"));
    List<Tensor> all = new ArrayList<>(List.of(param, grad, squareAvg));
    if (gradAvg != null) {
      names.add("gradAvg");
      all.add(gradAvg);
    }
    if (momentumBuffer != null) {
      names.add("momentumBuffer");
      all.add(momentumBuffer);
    }
    checkFlatBuffers(op, names.toArray(String[]::new), all.toArray(Tensor[]::new));
    if (!(lr >= 0)) throw new IllegalArgumentException(op + ": invalid learning rate " + lr);
    if (!(alpha >= 0 && alpha <= 1)) throw new IllegalArgumentException(op + ": invalid alpha " + alpha + " (expected [0, 1])");
    if (!(eps >= 0)) throw new IllegalArgumentException(op + ": invalid epsilon " + eps);
    if (!(weightDecay >= 0)) throw new IllegalArgumentException(op + ": invalid weight decay " + weightDecay);
    if (!(momentum >= 0) || Double.isInfinite(momentum)) throw new IllegalArgumentException(op + ": invalid momentum " + momentum);
    if (param.numel() > 0) {
      param.backend().rmspropStep(param, grad, squareAvg, gradAvg, momentumBuffer, lr, alpha, eps, weightDecay, momentum, maximize);
    }
    for (Tensor t : all) {
      if (t != grad) t.storage.bumpVersion();
    }
  }

  /**
   * One {@code torch.optim.Adagrad} step (1.13, dense gradients) in place on {@code param} and
   * {@code sum}; see {@link io.frontier.tensor.backend.Backend#adagradStep}. {@code step} counts
   * from 1. One pass over the three tensors, which must be contiguous, of one shape, floating dtype
   * and device.
   */
  public static void adagradStep_(Tensor param, Tensor grad, Tensor sum, double lr, double lrDecay, double weightDecay, double eps,
      long step, boolean maximize) {
    String op = "adagradStep_";
    checkFlatBuffers(op, new String[] {"param", "grad", "sum"}, param, grad, sum);
    if (!(lr >= 0)) throw new IllegalArgumentException(op + ": invalid learning rate " + lr);
    if (!(lrDecay >= 0)) throw new IllegalArgumentException(op + ": invalid learning rate decay " + lrDecay);
    if (!(weightDecay >= 0)) throw new IllegalArgumentException(op + ": invalid weight decay " + weightDecay);
    if (!(eps >= 0)) throw new IllegalArgumentException(op + ": invalid epsilon " + eps);
    if (step < 1) throw new IllegalArgumentException(op + ": step counts from 1, got " + step);
    if (param.numel() > 0) param.backend().adagradStep(param, grad, sum, lr, lrDecay, weightDecay, eps, step, maximize);
    param.storage.bumpVersion();
    sum.storage.bumpVersion();
  }

  // ---------------------------------------------------------------- checks

  /** Adam's and AdamW's tensors and hyperparameters. */
  private static void checkAdamArguments(String op, Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, double lr, double beta1,
      double beta2, double eps, double weightDecay, long step) {
    checkFlatBuffers(op, new String[] {"param", "grad", "expAvg", "expAvgSq"}, param, grad, expAvg, expAvgSq);
    if (!(lr >= 0)) throw new IllegalArgumentException(op + ": invalid learning rate " + lr);
    if (!(eps >= 0)) throw new IllegalArgumentException(op + ": invalid epsilon " + eps);
    if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException(op + ": invalid beta1 " + beta1 + " (expected [0, 1))");
    if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException(op + ": invalid beta2 " + beta2 + " (expected [0, 1))");
    if (!(weightDecay >= 0)) throw new IllegalArgumentException(op + ": invalid weight decay " + weightDecay);
    if (step < 1) throw new IllegalArgumentException(op + ": step counts from 1, got " + step);
  }

  /** Checks a norm's input; returns its number of rows. */
  private static int checkNormInput(String op, Tensor x, double eps) {
    checkFloating(op, "x", x);
    if (x.dim() == 0) throw new IllegalArgumentException(op + ": expected x of at least one dim, got a scalar");
    if (x.size(-1) == 0) throw new IllegalArgumentException(op + ": the normalised (last) dim of x " + Shapes.str(x.shape) + " is empty");
    if (!(eps >= 0)) throw new IllegalArgumentException(op + ": eps must be >= 0, got " + eps);
    return x.numel() / x.size(-1);
  }

  /** An optimizer step's tensors (the first is the parameter): floating, of its shape, dtype and device, and contiguous. */
  private static void checkFlatBuffers(String op, String[] names, Tensor... all) {
    checkFloating(op, names[0], all[0]);
    for (int i = 0; i < all.length; i++) {
      checkSame(op, names[i], all[i], all[0]);
      if (!all[i].isContiguous()) {
        throw new IllegalArgumentException(op + ": " + names[i] + " must be contiguous (shape " + Shapes.str(all[i].shape) + ", strides "
            + Shapes.str(all[i].strides) + "); the step runs over flat buffers");
      }
    }
  }

  private static void checkFloating(String op, String name, Tensor t) {
    if (t == null) throw new IllegalArgumentException(op + ": " + name + " is null");
    if (!t.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException(op + ": expected a float32 or float64 " + name + ", got " + t.dtype());
    }
  }

  /** A tensor of exactly x's shape, dtype and device. */
  private static void checkSame(String op, String name, Tensor t, Tensor x) {
    if (t == null) throw new IllegalArgumentException(op + ": " + name + " is null");
    if (!java.util.Arrays.equals(t.shape, x.shape)) {
      throw new IllegalArgumentException(op + ": " + name + " has shape " + Shapes.str(t.shape) + ", expected " + Shapes.str(x.shape));
    }
    checkLike(op, name, t, x);
  }

  /** An optional weight or bias: shape (n) for x's last dim n. */
  private static void checkVector(String op, String name, Tensor t, Tensor x) {
    if (t == null) return;
    int n = x.size(-1);
    if (t.dim() != 1 || t.size(0) != n) {
      throw new IllegalArgumentException(op + ": " + name + " has shape " + Shapes.str(t.shape) + ", expected (" + n + ",) for x of shape "
          + Shapes.str(x.shape));
    }
    checkLike(op, name, t, x);
  }

  /** A per-row tensor of shape (rows). */
  private static void checkStats(String op, String name, Tensor t, Tensor x, int rows) {
    if (t == null) throw new IllegalArgumentException(op + ": " + name + " is null");
    if (t.dim() != 1 || t.size(0) != rows) {
      throw new IllegalArgumentException(op + ": " + name + " has shape " + Shapes.str(t.shape) + ", expected (" + rows + ",)");
    }
    checkLike(op, name, t, x);
  }

  private static void checkLike(String op, String name, Tensor t, Tensor x) {
    if (t.dtype() != x.dtype()) throw new IllegalArgumentException(op + ": " + name + " is " + t.dtype() + ", expected " + x.dtype());
    if (!t.device().equals(x.device())) {
      throw new IllegalArgumentException(op + ": expected all tensors on " + x.device() + ", " + name + " is on " + t.device());
    }
  }

  private static void checkCrossEntropy(String op, Tensor logits, Tensor target, double labelSmoothing) {
    checkFloating(op, "logits", logits);
    if (logits.dim() != 2 || logits.size(1) == 0) {
      throw new IllegalArgumentException(op + ": expected logits of shape (N, C) with C >= 1, got " + Shapes.str(logits.shape));
    }
    if (target == null) throw new IllegalArgumentException(op + ": target is null");
    if (target.dtype() != DType.INT64) throw new IllegalArgumentException(op + ": expected int64 class indices as target, got " + target.dtype());
    if (target.dim() != 1 || target.size(0) != logits.size(0)) {
      throw new IllegalArgumentException(op + ": target has shape " + Shapes.str(target.shape) + ", expected (" + logits.size(0)
          + ",) for logits of shape " + Shapes.str(logits.shape));
    }
    if (!target.device().equals(logits.device())) {
      throw new IllegalArgumentException(op + ": expected all tensors on " + logits.device() + ", target is on " + target.device());
    }
    if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
      throw new IllegalArgumentException(op + ": labelSmoothing must be in [0, 1], got " + labelSmoothing);
    }
  }

  /** The non-null ones of x, weight and bias, in that order: the inputs a norm records. */
  private static Tensor[] presentOf(Tensor x, Tensor weight, Tensor bias) {
    if (weight == null && bias == null) return new Tensor[] {x};
    if (weight == null) return new Tensor[] {x, bias};
    if (bias == null) return new Tensor[] {x, weight};
    return new Tensor[] {x, weight, bias};
  }

  private static Tensor dense(Tensor t) {
    return t == null ? null : t.contiguous();
  }

  private static void zero(Tensor t) {
    if (t != null && t.numel() > 0) t.backend().fill(t, 0.0);
  }
}
