package io.frontier.cuda;

import io.frontier.tensor.Backends;
import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Fused;
import io.frontier.tensor.Generator;
import io.frontier.tensor.LinAlg;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.BinaryOp;
import io.frontier.tensor.backend.RandomKind;
import io.frontier.tensor.backend.UnaryOp;
import java.util.Locale;
import java.util.function.Function;

/**
 * Touches every kernel family once on tiny tensors, for a compute-sanitizer (memcheck) pass:
 * {@code compute-sanitizer --target-processes all bash .gpu/run main io.frontier.cuda.KernelSmoke}.
 * Each family runs on a contiguous and a non-contiguous input (odd sizes, so that tails and
 * bounds are crossed) and is compared with the CPU backend, one line per check. The program
 * synchronises after every check, so a fault is reported next to the check that caused it.
 * Exit code 0 when every check matched, 1 otherwise, 2 without a CUDA backend.
 */
public final class KernelSmoke {
  private static final Device CUDA = Device.cuda(0);
  private int failures;
  private int checks;
  /** Each failed check's name and what went wrong, in order (DryLaunchTest reads them). */
  final java.util.List<String> problems = new java.util.ArrayList<>();
  /** Whether each check prints its line (DryLaunchTest's dry run, whose value checks all fail, does not). */
  private final boolean verbose;

  KernelSmoke(boolean verbose) {
    this.verbose = verbose;
  }

  public static void main(String[] args) {
    if (!Backends.isAvailable(Device.Type.CUDA)) {
      String why = Backends.status().stream().filter(s -> s.name().equals("cuda")).map(Backends.Status::detail).findFirst().orElse("?");
      System.out.println("KernelSmoke: no CUDA backend (" + why + ")");
      System.exit(2);
    }
    CudaBackend cuda = CudaBackend.loaded().orElseThrow();
    System.out.println("KernelSmoke on " + cuda.describe());
    KernelSmoke smoke = new KernelSmoke(true);
    smoke.run(cuda);
    System.out.printf(Locale.ROOT, "KernelSmoke: %d checks, %d failed%n", smoke.checks, smoke.failures);
    System.exit(smoke.failures == 0 ? 0 : 1);
  }

  void run(CudaBackend cuda) {
    Generator g = new Generator(7);
    Tensor x = Tensor.rand(g, DType.FLOAT32, 37, 45).sub(0.5).mul(4);   // [-2, 2)
    Tensor y = Tensor.rand(g, DType.FLOAT32, 37, 45).add(0.25);         // [0.25, 1.25)
    Tensor xt = x.t();                                                  // non-contiguous
    Tensor x64 = x.to(DType.FLOAT64);
    Tensor idx = Tensor.randint(g, 0, 37, 11, 45);

    // copy and fill (copy.cu)
    check("copy contiguous", t -> t[0].clone(), 0, x);
    check("copy transposed", t -> t[0].contiguous(), 0, xt);
    // a head merge (B, H, T, D) -> (B, T, H, D) in 16-byte packs (copy_vec_f32)
    check("copy in packs", t -> t[0].transpose(1, 2).contiguous(), 0, Tensor.rand(g, DType.FLOAT32, 2, 3, 5, 8));
    check("cast f32->f64->i64", t -> t[0].to(DType.FLOAT64).mul(10).to(DType.INT64), 0, x);
    check("fill", t -> Tensor.full(new int[] {13, 7}, 2.5, DType.FLOAT32, t[0].device()), 0, x);

    // elementwise: every unary and binary op, float32, a strided input
    for (UnaryOp op : UnaryOp.values()) {
      check("unary " + op.name().toLowerCase(Locale.ROOT), t -> t[0].apply(op), 2e-5, xt);
    }
    check("unary exp f64", t -> t[0].exp(), 1e-12, x64);
    for (BinaryOp op : BinaryOp.values()) {
      check("binary " + op.name().toLowerCase(Locale.ROOT), t -> t[0].apply(op, t[1]), 2e-5, x, y);
    }
    check("binary broadcast", t -> t[0].add(t[1].slice(0, 0, 1)), 0, xt, y.t());
    check("where", t -> Tensor.where(t[0].gt(0.0), t[0], t[1]), 0, x, y);

    // reductions, scans, softmax
    check("sum all", t -> t[0].sum(), 1e-5, x);
    check("sum dim0 strided", t -> t[0].sum(0), 1e-5, xt);
    // float32 column sums in 16-byte packs: whole (reduce_sum_f32_v4), and split over the rows with
    // the last block of each column summing the partials (reduce_sum_f32_v4_split)
    check("sum dim0 in packs", t -> t[0].sum(0), 1e-5, Tensor.rand(g, DType.FLOAT32, 4, 256));
    check("sum dim0 in packs, split", t -> t[0].sum(0), 1e-5, Tensor.rand(g, DType.FLOAT32, 4096, 64));
    check("mean dim1", t -> t[0].mean(1), 1e-5, x);
    check("prod", t -> t[0].prod(1, false), 1e-4, y);
    check("amax/amin", t -> t[0].amax(new int[] {0}, false).sub(t[0].amin(new int[] {0}, false)), 0, x);
    check("any/all", t -> t[0].gt(1.5).any(1, false).logicalAnd(t[0].gt(-1.9).all(1, false)), 0, x);
    check("max(dim) values", t -> t[0].max(1).values(), 0, x);
    check("argmax/argmin", t -> t[0].argmax(1, false).sub(t[0].argmin(0, true).sum()), 0, xt);
    check("cumsum", t -> t[0].cumsum(1), 1e-5, x);
    check("cumprod", t -> t[0].cumprod(0), 1e-4, y);
    check("softmax", t -> t[0].softmax(1), 1e-5, x);
    check("logSoftmax strided", t -> t[0].logSoftmax(0), 1e-5, xt);
    check("softmax long row", t -> t[0].reshape(1, 37 * 45).softmax(1), 1e-5, x);
    check("var", t -> t[0].var(1), 1e-4, x);

    // fused training ops
    check("layerNorm", t -> Fused.layerNorm(t[0], null, null, 1e-5).out(), 1e-5, x);
    check("causalSoftmax", t -> Fused.causalSoftmax(t[0], 0.5, 2), 1e-5, x);
    check("softmaxBackward", t -> Fused.softmaxBackward(t[0], t[1].softmax(1), 0.5), 1e-5, x, y);
    // attention (attention.cu): heads cut from one (2, 37, 3, 3, 5) projection, causal; the
    // forward, then the backward's three kernels summed into one checked tensor
    Tensor qkv = Tensor.rand(g, DType.FLOAT32, 2, 37, 45).sub(0.5);
    check("causalAttention", t -> {
      var parts = t[0].view(2, 37, 3, 3, 5).split(1, 2);
      Tensor q = parts.get(0).squeeze(2).transpose(1, 2), k = parts.get(1).squeeze(2).transpose(1, 2), v = parts.get(2).squeeze(2).transpose(1, 2);
      Fused.Attention a = Fused.causalAttention(q, k, v, 0.45, 0);
      Fused.AttentionGrads r = Fused.attentionBackward(a.out().mul(0.0).add(0.5), q, k, v, a.out(), a.logSumExp(), 0.45, 0);
      return a.out().add(r.gradQ()).add(r.gradK()).add(r.gradV()).add(a.logSumExp().unsqueeze(-1));
    }, 2e-5, qkv);
    // with dropout on the weights: the kernels draw the CPU's mask from a generator in the same state
    check("causalAttention dropout", t -> {
      var parts = t[0].view(2, 37, 3, 3, 5).split(1, 2);
      Tensor q = parts.get(0).squeeze(2).transpose(1, 2), k = parts.get(1).squeeze(2).transpose(1, 2), v = parts.get(2).squeeze(2).transpose(1, 2);
      Fused.Attention a = Fused.causalAttention(q, k, v, 0.45, 0, 0.25, new Generator(3));
      Fused.AttentionGrads r = Fused.attentionBackward(a.out().mul(0.0).add(0.5), q, k, v, a.out(), a.logSumExp(), 0.45, 0, a.dropout());
      return a.out().add(r.gradQ()).add(r.gradK()).add(r.gradV());
    }, 2e-5, qkv);
    check("activationBackward geluTanh", t -> Fused.activationBackward(UnaryOp.GELU_TANH, t[0], t[1]), 1e-5, x, y);
    // optimizer steps (optimizer.cu) on a copy of x with gradient y: AdamW, then Lion and SGD with momentum (bit for bit)
    check("adamwStep", t -> {
      Tensor p = t[0].clone();
      Fused.adamwStep_(p, t[1], Tensor.zerosLike(p), Tensor.zerosLike(p), 1e-2, 0.9, 0.999, 1e-8, 0.01, 1);
      return p;
    }, 1e-5, x, y);
    // zero_list: a float32 view off a 16-byte boundary and a float64 tensor in one launch
    check("zeroAll", t -> {
      Tensor a = t[0].add(1.0), b = t[1].to(DType.FLOAT64);
      Fused.zeroAll_(java.util.List.of(a.narrow(1, 1, 40), b));
      return a.add(b.to(DType.FLOAT32));
    }, 0, x, y);
    // three tensors in one fused_adamw_list launch, one of them empty; their updates concatenated
    check("adamwStepAll", t -> {
      Tensor a = t[0].clone(), b = t[1].clone(), e = t[0].narrow(0, 0, 0).clone();
      java.util.List<Tensor> ps = java.util.List.of(a, e, b);
      Fused.adamwStepAll_(ps, java.util.List.of(t[1], e, t[0]), java.util.List.of(Tensor.zerosLike(a), e.clone(), Tensor.zerosLike(b)),
          java.util.List.of(Tensor.zerosLike(a), e.clone(), Tensor.zerosLike(b)), 1e-2, 0.9, 0.999, 1e-8, 0.01, 1, false);
      return a.add(b);
    }, 1e-5, x, y);
    check("adamStep", t -> {
      Tensor p = t[0].clone();
      Fused.adamStep_(p, t[1], Tensor.zerosLike(p), Tensor.zerosLike(p), 1e-2, 0.9, 0.999, 1e-8, 0.01, 1, false);
      return p;
    }, 1e-5, x, y);
    check("lionStep", t -> {
      Tensor p = t[0].clone();
      Fused.lionStep_(p, t[1], t[1].mul(0.5), 1e-2, 0.9, 0.99, 0.01);
      return p;
    }, 0, x, y);
    check("rmspropStep centered with momentum", t -> {
      Tensor p = t[0].clone();
      Fused.rmspropStep_(p, t[1], t[1].mul(t[1]), t[1].mul(0.1), Tensor.zerosLike(p), 1e-2, 0.9, 1e-8, 0.01, 0.8, false);
      return p;
    }, 0, x, y);
    check("adagradStep", t -> {
      Tensor p = t[0].clone();
      Fused.adagradStep_(p, t[1], Tensor.onesLike(p), 1e-2, 0.01, 0.01, 1e-10, 3, false);
      return p;
    }, 0, x, y);
    check("sgdStep", t -> {
      Tensor p = t[0].clone();
      Tensor buf = t[1].mul(0.5);
      Fused.sgdStep_(p, t[1], buf, 1e-2, 0.9, 0, 0.01, true, false, false);
      return p.add(buf);
    }, 0, x, y);
    // cross-entropy: whole rows (fused_ce_fwd), and five rows of 30001 in three chunks of the
    // flattened logits (fused_ce_stream, then fused_ce_stream_merge for the rows the chunks cut)
    check("crossEntropy", t -> Fused.crossEntropy(t[0], t[1], -100, 0.1).losses(), 1e-5, x, Tensor.randint(g, 0, 45, 37));
    CudaFused.setStreamRows(true, 3);
    check("crossEntropy streamed", t -> {
      Fused.CrossEntropy ce = Fused.crossEntropy(t[0], t[1], -100, 0.1);
      return ce.losses().add(ce.logSumExp());
    }, 1e-5,
        Tensor.rand(g, DType.FLOAT32, 5, 30001).mul(8), Tensor.of(5L, 30000L, -100L, 0L, 17L));
    CudaFused.setStreamRows(false, 0);
    // the cross-entropy backward by rows (fused_ce_bwd_rows): rows of 1001 on 256 threads, 16-byte packs
    CudaFused.setRowBackward(true);
    check("crossEntropy backward by rows", t -> {
      Fused.CrossEntropy ce = Fused.crossEntropy(t[0], t[1], -100, 0.1);
      return Fused.crossEntropyBackward(ce.losses().mul(0.5).add(0.25), t[0], t[1], -100, 0.1, ce.logSumExp());
    }, 1e-5, Tensor.rand(g, DType.FLOAT32, 6, 1001).mul(8), Tensor.of(5L, 1000L, -100L, 0L, 17L, 3L));
    CudaFused.setRowBackward(false);

    // matrix products at each precision
    Tensor a = Tensor.rand(g, DType.FLOAT32, 3, 33, 17);
    Tensor b = Tensor.rand(g, DType.FLOAT32, 3, 17, 29);
    double[] rtol = {1e-5, 3e-3, 2e-2, 1e-5}; // by MatmulPrecision ordinal: HIGHEST, TF32, BF16, TF32X3
    for (MatmulPrecision p : MatmulPrecision.values()) {
      cuda.setMatmulPrecision(p);
      check("matmul " + p, t -> t[0].matmul(t[1]), rtol[p.ordinal()], a, b);
      check("matmul " + p + " transposed", t -> t[0].mT().matmul(t[1].mT()), rtol[p.ordinal()], b, a);
    }
    // 3xTF32's split pack (gemm_pack_tf32x3) and the mma.sync product over its three segments: the
    // products above are too small for the packed path, which PACKED forces
    cuda.setMatmulPrecision(MatmulPrecision.TF32X3);
    cuda.setGemmMode(TcPlan.Mode.PACKED);
    check("matmul TF32X3 packed", t -> t[0].matmul(t[1]), 1e-5, a, b);
    check("matmul TF32X3 packed transposed", t -> t[0].mT().matmul(t[1].mT()), 1e-5, b, a);
    // the direct TF32 kernels (gemm_direct.cu) need 16-byte aligned operands: every layout once
    cuda.setMatmulPrecision(MatmulPrecision.TF32);
    cuda.setGemmMode(TcPlan.Mode.DIRECT);
    Tensor ad = Tensor.rand(g, DType.FLOAT32, 3, 36, 20), bd = Tensor.rand(g, DType.FLOAT32, 3, 20, 28);
    Tensor adT = Tensor.rand(g, DType.FLOAT32, 3, 20, 36), bdT = Tensor.rand(g, DType.FLOAT32, 3, 28, 20);
    check("matmul TF32 direct nn", t -> t[0].matmul(t[1]), 3e-3, ad, bd);
    check("matmul TF32 direct nt", t -> t[0].matmul(t[1].mT()), 3e-3, ad, bdT);
    check("matmul TF32 direct tn", t -> t[0].mT().matmul(t[1]), 3e-3, adT, bd);
    check("matmul TF32 direct tt", t -> t[0].mT().matmul(t[1].mT()), 3e-3, adT, bdT);
    // the wgmma kernels (gemm_wgmma.cu, compute capability 9.0 only) behind the pack kernels, with a bias
    if (cuda.context().hasWgmma()) {
      cuda.setGemmMode(TcPlan.Mode.WGMMA_PACKED);
      // each kernel below by its own switch, whatever the -Dfrontier.cuda.* properties of the run say
      TcPlan.registerATile = false;
      TcPlan.splitPasses = false;
      TcPlan.narrowTile = false;
      TcPlan.persistent = false;
      Tensor weight = Tensor.rand(g, DType.FLOAT32, 29, 17), bias = Tensor.rand(g, DType.FLOAT32, 29);
      for (MatmulPrecision p : new MatmulPrecision[] {MatmulPrecision.TF32, MatmulPrecision.BF16, MatmulPrecision.TF32X3}) {
        cuda.setMatmulPrecision(p);
        check("matmul " + p + " wgmma", t -> t[0].matmul(t[1]), rtol[p.ordinal()], a, b);
        check("linear " + p + " wgmma", t -> Fused.linear(t[0], t[1], t[2]), rtol[p.ordinal()], a, weight, bias);
      }
      // rows of 20 floats: x and W are K-major and 16-byte aligned, so TF32 reads them in place
      cuda.setMatmulPrecision(MatmulPrecision.TF32);
      check("linear TF32 wgmma in place", t -> Fused.linear(t[0], t[1], t[2]), 3e-3, Tensor.rand(g, DType.FLOAT32, 3, 33, 20),
          Tensor.rand(g, DType.FLOAT32, 29, 20), bias);
      // gemm_wg_tf32x3 with both high parts in place and only the low parts packed
      cuda.setMatmulPrecision(MatmulPrecision.TF32X3);
      check("linear TF32X3 wgmma in place", t -> Fused.linear(t[0], t[1], t[2]), 1e-5, Tensor.rand(g, DType.FLOAT32, 3, 33, 20),
          Tensor.rand(g, DType.FLOAT32, 29, 20), bias);
      // the same in three passes over k (gemm_wg_tf32x3_passes, -Dfrontier.cuda.tf32x3.passes)
      TcPlan.splitPasses = true;
      check("linear TF32X3 wgmma in place, three passes", t -> Fused.linear(t[0], t[1], t[2]), 1e-5, Tensor.rand(g, DType.FLOAT32, 3, 33, 20),
          Tensor.rand(g, DType.FLOAT32, 29, 20), bias);
      TcPlan.splitPasses = false;
      cuda.setMatmulPrecision(MatmulPrecision.TF32);
      // the narrow tile (gemm_wg_*_n64, opt-in) on 29 columns, with a bias
      TcPlan.narrowTile = true;
      for (MatmulPrecision p : new MatmulPrecision[] {MatmulPrecision.TF32, MatmulPrecision.BF16}) {
        cuda.setMatmulPrecision(p);
        check("linear " + p + " wgmma narrow tile", t -> Fused.linear(t[0], t[1], t[2]), rtol[p.ordinal()], a, weight, bias);
      }
      TcPlan.narrowTile = false;
      // a persistent grid (opt-in): 17 x 9 tiles, more than an H100's 132 blocks, each block looping
      cuda.setMatmulPrecision(MatmulPrecision.TF32);
      TcPlan.persistent = true;
      check("matmul TF32 wgmma persistent grid", t -> t[0].matmul(t[1]), 3e-3, Tensor.rand(g, DType.FLOAT32, 2176, 40),
          Tensor.rand(g, DType.FLOAT32, 40, 2049));
      TcPlan.persistent = false;
      // a transposed A (k rows of 36 floats, 16-byte aligned) through registers (gemm_wg_tf32_ra,
      // opt-in), B packed and, transposed (K-major), in place
      cuda.setMatmulPrecision(MatmulPrecision.TF32);
      TcPlan.registerATile = true;
      check("matmul TF32 wgmma A through registers", t -> t[0].mT().matmul(t[1]), 3e-3, adT, bd);
      check("matmul TF32 wgmma A through registers, B in place", t -> t[0].mT().matmul(t[1].mT()), 3e-3, adT, bdT);
      // 3xTF32 with A split in registers: row-major (gemm_wg_tf32x3_ra) and transposed (_ra_t)
      cuda.setMatmulPrecision(MatmulPrecision.TF32X3);
      check("linear TF32X3 wgmma A through registers", t -> Fused.linear(t[0], t[1], t[2]), 1e-5, Tensor.rand(g, DType.FLOAT32, 3, 33, 20),
          Tensor.rand(g, DType.FLOAT32, 29, 20), bias);
      check("matmul TF32X3 wgmma A^T through registers", t -> t[0].mT().matmul(t[1]), 1e-5, adT, bd);
      cuda.setMatmulPrecision(MatmulPrecision.TF32);
      // back to the run's properties
      TcPlan.registerATile = Boolean.getBoolean("frontier.cuda.wgmma.registerA");
      TcPlan.splitPasses = Boolean.getBoolean("frontier.cuda.tf32x3.passes");
      TcPlan.narrowTile = Boolean.getBoolean("frontier.cuda.wgmma.narrow");
      TcPlan.persistent = Boolean.getBoolean("frontier.cuda.wgmma.persistent");
    }
    cuda.setGemmMode(cuda.defaultGemmMode());
    cuda.setMatmulPrecision(MatmulPrecision.HIGHEST);
    check("matmul f64", t -> t[0].matmul(t[1]), 1e-12, a.to(DType.FLOAT64), b.to(DType.FLOAT64));
    // dense linear algebra on the device (linalg.cu): Cholesky, a triangular solve, LU solve, slogdet
    Tensor spdBase = Tensor.rand(g, DType.FLOAT64, 2, 9, 9);
    Function<Tensor, Tensor> spd = t -> t.matmul(t.mT()).add(Tensor.eye(9, 9, DType.FLOAT64).to(t.device()).mul(9.0));
    check("cholesky", t -> LinAlg.cholesky(spd.apply(t[0])), 1e-10, spdBase);
    // the blocked factor (BlockedCholesky: diagonal blocks, panel solves, trailing products), float32 and float64
    int big = CudaLinalg.BLOCKED_CHOLESKY_FROM + 40;
    Function<Tensor, Tensor> spdBig = t -> t.matmul(t.mT()).add(Tensor.eye(big, big, t.dtype()).to(t.device()).mul((double) big));
    Tensor bigBase = Tensor.rand(g, DType.FLOAT64, 1, big, big);
    check("cholesky blocked f64", t -> LinAlg.cholesky(spdBig.apply(t[0])), 1e-10, bigBase);
    check("cholesky blocked f32", t -> LinAlg.cholesky(spdBig.apply(t[0])), 1e-4, bigBase.to(DType.FLOAT32));
    check("solveTriangular", t -> LinAlg.solveTriangular(LinAlg.cholesky(spd.apply(t[0])), t[1], false, true, false), 1e-10, spdBase,
        Tensor.rand(g, DType.FLOAT64, 2, 9, 3));
    check("solve (LU)", t -> LinAlg.solve(spd.apply(t[0]), t[1]), 1e-10, spdBase, Tensor.rand(g, DType.FLOAT64, 2, 9, 3));
    check("slogdet (LU)", t -> LinAlg.slogdet(t[0]).logAbsDet(), 1e-10, Tensor.rand(g, DType.FLOAT64, 2, 9, 9));
    // the blocked LU (BlockedLu: linalg_lu_panel, linalg_lu_swap, the triangular solves and products)
    int bigLu = CudaLinalg.BLOCKED_LU_FROM + 40;
    Function<Tensor, Tensor> dominant = t -> t.add(Tensor.eye(bigLu, bigLu, t.dtype()).to(t.device()).mul(4.0));
    check("solve blocked (LU)", t -> LinAlg.solve(dominant.apply(t[0]), t[1]), 1e-9, Tensor.rand(g, DType.FLOAT64, 1, bigLu, bigLu),
        Tensor.rand(g, DType.FLOAT64, 1, bigLu, 3));
    check("slogdet blocked (LU) f32", t -> LinAlg.slogdet(dominant.apply(t[0])).logAbsDet(), 1e-4, Tensor.rand(g, DType.FLOAT32, 2, bigLu, bigLu));
    // the decompositions (linalg_decomp.cu), on what does not depend on the vectors' signs
    check("qr R (Householder)", t -> LinAlg.qr(t[0]).r(), 1e-9, Tensor.rand(g, DType.FLOAT64, 2, 11, 7));
    check("eigh eigenvalues (Jacobi)", t -> LinAlg.eigh(t[0].add(t[0].mT())).eigenvalues(), 1e-9, Tensor.rand(g, DType.FLOAT64, 2, 9, 9));
    check("svd singular values (one-sided Jacobi)", t -> LinAlg.svd(t[0]).s(), 1e-9, Tensor.rand(g, DType.FLOAT64, 3, 6, 10));
    check("svd reconstruction", t -> {
      LinAlg.SVD d = LinAlg.svd(t[0]);
      return d.u().mul(d.s().unsqueeze(1)).matmul(d.vh());
    }, 1e-9, Tensor.rand(g, DType.FLOAT64, 2, 8, 5));
    // K 600 over one output tile: SplitK's chunk of 320 (batched) and tail of 280, then the sum
    check("matmul split-K", t -> t[0].matmul(t[1]), 1e-5, Tensor.rand(g, DType.FLOAT32, 1, 20, 600), Tensor.rand(g, DType.FLOAT32, 1, 600, 12));
    check("matmul 2-D x 1-D", t -> t[0].select(0, 0).mv(t[1].select(0, 0).select(1, 0)), 1e-5, a, b);

    // indexing and sorting
    check("gather", t -> t[0].gather(0, t[1]), 0, x, idx);
    // distinct targets per column: a plain scatter with duplicate indices has no defined winner
    Tensor distinct = Tensor.arange(11).mul(3L).reshape(11, 1).expand(11, 45).contiguous();
    check("scatter", t -> Tensor.zerosLike(t[0]).scatter(0, t[1], t[0].slice(0, 0, 11)), 0, x, distinct);
    check("scatterAdd", t -> Tensor.zerosLike(t[0]).scatterAdd(0, t[1], t[0].slice(0, 0, 11)), 1e-5, x, idx);
    check("indexSelect", t -> t[0].indexSelect(1, t[1].select(0, 0).slice(0, 0, 9)), 0, x, idx);
    check("indexAdd", t -> Tensor.zerosLike(t[0]).indexAdd(0, t[1].select(1, 0), t[0].slice(0, 0, 11)), 1e-5, x, idx);
    check("sort", t -> t[0].sort(1, false).values(), 0, x);
    check("sort indices", t -> t[0].sort(0, true).indices(), 0, xt);
    check("sort long rows (tiles and merges)", t -> t[0].sort(1, true).indices(), 0, Tensor.rand(g, DType.FLOAT32, 2, 20000));
    check("topk", t -> t[0].topk(5, 1, true).values(), 0, x);

    // random: bit-exact uniforms and float-rounding normals against the CPU's Philox stream
    for (RandomKind kind : RandomKind.values()) {
      checkRandom(cuda, kind, DType.FLOAT32, 1001);
      checkRandom(cuda, kind, DType.FLOAT64, 77);
    }
    cuda.synchronize();
  }

  /** Runs {@code f} on CPU copies and on CUDA copies of {@code inputs} and compares the results. */
  private void check(String name, Function<Tensor[], Tensor> f, double rtol, Tensor... inputs) {
    checks++;
    Tensor expected;
    try {
      expected = f.apply(inputs);
    } catch (RuntimeException e) {
      if (verbose) System.out.println("skip  " + name + " (not defined on the CPU for these inputs: " + e.getMessage() + ")");
      checks--;
      return;
    }
    try {
      Tensor[] onGpu = new Tensor[inputs.length];
      for (int i = 0; i < inputs.length; i++) onGpu[i] = copyLike(inputs[i]);
      Tensor actual = f.apply(onGpu).to(Device.CPU);
      CudaBackend.loaded().orElseThrow().synchronize();
      report(name, compare(expected, actual, rtol));
    } catch (RuntimeException | Error e) {
      report(name, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private void checkRandom(CudaBackend cuda, RandomKind kind, DType dtype, int n) {
    checks++;
    String name = "random " + kind.name().toLowerCase(Locale.ROOT) + " " + dtype.name().toLowerCase(Locale.ROOT) + " n=" + n;
    try {
      Tensor expected = Tensor.empty(dtype, Device.CPU, n);
      Backends.cpu().random(kind, 1234, 5, expected);
      Tensor out = Tensor.empty(dtype, CUDA, n);
      cuda.random(kind, 1234, 5, out);
      report(name, compare(expected, out.to(Device.CPU), kind == RandomKind.UNIFORM ? 0 : 1e-5));
    } catch (RuntimeException | Error e) {
      report(name, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** A CUDA copy of a CPU tensor with the same strides (a transposed input stays transposed). */
  private static Tensor copyLike(Tensor t) {
    if (t.isContiguous()) return t.to(CUDA);
    if (t.dim() == 2 && t.t().isContiguous()) return t.t().to(CUDA).t();
    throw new IllegalArgumentException("KernelSmoke inputs are contiguous or transposed 2-D");
  }

  private void report(String name, String problem) {
    if (problem == null) {
      if (verbose) System.out.println("ok    " + name);
    } else {
      failures++;
      problems.add(name + ": " + problem);
      if (verbose) System.out.println("FAIL  " + name + ": " + problem);
    }
  }

  /** null when equal within {@code rtol} (NaN where the reference has NaN), else the first difference. */
  private static String compare(Tensor expected, Tensor actual, double rtol) {
    if (!java.util.Arrays.equals(expected.shape(), actual.shape())) {
      return "shape " + java.util.Arrays.toString(actual.shape()) + ", expected " + java.util.Arrays.toString(expected.shape());
    }
    if (expected.dtype() != actual.dtype()) return "dtype " + actual.dtype() + ", expected " + expected.dtype();
    double[] e = expected.to(DType.FLOAT64).contiguous().toDoubleArray();
    double[] a = actual.to(DType.FLOAT64).contiguous().toDoubleArray();
    for (int i = 0; i < e.length; i++) {
      boolean ok = Double.isNaN(e[i]) ? Double.isNaN(a[i])
          : Double.isInfinite(e[i]) ? e[i] == a[i]
          : Math.abs(a[i] - e[i]) <= rtol * Math.max(1, Math.abs(e[i]));
      if (!ok) return "element " + i + " is " + a[i] + ", expected " + e[i] + " (rtol " + rtol + ")";
    }
    return null;
  }
}
