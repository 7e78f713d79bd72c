package io.frontier.cuda;

/**
 * The packed tensor-core path of a TF32 / BF16 product (gemm.cu, {@code gemm_pack_*} then
 * {@code gemm_tc_*}): both operands are packed into zero-padded, k-contiguous TF32 or BF16
 * buffers (A' is Mp x Kp, B' is B^T, Np x Kp), which the product kernel reads without bounds
 * checks. Pure Java (tested without a GPU); built from a {@link GemmPlan} of the register-staged
 * kernels, whose operand roles (after any swap) it keeps.
 *
 * <p>{@link Mode} picks between this path and the register-staged {@code gemm_tf32_*} /
 * {@code gemm_bf16_*} kernels: system property {@code frontier.cuda.gemm} = {@code auto}
 * (mma.sync, packed for products large enough to pay for the packing: the default where the
 * wgmma kernels did not load), {@code simple} (never
 * packed: the fallback if the packed kernels misbehave on some card) or {@code packed} (packed
 * wherever it can run, small and odd shapes included: for tests), {@code cublas} (every product,
 * of every precision but BF16, through cuBLAS: see {@link CublasGemm}), {@code direct} /
 * {@code direct-truncated} (TF32 through the pack-free kernels of {@link DirectTcPlan}), or
 * {@code wgmma} / {@code wgmma-packed} (as {@code auto} / {@code packed}, the packed product
 * through the warpgroup kernels {@code gemm_wg_*} of gemm_wgmma.cu on a compute capability 9.0
 * card, where {@code wgmma} is the default; on any other card CudaMatmul runs them as
 * {@code auto} / {@code packed}).
 *
 * <p>The wgmma kernels read a TF32 operand that is already K-major (A row-major, B transposed)
 * and 16-byte aligned in place, without packing it ({@link #inPlaceA}, {@link #inPlaceB}): the
 * tensor core then truncates its FP32 bits to TF32 instead of the pack's rounding to nearest.
 * {@link #kBytes} is the bytes of k the product kernel reads per operand row: the packed rows'
 * (zero-padded), or K's float32 bytes when an operand is read in place.
 *
 * <p>{@link #registerA}: a TF32 A stored transposed (MN-major, 16-byte aligned: the g^T of a weight
 * gradient g^T x) is read in place by {@code gemm_wg_tf32_ra}, which loads it into registers (the
 * form of wgmma that takes A from registers in any order; from shared memory a TF32 operand must
 * be K-major), rounding to nearest as the pack does. Instead of a pack of A: a read and a write of
 * A in global memory fewer, and no buffer the size of A (1.6 GB for a GPT's logits gradient).
 * For 3xTF32, any 16-byte aligned A (row-major: {@code gemm_wg_tf32x3_ra}; transposed:
 * {@code _ra_t}) is read in place as float32 and split into high and low parts in registers, so
 * A is never packed (gemm_wg_tf32x3 packs its low parts, and for a transposed A its high parts too).
 */
record TcPlan(String packKernel, String gemmKernel, Pack a, Pack b, int kp, int rowBytes, int numK, LaunchConfig gemm, int inner,
    boolean inPlaceA, boolean inPlaceB, int kBytes, boolean registerA) {

  /**
   * {@link MatmulPrecision#TF32X3} on mma.sync: packed rows of three segments of Kp, A' rows
   * [hi | hi | lo] and B' rows [hi | lo | hi] (gemm.cu gemm_pack_tf32x3, with the low part's
   * segment), so that the TF32 product kernel, run over all of them, sums a_hi b_hi + a_hi b_lo +
   * a_lo b_hi. On wgmma (gemm_wg_tf32x3, which reads high and low parts from rows of their own) an
   * operand read in place packs only its low parts (one segment), any other [hi | lo] (two).
   */
  static final int SPLIT_SEGMENTS = 3, A_LO_SEGMENT = 2, B_LO_SEGMENT = 1;
  /**
   * The 3xTF32 product on wgmma, and its pack. gemm_wg_tf32x3 multiplies the three products of a k
   * tile from one stage holding all four tiles; {@code -Dfrontier.cuda.tf32x3.passes=true} takes
   * gemm_wg_tf32x3_passes, three passes over k that load the high parts twice (a third more L2
   * traffic), for comparison on a GPU: neither has run on one yet.
   */
  static final String SPLIT_WGMMA_KERNEL = CudaContext.SM90A_KERNEL_PREFIX + "tf32x3", SPLIT_PACK_KERNEL = "gemm_pack_tf32x3";
  /** The TF32 wgmma product that reads a transposed A through registers (see {@link #registerA}). */
  static final String REGISTER_A_KERNEL = CudaContext.SM90A_KERNEL_PREFIX + "tf32_ra";
  /**
   * Whether a TF32 wgmma product reads a transposed, aligned A through registers instead of packing
   * it, and a 3xTF32 one any aligned A: {@code -Dfrontier.cuda.wgmma.registerA=true}. Off by
   * default until it has run on a GPU (it passes the host emulation); settable for tests.
   */
  static volatile boolean registerATile = Boolean.getBoolean("frontier.cuda.wgmma.registerA");
  /**
   * Whether the wgmma kernels that loop over tiles (wg_gemm: gemm_wg_tf32, gemm_wg_bf16, their
   * narrow tiles, gemm_wg_tf32x3_passes, gemm_wg_tf32_ra; and wg_gemm_x3_ra: gemm_wg_tf32x3_ra, _ra_t)
   * run on a persistent grid of at most one wave of blocks,
   * each taking tiles blockIdx.x, + gridDim.x, ... and loading its next tile's first stages while it
   * stores the last one's results (a block per tile otherwise, each paying its pipeline's fill):
   * {@code -Dfrontier.cuda.wgmma.persistent=true}. Off by default until it has run on a GPU (it
   * passes the host emulation); settable for tests.
   */
  static volatile boolean persistent = Boolean.getBoolean("frontier.cuda.wgmma.persistent");
  /** Whether 3xTF32 on wgmma takes gemm_wg_tf32x3_passes (settable for KernelSmoke). */
  static volatile boolean splitPasses = Boolean.getBoolean("frontier.cuda.tf32x3.passes");

  /** Which float32 tensor-core kernels a product takes; {@link #CUBLAS} hands every product to {@link CublasGemm} instead. */
  enum Mode {
    AUTO, SIMPLE, PACKED, CUBLAS,
    /** TF32 through {@link DirectTcPlan} where it applies (rounded operands), else as AUTO. */
    DIRECT,
    /** As DIRECT, with truncated operands: for measuring what the rounding costs. */
    DIRECT_TRUNCATED,
    /** As AUTO, the packed product through wgmma (sm_90a). */
    WGMMA,
    /** As PACKED, the packed product through wgmma (sm_90a): for tests. */
    WGMMA_PACKED;

    /** Whether the packed product runs on the wgmma kernels. */
    boolean wgmma() {
      return this == WGMMA || this == WGMMA_PACKED;
    }

    /** The same packing policy on the mma.sync kernels: what runs on a card without wgmma. */
    Mode withoutWgmma() {
      return this == WGMMA ? AUTO : this == WGMMA_PACKED ? PACKED : this;
    }

    /**
     * {@code frontier.cuda.gemm}, or where it is unset the fastest measured policy: {@link #WGMMA}
     * where the sm_90a kernels loaded (on an H100 a GPT step ran 33 ms on them, 41 ms on
     * mma.sync: bench/results/2026-11-28-h100.md), else {@link #AUTO}.
     */
    static Mode fromProperty(boolean wgmmaLoaded) {
      String value = System.getProperty("frontier.cuda.gemm");
      return value != null ? parse(value) : wgmmaLoaded ? WGMMA : AUTO;
    }

    static Mode parse(String value) {
      String v = value.trim();
      return switch (v) {
        case "auto", "" -> AUTO;
        case "simple" -> SIMPLE;
        case "packed" -> PACKED;
        case "cublas" -> CUBLAS;
        case "direct" -> DIRECT;
        case "direct-truncated" -> DIRECT_TRUNCATED;
        case "wgmma" -> WGMMA;
        case "wgmma-packed" -> WGMMA_PACKED;
        default -> throw new IllegalArgumentException(
            "frontier.cuda.gemm must be auto, simple, packed, cublas, direct, direct-truncated, wgmma or wgmma-packed, got " + v);
      };
    }
  }

  /** Block tile of gemm_tc_* (m x n) and bytes of k per tile row; dynamic shared memory per block. */
  static final int TILE_M = 128, TILE_N = 256, ROW = 128, THREADS = 256;
  static final int SHARED_BYTES = 3 * (TILE_M + TILE_N) * ROW;
  /** gemm_wg_* (gemm_wgmma.cu SMEM): 4 stages, plus 1 KiB to align them to 1024 bytes. */
  static final int WGMMA_SHARED_BYTES = 4 * (TILE_M + TILE_N) * ROW + 1024;
  /**
   * The narrow wgmma tile (gemm_wg_*_n64, 128 x 64) for products of at most 64 columns, whose
   * multiplies on the 256-wide tile were 3/4 padding (attention's P V and dS K in a GPT step), and
   * its shared memory (gemm_wgmma.cu SMEM_NARROW, two blocks per SM).
   */
  static final int NARROW_TILE_N = 64;
  static final int WGMMA_NARROW_SHARED_BYTES = 4 * (TILE_M + NARROW_TILE_N) * ROW + 1024;
  /**
   * Whether wgmma products of at most 64 columns take the narrow tile:
   * {@code -Dfrontier.cuda.wgmma.narrow=true}. Off by default until it has run on a GPU (it passes
   * the host emulation).
   */
  static volatile boolean narrowTile = Boolean.getBoolean("frontier.cuda.wgmma.narrow");
  /** AUTO takes the packed path from this many multiply-adds on (smaller products are launch bound). */
  static final long AUTO_MIN_MACS = 1L << 24;
  /** AUTO never packs into more than this many bytes (both operands; 3xTF32's three segments: three times this). */
  static final long AUTO_MAX_PACKED_BYTES = 2L << 30;

  /**
   * One operand's packing: {@code rows} x k source elements at {@code src[z * batchStride + r *
   * rowStride + k * kStride]} into {@code count} buffers of {@code paddedRows} rows of
   * {@code rowBytes}, read k-contiguously or not ({@code kContig}); the product steps
   * {@code gemmStrideBytes} per batch (0 when one packed copy serves every batch). A 3xTF32 pack
   * writes {@code segments} segments of Kp per row, the low parts in {@code loSegment}, the high
   * parts truncated ({@code truncateHi}: the tensor core reads them in place) or rounded to
   * nearest; other packs have one segment (loSegment -1).
   */
  record Pack(int rows, int paddedRows, long rowStride, long kStride, long batchStride, long batchStride2, int count, boolean kContig,
      long gemmStrideBytes, LaunchConfig launch, int rowBytes, int segments, int loSegment, boolean truncateHi) {
    /** Size of the packed buffer in float32 elements. */
    long floats() {
      return (long) count * paddedRows * rowBytes / 4;
    }
  }

  /**
   * The packed plan for {@code p}, or null when the register-staged kernel should run: not a
   * TF32/BF16 product, mode {@link Mode#SIMPLE} (or {@link Mode#CUBLAS}), an empty product, a card with less than
   * {@link #SHARED_BYTES} ({@link #WGMMA_SHARED_BYTES} for the wgmma modes) of opt-in shared
   * memory per block, a K beyond the pack grid, or (AUTO, WGMMA) a product too small or buffers
   * too large.
   */
  static TcPlan of(GemmPlan p, MatmulPrecision precision, Mode mode, int maxSharedOptin) {
    if (mode == Mode.SIMPLE || mode == Mode.CUBLAS || precision == MatmulPrecision.HIGHEST) return null;
    boolean split = precision == MatmulPrecision.TF32X3;
    // float32 plans only: TF32 / BF16 ones, or (3xTF32, whose unpacked products are FP32) the SIMT ones
    boolean float32 = split ? p.kernel().startsWith(GemmPlan.Family.SGEMM128.prefix) || p.kernel().startsWith(GemmPlan.Family.SGEMM64.prefix)
        : p.kernel().startsWith(GemmPlan.Family.TF32.prefix) || p.kernel().startsWith(GemmPlan.Family.BF16.prefix);
    if (!float32) return null;
    int m = p.m(), n = p.n(), k = p.k();
    boolean narrow = mode.wgmma() && narrowTile && n <= NARROW_TILE_N && !split; // 3xTF32 runs on the wide tile only
    int tileN = narrow ? NARROW_TILE_N : TILE_N;
    int shared = mode.wgmma() ? (narrow ? WGMMA_NARROW_SHARED_BYTES : WGMMA_SHARED_BYTES) : SHARED_BYTES;
    if (m < 1 || n < 1 || k < 1 || maxSharedOptin < shared) return null;
    boolean bf16 = precision == MatmulPrecision.BF16;
    int elementBytes = bf16 ? 2 : 4;
    int perRow = ROW / elementBytes; // k elements per 128-byte tile row
    long kpLong = LaunchConfig.ceilDiv(k, perRow) * perRow;
    if (kpLong / 32 > GemmPlan.MAX_GRID_Y) return null;
    int kp = (int) kpLong;
    // A K-major, 16-byte aligned TF32 operand is read in place by wgmma (A row-major, B transposed);
    // split, only its high parts are (the tensor core truncates them), and its low parts are packed.
    boolean inPlaceA = mode.wgmma() && !bf16 && !p.a().transposed() && p.a().vec();
    boolean inPlaceB = mode.wgmma() && !bf16 && p.b().transposed() && p.b().vec();
    boolean splitWgmma = split && mode.wgmma();
    // an aligned TF32 A through registers: transposed for one product (gemm_wg_tf32_ra), either
    // layout for 3xTF32 (gemm_wg_tf32x3_ra, _ra_t: split in registers); the wide tile only
    boolean registerA = registerATile && mode.wgmma() && !bf16 && !narrow && p.a().vec() && (splitWgmma || p.a().transposed());
    // segments per packed row: 1; 3xTF32: 3 on mma.sync, and on wgmma 1 (lo) in place, else 2 ([hi | lo])
    int segmentsA = !split ? 1 : !splitWgmma ? SPLIT_SEGMENTS : inPlaceA ? 1 : 2;
    int segmentsB = !split ? 1 : !splitWgmma ? SPLIT_SEGMENTS : inPlaceB ? 1 : 2;
    int loA = !split ? -1 : splitWgmma ? segmentsA - 1 : A_LO_SEGMENT;
    int loB = !split ? -1 : splitWgmma ? segmentsB - 1 : B_LO_SEGMENT;
    // A (m, k): row-major at m * ld + k, transposed at k * ld + m.
    Pack pa = pack(m, TILE_M, p.a().transposed() ? 1 : p.a().ld(), p.a().transposed() ? p.a().ld() : 1,
        p.a().batchStride(), p.a().batchStride2(), p.batch(), kp, elementBytes, segmentsA, loA, splitWgmma && inPlaceA);
    // B (k, n) packed as B^T rows n: row-major at k * ld + n, transposed at n * ld + k.
    Pack pb = pack(n, tileN, p.b().transposed() ? p.b().ld() : 1, p.b().transposed() ? 1 : p.b().ld(),
        p.b().batchStride(), p.b().batchStride2(), p.batch(), kp, elementBytes, segmentsB, loB, splitWgmma && inPlaceB);
    if (pa == null || pb == null) return null;
    if (mode != Mode.PACKED && mode != Mode.WGMMA_PACKED) { // AUTO, WGMMA, and DIRECT where the direct kernels do not apply
      long macs = (long) m * n * k * p.batch();
      long bytes = 4 * (pa.floats() + pb.floats());
      if (macs < AUTO_MIN_MACS || bytes > (split ? SPLIT_SEGMENTS : 1) * AUTO_MAX_PACKED_BYTES) return null;
    }
    long tiles = (long) (pa.paddedRows() / TILE_M) * (pb.paddedRows() / tileN);
    if (tiles > Integer.MAX_VALUE) return null;
    LaunchConfig gemm = new LaunchConfig((int) tiles, Math.min(p.batch(), GemmPlan.MAX_GRID_Y), 1, THREADS, 1, shared);
    String suffix = bf16 ? "bf16" : "tf32";
    String product = splitWgmma && registerA ? SPLIT_WGMMA_KERNEL + "_ra" + (p.a().transposed() ? "_t" : "")
        : splitWgmma ? SPLIT_WGMMA_KERNEL + (splitPasses ? "_passes" : "")
        : registerA ? REGISTER_A_KERNEL
        : (mode.wgmma() ? CudaContext.SM90A_KERNEL_PREFIX : "gemm_tc_") + suffix + (narrow ? "_n64" : "");
    // bytes of k the product reads per row: K's float32 bytes where a row is read in place, and on
    // gemm_wg_tf32x3 (whose rows hold one segment each); else the packed rows' (zero-padded)
    int kBytes = splitWgmma || inPlaceA || inPlaceB || registerA ? 4 * k : pa.rowBytes();
    String packKernel = split ? SPLIT_PACK_KERNEL : "gemm_pack_" + suffix;
    return new TcPlan(packKernel, product, pa, pb, kp, pa.rowBytes(), pa.rowBytes() / ROW, gemm, p.inner(), inPlaceA, inPlaceB, kBytes,
        registerA);
  }

  /**
   * The product kernel's launch on a card of {@code multiprocessors}: {@link #gemm}, a block per
   * tile, or with {@link #persistent} and a kernel that loops over tiles, at most one wave (one wide
   * block per multiprocessor, two narrow ones).
   */
  LaunchConfig gemmLaunch(int multiprocessors) {
    if (!persistent || !loopsOverTiles(gemmKernel)) return gemm;
    int perSm = gemmKernel.endsWith("_n64") ? 2 : 1;
    int blocks = (int) Math.min(gemm.gridX(), (long) Math.max(1, multiprocessors) * perSm);
    return new LaunchConfig(blocks, gemm.gridY(), gemm.gridZ(), gemm.blockX(), gemm.blockY(), gemm.sharedBytes());
  }

  /** Whether a product kernel takes its tiles in a loop over blockIdx.x (gemm_wgmma.cu's wg_gemm). */
  static boolean loopsOverTiles(String kernel) {
    return kernel.equals("gemm_wg_tf32") || kernel.equals("gemm_wg_bf16") || kernel.equals("gemm_wg_tf32_n64")
        || kernel.equals("gemm_wg_bf16_n64") || kernel.equals(SPLIT_WGMMA_KERNEL + "_passes") || kernel.equals(REGISTER_A_KERNEL)
        || kernel.equals(SPLIT_WGMMA_KERNEL + "_ra") || kernel.equals(SPLIT_WGMMA_KERNEL + "_ra_t");
  }

  /** Whether the operands are split into high and low parts for 3xTF32 (see {@link Pack}). */
  boolean split() {
    return packKernel.equals(SPLIT_PACK_KERNEL);
  }

  /** Whether the product is gemm_wg_tf32x3, which reads high and low parts from rows of their own. */
  boolean splitWgmma() {
    return gemmKernel.startsWith(SPLIT_WGMMA_KERNEL);
  }

  /**
   * Whether {@code pk} (a or b) is packed: never an A read through registers; else always for
   * 3xTF32 (its low parts at least), and otherwise unless wgmma reads the operand in place.
   */
  boolean packs(Pack pk) {
    if (pk == a && registerA) return false;
    return split() || !(pk == a ? inPlaceA : inPlaceB);
  }

  /**
   * Where gemm_wg_* reads segment {@code segment} of a packed operand, in bytes: the offset from
   * the packed buffer's start, the distance of rows, and the strides of the outer and inner batch
   * dims (matrix bz at bz times the packed matrix size, or 0 for one copy the batch shares).
   */
  record PackedRows(long offset, long ld, long stride, long stride2) {}

  PackedRows packedRows(Pack pk, int segment) {
    long size = pk.gemmStrideBytes();
    return new PackedRows((long) segment * (pk.rowBytes() / pk.segments()), pk.rowBytes(), size * inner, size);
  }

  /** Bytes per packed element: 2 (BF16) or 4 (TF32, either part of a split one). */
  int elementBytes() {
    return a.rowBytes() / kp / a.segments();
  }

  private static Pack pack(int rows, int tile, long rowStride, long kStride, long batchStride, long batchStride2, int batch, int kp,
      int elementBytes, int segments, int loSegment, boolean truncateHi) {
    long padded = LaunchConfig.ceilDiv(rows, tile) * tile;
    if (padded > Integer.MAX_VALUE / 2) return null;
    long rowBytes = (long) segments * kp * elementBytes;
    if (rowBytes > Integer.MAX_VALUE) return null;
    // One packed copy serves every batch when the operand is broadcast over both batch dims.
    int count = batchStride == 0 && batchStride2 == 0 ? 1 : batch;
    // Tensor.empty takes an int element count.
    if ((long) count * padded * rowBytes / 4 > Integer.MAX_VALUE) return null;
    long gemmStride = count == 1 ? 0 : padded * rowBytes;
    // gemm.cu tc2_pack: 256 threads per 64 (rows) x 32 (k) tile of one segment
    LaunchConfig launch = new LaunchConfig((int) (padded / 64), kp / 32, Math.min(count, GemmPlan.MAX_GRID_Y), 256, 1, 0);
    return new Pack(rows, (int) padded, rowStride, kStride, batchStride, batchStride2, count, kStride == 1, gemmStride, launch, (int) rowBytes,
        segments, loSegment, truncateHi);
  }
}
