package io.frontier.tensor.backend;

import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Storage;
import io.frontier.tensor.Tensor;

/**
 * The kernels a device must provide. The frontend ({@link Tensor} and its op classes) checks
 * arguments, promotes dtypes, broadcasts, allocates outputs and composes higher-level ops from
 * these primitives, so a backend only implements well-formed calls:
 *
 * <ul>
 *   <li>all tensors of one call live on this backend's device;
 *   <li>inputs may be arbitrary strided views (strides may be 0 for broadcast dimensions); outputs
 *       never overlap themselves (no stride-0 dimension of size above 1) and never partially
 *       overlap an input;
 *   <li>dtypes are already those the Javadoc of each method states.
 * </ul>
 *
 * <p>A backend must not synchronise with the host inside these calls except where a method returns
 * data to the host. Implementations are found through {@link BackendProvider} and
 * {@link java.util.ServiceLoader}.
 */
public interface Backend {

  /** A short name such as {@code "cpu"} or {@code "cuda"}. */
  String name();

  Device.Type deviceType();

  /** One line for {@code ./frontier info}: the device and what the backend runs on. */
  default String describe() {
    return name();
  }

  /** Allocates a buffer of {@code numel} elements on {@code device}; the contents are zeros. */
  Storage allocate(DType dtype, long numel, Device device);

  /**
   * Allocates a buffer whose contents are undefined, for an output the caller writes in full
   * ({@code torch.empty}). Saves the zeroing pass where a device must zero explicitly; the default
   * zeroes anyway.
   */
  default Storage allocateUninitialized(DType dtype, long numel, Device device) {
    return allocate(dtype, numel, device);
  }

  /** Copies {@code count} elements from a host array (float[], double[], long[] or boolean[]). */
  void copyFromHost(Object hostArray, int hostOffset, Storage dst, long dstOffset, int count);

  /** Copies {@code count} elements to a host array of the storage's element type. */
  void copyToHost(Storage src, long srcOffset, Object hostArray, int hostOffset, int count);

  /** {@code dst[i] = (dst.dtype) src[i]} for two views of the same shape; casts between dtypes. */
  void copy(Tensor src, Tensor dst);

  /** Sets every element of {@code dst} to {@code value} converted to its dtype. */
  void fill(Tensor dst, double value);

  /** Like {@link #fill(Tensor, double)}, exact for every int64 value. */
  void fill(Tensor dst, long value);

  /**
   * {@code out = op(in)}. {@code in} has the op's compute dtype; {@code out} has the same dtype,
   * or bool for {@link UnaryOp.Domain#PREDICATE} ops.
   */
  void unary(UnaryOp op, Tensor in, Tensor out);

  /**
   * {@code out = a op b} for views of the same shape and dtype; {@code out} has that dtype, or bool
   * when {@link BinaryOp#returnsBool()}.
   */
  void binary(BinaryOp op, Tensor a, Tensor b, Tensor out);

  /** {@code out = cond ? a : b}; cond is bool, a, b and out share a dtype, all the same shape. */
  void where(Tensor cond, Tensor a, Tensor b, Tensor out);

  /**
   * Reduces {@code in} over {@code dims} (sorted, distinct) into {@code out}, whose shape is
   * {@code in}'s with those dims set to 1. SUM and PROD accumulate in out's dtype (int64 for
   * integer/bool input); MAX and MIN keep the input dtype; ANY and ALL write bool. A reduction over
   * zero elements writes the identity (0, 1, -inf, +inf, false, true).
   */
  void reduce(ReduceOp op, Tensor in, int[] dims, Tensor out);

  /**
   * Reduces along {@code dim} into {@code values} (in's dtype) and {@code indices} (int64), both of
   * in's shape with {@code dim} set to 1. Never called on an empty dim.
   */
  void reduceWithIndex(IndexReduceOp op, Tensor in, int dim, Tensor values, Tensor indices);

  /** Inclusive scan along {@code dim}; in and out have the same shape and dtype. */
  void scan(ScanOp op, Tensor in, int dim, Tensor out);

  /**
   * Softmax (or log-softmax) along {@code dim} of a floating tensor, max-subtracted for stability.
   * A slice whose entries are all -inf yields NaN, as in PyTorch.
   */
  void softmax(Tensor in, int dim, boolean log, Tensor out);

  /**
   * Batched matrix product {@code out[b] = a[b] @ b[b]} for 3-D floating views {@code (B, M, K)},
   * {@code (B, K, N)} and {@code (B, M, N)}; or over two batch dims, {@code out[i][j] = a[i][j] @
   * b[i][j]} for 4-D views {@code (B1, B2, M, K)} etc., each batch dim with its own stride (heads
   * split from one tensor, which no single batch stride describes). Batch strides of the inputs
   * may be 0.
   */
  void matmul(Tensor a, Tensor b, Tensor out);

  /**
   * {@link #matmul} plus {@code bias} (N, contiguous, out's dtype) added to every row of every
   * {@code out[b]}: a linear layer. The default adds the bias in a second pass; a backend whose
   * product kernels can add it as they write {@code out} overrides this.
   */
  default void matmulBias(Tensor a, Tensor b, Tensor bias, Tensor out) {
    matmul(a, b, out);
    binary(BinaryOp.ADD, out, bias.expand(out.shape()), out);
  }

  /**
   * {@code out[i][j][k] = in[index[i][j][k]][j][k]} (for dim 0), as {@code torch.gather}. index is
   * int64 with out's shape; indices were checked to be in range.
   */
  void gather(Tensor in, int dim, Tensor index, Tensor out);

  /**
   * {@code out[index[i][j][k]][j][k] = src[i][j][k]} (for dim 0), in place on {@code out}, as
   * {@code torch.Tensor.scatter_}; with {@code accumulate} it adds instead ({@code scatter_add_}).
   * index and src have the same shape; indices were checked to be in range.
   */
  void scatter(Tensor out, int dim, Tensor index, Tensor src, boolean accumulate);

  /** Selects entries of a 1-D int64 {@code index} along {@code dim}, as {@code index_select}. */
  void indexSelect(Tensor in, int dim, Tensor index, Tensor out);

  /** {@code out.select(dim, index[i]) += src.select(dim, i)}, in place, as {@code index_add_}. */
  void indexAdd(Tensor out, int dim, Tensor index, Tensor src);

  /**
   * Stable sort along {@code dim}; NaN sorts above every number. Writes the sorted values and the
   * int64 indices into the input.
   */
  void sort(Tensor in, int dim, boolean descending, Tensor values, Tensor indices);

  /**
   * Fills a contiguous floating tensor from the Philox4x32-10 stream of {@code (seed, offset)}. The
   * exact mapping from stream words to values is documented on {@code io.frontier.tensor.Generator}
   * and must be reproduced bit for bit (uniform) or to float rounding (normal).
   */
  void random(RandomKind kind, long seed, long offset, Tensor out);

  // ---------------------------------------------------------------- fused ops
  // The frontend (io.frontier.tensor.Fused) hands these contiguous tensors of one floating dtype
  // (float32 or float64; targets int64); float32 rows accumulate their statistics in float64.

  /**
   * Layer normalisation over the last dim of {@code x}, as {@code torch.nn.functional.layer_norm}
   * with {@code normalized_shape = x.shape[-1:]}: for each of the {@code rows = numel / n} rows,
   * {@code out = (x - mean) * rstd * weight + bias} with {@code rstd = 1 / sqrt(var + eps)} and the
   * biased variance. {@code weight} and {@code bias} (shape {@code (n)}) may be null (1 and 0);
   * {@code mean} and {@code rstd} have shape {@code (rows)}. Never called with zero elements.
   */
  void layerNorm(Tensor x, Tensor weight, Tensor bias, double eps, Tensor out, Tensor mean, Tensor rstd);

  /**
   * The gradients of {@link #layerNorm} from the saved {@code mean} and {@code rstd}: with
   * {@code xhat = (x - mean) * rstd} and {@code g = gradOut * weight}, {@code gradX = rstd * (g -
   * mean(g) - xhat * mean(g * xhat))} per row; {@code gradWeight = sum over rows of gradOut * xhat}
   * and {@code gradBias = sum over rows of gradOut}. weight, gradWeight and gradBias may be null
   * (independently); the sums over rows are deterministic.
   */
  void layerNormBackward(Tensor gradOut, Tensor x, Tensor weight, Tensor mean, Tensor rstd, Tensor gradX, Tensor gradWeight,
      Tensor gradBias);

  /**
   * RMS normalisation over the last dim, as {@code torch.nn.functional.rms_norm}: {@code out = x *
   * rstd * weight} with {@code rstd = 1 / sqrt(mean(x^2) + eps)} of shape {@code (rows)};
   * {@code weight} may be null.
   */
  void rmsNorm(Tensor x, Tensor weight, double eps, Tensor out, Tensor rstd);

  /**
   * The gradients of {@link #rmsNorm}: with {@code xhat = x * rstd} and {@code g = gradOut *
   * weight}, {@code gradX = rstd * (g - xhat * mean(g * xhat))}; {@code gradWeight = sum over rows
   * of gradOut * xhat}. weight and gradWeight may be null.
   */
  void rmsNormBackward(Tensor gradOut, Tensor x, Tensor weight, Tensor rstd, Tensor gradX, Tensor gradWeight);

  /**
   * Cross-entropy of {@code (N, C)} logits against int64 class indices {@code target} of shape
   * {@code (N)}, as {@code torch.nn.functional.cross_entropy(reduction='none')}: per row
   * {@code lse = log sum exp z}, {@code loss = (1 - eps) (lse - z[t]) + eps (lse - mean(z))} with
   * {@code eps = labelSmoothing} (the second term only when eps > 0), and 0 for rows whose target is
   * {@code ignoreIndex}. Writes {@code losses} and {@code logSumExp} (both {@code (N)}, logits'
   * dtype). A target outside {@code [0, C)} other than ignoreIndex is an
   * {@link IndexOutOfBoundsException} naming the row (a device reports it at its next
   * synchronisation, leaving the outputs undefined).
   */
  void crossEntropy(Tensor logits, Tensor target, long ignoreIndex, double labelSmoothing, Tensor losses, Tensor logSumExp);

  /**
   * The gradient of {@link #crossEntropy} with respect to the logits: {@code gradLogits[r] =
   * gradLosses[r] * (softmax(z[r]) - (1 - eps) onehot(t) - eps / C)} from the saved
   * {@code logSumExp}, and 0 for ignored rows. Targets are checked as in {@link #crossEntropy}.
   * The other tensors are contiguous; {@code gradLogits} has a unit column stride and a row stride
   * of at least C (rows padded to 16 bytes, see {@code Fused.crossEntropyBackward}).
   */
  void crossEntropyBackward(Tensor gradLosses, Tensor logits, Tensor target, long ignoreIndex, double labelSmoothing,
      Tensor logSumExp, Tensor gradLogits);

  /**
   * Causal attention probabilities in one pass: for each row of the last dim ({@code n} elements;
   * row {@code r} is query {@code i = r mod T} of a {@code (T, n)} matrix, {@code T} given),
   * {@code out[j] = softmax(scale * x)[j]} over the kept {@code j <= i + offset}, and exactly 0
   * for the others. Contiguous x and out of one floating dtype; {@code offset >= 0}.
   */
  void causalSoftmax(Tensor x, int queries, double scale, int offset, Tensor out);

  /**
   * Scaled dot-product attention, forward: for each of the {@code N0 x N1} (batch, head) pairs of
   * q {@code (N0, N1, Tq, D)}, k and v {@code (N0, N1, Tk, D)}, {@code out_i = sum_j p_ij v_j} with
   * {@code p_ij = exp(scale q_i . k_j - lse_i)} over the keys {@code j <= i + offset} (offset
   * {@code >= Tk} keeps them all), and {@code lse_i} the log of the sum of {@code exp(scale q_i . k_j)}.
   * The four 4-D tensors have a unit last stride and any other strides (out's not overlapping);
   * {@code logSumExp} is contiguous {@code (N0, N1, Tq)}; one floating dtype; {@code Tk >= 1}. With
   * an active {@code dropout}, each weight {@code p_ij} reaching v is multiplied by its
   * factor ({@link DropoutStream#factors}) (the log-sum-exp is of the weights before dropout).
   */
  void attention(Tensor q, Tensor k, Tensor v, double scale, int offset, DropoutStream dropout, Tensor out, Tensor logSumExp);

  /**
   * The backward of {@link #attention} from the output's gradient {@code gradOut}, the inputs, the
   * output and its log-sum-exp, recomputing the probabilities: {@code gradV = (P Z)^T gradOut},
   * {@code dS = P * (Z (gradOut v^T) - rowsum(gradOut * out))}, {@code gradQ = scale dS k},
   * {@code gradK = scale dS^T q}, with Z the forward's dropout factors (1 without dropout). Layouts
   * as in {@link #attention}; the gradients are written whole.
   */
  void attentionBackward(Tensor gradOut, Tensor q, Tensor k, Tensor v, Tensor out, Tensor logSumExp, double scale, int offset,
      DropoutStream dropout, Tensor gradQ, Tensor gradK, Tensor gradV);

  /**
   * The backward of a softmax of {@code scale * x} along the last dim from its output {@code y}:
   * {@code gradIn = scale * y * (gradOut - sum(gradOut * y))} per row. Contiguous tensors of one
   * shape and floating dtype; row sums accumulate in float64 on the CPU.
   */
  void softmaxBackward(Tensor gradOut, Tensor y, double scale, Tensor gradIn);

  /**
   * {@code gradIn = gradOut * f'(x)} for an activation {@code f} with {@link ActivationGrad#supported}
   * in one pass over three contiguous tensors of one shape and floating dtype; float32 may compute
   * in float32. {@link ActivationGrad#derivative} is the reference.
   */
  void activationBackward(UnaryOp op, Tensor gradOut, Tensor x, Tensor gradIn);

  /**
   * One {@code torch.optim.AdamW} step (no amsgrad), in place on four contiguous tensors of one
   * shape and dtype, in one pass: {@code p *= 1 - lr wd; m = b1 m + (1 - b1) g; v = b2 v + (1 - b2)
   * g^2; p -= lr / (1 - b1^step) * m / (sqrt(v) / sqrt(1 - b2^step) + eps)}, with {@code g = -grad}
   * when {@code maximize}. {@code step} counts from 1. The caller bumps the storages' versions.
   */
  void adamwStep(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, double lr, double beta1, double beta2, double eps,
      double weightDecay, long step, boolean maximize);

  /**
   * {@link #adamwStep} on every index of four arrays of tensors (each quadruple as adamwStep takes
   * it; all of one dtype), with one step count: a backend may update many tensors a launch (the
   * CUDA one takes 24, where launches per tensor dominate a model's small parameters). This default
   * steps them one by one, skipping empty tensors.
   */
  /**
   * Sets every element of every tensor to 0 (a model's gradients between steps), tensors of any
   * dtype on this backend's device; a backend may zero many a launch (the CUDA one, 32). This
   * default fills them one by one. The caller bumps the storages' versions.
   */
  default void zeroAll(Tensor[] tensors) {
    for (Tensor t : tensors) if (t.numel() > 0) fill(t, 0.0);
  }

  default void adamwStepAll(Tensor[] params, Tensor[] grads, Tensor[] expAvgs, Tensor[] expAvgSqs, double lr, double beta1, double beta2,
      double eps, double weightDecay, long step, boolean maximize) {
    for (int i = 0; i < params.length; i++) {
      if (params[i].numel() > 0) adamwStep(params[i], grads[i], expAvgs[i], expAvgSqs[i], lr, beta1, beta2, eps, weightDecay, step, maximize);
    }
  }

  /**
   * One {@code torch.optim.Adam} step (no amsgrad): {@link #adamwStep}'s update with the weight
   * decay as an L2 term on the gradient, {@code g = (maximize ? -grad : grad) + wd p}, and no
   * decoupled decay. The caller bumps the storages' versions. This default runs it as a chain of
   * tensor ops; a backend with a fused kernel overrides it.
   */
  default void adamStep(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, double lr, double beta1, double beta2, double eps,
      double weightDecay, long step, boolean maximize) {
    Tensor g = maximize ? grad.neg() : grad;
    if (weightDecay != 0) g = g.add(param.mul(weightDecay));
    expAvg.mul_(beta1).add_(g.mul(1 - beta1));
    expAvgSq.mul_(beta2).add_(g.mul(g).mul_(1 - beta2));
    double stepSize = lr / (1 - Math.pow(beta1, step));
    double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
    param.add_(expAvg.mul(-stepSize).div_(expAvgSq.sqrt().div_(bc2Sqrt).add_(eps)));
  }

  /**
   * One Lion step (lion-pytorch's update), in place on three contiguous tensors of one shape and
   * dtype: {@code p *= 1 - lr wd; p -= lr sign(b1 m + (1 - b1) g); m = b2 m + (1 - b2) g}. The caller
   * bumps the storages' versions. This default runs the update as a chain of tensor ops; a backend
   * with a fused kernel overrides it.
   */
  default void lionStep(Tensor param, Tensor grad, Tensor expAvg, double lr, double beta1, double beta2, double weightDecay) {
    param.mul_(1 - lr * weightDecay);
    Tensor tmp = grad.mul(1 - beta1);
    param.add_(expAvg.mul(beta1).add_(tmp).apply_(UnaryOp.SIGN).mul_(-lr));
    expAvg.mul_(beta2).add_(tmp.copy_(grad).mul_(1 - beta2));
  }

  /**
   * One {@code torch.optim.SGD} step (1.13, single-tensor), in place on contiguous tensors of one
   * shape and dtype: {@code d = maximize ? -grad : grad; d += wd p} (when {@code wd != 0}); with
   * {@code momentum != 0}: {@code buf = firstStep ? d : momentum buf + (1 - dampening) d}, {@code d
   * = nesterov ? d + momentum buf : buf}; then {@code p -= lr d}. {@code momentumBuffer} is null
   * without momentum; {@code firstStep} fills it (torch clones d into a new buffer). The fused
   * kernels (CPU, CUDA) round each product and sum in the dtype, in this order, with the
   * hyperparameters cast to it, so that they agree bit for bit. The caller bumps the storages'
   * versions. This default runs the update as a chain of tensor ops; a backend with a fused kernel
   * overrides it.
   */
  default void sgdStep(Tensor param, Tensor grad, Tensor momentumBuffer, double lr, double momentum, double dampening,
      double weightDecay, boolean nesterov, boolean maximize, boolean firstStep) {
    Tensor d = maximize ? grad.neg() : grad;
    if (weightDecay != 0) d = d.add(param.mul(weightDecay));
    if (momentum != 0) {
      if (firstStep) momentumBuffer.copy_(d);
      else momentumBuffer.mul_(momentum).add_(d.mul(1 - dampening));
      d = nesterov ? d.add(momentumBuffer.mul(momentum)) : momentumBuffer;
    }
    param.add_(d.mul(-lr));
  }

  /**
   * One {@code torch.optim.RMSprop} step (1.13, single-tensor) in place on contiguous tensors of one
   * shape and dtype: {@code d = (maximize ? -grad : grad) + wd p; sq = alpha sq + (1 - alpha) d^2};
   * {@code a = sqrt(sq - ga^2) + eps} with {@code ga = alpha ga + (1 - alpha) d} when {@code
   * gradAvg} is given (centered), else {@code sqrt(sq) + eps}; with a {@code momentumBuffer}:
   * {@code buf = momentum buf + d / a, p -= lr buf}, else {@code p -= lr d / a}. The fused kernels
   * (CPU, CUDA) round each operation in the dtype, in this order, with the hyperparameters cast to
   * it. The caller bumps the storages' versions. This default runs a chain of tensor ops.
   */
  default void rmspropStep(Tensor param, Tensor grad, Tensor squareAvg, Tensor gradAvg, Tensor momentumBuffer, double lr, double alpha,
      double eps, double weightDecay, double momentum, boolean maximize) {
    Tensor d = maximize ? grad.neg() : grad;
    if (weightDecay != 0) d = d.add(param.mul(weightDecay));
    squareAvg.mul_(alpha).add_(d.mul(1 - alpha).mul_(d));
    Tensor a;
    if (gradAvg != null) {
      gradAvg.mul_(alpha).add_(d.mul(1 - alpha));
      a = squareAvg.sub(gradAvg.mul(gradAvg)).sqrt_();
    } else {
      a = squareAvg.sqrt();
    }
    a.add_(eps);
    if (momentumBuffer != null) {
      momentumBuffer.mul_(momentum).add_(d.div(a));
      param.add_(momentumBuffer.mul(-lr));
    } else {
      param.add_(d.mul(-lr).div_(a));
    }
  }

  /**
   * One {@code torch.optim.Adagrad} step (1.13, dense gradients) in place on contiguous tensors of
   * one shape and dtype: {@code d = (maximize ? -grad : grad) + wd p; sum += d^2; p -= clr d /
   * (sqrt(sum) + eps)} with {@code clr = lr / (1 + (step - 1) lrDecay)}. Rounding and versions as
   * {@link #rmspropStep}; this default runs a chain of tensor ops.
   */
  default void adagradStep(Tensor param, Tensor grad, Tensor sum, double lr, double lrDecay, double weightDecay, double eps, long step,
      boolean maximize) {
    Tensor d = maximize ? grad.neg() : grad;
    if (weightDecay != 0) d = d.add(param.mul(weightDecay));
    sum.add_(d.mul(d));
    double clr = lr / (1 + (step - 1) * lrDecay);
    param.add_(d.mul(-clr).div_(sum.sqrt().add_(eps)));
  }

  /** Dense linear algebra on batches of matrices. */
  Linalg linalg();
}
