package io.frontier.bench.gpu;

import io.frontier.bench.cli.Results;
import io.frontier.bench.cli.Row;
import io.frontier.cuda.CublasGemm;
import io.frontier.cuda.CudaBackend;
import io.frontier.cuda.CudaTimer;
import io.frontier.cuda.DeviceCopy;
import io.frontier.cuda.KernelProfiler;
import io.frontier.cuda.MatmulPrecision;
import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.Backend;
import io.frontier.tensor.backend.BinaryOp;
import io.frontier.tensor.backend.RandomKind;
import io.frontier.tensor.backend.ReduceOp;
import io.frontier.tensor.backend.UnaryOp;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Frontier's side of {@code frontier gpu-bench}, and the driver's device copy as the bandwidth
 * peer: every case runs on views of three float32 pools (two inputs, one output) allocated once,
 * so that no allocation happens between the events. Memory-bound ops call the backend primitive
 * with a preallocated output (what {@code torch.exp(a, out=o)} measures); copy goes through
 * {@code Tensor.copy_}; matrix products through the backend's batched matmul at each
 * {@link MatmulPrecision}, and, where JCublas loads, through cuBLAS ({@link CublasGemm}: rows of
 * impl {@value #CUBLAS}, HIGHEST and TF32) right after ours at the same size; TF32 products
 * also through the direct kernels ({@code CudaBackend.matmulDirect}: impl {@value #DIRECT} and
 * {@value #DIRECT_TRUNCATED}); TF32 and BF16 products also through the warpgroup (wgmma)
 * kernels where the card has them and they are not the default ({@code CudaBackend.matmulWgmma}:
 * impl {@value #WGMMA}), or through the mma.sync kernels where wgmma is the default
 * ({@code CudaBackend.matmulMmaSync}: impl {@value #MMA_SYNC}). Each default TF32 / BF16 product
 * is then profiled ({@code KernelProfiler}) a few calls more: impl {@value #PRODUCT_KERNELS} counts
 * the device time of its kernels but the packs (product kernels, split-K's reduction), without the
 * kernels that convert and pack the
 * float32 operands (for BF16 every call converts both: PyTorch's peer multiplies bfloat16
 * tensors, so only this row compares product kernel with product kernel).
 */
final class FrontierRuns {
  static final String IMPL = "frontier";
  /** The op of the rows that give each precision's error against a float64 product. */
  static final String ERROR_OP = "matmul-error";
  static final String DRIVER = "cuda-driver";
  static final String CUBLAS = "cublas";
  /** Our TF32 products through the direct (pack-free) kernels, with rounded and with truncated operands. */
  static final String DIRECT = "frontier-direct", DIRECT_TRUNCATED = "frontier-direct-truncated";
  /** Our TF32 / BF16 products through the sm_90a wgmma kernels. */
  static final String WGMMA = "frontier-wgmma";
  /** Our TF32 / BF16 products through the mma.sync kernels, where wgmma is the default ({@link #IMPL}). */
  static final String MMA_SYNC = "frontier-mma-sync";
  /** Our default TF32 / BF16 products, timed by their product kernels alone (no pack kernels). */
  static final String PRODUCT_KERNELS = "frontier-product-kernels";
  /** Profiled calls per {@link #PRODUCT_KERNELS} row: each a sample. */
  static final int PROFILED_CALLS = 9;
  private static final int SEED_BLOCK = 16 << 20; // random elements, tiled over the pools

  private final CudaBackend cuda;
  private final GpuPlan plan;
  private final long l2Bytes;
  private final PrintWriter log;
  private final List<Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  /**
   * Per series (op, or matmul at one precision): seconds per call and work of its last size, to
   * predict the next; seconds -1 when that size was too slow, NaN when it failed.
   */
  private final Map<String, double[]> lastOfSeries = new HashMap<>();
  private final Device device;
  private EventSampler sampler;
  private long deadline;
  private int casesLeft;

  FrontierRuns(CudaBackend cuda, GpuPlan plan, long l2Bytes, PrintWriter log) {
    this.cuda = cuda;
    this.plan = plan;
    this.l2Bytes = l2Bytes;
    this.log = log;
    this.device = Device.cuda(cuda.context().ordinal());
  }

  List<Row> rows() {
    return rows;
  }

  List<String> notes() {
    return notes;
  }

  /** Runs every case of the plan; a failing case becomes a note, and so does a skipped one. */
  void run() {
    long start = System.nanoTime();
    deadline = start + (long) (plan.frontierSeconds() * 1e9);
    boolean withCublas = !plan.matmulSizes().isEmpty() && cublasOrNote(cuda.cublas());
    casesLeft = plan.memoryBytes().size() * MemoryOp.values().length
        + plan.matmulSizes().size() * (MatmulPrecision.values().length + 2 + (withCublas ? CUBLAS_PRECISIONS.size() : 0));
    int poolElements = poolElements(plan, l2Bytes);
    Tensor a, b, c;
    try {
      a = Tensor.empty(DType.FLOAT32, device, poolElements);
      b = Tensor.empty(DType.FLOAT32, device, poolElements);
      c = Tensor.empty(DType.FLOAT32, device, poolElements);
      fillRandom(a, 1);
      fillRandom(b, 2);
      cuda.synchronize();
    } catch (RuntimeException | Error e) {
      notes.add("frontier: could not set up 3 x " + GpuPlan.sizeLabel(4L * poolElements) + " of inputs: " + e.getMessage());
      return;
    }
    log.printf(Locale.ROOT, "frontier: inputs ready (3 x %s) in %.1f s%n", GpuPlan.sizeLabel(4L * poolElements), (System.nanoTime() - start) / 1e9);
    log.flush();
    MatmulPrecision before = cuda.matmulPrecision();
    boolean wgmma = cuda.context().hasWgmma();
    if (!wgmma) notes.add("frontier-wgmma: not measured: " + cuda.context().wgmmaUnavailable());
    boolean wgmmaDefault = "wgmma".equals(cuda.gemmMode());
    notes.add("frontier: TF32 / BF16 products through frontier.cuda.gemm=" + cuda.gemmMode());
    try (CudaTimer timer = new CudaTimer(cuda)) {
      sampler = new EventSampler(new EventSampler.Timer() {
        @Override
        public void start() {
          timer.start();
        }

        @Override
        public float stopMillis() {
          return timer.stopMillis();
        }
      }, plan);
      for (long bytes : plan.memoryBytes()) {
        for (MemoryOp op : MemoryOp.values()) memoryCase(op, bytes, a, b, c);
      }
      for (MatmulPrecision p : MatmulPrecision.values()) {
        for (int n : plan.matmulSizes()) {
          matmulCase(p, n, IMPL, cuda::matmul, a, b, c);
          if (p != MatmulPrecision.HIGHEST) productKernelsCase(p, n, a, b, c);
          if (p == MatmulPrecision.TF32) {
            matmulCase(p, n, DIRECT, (x, y, o) -> cuda.matmulDirect(x, y, o, true), a, b, c);
            matmulCase(p, n, DIRECT_TRUNCATED, (x, y, o) -> cuda.matmulDirect(x, y, o, false), a, b, c);
          }
          if (p != MatmulPrecision.HIGHEST) {
            // the tensor-core path the default does not take on this card
            if (wgmmaDefault) matmulCase(p, n, MMA_SYNC, (x, y, o) -> cuda.matmulMmaSync(x, y, o, p), a, b, c);
            else if (wgmma) matmulCase(p, n, WGMMA, (x, y, o) -> cuda.matmulWgmma(x, y, o, p), a, b, c);
          }
          if (withCublas && CUBLAS_PRECISIONS.contains(p)) matmulCase(p, n, CUBLAS, cuda::matmulCublas, a, b, c);
        }
      }
      if (!plan.matmulSizes().isEmpty()) accuracyCases(plan.matmulSizes().get(0), a, b, c);
    } finally {
      cuda.setMatmulPrecision(before);
    }
  }

  /**
   * Each precision's relative (Frobenius) error at n on this card, against the float64 product
   * (our FP64 kernels) of the same float32 inputs: op {@value #ERROR_OP}, unit "relative error".
   * What the speed of TF32X3 is worth rests on it staying near HIGHEST's, far below TF32's.
   */
  private void accuracyCases(int n, Tensor a, Tensor b, Tensor c) {
    int nn = n * n;
    Tensor x = slice(a, 0, nn).view(1, n, n), y = slice(b, 0, nn).view(1, n, n), out = slice(c, 0, nn).view(1, n, n);
    try {
      Tensor exact = x.to(DType.FLOAT64).matmul(y.to(DType.FLOAT64));
      double norm = Math.sqrt(exact.mul(exact).sum().item());
      for (MatmulPrecision p : MatmulPrecision.values()) {
        cuda.setMatmulPrecision(p);
        cuda.matmul(x, y, out);
        Tensor diff = out.to(DType.FLOAT64).sub(exact);
        double err = Math.sqrt(diff.mul(diff).sum().item()) / norm;
        rows.add(Row.of(ERROR_OP, "cuda", IMPL, dtypeLabel(p), List.of(n, n, n), 1, "relative error", new double[] {err}));
        log.printf(Locale.ROOT, "  matmul %-7s %d relative error %.3g (against float64)%n", dtypeLabel(p), n, err);
      }
    } catch (RuntimeException | Error e) {
      notes.add("frontier: matmul accuracy at " + n + " failed: " + e.getMessage());
    }
    log.flush();
  }

  /** The elements each pool needs: the largest (sets x operand size) of any case of {@code plan}. */
  static int poolElements(GpuPlan plan, long l2Bytes) {
    long most = 1;
    for (long bytes : plan.memoryBytes()) {
      for (MemoryOp op : MemoryOp.values()) {
        most = Math.max(most, (long) GpuPlan.rotatingSets(op.buffers() * bytes, l2Bytes) * op.outputSets() * GpuPlan.elements(bytes));
      }
    }
    for (int n : plan.matmulSizes()) {
      long nn = (long) n * n;
      most = Math.max(most, GpuPlan.rotatingSets(3 * nn * Float.BYTES, l2Bytes) * nn);
    }
    if (most > Integer.MAX_VALUE) throw new IllegalArgumentException("inputs of " + most + " elements are too large for one tensor");
    return (int) most;
  }

  private void memoryCase(MemoryOp op, long bytes, Tensor a, Tensor b, Tensor c) {
    int n = GpuPlan.elements(bytes);
    int sets = GpuPlan.rotatingSets(op.buffers() * bytes, l2Bytes);
    String label = op.opName() + " " + GpuPlan.sizeLabel(bytes);
    EventSampler.Call call = memoryCall(cuda, op, n, a, b, c, Tensor.empty(DType.FLOAT32, device, 1));
    String impl = op == MemoryOp.MEMCPY_DTOD ? DRIVER : IMPL;
    double bytesMoved = op.bytesMoved(n);
    measure(op.opName(), label, bytesMoved, sets, call,
        secs -> Row.of(op.opName(), "cuda", impl, "float32", op.shape(n), 1, "GB/s", giga(bytesMoved, secs)));
  }

  /** The precisions cuBLAS products are measured at (BF16 is not offered, see CublasGemm). */
  static final List<MatmulPrecision> CUBLAS_PRECISIONS = List.of(MatmulPrecision.HIGHEST, MatmulPrecision.TF32);

  /** Whether cuBLAS runs here; if not, a note says why. */
  private boolean cublasOrNote(CublasGemm cublas) {
    if (cublas.available()) return true;
    notes.add("cublas: not measured: " + cublas.unavailableReason());
    return false;
  }

  private void matmulCase(MatmulPrecision p, int n, String impl, Product product, Tensor a, Tensor b, Tensor c) {
    int nn = n * n;
    int sets = GpuPlan.rotatingSets(3L * nn * Float.BYTES, l2Bytes);
    String dtype = dtypeLabel(p);
    String suffix = impl.equals(IMPL) ? "" : " (" + impl + ")";
    double flops = 2.0 * n * n * (double) n;
    EventSampler.Call call = matmulCall(product, n, a, b, c);
    cuda.setMatmulPrecision(p);
    measure("matmul-" + dtype + suffix, "matmul " + dtype + " " + n + suffix, flops, sets, call,
        secs -> Row.of("matmul", "cuda", impl, dtype, List.of(n, n, n), 1, "GFLOP/s", giga(flops, secs)));
  }

  /**
   * Profiles {@link #PROFILED_CALLS} calls of the default product at precision p (one per sample,
   * rotating the input sets) and records the GFLOP/s of its product kernels' device time; the
   * log line gives the pack kernels' share.
   */
  private void productKernelsCase(MatmulPrecision p, int n, Tensor a, Tensor b, Tensor c) {
    if (System.nanoTime() > deadline) return;
    String label = "matmul " + dtypeLabel(p) + " " + n + " (" + PRODUCT_KERNELS + ")";
    int sets = GpuPlan.rotatingSets(3L * n * n * Float.BYTES, l2Bytes);
    EventSampler.Call call = matmulCall(cuda::matmul, n, a, b, c);
    KernelProfiler profiler = cuda.context().profiler();
    cuda.setMatmulPrecision(p);
    try {
      call.run(0); // warm: plans and pack buffers exist before the profiled calls
      double[] product = new double[PROFILED_CALLS];
      double packs = 0;
      for (int i = 0; i < PROFILED_CALLS; i++) {
        profiler.start();
        call.run(i % sets);
        double[] split = productAndPackMillis(profiler.stop());
        product[i] = split[0] / 1e3;
        packs += split[1];
      }
      double flops = 2.0 * n * n * (double) n;
      Row row = Row.of("matmul", "cuda", PRODUCT_KERNELS, dtypeLabel(p), List.of(n, n, n), 1, "GFLOP/s", giga(flops, product));
      rows.add(row);
      log.printf(Locale.ROOT, "  %-22s %10s %-7s (%d profiled calls; pack kernels %.3f ms a call besides)%n", label, Results.fmt(row.value()),
          row.unit(), PROFILED_CALLS, packs / PROFILED_CALLS);
    } catch (RuntimeException | Error e) {
      notes.add("frontier: " + label + " failed: " + e.getMessage());
      log.println("  " + label + " failed: " + e);
    }
    log.flush();
  }

  /**
   * Device milliseconds of a profiled product: [0] every kernel but the packs (the product
   * kernels, and a split-K product's reduction), [1] the {@code gemm_pack_} kernels.
   */
  static double[] productAndPackMillis(List<KernelProfiler.Entry> entries) {
    double product = 0, packs = 0;
    for (KernelProfiler.Entry e : entries) {
      if (e.kernel().startsWith("gemm_pack_")) packs += e.millis();
      else product += e.millis();
    }
    return new double[] {product, packs};
  }

  /**
   * One call of a memory-bound op on input set {@code s}: views of n elements at {@code s * n} of
   * the pools a, b (inputs) and c (output); sum writes its one element to {@code sumOut}. Every op
   * but the driver's copy goes through {@code backend} (the CPU backend in tests).
   */
  static EventSampler.Call memoryCall(Backend backend, MemoryOp op, int n, Tensor a, Tensor b, Tensor c, Tensor sumOut) {
    int[] all = {0};
    int lnRows = n / MemoryOp.LAYER_NORM_ROW;
    int ceRows = n / MemoryOp.VOCAB;
    return switch (op) {
      case MEMCPY_DTOD -> s -> DeviceCopy.copy(slice(a, s, n), slice(c, s, n));
      case COPY -> s -> slice(c, s, n).copy_(slice(a, s, n));
      case EXP -> s -> backend.unary(UnaryOp.EXP, slice(a, s, n), slice(c, s, n));
      case ADD -> s -> backend.binary(BinaryOp.ADD, slice(a, s, n), slice(b, s, n), slice(c, s, n));
      case SOFTMAX -> s -> backend.softmax(rows(a, s, n), 1, false, rows(c, s, n));
      case SUM -> s -> backend.reduce(ReduceOp.SUM, slice(a, s, n), all, sumOut);
      // weight and bias are b's first two rows; mean and rstd go to b after them (b is no input here)
      case LAYER_NORM -> s -> backend.layerNorm(slice(a, s, n).view(lnRows, MemoryOp.LAYER_NORM_ROW), b.narrow(0, 0, MemoryOp.LAYER_NORM_ROW),
          b.narrow(0, MemoryOp.LAYER_NORM_ROW, MemoryOp.LAYER_NORM_ROW), 1e-5, slice(c, s, n).view(lnRows, MemoryOp.LAYER_NORM_ROW),
          b.narrow(0, 2 * MemoryOp.LAYER_NORM_ROW, lnRows), b.narrow(0, 2 * MemoryOp.LAYER_NORM_ROW + lnRows, lnRows));
      case CROSS_ENTROPY -> {
        Tensor target = Tensor.arange(0, (long) ceRows * 7919, 7919).remainder(MemoryOp.VOCAB).to(a.device());
        yield s -> backend.crossEntropy(a.narrow(0, s * n, ceRows * MemoryOp.VOCAB).view(ceRows, MemoryOp.VOCAB), target, -100, 0.0,
            c.narrow(0, s * n, ceRows), c.narrow(0, s * n + ceRows, ceRows));
      }
      // the losses' gradient and the log-sum-exp are b's first rows (the same for every set)
      case CROSS_ENTROPY_BACKWARD -> {
        Tensor target = Tensor.arange(0, (long) ceRows * 7919, 7919).remainder(MemoryOp.VOCAB).to(a.device());
        yield s -> backend.crossEntropyBackward(b.narrow(0, 0, ceRows), a.narrow(0, s * n, ceRows * MemoryOp.VOCAB).view(ceRows, MemoryOp.VOCAB),
            target, -100, 0.0, b.narrow(0, ceRows, ceRows), c.narrow(0, s * n, ceRows * MemoryOp.VOCAB).view(ceRows, MemoryOp.VOCAB));
      }
      // param in a, grad in b, exp_avg and exp_avg_sq in c (two sets per set); the pools hold [0, 1) values, so v >= 0
      case ADAMW -> s -> backend.adamwStep(slice(a, s, n), slice(b, s, n), slice(c, 2 * s, n), slice(c, 2 * s + 1, n), 1e-3, 0.9, 0.999,
          1e-8, 0.01, 1, false);
      // values into c, the int64 indices into one tensor of their own (written by every set)
      case SORT -> {
        Tensor indices = Tensor.empty(DType.INT64, a.device(), ceRows, MemoryOp.VOCAB);
        yield s -> backend.sort(a.narrow(0, s * n, ceRows * MemoryOp.VOCAB).view(ceRows, MemoryOp.VOCAB), 1, true,
            c.narrow(0, s * n, ceRows * MemoryOp.VOCAB).view(ceRows, MemoryOp.VOCAB), indices);
      }
      // param in a, grad in b, exp_avg (Lion) or the momentum buffer (SGD) in c
      case LION -> s -> backend.lionStep(slice(a, s, n), slice(b, s, n), slice(c, s, n), 1e-4, 0.9, 0.99, 0.01);
      case SGD_MOMENTUM -> s -> backend.sgdStep(slice(a, s, n), slice(b, s, n), slice(c, s, n), 1e-3, 0.9, 0, 0, false, false, false);
    };
  }

  /** A batched product {@code out = a @ b} of 3-D views: a backend's matmul, or CudaBackend.matmulCublas. */
  interface Product {
    void run(Tensor a, Tensor b, Tensor out);
  }

  /** One n x n matrix product on input set {@code s}, through a batched product (a batch of 1). */
  static EventSampler.Call matmulCall(Product product, int n, Tensor a, Tensor b, Tensor c) {
    int nn = n * n;
    return s -> product.run(slice(a, s, nn).view(1, n, n), slice(b, s, nn).view(1, n, n), slice(c, s, nn).view(1, n, n));
  }

  /**
   * Measures one case unless the budget is spent or its series' last size predicts it will not
   * fit; records the row or a note.
   */
  private void measure(String series, String label, double work, int sets, EventSampler.Call call,
      Function<double[], Row> toRow) {
    casesLeft--;
    double remaining = (deadline - System.nanoTime()) / 1e9;
    double[] last = lastOfSeries.get(series);
    if (last != null && (last[0] < 0 || Double.isNaN(last[0]))) {
      notes.add("frontier: skipped " + label + ": a smaller size of this series "
          + (last[0] < 0 ? "was slower than " + plan.slowCallSeconds() + " s per call" : "failed"));
      return;
    }
    if (remaining <= 0) {
      notes.add("frontier: skipped " + label + ": the " + plan.frontierSeconds() + " s budget is spent");
      return;
    }
    if (last != null) {
      double predicted = last[0] * work / last[1];
      if (predicted * (plan.minReps() + 2) > remaining) {
        notes.add(String.format(Locale.ROOT, "frontier: skipped %s: predicted %.3f s per call does not fit the %.0f s left", label, predicted, remaining));
        return;
      }
    }
    double budget = Math.min(plan.perCaseSeconds(), remaining / (casesLeft + 1));
    long t0 = System.nanoTime();
    try {
      EventSampler.Result r = sampler.sample(call, sets, budget);
      double[] secs = r.secondsPerCall();
      Row row = toRow.apply(secs);
      rows.add(row);
      double median = Row.median(secs);
      lastOfSeries.put(series, new double[] {r.slow() ? -1 : median, work});
      if (r.slow()) notes.add(String.format(Locale.ROOT, "frontier: %s took %.2f s for one call (a host fallback?); measured once, larger sizes skipped", label, secs[0]));
      log.printf(Locale.ROOT, "  %-22s %10s %-7s (%d samples, %d set%s, %.2f s)%n", label, Results.fmt(row.value()), row.unit(), secs.length, sets,
          sets == 1 ? "" : "s", (System.nanoTime() - t0) / 1e9);
    } catch (RuntimeException | Error e) {
      lastOfSeries.put(series, new double[] {Double.NaN, work});
      notes.add("frontier: " + label + " failed: " + e.getMessage());
      log.println("  " + label + " failed: " + e);
    }
    log.flush();
  }

  static String dtypeLabel(MatmulPrecision p) {
    return switch (p) {
      case HIGHEST -> "float32";
      case TF32 -> "tf32";
      case BF16 -> "bf16";
      case TF32X3 -> "tf32x3";
    };
  }

  private static double[] giga(double work, double[] seconds) {
    double[] out = new double[seconds.length];
    for (int i = 0; i < out.length; i++) out[i] = work / seconds[i] / 1e9;
    return out;
  }

  /** Set {@code s} of n elements of a pool. */
  static Tensor slice(Tensor pool, int s, int n) {
    return pool.narrow(0, s * n, n);
  }

  static Tensor rows(Tensor pool, int s, int n) {
    return slice(pool, s, n).view(n / MemoryOp.SOFTMAX_ROW, MemoryOp.SOFTMAX_ROW);
  }

  /** Uniform [0, 1) values: one random block, tiled over the pool with device copies. */
  private void fillRandom(Tensor pool, long seed) {
    int len = Math.min(SEED_BLOCK, pool.numel());
    Tensor block = pool.narrow(0, 0, len);
    cuda.random(RandomKind.UNIFORM, seed, 0, block);
    for (int off = len; off < pool.numel(); off += len) {
      int m = Math.min(len, pool.numel() - off);
      DeviceCopy.copy(block.narrow(0, 0, m), pool.narrow(0, off, m));
    }
  }
}
