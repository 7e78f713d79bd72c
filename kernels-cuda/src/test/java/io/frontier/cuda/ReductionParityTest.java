package io.frontier.cuda;

import static io.frontier.cuda.GpuTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.Backends;
import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.ValuesIndices;
import io.frontier.tensor.backend.IndexReduceOp;
import io.frontier.tensor.backend.ReduceOp;
import io.frontier.tensor.backend.ScanOp;
import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Reductions, arg-reductions and scans (reduce.cu) on the GPU against the CPU backend. */
@Tag("gpu")
class ReductionParityTest {
  static CudaBackend cuda;

  @BeforeAll
  static void start() {
    cuda = requireCuda();
  }

  private static final int[][] DIM_SETS = {{0}, {1}, {2}, {0, 1}, {0, 2}, {1, 2}, {0, 1, 2}};

  /** Inputs an op is tested on: products on values near 1 so that they stay finite. */
  private static Tensor input(Generator g, ReduceOp op, DType dt, int... shape) {
    if (op == ReduceOp.PROD) return dt == DType.INT64 ? random(g, dt, -3, 4, shape) : random(g, dt, 0.5, 1.5, shape);
    return random(g, dt, -100, 100, shape);
  }

  private static double rtol(DType dt) {
    return dt == DType.FLOAT32 ? 1e-5 : dt == DType.FLOAT64 ? 1e-12 : 0;
  }

  private static int[] keptShape(int[] shape, int[] dims) {
    int[] k = shape.clone();
    for (int d : dims) k[d] = 1;
    return k;
  }

  /** Sums and products reorder additions: an absolute slack for results near zero (cancellation). */
  private static double atol(DType dt) {
    return dt == DType.FLOAT32 ? 1e-6 : dt == DType.FLOAT64 ? 1e-9 : 0;
  }

  /**
   * Runs the primitive on both backends (the CUDA output poisoned, optionally a permuted view) and
   * compares. The float32 reference is the CPU's float64 result rounded to float32: the kernels
   * accumulate float32 in float64, more accurately than the CPU's float32 vector blocks.
   */
  private static void checkReduce(String what, ReduceOp op, Tensor x, Tensor onGpu, int[] dims, boolean permutedOut) {
    int[] kept = keptShape(x.shape(), dims);
    Tensor ref = x.dtype() == DType.FLOAT32 ? x.to(DType.FLOAT64) : x;
    Tensor expected = Tensor.empty(ref.dtype(), Device.CPU, kept);
    Backends.cpu().reduce(op, ref, dims, expected);
    expected = expected.to(x.dtype());
    Tensor out;
    if (permutedOut) {
      int n = kept.length;
      int[] rev = new int[n];
      int[] perm = new int[n];
      for (int i = 0; i < n; i++) {
        rev[i] = kept[n - 1 - i];
        perm[i] = n - 1 - i;
      }
      out = poisoned(x.dtype(), rev).permute(perm);
    } else {
      out = poisoned(x.dtype(), kept);
    }
    cuda.reduce(op, onGpu, dims, out);
    assertMatches(what, expected, out, rtol(x.dtype()), atol(x.dtype()));
  }

  @Test
  void everyOpAndDtypeOverEveryDimSet() {
    Generator g = new Generator(11);
    for (ReduceOp op : ReduceOp.values()) {
      for (DType dt : DType.values()) {
        if (!CudaReductions.supported(op, dt)) continue;
        Tensor x = input(g, op, dt, 5, 7, 9);
        Tensor d = x.to(CUDA);
        for (int[] dims : DIM_SETS) {
          String what = op + " " + dt + " dims " + Arrays.toString(dims);
          checkReduce(what, op, x, d, dims, false);
          checkReduce(what + " transposed input", op, x.transpose(0, 2).contiguous().transpose(0, 2), d.transpose(0, 2).contiguous().transpose(0, 2), dims, false);
          checkReduce(what + " permuted output", op, x, d, dims, true);
        }
        // Stepped slices and broadcast (stride-0) inputs.
        checkReduce(op + " " + dt + " slice", op, x.slice(1, 1, 7, 3), d.slice(1, 1, 7, 3), new int[] {1, 2}, false);
        checkReduce(op + " " + dt + " expand", op, x.slice(0, 0, 1).expand(6, 7, 9), d.slice(0, 0, 1).expand(6, 7, 9), new int[] {0}, false);
        checkReduce(op + " " + dt + " expand all", op, x.slice(0, 0, 1).expand(6, 7, 9), d.slice(0, 0, 1).expand(6, 7, 9), new int[] {0, 1, 2}, false);
      }
    }
  }

  @Test
  void awkwardSizesAndLengthOneDims() {
    Generator g = new Generator(12);
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT64}) {
      for (int[] shape : new int[][] {{1, 1}, {1, 7}, {7, 1}, {1023, 3}, {3, 1023}, {300_000, 1}, {1, 5, 1, 7}}) {
        Tensor x = random(g, dt, -10, 10, shape);
        Tensor d = x.to(CUDA);
        for (int dim = 0; dim < shape.length; dim++) {
          checkReduce(dt + " sum " + Arrays.toString(shape) + " dim " + dim, ReduceOp.SUM, x, d, new int[] {dim}, false);
          checkReduce(dt + " max " + Arrays.toString(shape) + " dim " + dim, ReduceOp.MAX, x, d, new int[] {dim}, false);
        }
        int[] all = new int[shape.length];
        for (int i = 0; i < all.length; i++) all[i] = i;
        checkReduce(dt + " sum all " + Arrays.toString(shape), ReduceOp.SUM, x, d, all, false);
      }
    }
  }

  @Test
  void bigReductionsSplitAcrossBlocks() {
    Generator g = new Generator(13);
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT64}) {
      Tensor x = random(g, dt, 0, 1000, 3_000_001);
      Tensor d = x.to(CUDA);
      for (ReduceOp op : new ReduceOp[] {ReduceOp.SUM, ReduceOp.MAX, ReduceOp.MIN}) {
        checkReduce(op + " " + dt + " 3e6 to one", op, x, d, new int[] {0}, false);
      }
      Tensor m = random(g, dt, -1, 1, 1_000_000, 4);
      Tensor md = m.to(CUDA);
      checkReduce(dt + " sum(0) of (1e6, 4)", ReduceOp.SUM, m, md, new int[] {0}, false);
      checkReduce(dt + " sum(1) of (4, 1e6)", ReduceOp.SUM, m.t().contiguous(), md.t().contiguous(), new int[] {1}, false);
      checkReduce(dt + " sum(0) of a transposed (1e6, 4)", ReduceOp.SUM, m.t(), md.t(), new int[] {1}, false);
      checkReduce(dt + " max(0) of (1e6, 4)", ReduceOp.MAX, m, md, new int[] {0}, false);
    }
    Tensor b = random(g, DType.BOOL, 0, 1, 3_000_001);
    Tensor bd = b.to(CUDA);
    checkReduce("any 3e6", ReduceOp.ANY, b, bd, new int[] {0}, false);
    checkReduce("all 3e6", ReduceOp.ALL, b, bd, new int[] {0}, false);
    Tensor ones = Tensor.ones(DType.BOOL, 3_000_001);
    checkReduce("all of 3e6 trues", ReduceOp.ALL, ones, ones.to(CUDA), new int[] {0}, false);
  }

  /**
   * float32 sums over the outer dims whose kept elements fall into 16-byte packs take
   * reduce_sum_f32_v4 (a linear layer's bias gradient, split-K's sums): whole and split over
   * the rows, kept columns narrower than the rows, two kept dims, and a permuted output. A kept
   * count or offset not a multiple of 4 keeps the generic kernel. On the dry device: the launches.
   */
  @Test
  void columnSumsInSixteenBytePacks() {
    Generator g = new Generator(31);
    KernelProfiler profiler = cuda.context().profiler();
    Tensor bias = random(g, DType.FLOAT32, -1, 1, 8192, 1536);
    Tensor biasD = bias.to(CUDA);
    Tensor partials = random(g, DType.FLOAT32, -1, 1, 4, 64, 96);
    Tensor partialsD = partials.to(CUDA);
    Tensor wide = random(g, DType.FLOAT32, -1, 1, 300, 104);
    Tensor wideD = wide.to(CUDA);
    record Case(String what, Tensor x, Tensor d, int[] dims, boolean permuted, String kernel) {}
    for (Case c : new Case[] {
        new Case("bias gradient sum(0) of (8192, 1536)", bias, biasD, new int[] {0}, false, "reduce_sum_f32_v4_split"),
        new Case("split-K sum(0) of (4, 64, 96)", partials, partialsD, new int[] {0}, true, "reduce_sum_f32_v4"),
        new Case("kept columns 4..100 of (300, 104)", wide.narrow(1, 4, 96), wideD.narrow(1, 4, 96), new int[] {0}, false, "reduce_sum_f32_v4"),
        new Case("kept columns 1..97 of (300, 104): offset 1", wide.narrow(1, 1, 96), wideD.narrow(1, 1, 96), new int[] {0}, false, "reduce_sum_f32"),
        new Case("sum(0) of (300, 102): 102 columns", wide.narrow(1, 0, 102), wideD.narrow(1, 0, 102), new int[] {0}, false, "reduce_sum_f32")}) {
      profiler.start();
      checkReduce(c.what(), ReduceOp.SUM, c.x(), c.d(), c.dims(), c.permuted());
      java.util.Set<String> ran = new java.util.HashSet<>();
      profiler.stop().forEach(e -> ran.add(e.kernel()));
      org.junit.jupiter.api.Assertions.assertTrue(ran.contains(c.kernel()), c.what() + ": " + c.kernel() + " did not run: " + ran);
    }
  }

  @Test
  void float32SumOfThirtyMillionStaysWithinTolerance() {
    GpuTestSupport.requireRealDevice(); // values or device-side errors only a running kernel gives
    Tensor x = Tensor.rand(new Generator(14), DType.FLOAT32, 30_000_000);
    double exact = x.to(DType.FLOAT64).sum().item();
    double actual = x.to(CUDA).sum().item();
    assertEquals(exact, actual, 1e-6 * Math.abs(exact), "against the float64 sum");
    assertEquals(x.sum().item(), actual, 1e-5 * Math.abs(exact), "against the CPU's float32 sum");
  }

  /**
   * Whole dense float tensors go to reduce_sum_flat_*: lengths around the vector width and the
   * unrolled loop, views starting off a 16-byte boundary (the scalar head), and a sum over every
   * dim of a matrix; a second call reuses the workspace's counter.
   */
  @Test
  void wholeTensorSumsOfEveryLengthAndOffset() {
    Generator g = new Generator(15);
    int[] all = {0};
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      for (int n : new int[] {1, 2, 3, 4, 5, 7, 8, 9, 31, 1023, 4097, 65_537, 1_000_003, 3_000_001}) {
        Tensor x = random(g, dt, -1, 2, n + 3);
        Tensor d = x.to(CUDA);
        for (int off = 0; off < 4; off++) {
          String what = dt + " sum of " + n + " at offset " + off;
          checkReduce(what, ReduceOp.SUM, x.narrow(0, off, n), d.narrow(0, off, n), all, false);
          checkReduce(what + " again", ReduceOp.SUM, x.narrow(0, off, n), d.narrow(0, off, n), all, false);
        }
      }
      Tensor m = random(g, dt, -1, 2, 999, 1001);
      checkReduce(dt + " sum over both dims", ReduceOp.SUM, m, m.to(CUDA), new int[] {0, 1}, false);
    }
  }

  @Test
  void emptyReductionsWriteTheIdentity() {
    for (ReduceOp op : ReduceOp.values()) {
      for (DType dt : DType.values()) {
        if (!CudaReductions.supported(op, dt)) continue;
        Tensor x = Tensor.zeros(dt, 3, 0);
        checkReduce(op + " " + dt + " over an empty dim", op, x, x.to(CUDA), new int[] {1}, false);
      }
    }
  }

  @Test
  void nanAndInfinityPropagateThroughMaxAndMin() {
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      double[] v = new double[5000];
      for (int i = 0; i < v.length; i++) v[i] = Math.sin(i);
      v[4321] = Double.NaN;
      v[17] = Double.POSITIVE_INFINITY;
      v[18] = Double.NEGATIVE_INFINITY;
      Tensor x = Tensor.fromArray(v, 50, 100).to(dt);
      Tensor d = x.to(CUDA);
      for (ReduceOp op : new ReduceOp[] {ReduceOp.MAX, ReduceOp.MIN, ReduceOp.SUM, ReduceOp.PROD}) {
        for (int[] dims : new int[][] {{0}, {1}, {0, 1}}) checkReduce(op + " " + dt + " with NaN", op, x, d, dims, false);
      }
      Tensor big = Tensor.full(new int[] {3_000_000}, 1.0, dt);
      big.slice(0, 2_999_990, 2_999_991).fill_(Double.NaN);
      checkReduce(dt + " max of 3e6 with a NaN at the end", ReduceOp.MAX, big, big.to(CUDA), new int[] {0}, false);
    }
  }

  // ---- arg-reductions ---------------------------------------------------------------------

  private static void checkWithIndex(String what, IndexReduceOp op, Tensor x, Tensor onGpu, int dim) {
    int[] kept = x.shape().clone();
    kept[dim] = 1;
    Tensor ev = Tensor.empty(x.dtype(), Device.CPU, kept);
    Tensor ei = Tensor.empty(DType.INT64, Device.CPU, kept);
    Backends.cpu().reduceWithIndex(op, x, dim, ev, ei);
    Tensor av = poisoned(x.dtype(), kept);
    Tensor ai = poisoned(DType.INT64, kept);
    cuda.reduceWithIndex(op, onGpu, dim, av, ai);
    assertMatches(what + " values", ev, av, 0, 0);
    assertMatches(what + " indices", ei, ai, 0, 0);
  }

  @Test
  void argReductionsOfEveryDtypeAndLayout() {
    Generator g = new Generator(15);
    for (IndexReduceOp op : IndexReduceOp.values()) {
      for (DType dt : DType.values()) {
        // Few distinct values, so ties are everywhere.
        for (int[] shape : new int[][] {{1, 1}, {7, 1}, {33, 7}, {5, 1023}, {3, 5000}, {50, 5000}, {2, 3, 4}}) {
          Tensor x = random(g, dt, -3, 3, shape);
          if (dt.isFloatingPoint()) x = x.round();
          Tensor d = x.to(CUDA);
          for (int dim = 0; dim < shape.length; dim++) {
            checkWithIndex(op + " " + dt + " " + Arrays.toString(shape) + " dim " + dim, op, x, d, dim);
          }
        }
        Tensor x = random(g, dt, -3, 3, 6, 40, 7);
        checkWithIndex(op + " " + dt + " permuted", op, x.permute(2, 0, 1), x.to(CUDA).permute(2, 0, 1), 2);
        checkWithIndex(op + " " + dt + " sliced", op, x.slice(1, 1, 40, 3), x.to(CUDA).slice(1, 1, 40, 3), 1);
      }
    }
  }

  @Test
  void argReductionsPickTheFirstNanAndTheFirstTie() {
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      for (int n : new int[] {7, 1000, 5000}) {
        double[] v = new double[2 * n];
        Arrays.fill(v, 1.0);
        v[n / 2] = 2;
        v[n - 1] = 2;           // ties: the first 2 wins (max)
        v[n + n / 3] = Double.NaN;
        v[n + n - 1] = Double.NaN; // the first NaN wins
        v[n + 1] = Double.POSITIVE_INFINITY;
        Tensor x = Tensor.fromArray(v, 2, n).to(dt);
        for (IndexReduceOp op : IndexReduceOp.values()) {
          checkWithIndex(op + " " + dt + " n=" + n, op, x, x.to(CUDA), 1);
          checkWithIndex(op + " " + dt + " n=" + n + " columns", op, x.t().contiguous(), x.t().contiguous().to(CUDA), 0);
        }
      }
    }
  }

  // ---- scans ------------------------------------------------------------------------------

  private static void checkScan(String what, ScanOp op, Tensor x, Tensor onGpu, int dim, Tensor out, double rtol, double atol) {
    Tensor expected = Tensor.empty(x.dtype(), Device.CPU, x.shape());
    Backends.cpu().scan(op, x, dim, expected);
    cuda.scan(op, onGpu, dim, out);
    assertMatches(what, expected, out, rtol, atol);
  }

  @Test
  void scansOfEveryDtypeAndLayout() {
    Generator g = new Generator(16);
    for (ScanOp op : ScanOp.values()) {
      for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT64}) {
        boolean sum = op == ScanOp.CUMSUM;
        double rtol = dt == DType.FLOAT32 ? 1e-5 : dt == DType.FLOAT64 ? 1e-10 : 0;
        double atol = dt == DType.FLOAT32 ? 1e-4 : dt == DType.FLOAT64 ? 1e-9 : 0;
        for (int[] shape : new int[][] {{1, 1}, {1, 7}, {33, 7}, {5, 1023}, {3, 5000}, {20, 5000}, {5000, 3}}) {
          Tensor x = !dt.isFloatingPoint() ? random(g, dt, -3, 4, shape) : sum ? random(g, dt, -1, 1, shape) : random(g, dt, 0.99, 1.01, shape);
          Tensor d = x.to(CUDA);
          for (int dim = 0; dim < 2; dim++) {
            String what = op + " " + dt + " " + Arrays.toString(shape) + " dim " + dim;
            checkScan(what, op, x, d, dim, poisoned(dt, shape), rtol, atol);
            Tensor out = poisoned(dt, shape[1], shape[0]).t(); // a transposed output
            checkScan(what + " into a transposed output", op, x, d, dim, out, rtol, atol);
            checkScan(what + " transposed input", op, x.t().contiguous().t(), d.t().contiguous().t(), dim, poisoned(dt, shape), rtol, atol);
          }
        }
      }
    }
  }

  // ---- the public API ---------------------------------------------------------------------

  private static void api(String what, Tensor x, Function<Tensor, Tensor> f, double rtol, double atol) {
    assertMatches(what, f.apply(x), f.apply(x.to(CUDA)), rtol, atol);
  }

  @Test
  void publicApiReductionsMatchTheCpu() {
    Generator g = new Generator(17);
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      double r = rtol(dt);
      // The CPU sums float32 in float32 vector blocks: slack for sums that cancel to near zero.
      double a = dt == DType.FLOAT32 ? 1e-4 : 1e-10;
      Tensor x = random(g, dt, -2, 2, 6, 50, 70);
      api(dt + " sum()", x, t -> t.sum(), r, a);
      api(dt + " sum(-1)", x, t -> t.sum(-1), r, a);
      api(dt + " sum({0,-1}, keepdim)", x, t -> t.sum(new int[] {0, -1}, true), r, a);
      api(dt + " mean()", x, t -> t.mean(), r, a);
      api(dt + " mean(1)", x, t -> t.mean(1), r, a);
      api(dt + " var(1)", x, t -> t.var(1), r, a);
      api(dt + " std()", x, t -> t.std(), r, a);
      api(dt + " prod(2)", x.div(2).add(1), t -> t.prod(2, false), r, a);
      api(dt + " max()", x, t -> t.max(), 0, 0);
      api(dt + " min()", x, t -> t.min(), 0, 0);
      api(dt + " amax({1,2})", x, t -> t.amax(new int[] {1, 2}, false), 0, 0);
      api(dt + " amin({-1}, keepdim)", x, t -> t.amin(new int[] {-1}, true), 0, 0);
      api(dt + " max(1).values", x, t -> t.max(1).values(), 0, 0);
      api(dt + " max(1).indices", x, t -> t.max(1).indices(), 0, 0);
      api(dt + " min(-1, keepdim).indices", x, t -> t.min(-1, true).indices(), 0, 0);
      api(dt + " argmax()", x, t -> t.argmax(), 0, 0);
      api(dt + " argmin(0, keepdim)", x, t -> t.argmin(0, true), 0, 0);
      api(dt + " logsumexp(2)", x, t -> t.logsumexp(2), r, a);
      api(dt + " logsumexp({0,1})", x, t -> t.logsumexp(new int[] {0, 1}, false), r, a);
      api(dt + " norm()", x, t -> t.norm(), r, a);
      api(dt + " norm(1, {2})", x, t -> t.norm(1, new int[] {2}, false), r, a);
      api(dt + " norm(inf)", x, t -> t.norm(Double.POSITIVE_INFINITY), 0, 0);
      api(dt + " cumsum(1)", x, t -> t.cumsum(1), r, a);
      api(dt + " cumprod(-1)", x.div(10).add(1), t -> t.cumprod(-1), r, a);
      api(dt + " any(1)", x.gt(1.9), t -> t.any(1, false), 0, 0);
      api(dt + " all()", x.gt(-2.5), t -> t.all(), 0, 0);
      api(dt + " sum of a transposed view", x, t -> t.transpose(0, 2).sum(new int[] {0, 1}, false), r, a);
    }
    Tensor i = random(g, DType.INT64, -50, 50, 30, 40);
    api("int64 sum(0)", i, t -> t.sum(0), 0, 0);
    api("int64 prod(1)", i, t -> t.prod(1, false), 0, 0);
    api("int64 max(1).indices", i, t -> t.max(1).indices(), 0, 0);
    api("int64 cumsum(0)", i, t -> t.cumsum(0), 0, 0);
    Tensor b = random(g, DType.BOOL, 0, 1, 30, 40);
    api("bool sum(1) -> int64", b, t -> t.sum(1), 0, 0);
    api("bool cumsum(1) -> int64", b, t -> t.cumsum(1), 0, 0);
    api("bool max()", b, t -> t.max(), 0, 0);
    api("bool argmax(1)", b, t -> t.argmax(1, false), 0, 0);
    api("bool any()", b, t -> t.any(), 0, 0);
    api("float any(0)", random(g, DType.FLOAT32, -1, 1, 30, 40).gt(0.9).to(DType.FLOAT32), t -> t.any(0, false), 0, 0);
  }

  @Test
  void reductionsStayOnTheDevice() {
    Tensor x = Tensor.rand(new Generator(18), DType.FLOAT32, 100, 100).to(CUDA);
    ValuesIndices vi = x.max(0);
    assertTrue(vi.values().device().equals(CUDA) && vi.indices().device().equals(CUDA));
    assertTrue(x.sum(1).device().equals(CUDA));
    assertTrue(x.cumsum(0).device().equals(CUDA));
  }
}
