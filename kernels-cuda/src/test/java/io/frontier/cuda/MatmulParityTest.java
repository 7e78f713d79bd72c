package io.frontier.cuda;

import static io.frontier.cuda.GpuTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.Backends;
import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Batched matrix products on the GPU against the CPU backend's exact FP32/FP64 GEMM, at every
 * precision; TF32 and BF16 through both the register-staged kernels (mode SIMPLE) and the packed
 * tensor-core kernels forced onto every shape (mode PACKED), TF32 also through the direct kernels
 * (modes DIRECT and DIRECT_TRUNCATED; unaligned operands fall back to the other paths there).
 */
@Tag("gpu")
class MatmulParityTest {
  static CudaBackend cuda;
  static TcPlan.Mode mode = TcPlan.Mode.AUTO;

  @BeforeAll
  static void start() {
    cuda = requireCuda();
  }

  @AfterEach
  void restorePrecision() {
    cuda.setMatmulPrecision(MatmulPrecision.HIGHEST);
    setMode(cuda.defaultGemmMode());
  }

  static void setMode(TcPlan.Mode m) {
    mode = m;
    cuda.setGemmMode(m);
  }

  /** Relative-error bound (Frobenius norm) of a precision / dtype. */
  static double tolerance(DType dtype, MatmulPrecision p) {
    if (dtype == DType.FLOAT64) return 1e-12;
    return switch (p) {
      case HIGHEST, TF32X3 -> 1e-5;
      case TF32 -> 2e-3;
      case BF16 -> 1e-2;
    };
  }

  /** (B, M, K, N) shapes: degenerate, odd, and crossing the tile sizes. */
  static final int[][] SHAPES = {
      {1, 1, 1, 1}, {1, 1, 300, 1}, {1, 127, 65, 33}, {1, 127, 33, 65}, {1, 1000, 3, 999}, {3, 17, 129, 130},
      {2, 5, 0, 7}, {1, 1, 513, 700}, {1, 700, 513, 1}, {4, 64, 64, 64}};

  /**
   * Runs cuda.matmul on the device copies of the CPU operands {@code a} and {@code b} (each taken
   * through {@code viewA} / {@code viewB} on both sides) into {@code out}, a poisoned device view,
   * and compares with the CPU backend.
   */
  static void check(String what, Tensor a, Tensor b, Function<Tensor, Tensor> viewA, Function<Tensor, Tensor> viewB, Tensor out) {
    Tensor ac = viewA.apply(a), bc = viewB.apply(b);
    Tensor expected = Tensor.empty(a.dtype(), Device.CPU, out.shape());
    Backends.cpu().matmul(ac, bc, expected);
    cuda.matmul(viewA.apply(a.to(CUDA)), viewB.apply(b.to(CUDA)), out);
    double err = relativeError(expected, out);
    double tol = tolerance(a.dtype(), cuda.matmulPrecision());
    assertTrue(err < tol, what + " " + a.dtype() + " " + cuda.matmulPrecision() + " " + mode + ": relative error " + err + " (bound " + tol + ")");
  }

  /** Runs body at every precision of dtype; TF32 / BF16 once per kernel path (SIMPLE, PACKED). */
  static void forEachPrecision(DType dtype, Runnable body) {
    for (MatmulPrecision p : dtype == DType.FLOAT64 ? new MatmulPrecision[] {MatmulPrecision.HIGHEST} : MatmulPrecision.values()) {
      cuda.setMatmulPrecision(p);
      TcPlan.Mode[] modes = switch (p) {
        case HIGHEST -> new TcPlan.Mode[] {TcPlan.Mode.AUTO};
        case TF32 -> new TcPlan.Mode[] {TcPlan.Mode.SIMPLE, TcPlan.Mode.PACKED, TcPlan.Mode.DIRECT, TcPlan.Mode.DIRECT_TRUNCATED,
            TcPlan.Mode.WGMMA_PACKED};
        case BF16 -> new TcPlan.Mode[] {TcPlan.Mode.SIMPLE, TcPlan.Mode.PACKED, TcPlan.Mode.WGMMA_PACKED};
        // split operands on both packed product kernels (SIMPLE would be the SIMT kernels, as HIGHEST)
        case TF32X3 -> new TcPlan.Mode[] {TcPlan.Mode.PACKED, TcPlan.Mode.WGMMA_PACKED};
      };
      for (TcPlan.Mode m : modes) {
        setMode(m);
        body.run();
      }
    }
    setMode(cuda.defaultGemmMode());
  }

  @Test
  void contiguousShapes() {
    Generator g = new Generator(11);
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      forEachPrecision(dt, () -> {
        for (int[] s : SHAPES) {
          Tensor a = random(g, dt, -1, 1, s[0], s[1], s[2]);
          Tensor b = random(g, dt, -1, 1, s[0], s[2], s[3]);
          check(java.util.Arrays.toString(s), a, b, x -> x, x -> x, poisoned(dt, s[0], s[1], s[3]));
        }
      });
    }
  }

  @Test
  void transposedBroadcastAndStridedOperands() {
    Generator g = new Generator(12);
    int bz = 3, m = 130, k = 67, n = 129;
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      forEachPrecision(dt, () -> {
        Tensor a = random(g, dt, -1, 1, bz, m, k), b = random(g, dt, -1, 1, bz, k, n);
        Tensor at = random(g, dt, -1, 1, bz, k, m), bt = random(g, dt, -1, 1, bz, n, k);
        Function<Tensor, Tensor> id = x -> x, tr = x -> x.transpose(1, 2);
        check("A^T", at, b, tr, id, poisoned(dt, bz, m, n));
        check("B^T", a, bt, id, tr, poisoned(dt, bz, m, n));
        check("A^T B^T", at, bt, tr, tr, poisoned(dt, bz, m, n));
        Tensor a1 = random(g, dt, -1, 1, 1, m, k), b1 = random(g, dt, -1, 1, 1, k, n);
        check("broadcast A", a1, b, x -> x.expand(bz, m, k), id, poisoned(dt, bz, m, n));
        check("broadcast B^T", a, random(g, dt, -1, 1, 1, n, k), id, x -> x.expand(bz, n, k).transpose(1, 2), poisoned(dt, bz, m, n));
        check("broadcast both", a1, b1, x -> x.expand(bz, m, k), x -> x.expand(bz, k, n), poisoned(dt, bz, m, n));
        Tensor wide = random(g, dt, -1, 1, bz, m, 2 * k);
        check("stepped A (copied)", wide, b, x -> x.slice(2, 0, 2 * k, 2), id, poisoned(dt, bz, m, n));
        check("offset A", wide, b, x -> x.slice(2, 1, k + 1), id, poisoned(dt, bz, m, n));
      });
    }
  }

  @Test
  void nonContiguousOutputs() {
    Generator g = new Generator(13);
    int bz = 2, m = 70, k = 45, n = 90;
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      forEachPrecision(dt, () -> {
        Tensor a = random(g, dt, -1, 1, bz, m, k), b = random(g, dt, -1, 1, bz, k, n);
        check("column-major out", a, b, x -> x, x -> x, poisoned(dt, bz, n, m).transpose(1, 2));
        check("stepped out", a, b, x -> x, x -> x, poisoned(dt, bz, m, 2 * n).slice(2, 0, 2 * n, 2));
        check("padded rows out", a, b, x -> x, x -> x, poisoned(dt, bz, m, n + 3).slice(2, 1, n + 1));
        check("batch-permuted out", a, b, x -> x, x -> x, poisoned(dt, m, bz, n).transpose(0, 1));
      });
    }
  }

  @Test
  void largeProducts() {
    Generator g = new Generator(14);
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      forEachPrecision(dt, () -> {
        check("1024^3", random(g, dt, -1, 1, 1, 1024, 1024), random(g, dt, -1, 1, 1, 1024, 1024), x -> x, x -> x, poisoned(dt, 1, 1024, 1024));
        check("1000x777x1300", random(g, dt, -1, 1, 1, 1000, 777), random(g, dt, -1, 1, 1, 777, 1300), x -> x, x -> x, poisoned(dt, 1, 1000, 1300));
        check("2048x512x4096", random(g, dt, -1, 1, 1, 2048, 512), random(g, dt, -1, 1, 1, 512, 4096), x -> x, x -> x, poisoned(dt, 1, 2048, 4096));
      });
    }
  }

  /**
   * matmulBias (a linear layer): the bias in the kernels' epilogue, and added after the product
   * where the epilogue cannot take it (column-major output: swapped operands; split-K).
   */
  @Test
  void biasInTheEpilogueAndAfter() {
    Generator g = new Generator(20);
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      forEachPrecision(dt, () -> {
        double tol = tolerance(dt, cuda.matmulPrecision());
        int[][] shapes = {{2, 130, 67, 260}, {1, 300, 512, 129}, {1, 100, 3000, 70}}; // (B, M, K, N); the last is split
        for (int[] s : shapes) {
          Tensor a = random(g, dt, -1, 1, s[0], s[1], s[2]), b = random(g, dt, -1, 1, s[0], s[2], s[3]);
          Tensor bias = random(g, dt, -1, 1, s[3]);
          Tensor expected = Tensor.empty(dt, Device.CPU, s[0], s[1], s[3]);
          Backends.cpu().matmulBias(a, b, bias, expected);
          for (boolean columnMajorOut : new boolean[] {false, true}) {
            Tensor out = columnMajorOut ? poisoned(dt, s[0], s[3], s[1]).transpose(1, 2) : poisoned(dt, s[0], s[1], s[3]);
            cuda.matmulBias(a.to(CUDA), b.to(CUDA), bias.to(CUDA), out);
            double err = relativeError(expected, out);
            assertTrue(err < tol, java.util.Arrays.toString(s) + (columnMajorOut ? " column-major out " : " ") + dt + " "
                + cuda.matmulPrecision() + " " + mode + ": relative error " + err);
          }
        }
      });
    }
  }

  /**
   * Two batch dims that no single stride describes, as attention heads split from one (B, T, 3C)
   * tensor: read in place through the kernels' second batch level (the direct kernels fall back).
   */
  @Test
  void twoBatchDimsOfSplitHeads() {
    Generator g = new Generator(21);
    int bsz = 2, t = 37, heads = 3, d = 20;
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      forEachPrecision(dt, () -> {
        double tol = tolerance(dt, cuda.matmulPrecision());
        Tensor qkv = random(g, dt, -1, 1, bsz, t, 3 * heads * d);
        Function<Tensor, Tensor> q = x -> x.narrow(2, 0, heads * d).view(bsz, t, heads, d).transpose(1, 2);
        Function<Tensor, Tensor> k = x -> x.narrow(2, heads * d, heads * d).view(bsz, t, heads, d).transpose(1, 2);
        assertClose("q k^T of split heads", q.apply(qkv).matmul(k.apply(qkv).transpose(2, 3)),
            q.apply(qkv.to(CUDA)).matmul(k.apply(qkv.to(CUDA)).transpose(2, 3)), tol);
        Tensor p = random(g, dt, 0, 1, bsz, heads, t, t);
        assertClose("p v of split heads", p.matmul(k.apply(qkv)), p.to(CUDA).matmul(k.apply(qkv.to(CUDA))), tol);
        Tensor w = random(g, dt, -1, 1, 1, heads, d, 5); // broadcast over the outer batch dim
        assertClose("split heads @ broadcast", q.apply(qkv).matmul(w), q.apply(qkv.to(CUDA)).matmul(w.to(CUDA)), tol);
      });
    }
  }

  /** Few output tiles and a long K: run as SplitK (batched chunks, a tail, a sum), as a linear layer's weight gradient. */
  @Test
  void longKProductsAreSplit() {
    Generator g = new Generator(19);
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      forEachPrecision(dt, () -> {
        Tensor dy = random(g, dt, -1, 1, 1, 8192, 512), x = random(g, dt, -1, 1, 1, 8192, 256);
        check("dY^T X, K 8192", dy, x, t -> t.transpose(1, 2), t -> t, poisoned(dt, 1, 512, 256));
        check("K 3000 (a tail)", random(g, dt, -1, 1, 1, 100, 3000), random(g, dt, -1, 1, 1, 3000, 70), t -> t, t -> t, poisoned(dt, 1, 100, 70));
        check("K 3000, column-major out", random(g, dt, -1, 1, 1, 100, 3000), random(g, dt, -1, 1, 1, 3000, 70), t -> t, t -> t,
            poisoned(dt, 1, 70, 100).transpose(1, 2));
      });
    }
  }

  @Test
  void batchesBeyondTheGridLimit() {
    Generator g = new Generator(15);
    forEachPrecision(DType.FLOAT32, () -> check("batch 70000", random(g, DType.FLOAT32, -1, 1, 70_000, 3, 5),
        random(g, DType.FLOAT32, -1, 1, 70_000, 5, 2), x -> x, x -> x, poisoned(DType.FLOAT32, 70_000, 3, 2)));
  }

  @Test
  void publicApi() {
    Generator g = new Generator(16);
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      forEachPrecision(dt, () -> {
        double tol = tolerance(dt, cuda.matmulPrecision());
        Tensor a = random(g, dt, -1, 1, 37, 53), b = random(g, dt, -1, 1, 53, 29), v = random(g, dt, -1, 1, 53);
        Tensor x = random(g, dt, -1, 1, 4, 37, 53), y = random(g, dt, -1, 1, 4, 53, 29);
        assertClose("matmul", a.matmul(b), a.to(CUDA).matmul(b.to(CUDA)), tol);
        assertClose("mm", a.mm(b), a.to(CUDA).mm(b.to(CUDA)), tol);
        assertClose("mm of transposes", b.transpose(0, 1).mm(a.transpose(0, 1)), b.to(CUDA).transpose(0, 1).mm(a.to(CUDA).transpose(0, 1)), tol);
        assertClose("bmm", x.bmm(y), x.to(CUDA).bmm(y.to(CUDA)), tol);
        assertClose("mv", a.mv(v), a.to(CUDA).mv(v.to(CUDA)), tol);
        assertClose("batched matmul broadcast", x.matmul(b), x.to(CUDA).matmul(b.to(CUDA)), tol);
        assertClose("vector @ batch", v.matmul(y), v.to(CUDA).matmul(y.to(CUDA)), tol);
      });
    }
  }

  /** The direct kernels round their operands as the pack kernels do and sum in the same order: the same bits. */
  @Test
  void directEqualsPackedBitForBit() {
    Generator g = new Generator(17);
    cuda.setMatmulPrecision(MatmulPrecision.TF32);
    int[][] shapes = {{1, 130, 68, 260}, {2, 129, 36, 257}, {1, 1024, 1024, 1024}};
    for (int[] s : shapes) {
      Tensor a = random(g, DType.FLOAT32, -1, 1, s[0], s[1], s[2]).to(CUDA);
      Tensor bt = random(g, DType.FLOAT32, -1, 1, s[0], s[3], s[2]).to(CUDA);
      for (Function<Tensor, Tensor> layoutB : java.util.List.<Function<Tensor, Tensor>>of(x -> x.transpose(1, 2), x -> x.transpose(1, 2).contiguous())) {
        Tensor b = layoutB.apply(bt);
        setMode(TcPlan.Mode.PACKED);
        Tensor packed = poisoned(DType.FLOAT32, s[0], s[1], s[3]);
        cuda.matmul(a, b, packed);
        setMode(TcPlan.Mode.DIRECT);
        Tensor direct = poisoned(DType.FLOAT32, s[0], s[1], s[3]);
        cuda.matmul(a, b, direct);
        float[] x = packed.to(Device.CPU).toFloatArray(), y = direct.to(Device.CPU).toFloatArray();
        for (int i = 0; i < x.length; i++) {
          if (Float.floatToRawIntBits(x[i]) != Float.floatToRawIntBits(y[i])) {
            throw new AssertionError(java.util.Arrays.toString(s) + " element " + i + ": packed " + x[i] + ", direct " + y[i]);
          }
        }
      }
    }
  }

  /**
   * The wgmma kernels load exactly on compute capability 9.0 (elsewhere the WGMMA modes above ran
   * mma.sync), run when asked (the profiler sees gemm_wg_*), and on packed operands give the packed
   * mma.sync product's result up to float32 summation order; TF32 operands that are already
   * K-major (x W^T) are read in place, with no pack kernel, within TF32's tolerance of the CPU.
   */
  @Test
  void wgmmaRunsOnComputeCapability90AndMatchesMmaSync() {
    GpuTestSupport.requireRealDevice(); // values or device-side errors only a running kernel gives
    CudaContext ctx = cuda.context();
    if (ctx.computeCapability() != 90) {
      assertFalse(ctx.hasWgmma(), "wgmma kernels loaded on sm_" + ctx.computeCapability());
      return;
    }
    assertTrue(ctx.hasWgmma(), ctx.wgmmaUnavailable());
    Generator g = new Generator(19);
    int[][] shapes = {{1, 1024, 1024, 1024}, {3, 200, 520, 300}, {2, 130, 68, 260}};
    KernelProfiler profiler = ctx.profiler();
    for (MatmulPrecision p : new MatmulPrecision[] {MatmulPrecision.TF32, MatmulPrecision.BF16}) {
      cuda.setMatmulPrecision(p);
      String suffix = p == MatmulPrecision.TF32 ? "tf32" : "bf16";
      for (int[] s : shapes) {
        String what = java.util.Arrays.toString(s) + " " + p;
        // A transposed and B row-major: neither K-major, so both are packed on either path
        Tensor a = random(g, DType.FLOAT32, -1, 1, s[0], s[2], s[1]).to(CUDA).mT();
        Tensor b = random(g, DType.FLOAT32, -1, 1, s[0], s[2], s[3]).to(CUDA);
        Tensor bias = random(g, DType.FLOAT32, -1, 1, s[3]).to(CUDA);
        setMode(TcPlan.Mode.PACKED);
        Tensor mma = poisoned(DType.FLOAT32, s[0], s[1], s[3]);
        cuda.matmulBias(a, b, bias, mma);
        setMode(TcPlan.Mode.WGMMA_PACKED);
        Tensor wg = poisoned(DType.FLOAT32, s[0], s[1], s[3]);
        profiler.start();
        cuda.matmulBias(a, b, bias, wg);
        assertTrue(profiler.stop().stream().anyMatch(e -> e.kernel().equals("gemm_wg_" + suffix)), "gemm_wg_" + suffix + " did not run: " + what);
        assertClose("wgmma vs mma.sync " + what, mma.to(Device.CPU), wg.to(Device.CPU), 1e-5);
      }
    }
    cuda.setMatmulPrecision(MatmulPrecision.TF32);
    setMode(TcPlan.Mode.WGMMA_PACKED);
    for (int[] s : shapes) {
      Tensor x = random(g, DType.FLOAT32, -1, 1, s[0], s[1], s[2]);
      Tensor w = random(g, DType.FLOAT32, -1, 1, s[0], s[3], s[2]);
      profiler.start();
      check("wgmma in place " + java.util.Arrays.toString(s), x, w, t -> t, t -> t.mT(), poisoned(DType.FLOAT32, s[0], s[1], s[3]));
      java.util.List<KernelProfiler.Entry> ran = profiler.stop();
      assertTrue(ran.stream().anyMatch(e -> e.kernel().equals("gemm_wg_tf32")), "gemm_wg_tf32 did not run");
      assertFalse(ran.stream().anyMatch(e -> e.kernel().startsWith("gemm_pack")), "x W^T packed an operand: " + ran);
    }
  }

  /**
   * The narrow wgmma tile (gemm_wg_*_n64, {@code -Dfrontier.cuda.wgmma.narrow=true}) on products
   * of at most 64 columns gives the wide tile's results to float32 summation order: with bias,
   * ragged M and N, two batch levels (attention's P V: heads of a (B, T, 3C) tensor), TF32 and BF16.
   */
  @Test
  void wgmmaNarrowTileMatchesTheWideOne() {
    GpuTestSupport.requireRealDevice(); // values or device-side errors only a running kernel gives
    CudaContext ctx = requireWgmma();
    Generator g = new Generator(23);
    KernelProfiler profiler = ctx.profiler();
    int[][] shapes = {{3, 200, 64, 300}, {2, 130, 37, 260}, {1, 1, 1, 1}};
    boolean before = TcPlan.narrowTile;
    try {
      for (MatmulPrecision p : new MatmulPrecision[] {MatmulPrecision.TF32, MatmulPrecision.BF16}) {
        cuda.setMatmulPrecision(p);
        String kernel = "gemm_wg_" + (p == MatmulPrecision.TF32 ? "tf32" : "bf16") + "_n64";
        setMode(TcPlan.Mode.WGMMA_PACKED);
        for (int[] s : shapes) {
          String what = java.util.Arrays.toString(s) + " " + p;
          Tensor a = random(g, DType.FLOAT32, -1, 1, s[0], s[1], s[3]).to(CUDA);
          Tensor b = random(g, DType.FLOAT32, -1, 1, s[0], s[3], s[2]).to(CUDA);
          Tensor bias = random(g, DType.FLOAT32, -1, 1, s[2]).to(CUDA);
          TcPlan.narrowTile = false;
          Tensor wide = poisoned(DType.FLOAT32, s[0], s[1], s[2]);
          cuda.matmulBias(a, b, bias, wide);
          TcPlan.narrowTile = true;
          Tensor narrow = poisoned(DType.FLOAT32, s[0], s[1], s[2]);
          profiler.start();
          cuda.matmulBias(a, b, bias, narrow);
          assertTrue(profiler.stop().stream().anyMatch(e -> e.kernel().equals(kernel)), kernel + " did not run: " + what);
          assertClose("narrow vs wide wgmma tile " + what, wide.to(Device.CPU), narrow.to(Device.CPU), 1e-5);
        }
        // attention's P V: P (B, H, T, T) contiguous, V heads of a (B, T, 3C) tensor, two batch levels
        int batches = 2, heads = 3, t = 130, d = 40;
        Tensor probs = random(g, DType.FLOAT32, 0, 1, batches, heads, t, t);
        Tensor qkv = random(g, DType.FLOAT32, -1, 1, batches, t, 3 * heads * d);
        TcPlan.narrowTile = true;
        check("narrow wgmma tile, P V " + p, probs, qkv, x -> x,
            x -> x.narrow(2, 2 * heads * d, heads * d).reshape(batches, t, heads, d).transpose(1, 2),
            poisoned(DType.FLOAT32, batches, heads, t, d));
      }
    } finally {
      TcPlan.narrowTile = before;
    }
  }

  /**
   * A persistent grid ({@code -Dfrontier.cuda.wgmma.persistent=true}: at most one block per SM,
   * two for the narrow tile, each looping over tiles) gives a block per tile's results bit for bit
   * (the same tiles, the same order of products): more tiles than blocks, wide and narrow, TF32,
   * BF16 and 3xTF32 in passes, A through registers, batches and a bias. On the dry device: the
   * grids launched.
   */
  @Test
  void wgmmaPersistentGridMatchesABlockPerTile() {
    CudaContext ctx = requireWgmma();
    Generator g = new Generator(37);
    int sms = ctx.multiprocessors();
    // {batch, M, N, K}: 16 x 9 = 144 wide tiles (more than an H100's 132 SMs), and for the narrow
    // tile more than two a SM
    int[][] shapes = {{1, 128 * (sms / 8 + 1), 8 * 256 + 1, 40}, {2, 128 * (2 * sms + 3), 64, 33}};
    boolean persistentBefore = TcPlan.persistent, narrowBefore = TcPlan.narrowTile, passesBefore = TcPlan.splitPasses;
    boolean registerABefore = TcPlan.registerATile;
    setMode(TcPlan.Mode.WGMMA_PACKED);
    try {
      TcPlan.narrowTile = true;
      TcPlan.splitPasses = true;
      TcPlan.registerATile = false; // the kernels that loop over tiles
      for (MatmulPrecision p : new MatmulPrecision[] {MatmulPrecision.TF32, MatmulPrecision.BF16, MatmulPrecision.TF32X3}) {
        cuda.setMatmulPrecision(p);
        for (int[] s : shapes) {
          if (p == MatmulPrecision.TF32X3 && s[2] <= 64) continue; // 3xTF32 runs on the wide tile only
          String what = java.util.Arrays.toString(s) + " " + p;
          Tensor a = random(g, DType.FLOAT32, -1, 1, s[0], s[1], s[3]).to(CUDA);
          Tensor b = random(g, DType.FLOAT32, -1, 1, s[0], s[3], s[2]).to(CUDA);
          Tensor bias = random(g, DType.FLOAT32, -1, 1, s[2]).to(CUDA);
          int perSm = s[2] <= 64 ? 2 : 1;
          persistentMatchesPerTile(what, new int[] {s[0], s[1], s[2]}, out -> cuda.matmulBias(a, b, bias, out), TcPlan::loopsOverTiles,
              perSm * sms);
        }
      }
      // gemm_wg_tf32_ra: a transposed A through registers, 153 tiles
      cuda.setMatmulPrecision(MatmulPrecision.TF32);
      TcPlan.registerATile = true;
      Tensor aStored = random(g, DType.FLOAT32, -1, 1, 1, 40, 128 * (sms / 8 + 1)).to(CUDA);
      Tensor b = random(g, DType.FLOAT32, -1, 1, 1, 40, 8 * 256 + 1).to(CUDA);
      int[] out = {1, aStored.size(2), b.size(2)};
      persistentMatchesPerTile("A through registers", out, o -> cuda.matmul(aStored.mT(), b, o), TcPlan.REGISTER_A_KERNEL::equals, sms);
      // gemm_wg_tf32x3_ra: 3xTF32, a row-major A split in registers
      cuda.setMatmulPrecision(MatmulPrecision.TF32X3);
      Tensor aRows = aStored.mT().contiguous();
      persistentMatchesPerTile("3xTF32 A through registers", out, o -> cuda.matmul(aRows, b, o), "gemm_wg_tf32x3_ra"::equals, sms);
    } finally {
      TcPlan.persistent = persistentBefore;
      TcPlan.narrowTile = narrowBefore;
      TcPlan.splitPasses = passesBefore;
      TcPlan.registerATile = registerABefore;
    }
  }

  /**
   * Runs {@code product} into a poisoned output of {@code shape} on a block per tile, then on the
   * persistent grid, which must launch a kernel {@code kernel} accepts on {@code gridX} blocks, and
   * compares the two bit for bit.
   */
  private static void persistentMatchesPerTile(String what, int[] shape, java.util.function.Consumer<Tensor> product,
      java.util.function.Predicate<String> kernel, int gridX) {
    KernelProfiler profiler = cuda.context().profiler();
    TcPlan.persistent = false;
    Tensor perTile = poisoned(DType.FLOAT32, shape);
    product.accept(perTile);
    TcPlan.persistent = true;
    Tensor looped = poisoned(DType.FLOAT32, shape);
    profiler.start();
    product.accept(looped);
    String grid = "grid=(" + gridX + ",";
    assertTrue(profiler.stop().stream().anyMatch(e -> kernel.test(e.kernel()) && e.config().startsWith(grid)),
        "no persistent launch with " + grid + " for " + what);
    assertClose("persistent vs a block per tile " + what, perTile.to(Device.CPU), looped.to(Device.CPU), 1e-300); // bit for bit
  }

  /**
   * The register-A wgmma kernel (gemm_wg_tf32_ra, {@code -Dfrontier.cuda.wgmma.registerA=true})
   * on products whose A is stored transposed (a weight gradient's g^T) gives the packed path's
   * results to float32 summation order (both round A to TF32 the same way): ragged M, N and K,
   * a bias, batches, B packed and in place; a weight gradient's g^T x against the CPU backend; and
   * 3xTF32 with A split in registers (gemm_wg_tf32x3_ra, _ra_t) to float32 accuracy.
   */
  @Test
  void wgmmaRegisterAMatchesThePackedPath() {
    // on the dry device: that every case launches gemm_wg_tf32_ra, and fits its signature
    CudaContext ctx = requireWgmma();
    Generator g = new Generator(29);
    KernelProfiler profiler = ctx.profiler();
    // {batch, M, N, K}: A stored (batch, K, M) and read as its transpose
    int[][] shapes = {{1, 512, 1536, 8192}, {3, 200, 260, 300}, {2, 132, 37, 45}, {1, 4, 3, 1}};
    boolean before = TcPlan.registerATile, narrowBefore = TcPlan.narrowTile;
    cuda.setMatmulPrecision(MatmulPrecision.TF32);
    setMode(TcPlan.Mode.WGMMA_PACKED);
    TcPlan.narrowTile = false; // gemm_wg_tf32_ra is a wide tile: N = 37 would take the narrow one
    try {
      for (int[] s : shapes) {
        for (boolean bInPlace : new boolean[] {false, true}) {
          String what = java.util.Arrays.toString(s) + (bInPlace ? " B^T in place" : "");
          Tensor aStored = random(g, DType.FLOAT32, -1, 1, s[0], s[3], s[1]).to(CUDA);
          Tensor b = bInPlace ? random(g, DType.FLOAT32, -1, 1, s[0], s[2], s[3]).to(CUDA).mT()
              : random(g, DType.FLOAT32, -1, 1, s[0], s[3], s[2]).to(CUDA);
          Tensor bias = random(g, DType.FLOAT32, -1, 1, s[2]).to(CUDA);
          TcPlan.registerATile = false;
          Tensor packed = poisoned(DType.FLOAT32, s[0], s[1], s[2]);
          cuda.matmulBias(aStored.mT(), b, bias, packed);
          TcPlan.registerATile = true;
          Tensor ra = poisoned(DType.FLOAT32, s[0], s[1], s[2]);
          profiler.start();
          cuda.matmulBias(aStored.mT(), b, bias, ra);
          assertTrue(profiler.stop().stream().anyMatch(e -> e.kernel().equals(TcPlan.REGISTER_A_KERNEL)),
              TcPlan.REGISTER_A_KERNEL + " did not run: " + what);
          assertClose("A through registers vs packed " + what, packed.to(Device.CPU), ra.to(Device.CPU), 1e-5);
        }
      }
      // a weight gradient's shape, g^T x (g (K, M) row-major), against the CPU backend
      TcPlan.registerATile = true;
      check("g^T x, A through registers", random(g, DType.FLOAT32, -1, 1, 1, 1000, 300), random(g, DType.FLOAT32, -1, 1, 1, 1000, 260),
          x -> x.mT(), x -> x, poisoned(DType.FLOAT32, 1, 300, 260));
      // 3xTF32 with A split in registers, row-major and transposed, against the CPU's float32
      // product to float32 accuracy
      cuda.setMatmulPrecision(MatmulPrecision.TF32X3);
      Tensor rowMajor = random(g, DType.FLOAT32, -1, 1, 2, 300, 1000), stored = random(g, DType.FLOAT32, -1, 1, 2, 1000, 300);
      Tensor b = random(g, DType.FLOAT32, -1, 1, 2, 1000, 260);
      for (boolean transposed : new boolean[] {false, true}) {
        String kernel = "gemm_wg_tf32x3_ra" + (transposed ? "_t" : "");
        profiler.start();
        check("3xTF32, A through registers " + (transposed ? "transposed" : "row-major"), transposed ? stored : rowMajor, b,
            transposed ? x -> x.mT() : x -> x, x -> x, poisoned(DType.FLOAT32, 2, 300, 260));
        assertTrue(profiler.stop().stream().anyMatch(e -> e.kernel().equals(kernel)), kernel + " did not run");
      }
    } finally {
      TcPlan.registerATile = before;
      TcPlan.narrowTile = narrowBefore;
    }
  }

  /**
   * Exact integer probes of the wgmma fragment and shared-memory layouts (compute capability 9.0
   * only): A picks one k per row (A[m][k] = 1 where k = m mod the k of one 128-byte stage), so
   * C[m][n] = B[m mod kStage][n]. With B[k][n] = k, every column must read back its row's k; with
   * B[k][n] = n mod 64, every row must read back its column. All values are small integers, exact
   * in TF32 and BF16, so any misplaced row, column or k step shows as a wrong integer, and the
   * failure message prints the first row and column read back, which says which layout is off.
   */
  @Test
  void wgmmaLayoutProbes() {
    GpuTestSupport.requireRealDevice(); // values or device-side errors only a running kernel gives
    if (!cuda.context().hasWgmma()) return; // wgmmaRunsOnComputeCapability90AndMatchesMmaSync checks when it must load
    setMode(TcPlan.Mode.WGMMA_PACKED);
    for (MatmulPrecision p : new MatmulPrecision[] {MatmulPrecision.TF32, MatmulPrecision.BF16}) {
      cuda.setMatmulPrecision(p);
      int kStage = p == MatmulPrecision.TF32 ? 32 : 64, m = 256, n = 512;
      float[] a = new float[m * kStage];
      for (int i = 0; i < m; i++) a[i * kStage + i % kStage] = 1f;
      float[] byRow = new float[kStage * n], byColumn = new float[kStage * n];
      for (int k = 0; k < kStage; k++) {
        for (int j = 0; j < n; j++) {
          byRow[k * n + j] = k;
          byColumn[k * n + j] = j % 64;
        }
      }
      Tensor aRowMajor = Tensor.fromArray(a, 1, m, kStage).to(CUDA);
      // the same A stored transposed: TF32 then packs it instead of reading it in place
      Tensor aTransposed = Tensor.fromArray(a, 1, m, kStage).mT().contiguous().to(CUDA).mT();
      for (Tensor x : new Tensor[] {aRowMajor, aTransposed}) {
        String what = p + (x == aRowMajor ? " A row-major" : " A transposed");
        Tensor rows = poisoned(DType.FLOAT32, 1, m, n), cols = poisoned(DType.FLOAT32, 1, m, n);
        cuda.matmul(x, Tensor.fromArray(byRow, 1, kStage, n).to(CUDA), rows);
        cuda.matmul(x, Tensor.fromArray(byColumn, 1, kStage, n).to(CUDA), cols);
        float[] r = rows.to(Device.CPU).toFloatArray(), c = cols.to(Device.CPU).toFloatArray();
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < n; j++) {
            if (r[i * n + j] != i % kStage || c[i * n + j] != j % 64) {
              StringBuilder s = new StringBuilder(what + ": C[" + i + "][" + j + "] = " + r[i * n + j] + " / " + c[i * n + j]
                  + " (want " + i % kStage + " / " + j % 64 + ")\nrow probe, column " + j + ", rows 0..63:");
              for (int q = 0; q < 64; q++) s.append(' ').append((int) r[q * n + j]);
              s.append("\ncolumn probe, row ").append(i).append(", columns 0..63:");
              for (int q = 0; q < 64; q++) s.append(' ').append((int) c[i * n + q]);
              throw new AssertionError(s.toString());
            }
          }
        }
      }
    }
  }

  /** A NaN (the canonical 0x7fffffff and its negation) or an infinity in an operand reaches the output as on the CPU. */
  @Test
  void nanAndInfinityPropagate() {
    GpuTestSupport.requireRealDevice(); // values or device-side errors only a running kernel gives
    Generator g = new Generator(18);
    int m = 70, k = 40, n = 300;
    Tensor a = random(g, DType.FLOAT32, -1, 1, 1, m, k), b = random(g, DType.FLOAT32, -1, 1, 1, k, n);
    float[] av = a.toFloatArray();
    av[3 * k + 5] = Float.intBitsToFloat(0x7fffffff);
    av[10 * k + 7] = Float.intBitsToFloat(0xffffffff);
    av[20 * k + 1] = Float.POSITIVE_INFINITY;
    av[21 * k + 2] = Float.NEGATIVE_INFINITY;
    Tensor special = Tensor.fromArray(av, 1, m, k);
    Tensor expected = Tensor.empty(DType.FLOAT32, Device.CPU, 1, m, n);
    Backends.cpu().matmul(special, b, expected);
    float[] want = expected.toFloatArray();
    // TF32 on every kernel path, and 3xTF32 (an infinite high part gets a zero low part, so inf
    // stays inf rather than inf - inf) on both packed product kernels
    TcPlan.Mode[] tf32Modes = {TcPlan.Mode.SIMPLE, TcPlan.Mode.PACKED, TcPlan.Mode.DIRECT, TcPlan.Mode.DIRECT_TRUNCATED, TcPlan.Mode.WGMMA_PACKED};
    TcPlan.Mode[] splitModes = {TcPlan.Mode.PACKED, TcPlan.Mode.WGMMA_PACKED};
    for (int run = 0; run < tf32Modes.length + splitModes.length; run++) {
      boolean split = run >= tf32Modes.length;
      TcPlan.Mode mode = split ? splitModes[run - tf32Modes.length] : tf32Modes[run];
      cuda.setMatmulPrecision(split ? MatmulPrecision.TF32X3 : MatmulPrecision.TF32);
      setMode(mode);
      Tensor out = poisoned(DType.FLOAT32, 1, m, n);
      cuda.matmul(special.to(CUDA), b.to(CUDA), out);
      float[] got = out.to(Device.CPU).toFloatArray();
      for (int i = 0; i < want.length; i++) {
        boolean ok = Float.isNaN(want[i]) ? Float.isNaN(got[i])
            : Float.isInfinite(want[i]) ? got[i] == want[i] : Float.isFinite(got[i]);
        if (!ok) throw new AssertionError(cuda.matmulPrecision() + " " + mode + " element (" + i / n + ", " + i % n + "): expected " + want[i] + ", got " + got[i]);
      }
    }
  }

  /**
   * 3xTF32 against the float64 product of the float32 operands: about as accurate as the FP32 SIMT
   * kernels (HIGHEST) and far more than one TF32 product, at the GPT step's shapes (K = 512 and
   * 2048, and the logits layer's K = 50257 through split-K) and on the default (AUTO / WGMMA) path.
   */
  @Test
  void splitTf32IsAsAccurateAsFp32() {
    GpuTestSupport.requireRealDevice(); // values or device-side errors only a running kernel gives
    Generator g = new Generator(19);
    int[][] shapes = {{1024, 512, 1536}, {2048, 2048, 512}, {512, 50257, 512}};
    for (int[] s : shapes) {
      Tensor a = random(g, DType.FLOAT32, -1, 1, 1, s[0], s[1]), b = random(g, DType.FLOAT32, -1, 1, 1, s[1], s[2]);
      Tensor exact = Tensor.empty(DType.FLOAT64, Device.CPU, 1, s[0], s[2]);
      Backends.cpu().matmul(a.to(DType.FLOAT64), b.to(DType.FLOAT64), exact);
      Tensor ad = a.to(CUDA), bd = b.to(CUDA);
      double[] err = new double[3];
      MatmulPrecision[] precisions = {MatmulPrecision.HIGHEST, MatmulPrecision.TF32X3, MatmulPrecision.TF32};
      for (int i = 0; i < 3; i++) {
        cuda.setMatmulPrecision(precisions[i]);
        Tensor out = poisoned(DType.FLOAT32, 1, s[0], s[2]);
        cuda.matmul(ad, bd, out);
        err[i] = relativeError(exact, out);
      }
      String what = java.util.Arrays.toString(s) + " " + mode + ": HIGHEST " + err[0] + ", TF32X3 " + err[1] + ", TF32 " + err[2];
      // float32's level (the host emulation: at most 1.6 times the SIMT kernel's error), where one TF32 product is about 1000 times it
      assertTrue(err[1] < 3 * err[0] + 1e-7, what);
      assertTrue(err[1] < err[2] / 100, what);
    }
  }

  static void assertClose(String what, Tensor expected, Tensor actual, double tol) {
    assertTrue(java.util.Arrays.equals(expected.shape(), actual.shape()), what + ": shape");
    double err = relativeError(expected, actual);
    assertTrue(err < tol, what + " " + expected.dtype() + " " + cuda.matmulPrecision() + " " + mode + ": relative error " + err + " (bound " + tol + ")");
  }

  /** The context, where this card has the wgmma kernels (the test is skipped otherwise). */
  private CudaContext requireWgmma() {
    CudaContext ctx = cuda.context();
    org.junit.jupiter.api.Assumptions.assumeTrue(ctx.hasWgmma(), "no wgmma kernels: " + ctx.wgmmaUnavailable());
    return ctx;
  }
}
