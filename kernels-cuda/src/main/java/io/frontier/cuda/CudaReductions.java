package io.frontier.cuda;

import static io.frontier.cuda.CudaTensors.ptr;
import static io.frontier.cuda.CudaTensors.suffix;
import static jcuda.driver.JCudaDriver.cuMemsetD32Async;

import io.frontier.tensor.DType;
import io.frontier.tensor.MemoryScope;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.IndexReduceOp;
import io.frontier.tensor.backend.ReduceOp;
import io.frontier.tensor.backend.ScanOp;
import jcuda.driver.CUdeviceptr;

/**
 * Reductions, arg-reductions, scans and softmax (reduce.cu, softmax.cu). Every dtype the frontend
 * passes has a kernel; a call outside that set (which the frontend never makes) throws.
 */
final class CudaReductions {
  private final Launcher launcher;

  CudaReductions(Launcher launcher) {
    this.launcher = launcher;
  }

  private int multiprocessors() {
    return launcher.context().multiprocessors();
  }

  void reduce(ReduceOp op, Tensor in, int[] dims, Tensor out) {
    DType dtype = in.dtype();
    requireKernel(op.opName(), in, out, supported(op, dtype));
    if (dims.length == 0) {
      out.backend().copy(in, out);
      return;
    }
    int nd = in.dim();
    boolean[] reduced = new boolean[nd];
    for (int d : dims) reduced[d] = true;
    int nk = nd - dims.length;
    int[] keptShape = new int[nk];
    int[] keptIn = new int[nk];
    int[] keptOut = new int[nk];
    int[] redShape = new int[dims.length];
    int[] redIn = new int[dims.length];
    long nRed = 1;
    for (int d = 0, k = 0, r = 0; d < nd; d++) {
      if (reduced[d]) {
        redShape[r] = in.shape()[d];
        redIn[r++] = in.strides()[d];
        nRed *= in.shape()[d];
      } else {
        keptShape[k] = in.shape()[d];
        keptIn[k] = in.strides()[d];
        keptOut[k++] = out.strides()[d];
      }
    }
    int[] kept = StridedDesc.of(keptShape, keptIn);
    int[] od = StridedDesc.of(keptShape, keptOut);
    int[] red = StridedDesc.of(redShape, redIn);
    int nOut = out.numel();
    int redFlat = red[0] <= 1 ? 1 : 0;
    int redStride = red[0] == 1 ? innermostStride(red) : 0;
    boolean outer = innermostStride(red) != 1 && innermostStride(kept) == 1;
    String kernel = "reduce_" + kernelOp(op) + "_" + suffix(dtype);
    if (op == ReduceOp.SUM && nOut == 1 && nRed > 0 && dtype.isFloatingPoint() && StridedDesc.isDense(StridedDesc.of(in))) {
      sumFlat(in, (int) nRed, out);
      return;
    }
    int[] keptPacks = SUM_IN_PACKS && op == ReduceOp.SUM && dtype == DType.FLOAT32 && outer && redFlat == 1 && redStride % 4 == 0 && nRed > 0
        ? StridedDesc.packed(kept, in.storageOffset(), 4) : null;
    if (keptPacks != null) {
      sumInPacks(in, keptPacks, (int) nRed, redStride, out, od);
      return;
    }
    ReducePlan plan = ReducePlan.of(nOut, nRed, outer, multiprocessors(), true);
    if (plan.splits() == 1) {
      launcher.launch(kernel, plan.config(), nOut, (int) nRed, plan.chunk(), plan.outer() ? 1 : 0, ptr(in), kept, red, redFlat,
          redStride, ptr(out), od, 0L);
      return;
    }
    // Two passes: partials laid out [split][output] in the accumulator dtype, then one per output.
    int splits = plan.splits();
    Tensor partial = Tensor.empty(accumulator(op, dtype), out.device(), splits * nOut);
    int[] dense = StridedDesc.of(new int[] {nOut}, new int[] {1});
    launcher.launch(kernel + "_part", plan.config(), nOut, (int) nRed, plan.chunk(), plan.outer() ? 1 : 0, ptr(in), kept, red,
        redFlat, redStride, ptr(partial), dense, (long) nOut);
    ReducePlan fin = ReducePlan.of(nOut, splits, nOut > 1, multiprocessors(), false);
    int[] overSplits = StridedDesc.of(new int[] {splits}, new int[] {nOut});
    launcher.launch(kernel + "_fin", fin.config(), nOut, splits, fin.chunk(), fin.outer() ? 1 : 0, ptr(partial), dense,
        overSplits, 1, nOut, ptr(out), od, 0L);
    // Both launches are queued: the partials' block may go back now.
    CudaBackend.releaseScratch(partial);
  }

  /**
   * Whether float32 outer sums may take {@link #sumInPacks}: {@code -Dfrontier.cuda.reduce.packs=false}
   * keeps them on the generic kernel, for a same-run comparison on a GPU (neither has been measured
   * against the other yet).
   */
  static final boolean SUM_IN_PACKS = !"false".equals(System.getProperty("frontier.cuda.reduce.packs"));

  /**
   * A float32 sum in the outer layout whose kept elements fall into aligned 16-byte packs
   * ({@code keptPacks}: {@link StridedDesc#packed}; the reduced dim flat at a stride that is a
   * multiple of 4): reduce_sum_f32_v4, a thread per pack of four outputs (the bias gradient
   * g.sum(0) of a linear layer); split in two passes as {@link #reduce}'s, the second the generic
   * reduce_sum_f32_fin.
   */
  private void sumInPacks(Tensor in, int[] keptPacks, int nRed, int redStride, Tensor out, int[] od) {
    int nOut = out.numel();
    ReducePlan plan = ReducePlan.of(nOut / 4, nRed, true, multiprocessors(), true);
    LaunchConfig c = plan.config();
    // four float64 accumulators a thread for the shared-memory tree
    LaunchConfig config = new LaunchConfig(c.gridX(), c.gridY(), c.gridZ(), c.blockX(), c.blockY(), 4 * c.sharedBytes());
    if (plan.splits() == 1) {
      launcher.launch("reduce_sum_f32_v4", config, nOut / 4, nRed, plan.chunk(), ptr(in), keptPacks, redStride, ptr(out), od, 0L);
      return;
    }
    // split: the partials, and their sum by the last block of each column of the grid, in one launch
    Tensor partial = Tensor.empty(DType.FLOAT64, out.device(), plan.splits() * nOut);
    launcher.launch("reduce_sum_f32_v4_split", config, nOut / 4, nRed, plan.chunk(), ptr(in), keptPacks, redStride, ptr(partial),
        splitTickets(plan.gridX(), in), ptr(out), od);
    CudaBackend.releaseScratch(partial);
  }

  /** One zeroed ticket per column of a split reduce_sum_f32_v4_split grid; the kernel resets the ones it takes. */
  private Tensor splitTickets;

  /**
   * The tickets of a split grid of {@code columns} blocks along x: a split reduction's grid has
   * fewer than {@link ReducePlan#BLOCKS_PER_SM} blocks a multiprocessor along x (ReducePlan splits
   * only below that), so one buffer of that many serves every launch on the one stream.
   */
  private synchronized CUdeviceptr splitTickets(int columns, Tensor onDevice) {
    int needed = Math.max(1, multiprocessors()) * ReducePlan.BLOCKS_PER_SM;
    if (columns > needed) throw new IllegalStateException("a split reduction of " + columns + " columns; tickets for " + needed);
    if (splitTickets == null) {
      Tensor t = Tensor.empty(DType.FLOAT32, onDevice.device(), needed); // 32-bit words, zeroed below
      CudaContext ctx = launcher.context();
      if (!ctx.isDry()) CudaContext.check(cuMemsetD32Async(ptr(t), 0, needed, ctx.stream()), "cuMemsetD32Async(split tickets)");
      splitTickets = MemoryScope.keep(t); // the backend's own, for every later call
    }
    return ptr(splitTickets);
  }

  /** Blocks per multiprocessor of reduce_sum_flat_* (256 threads each; 64 KB of loads in flight per SM). */
  static final int FLAT_BLOCKS_PER_SM = 4;
  static final int FLAT_THREADS = 256;

  /** Per-block partial sums and the last-block ticket counter of reduce_sum_flat_*; made on first use. */
  private Tensor flatWorkspace;

  /** The grid of reduce_sum_flat_*: enough blocks for 16 elements per thread, at most 4 per SM. */
  static int flatBlocks(long n, int multiprocessors) {
    long wanted = LaunchConfig.ceilDiv(n, FLAT_THREADS * 16L);
    return (int) Math.max(1, Math.min(wanted, (long) Math.max(1, multiprocessors) * FLAT_BLOCKS_PER_SM));
  }

  /** The sum of a whole dense float tensor in one launch (reduce.cu, sum_flat_body). */
  private void sumFlat(Tensor in, int n, Tensor out) {
    int maxBlocks = Math.max(1, multiprocessors()) * FLAT_BLOCKS_PER_SM;
    CUdeviceptr partials;
    synchronized (this) {
      if (flatWorkspace == null) {
        // maxBlocks doubles, then the counter (one zeroed word) in the last element.
        Tensor w = Tensor.empty(DType.FLOAT64, in.device(), maxBlocks + 1);
        CudaContext ctx = launcher.context();
        if (!ctx.isDry()) CudaContext.check(cuMemsetD32Async(ptr(w).withByteOffset(8L * maxBlocks), 0, 2, ctx.stream()),
            "cuMemsetD32Async(sum counter)");
        flatWorkspace = MemoryScope.keep(w); // the backend's own, for every later call
      }
      partials = ptr(flatWorkspace);
    }
    // Launches on the one stream run in order, so one counter serves every launch.
    launcher.launch("reduce_sum_flat_" + suffix(in.dtype()), LaunchConfig.of1d(flatBlocks(n, multiprocessors()), FLAT_THREADS),
        n, ptr(in), partials, partials.withByteOffset(8L * maxBlocks), ptr(out));
  }

  void reduceWithIndex(IndexReduceOp op, Tensor in, int dim, Tensor values, Tensor indices) {
    requireKernel(op.opName(), in, values, indices.dtype() == DType.INT64);
    AlongDim a = plan(in, dim);
    String kernel = "argreduce_" + (op == IndexReduceOp.MAX ? "max" : "min") + "_" + suffix(in.dtype());
    launcher.launch(kernel, a.config(), a.nRows(), a.n(), a.mode(), ptr(in), AlongDim.rowsDesc(in, dim), in.strides()[dim],
        ptr(values), AlongDim.rowsDesc(values, dim), ptr(indices), AlongDim.rowsDesc(indices, dim));
  }

  void scan(ScanOp op, Tensor in, int dim, Tensor out) {
    requireKernel(op.opName(), in, out, in.dtype() != DType.BOOL);
    AlongDim a = plan(in, dim);
    String kernel = "scan_" + op.opName() + "_" + suffix(in.dtype());
    launcher.launch(kernel, a.config(), a.nRows(), a.n(), a.mode(), ptr(in), AlongDim.rowsDesc(in, dim), in.strides()[dim],
        ptr(out), AlongDim.rowsDesc(out, dim), out.strides()[dim]);
  }

  void softmax(Tensor in, int dim, boolean log, Tensor out) {
    requireKernel(log ? "logSoftmax" : "softmax", in, out, in.dtype().isFloatingPoint());
    if (in.numel() == 0) return;
    AlongDim a = plan(in, dim);
    int[] inRows = AlongDim.rowsDesc(in, dim);
    int[] outRows = AlongDim.rowsDesc(out, dim);
    int si = in.strides()[dim];
    int so = out.strides()[dim];
    int item = in.dtype().itemSize();
    int group = AlongDim.tileGroup(a.n(), item);
    if (a.mode() != AlongDim.THREAD && group > 0) {
      // The row fits in registers: read once, written once (softmax.cu, tile_body).
      boolean vec = AlongDim.vectorRows(a.n(), si, in.storageOffset(), inRows, item)
          && AlongDim.vectorRows(a.n(), so, out.storageOffset(), outRows, item);
      launcher.launch("softmax_tile_" + (vec ? "vec_" : "") + suffix(in.dtype()), AlongDim.tileConfig(a.nRows(), group),
          a.nRows(), a.n(), group, log ? 1 : 0, ptr(in), inRows, si, ptr(out), outRows, so);
      return;
    }
    launcher.launch("softmax_" + suffix(in.dtype()), a.config(), a.nRows(), a.n(), a.mode(), log ? 1 : 0, ptr(in),
        inRows, si, ptr(out), outRows, so);
  }

  private AlongDim plan(Tensor in, int dim) {
    int n = in.shape()[dim];
    return AlongDim.plan(in.numel() / n, n, in.strides()[dim], AlongDim.rowsDesc(in, dim), multiprocessors());
  }

  /** Which (op, dtype) pairs have a kernel: those the frontend passes (see Backend#reduce). */
  static boolean supported(ReduceOp op, DType dtype) {
    return switch (op) {
      case SUM, PROD -> dtype != DType.BOOL;
      case MAX, MIN -> true;
      case ANY, ALL -> dtype == DType.BOOL;
    };
  }

  /** The dtype of a split reduction's partial results: float32 sums and products accumulate in float64. */
  static DType accumulator(ReduceOp op, DType dtype) {
    return dtype == DType.FLOAT32 && (op == ReduceOp.SUM || op == ReduceOp.PROD) ? DType.FLOAT64 : dtype;
  }

  private static String kernelOp(ReduceOp op) {
    return switch (op) {
      case SUM -> "sum";
      case PROD -> "prod";
      case MAX -> "max";
      case MIN -> "min";
      case ANY -> "any";
      case ALL -> "all";
    };
  }

  /** The stride of a descriptor's innermost dim, 0 for a descriptor of no dims. */
  static int innermostStride(int[] desc) {
    return desc[0] == 0 ? 0 : desc[StridedDesc.MAX_DIMS + desc[0]];
  }

  private static void requireKernel(String op, Tensor in, Tensor out, boolean ok) {
    if (!ok || in.dtype() != out.dtype()) {
      throw new IllegalArgumentException(
          op + ": no CUDA kernel for " + in.dtype() + " -> " + out.dtype() + " (the frontend does not make this call)");
    }
  }
}
