package io.frontier.cuda;

/**
 * Launch shapes of fused.cu, pure Java so that they are tested without a GPU.
 *
 * <p>Row kernels (norms, cross-entropy forward): {@code threadsPerRow} threads (a power of two in
 * [32, maxThreads]) per row, aiming at {@link #PACKS_PER_THREAD} packs each, and
 * {@code rowsPerBlock} rows per block so that short rows still fill 256-thread blocks. A row is
 * {@code cached} (held in registers) when each thread's share fits the kernel's register array.
 */
record FusedPlan(int blocks, int threadsPerRow, int rowsPerBlock, boolean cached) {
  static final int PACKS_PER_THREAD = 4;
  /** Cached packs per thread of fused_norm_fwd (scalar, 16-byte packs); must match fused.cu. */
  static final int FWD_CACHE_SCALAR = 16;
  static final int FWD_CACHE_PACKS = 8;
  /** The same for fused_norm_bwd. */
  static final int BWD_CACHE_SCALAR = 8;
  static final int BWD_CACHE_PACKS = 4;
  /** __launch_bounds__ of the norm kernels and of fused_ce_fwd. */
  static final int NORM_MAX_THREADS = 512;
  /** fused_ce_fwd: rows of a vocabulary take 512 threads, two blocks per SM (1024 threads made one block per SM wait for each row's end). */
  static final int CE_MAX_THREADS = 512;

  /** fused_ce_stream: the shortest rows it takes (shorter rows share blocks and come in many waves). */
  static final int CE_STREAM_MIN_ROW = 8192;
  /** fused_ce_stream: from this many waves of whole rows (two blocks per SM) on, the last wave's idle SMs cost little. */
  static final int CE_WAVES = 16;

  /**
   * The cross-entropy forward over the flattened logits in {@code blocks} equal chunks of
   * {@code chunk} logits (fused_ce_stream, then fused_ce_stream_merge for the rows the chunks cut).
   */
  record CeStream(int blocks, long chunk) {
    LaunchConfig config() {
      return new LaunchConfig(blocks, 1, 1, CE_MAX_THREADS, 1, 0);
    }
  }

  /**
   * The streamed cross-entropy forward for rows of at least {@link #CE_STREAM_MIN_ROW} logits too
   * few for {@link #CE_WAVES} waves of two 512-thread blocks per multiprocessor, or null for whole
   * rows (fused_ce_fwd). Blocks: one per resident slot ({@code maxBlocks} when positive: tests cut
   * rows with few blocks), at most one per row so that a chunk is at least a row long (a row is
   * then cut at most once); null where that leaves a block per row. On an H100 1 335 rows of a
   * 50 257 vocabulary are 5.06 waves, the sixth almost empty: 0.73 of copy bandwidth at 256 MB
   * against 0.83 at 1 GB (5 342 rows).
   */
  static CeStream ceStream(int rows, int c, int multiprocessors, int maxBlocks) {
    long resident = 2L * Math.max(1, multiprocessors);
    if (c < CE_STREAM_MIN_ROW || rows >= CE_WAVES * resident) return null;
    long blocks = Math.min(maxBlocks > 0 ? maxBlocks : resident, rows);
    if (blocks >= rows || blocks < 2) return null;
    long total = (long) rows * c;
    long chunk = LaunchConfig.ceilDiv(total, blocks);
    return new CeStream((int) LaunchConfig.ceilDiv(total, chunk), chunk);
  }

  /** @param packs the row length in packs (elements for scalar kernels) */
  static FusedPlan rows(int rows, int packs, int maxThreads, int cachePerThread) {
    int tpr = (int) Math.min(maxThreads, Math.max(32, nextPow2(LaunchConfig.ceilDiv(packs, PACKS_PER_THREAD))));
    int perBlock = Math.max(1, Math.min(256 / tpr, rows));
    int blocks = (int) LaunchConfig.ceilDiv(rows, perBlock);
    return new FusedPlan(blocks, tpr, perBlock, LaunchConfig.ceilDiv(packs, tpr) <= cachePerThread);
  }

  LaunchConfig config() {
    return new LaunchConfig(blocks, 1, 1, threadsPerRow, rowsPerBlock, 0);
  }

  static long nextPow2(long v) {
    return v <= 1 ? 1 : Long.highestOneBit(v - 1) << 1;
  }

  /**
   * The weight/bias gradient split of fused_norm_wgrad: blocks of 32 columns by chunks of rows,
   * enough blocks for about 8 per multiprocessor, chunks of at least 32 rows, at most 65535 chunks.
   */
  record Columns(int tiles, int chunks, int rowsPerChunk) {
    static final int TILE = 32;
    static final int LANES = 8;

    static Columns of(int rows, int n, int multiprocessors) {
      int tiles = (int) LaunchConfig.ceilDiv(n, TILE);
      long want = LaunchConfig.ceilDiv(8L * Math.max(1, multiprocessors), tiles);
      long chunks = Math.max(1, Math.min(Math.min(want, LaunchConfig.ceilDiv(rows, 32)), 65535));
      int perChunk = (int) LaunchConfig.ceilDiv(rows, chunks);
      return new Columns(tiles, (int) LaunchConfig.ceilDiv(rows, perChunk), perChunk);
    }

    LaunchConfig config() {
      return new LaunchConfig(tiles, chunks, 1, TILE, LANES, 0);
    }
  }
}
