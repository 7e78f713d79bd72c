package io.frontier.cuda;


import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.BinaryOp;
import jcuda.driver.CUdeviceptr;

/**
 * Batched matrix products (gemm.cu): {@code out[b] = a[b] @ b[b]} for 3-D views (B, M, K),
 * (B, K, N), (B, M, N). Row- and column-major operands are read in place, batch strides may be 0;
 * an operand of any other layout is made contiguous first, and an output of any other layout is
 * computed into a dense temporary and copied in. {@link GemmPlan} holds the decisions; large
 * TF32 / BF16 products take the packed tensor-core kernels ({@link TcPlan}, which also says how
 * the property {@code frontier.cuda.gemm} switches them off or, for TF32, to the pack-free
 * kernels of {@link DirectTcPlan}). With {@code frontier.cuda.gemm=cublas}
 * every product runs through {@link CublasGemm} instead, and fails (never falls back) when cuBLAS
 * does not load.
 */
final class CudaMatmul {
  private final Launcher launcher;
  private final CudaBackend backend;
  /** Kernels whose dynamic shared-memory limit has been raised (once per kernel and context). */
  private final CublasGemm cublas;
  private volatile TcPlan.Mode mode;
  /** {@code -Dfrontier.cuda.splitk=false} runs every product unsplit (to measure what {@link SplitK} gains). */
  private final boolean splitK = !"false".equals(System.getProperty("frontier.cuda.splitk"));
  private volatile boolean wgmmaFallbackLogged;

  CudaMatmul(Launcher launcher, CudaBackend backend) {
    this.launcher = launcher;
    this.backend = backend;
    this.cublas = new CublasGemm(launcher.context());
    this.mode = TcPlan.Mode.fromProperty(launcher.context().hasWgmma());
  }

  /** Which TF32 / BF16 kernels run now (the default, or what a test set). */
  TcPlan.Mode mode() {
    return mode;
  }

  void matmul(Tensor a, Tensor b, Tensor out) {
    matmul(a, b, out, mode);
  }

  /** The product in a given mode ({@link TcPlan.Mode#CUBLAS}: through cuBLAS, whatever {@code frontier.cuda.gemm} says). */
  void matmul(Tensor a, Tensor b, Tensor out, TcPlan.Mode how) {
    matmul(a, b, out, how, backend.matmulPrecision());
  }

  /** The product in a given mode and at a given precision (float32 only; float64 is always FP64). */
  void matmul(Tensor a, Tensor b, Tensor out, TcPlan.Mode how, MatmulPrecision precision) {
    product(a, b, null, out, how, precision, true);
  }

  /** {@link #matmul} plus {@code bias} (N, contiguous, out's dtype) added to every row, in the kernels' epilogue where they can. */
  void matmulBias(Tensor a, Tensor b, Tensor bias, Tensor out) {
    product(a, b, bias, out, mode, backend.matmulPrecision(), true);
  }

  /**
   * {@link #matmul}, plus {@code bias} (null for none); {@code maySplit}: whether a long-K product
   * with few output tiles may run as a {@link SplitK}.
   */
  private void product(Tensor a, Tensor b, Tensor bias, Tensor out, TcPlan.Mode requested, MatmulPrecision precision, boolean maySplit) {
    TcPlan.Mode how = requested.wgmma() && !launcher.context().hasWgmma() ? withoutWgmma(requested) : requested;
    boolean viaCublas = how == TcPlan.Mode.CUBLAS;
    if (viaCublas) cublas.require(out.dtype(), precision);
    if (out.dim() == 4 && viaCublas) {
      // cuBLAS's strided batches have one batch stride: one call per index of the outer batch dim
      for (int i = 0; i < out.size(0); i++) product(a.select(0, i), b.select(0, i), bias, out.select(0, i), how, precision, false);
      return;
    }
    Tensor ra = readable(view(a), viaCublas) ? a : a.contiguous();
    Tensor rb = readable(view(b), viaCublas) ? b : b.contiguous();
    Tensor dst = readable(view(out), viaCublas) ? out : Tensor.empty(out.dtype(), out.device(), out.shape());
    int batch = out.dim() == 4 ? out.size(0) * out.size(1) : out.size(0);
    GemmPlan p = GemmPlan.of(out.dtype(), precision, launcher.context().multiprocessors(), batch, view(ra), view(rb), view(dst));
    Tensor first = p.swapped() ? rb : ra;
    Tensor second = p.swapped() ? ra : rb;
    int optin = launcher.context().maxSharedPerBlockOptin();
    DirectTcPlan direct = viaCublas ? null : DirectTcPlan.of(p, precision, how, optin);
    TcPlan tc = viaCublas || direct != null ? null : TcPlan.of(p, precision, how, optin);
    SplitK split = viaCublas || !maySplit || !splitK || out.dim() != 3 ? null : splitK(p, direct != null || tc != null, out.dtype(), precision);
    // The kernels add a bias along their n, which is M when the plan swapped the operands; the
    // other paths write the product first and the bias is added after.
    boolean biasInEpilogue = bias != null && split == null && !viaCublas && !p.swapped();
    CUdeviceptr biasPtr = biasInEpilogue ? CudaTensors.ptr(bias) : new CUdeviceptr();
    if (split != null) {
      // the chunks' products are batched (or the tail's, shorter): neither is split again
      CudaBackend.releaseScratch(split.run(backend, ra, rb, dst, (x, y, o) -> product(x, y, null, o, how, precision, false)));
    } else if (viaCublas && p.k() == 0) {
      backend.fill(dst, 0.0); // an empty sum; cuBLAS is not asked to write C without reading anything
    } else if (viaCublas) {
      cublas.gemm(p, first, second, dst, precision);
    } else if (out.dtype() == DType.FLOAT32 && direct != null) {
      launcher.context().setMaxDynamicShared(direct.kernel(), DirectTcPlan.SHARED_BYTES);
      launchGemm(direct.kernel(), direct.launch(), p, first, second, dst, biasPtr, false);
    } else if (out.dtype() == DType.FLOAT32 && tc != null) {
      packedProduct(p, tc, first, second, dst, biasPtr);
    } else {
      launchGemm(p.kernel(), p.launch(), p, first, second, dst, biasPtr, true);
    }
    if (bias != null && !biasInEpilogue) backend.binary(BinaryOp.ADD, dst, bias.expand(dst.shape()), dst);
    if (dst != out) {
      backend.copy(dst, out);
      CudaBackend.releaseScratch(dst);
    }
    if (ra != a) CudaBackend.releaseScratch(ra);
    if (rb != b) CudaBackend.releaseScratch(rb);
  }

  /** The split-K plan for {@code p} given the tiles of the kernel that would run it (128 x 256 for the tensor-core paths), or null. */
  private SplitK splitK(GemmPlan p, boolean tensorCorePath, DType dtype, MatmulPrecision precision) {
    int multiprocessors = launcher.context().multiprocessors();
    int tileM, tileN;
    if (tensorCorePath) {
      tileM = TcPlan.TILE_M;
      tileN = TcPlan.TILE_N;
    } else {
      GemmPlan.Family f = GemmPlan.family(dtype, precision, p.m(), p.n(), p.batch(), multiprocessors);
      tileM = f.tileM;
      tileN = f.tileN;
    }
    return SplitK.of(p.m(), p.n(), p.k(), p.batch(), tileM, tileN, multiprocessors, dtype == DType.FLOAT64 ? 8 : 4);
  }

  /**
   * A kernel with gemm.cu's common arguments (GEMM_PARAMS): the SIMT and register-staged
   * tensor-core kernels, with the second batch level ({@code twoLevels}); the direct kernels
   * (gemm_direct.cu), which take the arguments up to the bias only.
   */
  private void launchGemm(String kernel, LaunchConfig launch, GemmPlan p, Tensor first, Tensor second, Tensor dst, CUdeviceptr bias,
      boolean twoLevels) {
    java.util.List<Object> args = new java.util.ArrayList<>(java.util.List.of(p.m(), p.n(), p.k(), p.batch(),
        CudaTensors.ptr(first), p.a().ld(), p.a().batchStride(),
        CudaTensors.ptr(second), p.b().ld(), p.b().batchStride(),
        CudaTensors.ptr(dst), p.c().ld(), p.c().batchStride(),
        flag(p.a().vec()), flag(p.b().vec()), flag(p.c().vec()), bias));
    if (twoLevels) args.addAll(java.util.List.of(p.inner(), p.a().batchStride2(), p.b().batchStride2(), p.c().batchStride2()));
    launcher.launch(kernel, launch, args.toArray());
  }

  /**
   * Packs the operands into temporaries, then runs gemm_tc_* into {@code dst} (p's C operand); or
   * gemm_wg_*, which reads the operands TcPlan marks in place from the tensors themselves.
   */
  private void packedProduct(GemmPlan p, TcPlan tc, Tensor first, Tensor second, Tensor dst, CUdeviceptr bias) {
    boolean wgmma = tc.gemmKernel().startsWith(CudaContext.SM90A_KERNEL_PREFIX);
    Tensor pa = wgmma && !tc.packs(tc.a()) ? null : pack(tc, tc.a(), first, p.k());
    Tensor pb = wgmma && !tc.packs(tc.b()) ? null : pack(tc, tc.b(), second, p.k());
    launcher.context().setMaxDynamicShared(tc.gemmKernel(), tc.gemm().sharedBytes());
    if (wgmma) {
      java.util.List<Object> args = new java.util.ArrayList<>(java.util.List.of(p.m(), p.n(), tc.kBytes(), p.batch()));
      // gemm_wg_tf32x3: each operand's high rows, then its low rows (_ra, _ra_t: A's float32 rows alone)
      args.addAll(wgmmaRows(tc, tc.a(), p.a(), tc.inPlaceA() || tc.registerA() ? null : pa, first, 0));
      if (tc.splitWgmma() && !tc.registerA()) args.addAll(wgmmaRows(tc, tc.a(), p.a(), pa, first, tc.a().loSegment()));
      args.addAll(wgmmaRows(tc, tc.b(), p.b(), tc.inPlaceB() ? null : pb, second, 0));
      if (tc.splitWgmma()) args.addAll(wgmmaRows(tc, tc.b(), p.b(), pb, second, tc.b().loSegment()));
      args.addAll(java.util.List.of(CudaTensors.ptr(dst), p.c().ld(), p.c().batchStride(), flag(p.c().vec()), bias, p.inner(),
          p.c().batchStride2()));
      launcher.launch(tc.gemmKernel(), tc.gemmLaunch(launcher.context().multiprocessors()), args.toArray());
    } else {
      launcher.launch(tc.gemmKernel(), tc.gemm(), p.m(), p.n(), tc.numK(), p.batch(),
          CudaTensors.ptr(pa), tc.a().gemmStrideBytes(), CudaTensors.ptr(pb), tc.b().gemmStrideBytes(), tc.rowBytes(),
          CudaTensors.ptr(dst), p.c().ld(), p.c().batchStride(), flag(p.c().vec()), bias, p.inner(), p.c().batchStride2());
    }
    if (pa != null) CudaBackend.releaseScratch(pa);
    if (pb != null) CudaBackend.releaseScratch(pb);
  }

  /**
   * gemm_wg_*'s arguments for one operand, all in bytes: its rows, their distance, and the outer
   * and inner batch strides. In place ({@code packed} null): the tensor's own; packed: segment
   * {@code segment} of the packed rows (3xTF32 packs hold [hi | lo] or [lo]), matrix bz at bz times
   * the packed matrix size (0 for one copy shared by the batch), i.e. strides (size * inner, size).
   */
  private static java.util.List<Object> wgmmaRows(TcPlan tc, TcPlan.Pack pk, GemmPlan.Operand op, Tensor packed, Tensor source, int segment) {
    if (packed == null) {
      return java.util.List.of(CudaTensors.ptr(source), 4L * op.ld(), 4L * op.batchStride(), 4L * op.batchStride2());
    }
    TcPlan.PackedRows rows = tc.packedRows(pk, segment);
    return java.util.List.of(CudaTensors.ptr(packed).withByteOffset(rows.offset()), rows.ld(), rows.stride(), rows.stride2());
  }

  /**
   * Packs the k source columns of {@code src} (the operand's storage as GemmPlan reads it) into a
   * new buffer; split for 3xTF32, with the low parts where the operand's role puts them.
   */
  private Tensor pack(TcPlan tc, TcPlan.Pack pk, Tensor src, int k) {
    Tensor buf = Tensor.empty(DType.FLOAT32, src.device(), (int) pk.floats());
    java.util.List<Object> args = new java.util.ArrayList<>(java.util.List.of(pk.rows(), k, pk.paddedRows(), tc.kp(),
        pk.count(), CudaTensors.ptr(src), pk.rowStride(), pk.kStride(), pk.batchStride(), flag(pk.kContig()), CudaTensors.ptr(buf),
        tc.inner(), pk.batchStride2()));
    if (tc.split()) args.addAll(java.util.List.of(pk.segments(), pk.loSegment(), flag(pk.truncateHi())));
    launcher.launch(tc.packKernel(), pk.launch(), args.toArray());
    return buf;
  }

  /** {@code how} on the mma.sync kernels, for a card without wgmma; says so once. */
  private TcPlan.Mode withoutWgmma(TcPlan.Mode how) {
    if (!wgmmaFallbackLogged) {
      wgmmaFallbackLogged = true;
      System.getLogger("io.frontier.cuda").log(System.Logger.Level.INFO,
          "frontier.cuda.gemm=" + how.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ": " + launcher.context().wgmmaUnavailable()
              + "; the packed products run on mma.sync");
    }
    return how.withoutWgmma();
  }

  /** Which TF32 / BF16 kernels run (tests switch between them; the default comes from {@code frontier.cuda.gemm}). */
  void setMode(TcPlan.Mode mode) {
    this.mode = java.util.Objects.requireNonNull(mode, "mode");
  }

  CublasGemm cublas() {
    return cublas;
  }

  /** Whether our kernels ({@link GemmPlan#operandLayout}, {@link GemmPlan#outputUsable}) or cuBLAS use a view in place. */
  private static boolean readable(GemmPlan.View v, boolean viaCublas) {
    return viaCublas ? CublasGemm.readable(v) : GemmPlan.operandLayout(v) != null;
  }

  /** A (B, R, C) view, or a (B1, B2, R, C) one with two batch dims. */
  private static GemmPlan.View view(Tensor t) {
    int[] s = t.strides();
    if (t.dim() == 4) return new GemmPlan.View(t.size(2), t.size(3), s[2], s[3], s[0], t.storageOffset(), t.size(1), s[1]);
    return new GemmPlan.View(t.size(1), t.size(2), s[1], s[2], s[0], t.storageOffset());
  }

  private static int flag(boolean b) {
    return b ? 1 : 0;
  }
}
