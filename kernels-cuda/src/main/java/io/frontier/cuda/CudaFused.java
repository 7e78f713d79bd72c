package io.frontier.cuda;

import static io.frontier.cuda.CudaTensors.ptr;
import static io.frontier.cuda.CudaTensors.suffix;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.ActivationGrad;
import io.frontier.tensor.backend.UnaryOp;
import java.lang.ref.Reference;
import jcuda.driver.CUdeviceptr;

/**
 * Layer norm, RMS norm, cross-entropy and the AdamW step (fused.cu). The frontend
 * ({@code io.frontier.tensor.Fused}) hands over contiguous tensors; row kernels use 16-byte packs
 * when the row length and every pointer allow it ({@link #packable}). Weight and bias gradients
 * are summed deterministically: float64 partials per chunk of rows, then one kernel that adds each
 * column's partials in order (no atomics).
 */
final class CudaFused {
  private static final CUdeviceptr NULL = new CUdeviceptr();

  private final Launcher launcher;

  CudaFused(Launcher launcher) {
    this.launcher = launcher;
  }

  void layerNorm(Tensor x, Tensor weight, Tensor bias, double eps, Tensor out, Tensor mean, Tensor rstd) {
    normForward(x, weight, bias, eps, out, mean, rstd);
  }

  void rmsNorm(Tensor x, Tensor weight, double eps, Tensor out, Tensor rstd) {
    normForward(x, weight, null, eps, out, null, rstd);
  }

  void layerNormBackward(Tensor gradOut, Tensor x, Tensor weight, Tensor mean, Tensor rstd, Tensor gradX, Tensor gradWeight,
      Tensor gradBias) {
    normBackward(gradOut, x, weight, mean, rstd, gradX, gradWeight, gradBias);
  }

  void rmsNormBackward(Tensor gradOut, Tensor x, Tensor weight, Tensor rstd, Tensor gradX, Tensor gradWeight) {
    normBackward(gradOut, x, weight, null, rstd, gradX, gradWeight, null);
  }

  /** {@code mean == null}: RMS norm. */
  private void normForward(Tensor x, Tensor weight, Tensor bias, double eps, Tensor out, Tensor mean, Tensor rstd) {
    int n = x.size(-1);
    int rows = x.numel() / n;
    boolean vec = packable(n, x, out, weight, bias);
    int packs = vec ? n / pack(x.dtype()) : n;
    FusedPlan plan = FusedPlan.rows(rows, packs, FusedPlan.NORM_MAX_THREADS, vec ? FusedPlan.FWD_CACHE_PACKS : FusedPlan.FWD_CACHE_SCALAR);
    String kernel = "fused_norm_fwd_" + suffix(x.dtype()) + (vec ? "_v" : "");
    launcher.launch(kernel, plan.config(), rows, n, plan.cached() ? 1 : 0, mean != null ? 1 : 0, eps, ptr(x), opt(weight), opt(bias),
        ptr(out), opt(mean), ptr(rstd));
  }

  private void normBackward(Tensor gradOut, Tensor x, Tensor weight, Tensor mean, Tensor rstd, Tensor gradX, Tensor gradWeight,
      Tensor gradBias) {
    int n = x.size(-1);
    int rows = x.numel() / n;
    boolean vec = packable(n, gradOut, x, gradX, weight);
    int packs = vec ? n / pack(x.dtype()) : n;
    FusedPlan plan = FusedPlan.rows(rows, packs, FusedPlan.NORM_MAX_THREADS, vec ? FusedPlan.BWD_CACHE_PACKS : FusedPlan.BWD_CACHE_SCALAR);
    String dt = suffix(x.dtype());
    launcher.launch("fused_norm_bwd_" + dt + (vec ? "_v" : ""), plan.config(), rows, n, plan.cached() ? 1 : 0, mean != null ? 1 : 0,
        ptr(gradOut), ptr(x), opt(weight), opt(mean), ptr(rstd), ptr(gradX));
    if (gradWeight == null && gradBias == null) return;
    FusedPlan.Columns cols = FusedPlan.Columns.of(rows, n, launcher.context().multiprocessors());
    int parts = cols.chunks() * n;
    Tensor partW = gradWeight == null ? null : Tensor.empty(DType.FLOAT64, x.device(), parts);
    Tensor partB = gradBias == null ? null : Tensor.empty(DType.FLOAT64, x.device(), parts);
    launcher.launch("fused_norm_wgrad_" + dt, cols.config(), rows, n, cols.rowsPerChunk(), ptr(gradOut), ptr(x), opt(mean), ptr(rstd),
        opt(partW), opt(partB));
    if (gradWeight != null) launcher.elementwise("fused_norm_colsum_" + dt, n, n, cols.chunks(), ptr(partW), ptr(gradWeight));
    if (gradBias != null) launcher.elementwise("fused_norm_colsum_" + dt, n, n, cols.chunks(), ptr(partB), ptr(gradBias));
    // The partials' blocks must not go back to the allocator before the launches are queued.
    Reference.reachabilityFence(partW);
    Reference.reachabilityFence(partB);
  }

  void crossEntropy(Tensor logits, Tensor target, long ignoreIndex, double labelSmoothing, Tensor losses, Tensor logSumExp) {
    int rows = logits.size(0);
    int c = logits.size(1);
    String dt = suffix(logits.dtype());
    FusedPlan.CeStream stream = streamRows ? FusedPlan.ceStream(rows, c, launcher.context().multiprocessors(), streamBlocks) : null;
    if (stream == null) {
      FusedPlan plan = FusedPlan.rows(rows, c, FusedPlan.CE_MAX_THREADS, 0);
      launcher.launch("fused_ce_fwd_" + dt, plan.config(), rows, c, ignoreIndex, labelSmoothing, ptr(logits), ptr(target), ptr(losses),
          ptr(logSumExp), launcher.context().errorFlag());
      return;
    }
    // (max, sum of exponentials, sum of logits) of the two cut pieces a chunk may hold
    Tensor part = Tensor.empty(DType.FLOAT64, logits.device(), 6 * stream.blocks());
    launcher.launch("fused_ce_stream_" + dt, stream.config(), rows, c, stream.chunk(), ignoreIndex, labelSmoothing, ptr(logits),
        ptr(target), ptr(losses), ptr(logSumExp), ptr(part), launcher.context().errorFlag());
    launcher.elementwise("fused_ce_stream_merge_" + dt, stream.blocks() - 1, rows, c, stream.chunk(), stream.blocks(), ignoreIndex,
        labelSmoothing, ptr(logits), ptr(target), ptr(part), ptr(losses), ptr(logSumExp), launcher.context().errorFlag());
    Reference.reachabilityFence(part);
  }

  /**
   * Whether the cross-entropy forward may stream few long rows ({@link FusedPlan#ceStream}):
   * {@code -Dfrontier.cuda.ce.stream=true}. Off by default until it has run on a GPU (it passes the
   * host emulation); whole rows reached 0.59 / 0.73 / 0.83 of copy bandwidth at 64 MB / 256 MB /
   * 1 GB on an H100.
   */
  private static volatile boolean streamRows = Boolean.getBoolean("frontier.cuda.ce.stream");
  /** Blocks of a streamed forward, 0 for the plan's (tests cut rows with few blocks). */
  private static volatile int streamBlocks;
  /**
   * Whether the cross-entropy backward runs a row per group of threads in 16-byte packs
   * (fused_ce_bwd_rows) instead of elementwise (fused_ce_bwd): {@code -Dfrontier.cuda.ce.rowBackward=true}.
   * Off by default until it has run on a GPU (it passes the host emulation).
   */
  private static volatile boolean rowBackward = Boolean.getBoolean("frontier.cuda.ce.rowBackward");

  /** Tests run both forwards on the same rows: {@code stream} on or off, with {@code blocks} blocks (0: the plan's). */
  static void setStreamRows(boolean stream, int blocks) {
    streamRows = stream;
    streamBlocks = blocks;
  }

  static boolean streamRows() {
    return streamRows;
  }

  static int streamBlocks() {
    return streamBlocks;
  }

  /** Tests run both backwards on the same rows. */
  static void setRowBackward(boolean rows) {
    rowBackward = rows;
  }

  static boolean rowBackward() {
    return rowBackward;
  }

  void crossEntropyBackward(Tensor gradLosses, Tensor logits, Tensor target, long ignoreIndex, double labelSmoothing, Tensor logSumExp,
      Tensor gradLogits) {
    int rows = logits.size(0);
    int c = logits.size(1);
    long ldg = rows > 1 ? gradLogits.stride(0) : c; // rows padded to 16 bytes (Fused.crossEntropyBackward)
    String dt = suffix(logits.dtype());
    if (rowBackward) {
      FusedPlan plan = FusedPlan.rows(rows, c, FusedPlan.CE_MAX_THREADS, 0);
      launcher.launch("fused_ce_bwd_rows_" + dt, plan.config(), rows, c, ldg, ignoreIndex, labelSmoothing, ptr(gradLosses), ptr(logits),
          ptr(target), ptr(logSumExp), ptr(gradLogits), launcher.context().errorFlag());
      return;
    }
    int total = logits.numel();
    launcher.elementwise("fused_ce_bwd_" + dt, total, total, c, ldg, ignoreIndex, labelSmoothing, ptr(gradLosses), ptr(logits),
        ptr(target), ptr(logSumExp), ptr(gradLogits), launcher.context().errorFlag());
  }

  /**
   * One AdamW step ({@code decoupledDecay} = its weight decay, {@code l2} = 0) or Adam step
   * ({@code decoupledDecay} = 0, {@code l2} = its weight decay) (optimizer.cu, fused_adamw).
   */
  void adamStep(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, double lr, double beta1, double beta2, double eps,
      double decoupledDecay, double l2, long step, boolean maximize) {
    int n = param.numel();
    DType dtype = param.dtype();
    boolean vec = aligned(param) && aligned(grad) && aligned(expAvg) && aligned(expAvgSq);
    double stepSize = lr / (1 - Math.pow(beta1, step));
    double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
    launcher.elementwise("fused_adamw_" + suffix(dtype), packedThreads(n, dtype, vec), n, vec ? 1 : 0, ptr(param), ptr(grad), ptr(expAvg),
        ptr(expAvgSq), arg(dtype, maximize ? -1 : 1), arg(dtype, beta1), arg(dtype, 1 - beta1), arg(dtype, beta2), arg(dtype, 1 - beta2),
        arg(dtype, 1 - lr * decoupledDecay), arg(dtype, l2), arg(dtype, stepSize), arg(dtype, bc2Sqrt), arg(dtype, eps));
  }

  /**
   * One AdamW step on many tensors of one dtype, {@value AdamList#MAX} a launch
   * (optimizer.cu, fused_adamw_list): the same per-element arithmetic as {@link #adamStep}, so the
   * results equal a launch per tensor bit for bit.
   */
  void adamwStepAll(Tensor[] params, Tensor[] grads, Tensor[] expAvgs, Tensor[] expAvgSqs, double lr, double beta1, double beta2,
      double eps, double weightDecay, long step, boolean maximize) {
    DType dtype = params[0].dtype();
    double stepSize = lr / (1 - Math.pow(beta1, step));
    double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
    java.util.List<AdamList.Entry> batch = new java.util.ArrayList<>();
    for (int i = 0; i <= params.length; i++) {
      if (i < params.length && params[i].numel() > 0) {
        Tensor p = params[i], g = grads[i], m = expAvgs[i], v = expAvgSqs[i];
        boolean vec = aligned(p) && aligned(g) && aligned(m) && aligned(v);
        batch.add(new AdamList.Entry(DeviceAddress.of(ptr(p)), DeviceAddress.of(ptr(g)), DeviceAddress.of(ptr(m)), DeviceAddress.of(ptr(v)),
            p.numel(), vec, packedThreads(p.numel(), dtype, vec)));
      }
      if (!batch.isEmpty() && (batch.size() == AdamList.MAX || i == params.length)) {
        AdamList.Packed list = AdamList.pack(batch, launcher.context().multiprocessors());
        launcher.launch("fused_adamw_list_" + suffix(dtype), LaunchConfig.of1d(list.blocks(), LaunchConfig.ELEMENTWISE_BLOCK), list.words(),
            arg(dtype, maximize ? -1 : 1), arg(dtype, beta1), arg(dtype, 1 - beta1), arg(dtype, beta2), arg(dtype, 1 - beta2),
            arg(dtype, 1 - lr * weightDecay), arg(dtype, 0.0), arg(dtype, stepSize), arg(dtype, bc2Sqrt), arg(dtype, eps));
        batch.clear();
      }
    }
  }

  /**
   * One Lion step (optimizer.cu, fused_lion): the hyperparameters cast to the dtype as LionKernel
   * casts them (1 - beta rounded from float64), so that the update matches the CPU's bit for bit.
   */
  void lionStep(Tensor param, Tensor grad, Tensor expAvg, double lr, double beta1, double beta2, double weightDecay) {
    int n = param.numel();
    DType dtype = param.dtype();
    boolean vec = aligned(param) && aligned(grad) && aligned(expAvg);
    launcher.elementwise("fused_lion_" + suffix(dtype), packedThreads(n, dtype, vec), n, vec ? 1 : 0, ptr(param), ptr(grad), ptr(expAvg),
        arg(dtype, lr), arg(dtype, beta1), arg(dtype, 1 - beta1), arg(dtype, beta2), arg(dtype, 1 - beta2), arg(dtype, 1 - lr * weightDecay));
  }

  /**
   * One SGD step (optimizer.cu, fused_sgd): the hyperparameters cast to the dtype as SgdKernel
   * casts them, so that the update matches the CPU's bit for bit. Without momentum no buffer is
   * passed (a null pointer the kernel never reads).
   */
  void sgdStep(Tensor param, Tensor grad, Tensor momentumBuffer, double lr, double momentum, double dampening, double weightDecay,
      boolean nesterov, boolean maximize, boolean firstStep) {
    int n = param.numel();
    DType dtype = param.dtype();
    boolean withBuffer = momentum != 0;
    boolean vec = aligned(param) && aligned(grad) && (!withBuffer || aligned(momentumBuffer));
    launcher.elementwise("fused_sgd_" + suffix(dtype), packedThreads(n, dtype, vec), n, vec ? 1 : 0, ptr(param), ptr(grad),
        opt(withBuffer ? momentumBuffer : null), arg(dtype, maximize ? -1 : 1), arg(dtype, weightDecay), arg(dtype, momentum),
        arg(dtype, 1 - dampening), arg(dtype, -lr), nesterov ? 1 : 0, firstStep ? 1 : 0);
  }

  /**
   * One RMSprop step (optimizer.cu, fused_rmsprop): gradAvg (centered) and momentumBuffer may be
   * null; hyperparameters cast as RmspropKernel casts them, so that the update matches the CPU's
   * bit for bit.
   */
  void rmspropStep(Tensor param, Tensor grad, Tensor squareAvg, Tensor gradAvg, Tensor momentumBuffer, double lr, double alpha,
      double eps, double weightDecay, double momentum, boolean maximize) {
    int n = param.numel();
    DType dtype = param.dtype();
    boolean vec = aligned(param) && aligned(grad) && aligned(squareAvg) && (gradAvg == null || aligned(gradAvg))
        && (momentumBuffer == null || aligned(momentumBuffer));
    launcher.elementwise("fused_rmsprop_" + suffix(dtype), packedThreads(n, dtype, vec), n, vec ? 1 : 0, ptr(param), ptr(grad), ptr(squareAvg),
        opt(gradAvg), opt(momentumBuffer), arg(dtype, maximize ? -1 : 1), arg(dtype, weightDecay), arg(dtype, alpha), arg(dtype, 1 - alpha),
        arg(dtype, eps), arg(dtype, momentum), arg(dtype, -lr));
  }

  /** One Adagrad step (optimizer.cu, fused_adagrad), bit for bit with AdagradKernel. */
  void adagradStep(Tensor param, Tensor grad, Tensor sum, double lr, double lrDecay, double weightDecay, double eps, long step,
      boolean maximize) {
    int n = param.numel();
    DType dtype = param.dtype();
    boolean vec = aligned(param) && aligned(grad) && aligned(sum);
    double negClr = -(lr / (1 + (step - 1) * lrDecay));
    launcher.elementwise("fused_adagrad_" + suffix(dtype), packedThreads(n, dtype, vec), n, vec ? 1 : 0, ptr(param), ptr(grad), ptr(sum),
        arg(dtype, maximize ? -1 : 1), arg(dtype, weightDecay), arg(dtype, eps), arg(dtype, negClr));
  }

  /** Rows of the last dim per 256-thread block of causal_softmax_* and softmax_bwd_* (one warp each). */
  static final int SOFTMAX_ROWS_PER_BLOCK = 8;

  /** Causal attention softmax, one warp per row (softmax.cu, causal_softmax_impl). */
  void causalSoftmax(Tensor x, int queries, double scale, int offset, Tensor out) {
    int n = x.size(-1);
    int rows = x.numel() / n;
    launcher.launch("causal_softmax_" + suffix(x.dtype()), rowsConfig(rows), rows, n, queries, offset, arg(x.dtype(), scale), ptr(x),
        ptr(out));
  }

  /** dx = scale y (g - sum(g y)) per row of the last dim (softmax.cu, causal_softmax_impl). */
  void softmaxBackward(Tensor gradOut, Tensor y, double scale, Tensor gradIn) {
    int n = y.size(-1);
    int rows = y.numel() / n;
    launcher.launch("softmax_bwd_" + suffix(y.dtype()), rowsConfig(rows), rows, n, arg(y.dtype(), scale), ptr(gradOut), ptr(y),
        ptr(gradIn));
  }

  static LaunchConfig rowsConfig(int rows) {
    return LaunchConfig.of1d((int) LaunchConfig.ceilDiv(rows, SOFTMAX_ROWS_PER_BLOCK), 32 * SOFTMAX_ROWS_PER_BLOCK);
  }

  /** gradIn = gradOut * f'(x) (fused.cu, act_bwd). */
  void activationBackward(UnaryOp op, Tensor gradOut, Tensor x, Tensor gradIn) {
    int n = x.numel();
    DType dtype = x.dtype();
    boolean vec = aligned(gradOut) && aligned(x) && aligned(gradIn);
    launcher.elementwise("fused_act_bwd_" + suffix(dtype), packedThreads(n, dtype, vec), ActivationGrad.code(op), n, vec ? 1 : 0, ptr(gradOut),
        ptr(x), ptr(gradIn));
  }

  /** Elements per 16-byte pack. */
  static int pack(DType dtype) {
    return 16 / dtype.itemSize();
  }

  /** True when rows of n elements of every given (non-null, contiguous) view start on 16-byte boundaries. */
  static boolean packable(int n, Tensor... views) {
    for (Tensor t : views) {
      if (t == null) continue;
      if (n % pack(t.dtype()) != 0 || !aligned(t)) return false;
    }
    return true;
  }

  /**
   * Threads of a grid-stride launch over n elements that moves 16-byte packs when {@code vec}: a
   * thread per pack and per tail element (at least one, so that an empty launch stays valid).
   */
  static long packedThreads(int n, DType dtype, boolean vec) {
    return Math.max(1, vec ? n / pack(dtype) + n % pack(dtype) : n);
  }

  /** Device blocks are at least 256-byte aligned, so the view's offset decides. */
  static boolean aligned(Tensor t) {
    return ((long) t.storageOffset() * t.dtype().itemSize()) % 16 == 0;
  }

  private static CUdeviceptr opt(Tensor t) {
    return t == null ? NULL : ptr(t);
  }

  private static Object arg(DType dtype, double v) {
    return dtype == DType.FLOAT32 ? (Object) (float) v : (Object) v;
  }
}
