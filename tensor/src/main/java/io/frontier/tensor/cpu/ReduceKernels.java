package io.frontier.tensor.cpu;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.ReduceOp;

/**
 * Reductions over any set of dims. The kept dims and the reduced dims are each coalesced into as
 * few strided dims as possible, then one of two strategies runs:
 *
 * <ul>
 *   <li><b>inner</b>: one output element at a time, reducing its (ideally contiguous) slice with a
 *       vectorised row reduction; used for {@code sum(-1)} and whenever the reduced elements are
 *       adjacent in memory;
 *   <li><b>outer</b>: when the kept elements are the contiguous ones ({@code sum(0)} of a
 *       row-major matrix), whole rows are accumulated into the output, so memory is read in
 *       order instead of column by column.
 * </ul>
 *
 * Float32 sums accumulate blocks of 4096 elements in float vectors and the block sums in float64,
 * which bounds the rounding error of long sums.
 */
final class ReduceKernels {
  private static final int WORK_GRAIN = 1 << 15;

  private ReduceKernels() {}

  static void reduce(ReduceOp op, Tensor in, int[] dims, Tensor out) {
    if (dims.length == 0) {
      CopyKernels.copy(in, out);
      return;
    }
    int nd = in.dim();
    int[] inShape = in.shape();
    int[] inStrides = in.strides();
    int[] outStrides = out.strides();
    boolean[] reduced = new boolean[nd];
    for (int d : dims) reduced[d] = true;
    int nk = nd - dims.length;
    int[] keptShape = new int[nk];
    int[] keptIn = new int[nk];
    int[] keptOut = new int[nk];
    int[] redShape = new int[dims.length];
    int[] redIn = new int[dims.length];
    for (int d = 0, k = 0, r = 0; d < nd; d++) {
      if (reduced[d]) {
        redShape[r] = inShape[d];
        redIn[r++] = inStrides[d];
      } else {
        keptShape[k] = inShape[d];
        keptIn[k] = inStrides[d];
        keptOut[k++] = outStrides[d];
      }
    }
    StridedLoop kept = StridedLoop.of(keptShape, new int[][] {keptOut, keptIn}, new int[] {out.storageOffset(), in.storageOffset()});
    StridedLoop red = StridedLoop.of(redShape, new int[][] {redIn}, new int[] {0});
    long count = red.total();
    Object a = ((CpuStorage) in.storage()).data();
    Object o = ((CpuStorage) out.storage()).data();
    DType dtype = in.dtype();
    boolean outerFits = (op == ReduceOp.SUM || op == ReduceOp.MAX || op == ReduceOp.MIN)
        && dtype.isFloatingPoint() && count > 0
        && red.innerStride(0) != 1 && kept.innerStride(0) == 1 && kept.innerStride(1) == 1 && kept.inner() >= 16;
    if (outerFits) {
      OuterReduction.run(op, dtype, a, o, kept, red);
      return;
    }
    if (kept.total() == 1 && red.total() == red.inner() && dtype.isFloatingPoint() && op != ReduceOp.PROD && count > 4L * WORK_GRAIN) {
      splitSingleRow(op, dtype, a, o, kept, red);
      return;
    }
    int grain = (int) Math.max(1, WORK_GRAIN / Math.max(1, count));
    kept.forEach(grain, (offs, n) -> {
      int os = kept.innerStride(0);
      int is = kept.innerStride(1);
      for (int i = 0; i < n; i++) {
        reduceSlice(op, dtype, a, offs[1] + i * is, red, o, offs[0] + i * os, count);
      }
    });
  }

  /** A reduction to one element: the row is split across threads and the partial results combined. */
  private static void splitSingleRow(ReduceOp op, DType dtype, Object a, Object o, StridedLoop kept, StridedLoop red) {
    int[] outAndIn = new int[2];
    kept.forEachSerial((offs, n) -> { outAndIn[0] = offs[0]; outAndIn[1] = offs[1]; });
    int threads = Parallel.numThreads();
    double[] partial = new double[threads];
    int n = red.inner();
    int rs = red.innerStride(0);
    int per = (n + threads - 1) / threads;
    Parallel.forRange(threads, 1, (t0, t1) -> {
      for (int t = t0; t < t1; t++) {
        int s = t * per;
        int len = Math.max(0, Math.min(per, n - s));
        int base = outAndIn[1] + s * rs;
        partial[t] = len == 0 ? identity(op)
            : dtype == DType.FLOAT32 ? RowReductions.f32(op, (float[]) a, base, rs, len) : RowReductions.f64(op, (double[]) a, base, rs, len);
      }
    });
    double acc = identity(op);
    for (double p : partial) acc = combine(op, acc, p);
    if (dtype == DType.FLOAT32) ((float[]) o)[outAndIn[0]] = (float) acc;
    else ((double[]) o)[outAndIn[0]] = acc;
  }

  /** Reduces the slice of {@code a} at {@code base} described by {@code red} into {@code o[outIndex]}. */
  private static void reduceSlice(ReduceOp op, DType dtype, Object a, int base, StridedLoop red, Object o, int outIndex, long count) {
    switch (dtype) {
      case FLOAT32, FLOAT64 -> {
        double acc = identity(op);
        if (count > 0) {
          if (red.total() == red.inner()) {
            acc = dtype == DType.FLOAT32
                ? RowReductions.f32(op, (float[]) a, base, red.innerStride(0), red.inner())
                : RowReductions.f64(op, (double[]) a, base, red.innerStride(0), red.inner());
          } else {
            double[] box = {acc};
            int rs = red.innerStride(0);
            red.forEachSerial((offs, n) -> {
              double r = dtype == DType.FLOAT32
                  ? RowReductions.f32(op, (float[]) a, base + offs[0], rs, n)
                  : RowReductions.f64(op, (double[]) a, base + offs[0], rs, n);
              box[0] = combine(op, box[0], r);
            });
            acc = box[0];
          }
        }
        if (dtype == DType.FLOAT32) ((float[]) o)[outIndex] = (float) acc;
        else ((double[]) o)[outIndex] = acc;
      }
      case INT64 -> {
        long[] acc = {op == ReduceOp.PROD ? 1L : op == ReduceOp.MAX ? Long.MIN_VALUE : op == ReduceOp.MIN ? Long.MAX_VALUE : 0L};
        int rs = red.innerStride(0);
        long[] x = (long[]) a;
        red.forEachSerial((offs, n) -> {
          for (int i = 0; i < n; i++) {
            long v = x[base + offs[0] + i * rs];
            acc[0] = switch (op) {
              case SUM -> acc[0] + v;
              case PROD -> acc[0] * v;
              case MAX -> Math.max(acc[0], v);
              case MIN -> Math.min(acc[0], v);
              default -> throw new IllegalStateException(op + " on int64");
            };
          }
        });
        ((long[]) o)[outIndex] = acc[0];
      }
      case BOOL -> {
        boolean any = op == ReduceOp.ANY || op == ReduceOp.MAX;
        boolean[] acc = {!any}; // any: starts false; all: starts true
        int rs = red.innerStride(0);
        boolean[] x = (boolean[]) a;
        red.forEachSerial((offs, n) -> {
          for (int i = 0; i < n; i++) {
            boolean v = x[base + offs[0] + i * rs];
            acc[0] = any ? acc[0] | v : acc[0] & v;
          }
        });
        ((boolean[]) o)[outIndex] = acc[0];
      }
    }
  }

  static double identity(ReduceOp op) {
    return switch (op) {
      case SUM -> 0.0;
      case PROD -> 1.0;
      case MAX -> Double.NEGATIVE_INFINITY;
      case MIN -> Double.POSITIVE_INFINITY;
      default -> throw new IllegalStateException(op + " on floats");
    };
  }

  static double combine(ReduceOp op, double acc, double r) {
    return switch (op) {
      case SUM -> acc + r;
      case PROD -> acc * r;
      case MAX -> Math.max(acc, r);
      case MIN -> Math.min(acc, r);
      default -> throw new IllegalStateException(op + " on floats");
    };
  }
}
