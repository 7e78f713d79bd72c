package io.frontier.cuda;

import static jcuda.driver.JCudaDriver.cuMemsetD8Async;

import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Storage;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.Backend;
import io.frontier.tensor.backend.BinaryOp;
import io.frontier.tensor.backend.DropoutStream;
import io.frontier.tensor.backend.IndexReduceOp;
import io.frontier.tensor.backend.Linalg;
import io.frontier.tensor.backend.RandomKind;
import io.frontier.tensor.backend.ReduceOp;
import io.frontier.tensor.backend.ScanOp;
import io.frontier.tensor.backend.UnaryOp;
import jcuda.driver.CUdeviceptr;

/**
 * The CUDA backend: every primitive of {@link Backend} as a kernel of the committed fatbin, queued
 * on one stream without host synchronisation, except where a method returns data to the host.
 *
 * <p>The op families live in their own classes ({@link CudaElementwise}, {@link CudaReductions},
 * {@link CudaMatmul}, {@link CudaIndexing}, {@link CudaRandom}, {@link CudaFused}, {@link CudaAttention}, {@link CudaLinalg}: the Cholesky
 * and LU factors, triangular solves, QR, eigh and the SVD on the device). {@link HostFallback} runs
 * only matrices past {@link CudaLinalg#MAX_DEVICE_ORDER} and non-contiguous views of the
 * decompositions ({@link HostLinalg}), and attention with head dims past 128 (64 in float64) or
 * tiles larger than the card's shared memory ({@link CudaAttention}).
 */
public final class CudaBackend implements Backend {
  private final CudaContext ctx;
  private final Device device;
  private final Launcher launcher;
  private final HostTransfers transfers;
  private final CudaElementwise elementwise;
  private final CudaReductions reductions;
  private final CudaMatmul matmul;
  private final CudaIndexing indexing;
  private final CudaRandom random;
  private final CudaFused fused;
  private final CudaAttention attention;
  private final CudaLinalg linalg;
  private volatile MatmulPrecision matmulPrecision = MatmulPrecision.fromProperty();

  CudaBackend(CudaContext ctx) {
    this.ctx = ctx;
    this.device = Device.cuda(ctx.ordinal());
    this.launcher = new Launcher(ctx);
    this.transfers = new HostTransfers(ctx);
    this.elementwise = new CudaElementwise(launcher);
    this.reductions = new CudaReductions(launcher);
    this.matmul = new CudaMatmul(launcher, this);
    this.linalg = new CudaLinalg(launcher, this);
    this.indexing = new CudaIndexing(launcher);
    this.random = new CudaRandom(launcher);
    this.fused = new CudaFused(launcher);
    this.attention = new CudaAttention(launcher);
  }

  /** The CUDA backend if one is loaded (for benchmarks and tests that need the device itself). */
  public static java.util.Optional<CudaBackend> loaded() {
    io.frontier.tensor.Backends.isAvailable(Device.Type.CUDA); // starts the providers on first use
    return java.util.Optional.ofNullable(CudaBackendProvider.instance());
  }

  public CudaContext context() {
    return ctx;
  }

  public Launcher launcher() {
    return launcher;
  }

  Device device() {
    return device;
  }

  /** The precision float32 matrix products run at (float64 ones always run in FP64). */
  public MatmulPrecision matmulPrecision() {
    return matmulPrecision;
  }

  public void setMatmulPrecision(MatmulPrecision precision) {
    this.matmulPrecision = java.util.Objects.requireNonNull(precision, "precision");
  }

  /** Which TF32 / BF16 matmul kernels run (tests; the default comes from {@code frontier.cuda.gemm}, see {@link TcPlan}). */
  void setGemmMode(TcPlan.Mode mode) {
    matmul.setMode(mode);
  }

  /** The TF32 / BF16 policy that runs unless a test sets another: {@code frontier.cuda.gemm}, or this card's default. */
  TcPlan.Mode defaultGemmMode() {
    return TcPlan.Mode.fromProperty(ctx.hasWgmma());
  }

  /** cuBLAS, for comparison with our kernels: whether it loads here, and why not ({@link CublasGemm}). */
  public CublasGemm cublas() {
    return matmul.cublas();
  }

  /**
   * {@link #matmul} through cuBLAS whatever {@code frontier.cuda.gemm} says (benchmarks compare
   * the two); throws {@link IllegalStateException} when cuBLAS is unavailable.
   */
  public void matmulCublas(Tensor a, Tensor b, Tensor out) {
    if (out.numel() > 0) matmul.matmul(a, b, out, TcPlan.Mode.CUBLAS);
  }

  /**
   * {@link #matmul} at TF32 through the direct (pack-free) tensor-core kernels, with rounded or
   * truncated operands, whatever {@code frontier.cuda.gemm} says (benchmarks compare the paths);
   * products the direct kernels cannot take (unaligned operands, too little shared memory) run as
   * in {@code auto}.
   */
  public void matmulDirect(Tensor a, Tensor b, Tensor out, boolean roundOperands) {
    if (out.numel() > 0) {
      matmul.matmul(a, b, out, roundOperands ? TcPlan.Mode.DIRECT : TcPlan.Mode.DIRECT_TRUNCATED, MatmulPrecision.TF32);
    }
  }

  /**
   * {@link #matmul} at TF32, BF16 or TF32X3 through the mma.sync kernels ({@code frontier.cuda.gemm=auto}),
   * whatever the default is: on a compute capability 9.0 card benchmarks compare them with the
   * wgmma kernels that run by default there.
   *
   * @throws IllegalArgumentException for {@link MatmulPrecision#HIGHEST}, which never uses tensor cores
   */
  public void matmulMmaSync(Tensor a, Tensor b, Tensor out, MatmulPrecision precision) {
    if (precision == MatmulPrecision.HIGHEST) throw new IllegalArgumentException("mma.sync products run at TF32, BF16 or TF32X3, not HIGHEST");
    if (out.numel() > 0) matmul.matmul(a, b, out, TcPlan.Mode.AUTO, precision);
  }

  /**
   * {@link #matmul} in plain FP32 (or FP64) arithmetic whatever {@link #matmulPrecision} is: the
   * products inside a factorisation, which a TF32 rounding would make less accurate than the
   * unblocked factor (cuSOLVER's do not use the tensor cores' reduced precisions either).
   */
  void matmulFullPrecision(Tensor a, Tensor b, Tensor out) {
    if (out.numel() > 0) matmul.matmul(a, b, out, matmul.mode(), MatmulPrecision.HIGHEST);
  }

  /** The width of the blocked Cholesky factor's diagonal blocks. */
  public int choleskyBlockWidth() {
    return CudaLinalg.CHOLESKY_BLOCK;
  }

  /** The matrix order from which Cholesky factors run blocked (see {@code frontier.cuda.cholesky.blockedFrom}). */
  public int blockedCholeskyFrom() {
    return linalg.blockedCholeskyFrom;
  }

  /**
   * Sets the order from which Cholesky factors run blocked (diagonal blocks, panel solves and
   * trailing products over the whole device) instead of one thread block per matrix; benchmarks
   * compare the two. {@code Integer.MAX_VALUE}: never blocked; matrices of at most {@link
   * #choleskyBlockWidth} rows always take the one-block kernel.
   */
  public void setBlockedCholeskyFrom(int order) {
    if (order < 1) throw new IllegalArgumentException("blocked Cholesky: the order must be at least 1, got " + order);
    linalg.blockedCholeskyFrom = order;
  }

  /** The matrix order from which solve, inverse and slogdet factor blocked (see {@code frontier.cuda.lu.blockedFrom}). */
  public int blockedLuFrom() {
    return linalg.blockedLuFrom;
  }

  /**
   * Sets the order from which solve, inverse and slogdet factor blocked (panels, row swaps,
   * triangular solves and trailing products over the whole device) instead of one thread block per
   * matrix; benchmarks compare the two. {@code Integer.MAX_VALUE}: never blocked.
   */
  public void setBlockedLuFrom(int order) {
    if (order < 1) throw new IllegalArgumentException("blocked LU: the order must be at least 1, got " + order);
    linalg.blockedLuFrom = order;
  }

  /** The TF32 / BF16 product policy in effect: {@code frontier.cuda.gemm}'s value, or the default for this card. */
  public String gemmMode() {
    return matmul.mode().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /**
   * {@link #matmul} at TF32, BF16 or TF32X3 ({@code precision}) through the packed operands and the
   * warpgroup (wgmma) product kernels, whatever {@code frontier.cuda.gemm} says (benchmarks
   * compare the paths); products too small to pay for the packing run as in {@code auto}.
   *
   * @throws IllegalStateException when this card has no wgmma kernels ({@link CudaContext#wgmmaUnavailable()})
   * @throws IllegalArgumentException for {@link MatmulPrecision#HIGHEST}, which never uses tensor cores
   */
  public void matmulWgmma(Tensor a, Tensor b, Tensor out, MatmulPrecision precision) {
    if (!ctx.hasWgmma()) throw new IllegalStateException("no wgmma kernels on this card: " + ctx.wgmmaUnavailable());
    if (precision == MatmulPrecision.HIGHEST) throw new IllegalArgumentException("wgmma products run at TF32, BF16 or TF32X3, not HIGHEST");
    if (out.numel() > 0) matmul.matmul(a, b, out, TcPlan.Mode.WGMMA, precision);
  }

  /**
   * Gives a temporary's device block back at once (see {@link CudaStorage#releaseNow()}): for
   * backend-internal scratch tensors whose kernels are all queued. A tensor that is not a fresh
   * temporary (a view, or one held elsewhere) must never be passed.
   */
  static void releaseScratch(Tensor scratch) {
    if (scratch.storage() instanceof CudaStorage s) s.releaseNow();
  }

  /** Waits for every queued kernel and copy. */
  public void synchronize() {
    ctx.synchronize();
  }

  public CachingAllocator.Stats memoryStats() {
    return ctx.allocator().stats();
  }

  /** Returns cached device blocks to the driver, as {@code torch.cuda.empty_cache()}. */
  public void emptyCache() {
    ctx.allocator().emptyCache();
  }

  @Override
  public String name() {
    return "cuda";
  }

  @Override
  public String describe() {
    return ctx.describe() + "; float32 products at " + matmulPrecision.name().toLowerCase(java.util.Locale.ROOT) + "; cublas: "
        + matmul.cublas().status();
  }

  @Override
  public Device.Type deviceType() {
    return Device.Type.CUDA;
  }

  @Override
  public Storage allocate(DType dtype, long numel, Device device) {
    return allocate(dtype, numel, device, (byte) 0);
  }

  /**
   * Skips the zeroing pass. With {@code -Dfrontier.cuda.poison=true} the block is filled with 0xFF
   * bytes instead (NaN for floats, -1 for int64), so that an op that leaves part of its output
   * unwritten fails the parity tests.
   */
  @Override
  public Storage allocateUninitialized(DType dtype, long numel, Device device) {
    return allocate(dtype, numel, device, POISON ? (byte) 0xFF : null);
  }

  static final boolean POISON = Boolean.getBoolean("frontier.cuda.poison");

  private Storage allocate(DType dtype, long numel, Device device, Byte fillByte) {
    if (device.index() != ctx.ordinal()) {
      throw new IllegalArgumentException("this CUDA backend serves " + this.device + ", not " + device);
    }
    long bytes = numel * dtype.itemSize();
    CachingAllocator.Block<CUdeviceptr> block = ctx.allocator().allocate(bytes);
    if (bytes > 0 && fillByte != null && !ctx.isDry()) {
      ctx.makeCurrent();
      CudaContext.check(cuMemsetD8Async(block.handle(), fillByte, bytes, ctx.stream()), "cuMemsetD8Async(" + bytes + ")");
    }
    return new CudaStorage(this, dtype, numel, block);
  }

  @Override
  public void copyFromHost(Object hostArray, int hostOffset, Storage dst, long dstOffset, int count) {
    if (count == 0) return;
    transfers.toDevice(hostArray, hostOffset, ((CudaStorage) dst).pointer(dstOffset), count, dst.dtype().itemSize());
  }

  @Override
  public void copyToHost(Storage src, long srcOffset, Object hostArray, int hostOffset, int count) {
    if (count == 0) return;
    transfers.toHost(((CudaStorage) src).pointer(srcOffset), hostArray, hostOffset, count, src.dtype().itemSize());
  }

  @Override
  public void copy(Tensor src, Tensor dst) {
    int n = dst.numel();
    if (n == 0) return;
    int[] sd = StridedDesc.of(src);
    int[] dd = StridedDesc.of(dst);
    if (src.dtype() == dst.dtype() && CudaTensors.allDense(sd, dd) == 1) {
      // Same bytes, both dense: the driver's copy engine path, as PyTorch's copy_ does.
      DeviceCopy.copyBytes(ctx, src, dst);
      return;
    }
    if (src.dtype() == dst.dtype() && src.dtype() != DType.BOOL) {
      // Both views in 16-byte packs (a permute that keeps the last dim, such as attention's head split and merge)
      int v = 16 / src.dtype().itemSize();
      int[] sp = StridedDesc.packed(sd, src.storageOffset(), v), dp = StridedDesc.packed(dd, dst.storageOffset(), v);
      if (sp != null && dp != null) {
        launcher.elementwise("copy_vec_" + CudaTensors.suffix(src.dtype()), n / v, n / v, CudaTensors.ptr(src), sp, CudaTensors.ptr(dst), dp);
        return;
      }
    }
    String kernel = "copy_" + CudaTensors.suffix(src.dtype()) + "_" + CudaTensors.suffix(dst.dtype());
    launcher.elementwise(kernel, n, n, CudaTensors.ptr(src), sd, CudaTensors.ptr(dst), dd, CudaTensors.allDense(sd, dd));
  }

  @Override
  public void fill(Tensor dst, double value) {
    fillWith(dst, CudaTensors.scalarArg(dst.dtype(), value));
  }

  @Override
  public void fill(Tensor dst, long value) {
    Object arg = dst.dtype() == DType.INT64 ? (Object) value : CudaTensors.scalarArg(dst.dtype(), (double) value);
    fillWith(dst, arg);
  }

  /**
   * Contiguous float32, float64 and int64 tensors are zeroed {@value ZeroList#MAX} a launch (copy.cu,
   * zero_list: their words set to 0 bits, which is 0 in all three); the others one fill each.
   */
  @Override
  public void zeroAll(Tensor[] tensors) {
    java.util.List<ZeroList.Entry> batch = new java.util.ArrayList<>();
    for (int i = 0; i <= tensors.length; i++) {
      if (i < tensors.length) {
        Tensor t = tensors[i];
        if (t.numel() == 0) continue;
        if (!t.isContiguous() || t.dtype() == DType.BOOL) {
          fill(t, 0.0);
          continue;
        }
        batch.add(new ZeroList.Entry(DeviceAddress.of(CudaTensors.ptr(t)), (long) t.numel() * t.dtype().itemSize() / 4));
      }
      if (!batch.isEmpty() && (batch.size() == ZeroList.MAX || i == tensors.length)) {
        ZeroList.Packed list = ZeroList.pack(batch, ctx.multiprocessors());
        launcher.launch("zero_list", LaunchConfig.of1d(list.blocks(), LaunchConfig.ELEMENTWISE_BLOCK), list.words());
        batch.clear();
      }
    }
  }

  private void fillWith(Tensor dst, Object value) {
    int n = dst.numel();
    if (n == 0) return;
    int[] dd = StridedDesc.of(dst);
    launcher.elementwise("fill_" + CudaTensors.suffix(dst.dtype()), n, n, CudaTensors.ptr(dst), dd, CudaTensors.allDense(dd), value);
  }

  @Override
  public void unary(UnaryOp op, Tensor in, Tensor out) {
    if (out.numel() > 0) elementwise.unary(op, in, out);
  }

  @Override
  public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
    if (out.numel() > 0) elementwise.binary(op, a, b, out);
  }

  @Override
  public void where(Tensor cond, Tensor a, Tensor b, Tensor out) {
    if (out.numel() > 0) elementwise.where(cond, a, b, out);
  }

  @Override
  public void reduce(ReduceOp op, Tensor in, int[] dims, Tensor out) {
    if (out.numel() > 0) reductions.reduce(op, in, dims, out);
  }

  @Override
  public void reduceWithIndex(IndexReduceOp op, Tensor in, int dim, Tensor values, Tensor indices) {
    if (values.numel() > 0) reductions.reduceWithIndex(op, in, dim, values, indices);
  }

  @Override
  public void scan(ScanOp op, Tensor in, int dim, Tensor out) {
    if (out.numel() > 0) reductions.scan(op, in, dim, out);
  }

  @Override
  public void softmax(Tensor in, int dim, boolean log, Tensor out) {
    if (out.numel() > 0) reductions.softmax(in, dim, log, out);
  }

  @Override
  public void matmul(Tensor a, Tensor b, Tensor out) {
    if (out.numel() > 0) matmul.matmul(a, b, out);
  }

  @Override
  public void matmulBias(Tensor a, Tensor b, Tensor bias, Tensor out) {
    if (out.numel() > 0) matmul.matmulBias(a, b, bias, out);
  }

  @Override
  public void gather(Tensor in, int dim, Tensor index, Tensor out) {
    if (out.numel() > 0) indexing.gather(in, dim, index, out);
  }

  @Override
  public void scatter(Tensor out, int dim, Tensor index, Tensor src, boolean accumulate) {
    if (index.numel() > 0) indexing.scatter(out, dim, index, src, accumulate);
  }

  @Override
  public void indexSelect(Tensor in, int dim, Tensor index, Tensor out) {
    if (out.numel() > 0) indexing.indexSelect(in, dim, index, out);
  }

  @Override
  public void indexAdd(Tensor out, int dim, Tensor index, Tensor src) {
    if (index.numel() > 0 && src.numel() > 0) indexing.indexAdd(out, dim, index, src);
  }

  @Override
  public void sort(Tensor in, int dim, boolean descending, Tensor values, Tensor indices) {
    if (values.numel() > 0) indexing.sort(in, dim, descending, values, indices);
  }

  @Override
  public void random(RandomKind kind, long seed, long offset, Tensor out) {
    if (out.numel() > 0) random.random(kind, seed, offset, out);
  }

  @Override
  public void layerNorm(Tensor x, Tensor weight, Tensor bias, double eps, Tensor out, Tensor mean, Tensor rstd) {
    if (out.numel() > 0) fused.layerNorm(x, weight, bias, eps, out, mean, rstd);
  }

  @Override
  public void layerNormBackward(Tensor gradOut, Tensor x, Tensor weight, Tensor mean, Tensor rstd, Tensor gradX, Tensor gradWeight,
      Tensor gradBias) {
    if (gradX.numel() > 0) fused.layerNormBackward(gradOut, x, weight, mean, rstd, gradX, gradWeight, gradBias);
  }

  @Override
  public void rmsNorm(Tensor x, Tensor weight, double eps, Tensor out, Tensor rstd) {
    if (out.numel() > 0) fused.rmsNorm(x, weight, eps, out, rstd);
  }

  @Override
  public void rmsNormBackward(Tensor gradOut, Tensor x, Tensor weight, Tensor rstd, Tensor gradX, Tensor gradWeight) {
    if (gradX.numel() > 0) fused.rmsNormBackward(gradOut, x, weight, rstd, gradX, gradWeight);
  }

  @Override
  public void crossEntropy(Tensor logits, Tensor target, long ignoreIndex, double labelSmoothing, Tensor losses, Tensor logSumExp) {
    if (losses.numel() > 0) fused.crossEntropy(logits, target, ignoreIndex, labelSmoothing, losses, logSumExp);
  }

  @Override
  public void crossEntropyBackward(Tensor gradLosses, Tensor logits, Tensor target, long ignoreIndex, double labelSmoothing,
      Tensor logSumExp, Tensor gradLogits) {
    if (gradLogits.numel() > 0) fused.crossEntropyBackward(gradLosses, logits, target, ignoreIndex, labelSmoothing, logSumExp, gradLogits);
  }

  @Override
  public void causalSoftmax(Tensor x, int queries, double scale, int offset, Tensor out) {
    fused.causalSoftmax(x, queries, scale, offset, out);
  }

  @Override
  public void attention(Tensor q, Tensor k, Tensor v, double scale, int offset, DropoutStream dropout, Tensor out, Tensor logSumExp) {
    attention.forward(q, k, v, scale, offset, dropout, out, logSumExp);
  }

  @Override
  public void attentionBackward(Tensor gradOut, Tensor q, Tensor k, Tensor v, Tensor out, Tensor logSumExp, double scale, int offset,
      DropoutStream dropout, Tensor gradQ, Tensor gradK, Tensor gradV) {
    attention.backward(gradOut, q, k, v, out, logSumExp, scale, offset, dropout, gradQ, gradK, gradV);
  }

  @Override
  public void softmaxBackward(Tensor gradOut, Tensor y, double scale, Tensor gradIn) {
    fused.softmaxBackward(gradOut, y, scale, gradIn);
  }

  @Override
  public void activationBackward(UnaryOp op, Tensor gradOut, Tensor x, Tensor gradIn) {
    fused.activationBackward(op, gradOut, x, gradIn);
  }

  @Override
  public void adamwStep(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, double lr, double beta1, double beta2, double eps,
      double weightDecay, long step, boolean maximize) {
    if (param.numel() > 0) fused.adamStep(param, grad, expAvg, expAvgSq, lr, beta1, beta2, eps, weightDecay, 0, step, maximize);
  }

  @Override
  public void adamwStepAll(Tensor[] params, Tensor[] grads, Tensor[] expAvgs, Tensor[] expAvgSqs, double lr, double beta1, double beta2,
      double eps, double weightDecay, long step, boolean maximize) {
    fused.adamwStepAll(params, grads, expAvgs, expAvgSqs, lr, beta1, beta2, eps, weightDecay, step, maximize);
  }

  @Override
  public void adamStep(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, double lr, double beta1, double beta2, double eps,
      double weightDecay, long step, boolean maximize) {
    if (param.numel() > 0) fused.adamStep(param, grad, expAvg, expAvgSq, lr, beta1, beta2, eps, 0, weightDecay, step, maximize);
  }

  @Override
  public void lionStep(Tensor param, Tensor grad, Tensor expAvg, double lr, double beta1, double beta2, double weightDecay) {
    if (param.numel() > 0) fused.lionStep(param, grad, expAvg, lr, beta1, beta2, weightDecay);
  }

  @Override
  public void rmspropStep(Tensor param, Tensor grad, Tensor squareAvg, Tensor gradAvg, Tensor momentumBuffer, double lr, double alpha,
      double eps, double weightDecay, double momentum, boolean maximize) {
    if (param.numel() > 0) {
      fused.rmspropStep(param, grad, squareAvg, gradAvg, momentumBuffer, lr, alpha, eps, weightDecay, momentum, maximize);
    }
  }

  @Override
  public void adagradStep(Tensor param, Tensor grad, Tensor sum, double lr, double lrDecay, double weightDecay, double eps, long step,
      boolean maximize) {
    if (param.numel() > 0) fused.adagradStep(param, grad, sum, lr, lrDecay, weightDecay, eps, step, maximize);
  }

  @Override
  public void sgdStep(Tensor param, Tensor grad, Tensor momentumBuffer, double lr, double momentum, double dampening, double weightDecay,
      boolean nesterov, boolean maximize, boolean firstStep) {
    if (param.numel() > 0) {
      fused.sgdStep(param, grad, momentumBuffer, lr, momentum, dampening, weightDecay, nesterov, maximize, firstStep);
    }
  }

  @Override
  public Linalg linalg() {
    return linalg;
  }
}
