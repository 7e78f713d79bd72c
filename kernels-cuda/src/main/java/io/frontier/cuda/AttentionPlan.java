package io.frontier.cuda;

/**
 * The launch shapes of attention.cu for one problem: which head-dim variant (d64 or d128: a
 * thread's columns are kept in registers, so the variant bounds D), the grids, and each kernel's
 * dynamic shared memory (the padded tiles and scratch that attention.cu lays out). Blocks of
 * {@value #THREADS} threads own {@value #ROWS} rows; grid x runs over the (batch, head) pairs and
 * grid y over the row tiles. Pure arithmetic, tested without a GPU (AttentionPlanTest).
 *
 * @param maxD the variant's largest head dim: 64 or 128
 * @param forwardShared bytes of attn_fwd_*
 * @param dqShared bytes of attn_bwd_dq_*
 * @param dkdvShared bytes of attn_bwd_dkdv_*
 */
record AttentionPlan(int maxD, int forwardShared, int dqShared, int dkdvShared) {
  static final int ROWS = 32;
  static final int THREADS = 128;
  /** Rows of attn_bwd_delta_*'s 256-thread blocks (a warp each). */
  static final int DELTA_ROWS_PER_BLOCK = 8;

  /**
   * The plan for head dim d and elements of itemSize bytes, or null where no kernel fits: D past 128
   * (past 64 for float64, which has no d128 variant: it would spill), or tiles past maxShared.
   */
  static AttentionPlan of(int d, int itemSize, int maxShared) {
    if (d < 1 || d > (itemSize == 8 ? 64 : 128)) return null;
    // tiles of ROWS rows, each D rounded up to 16 bytes plus 16 bytes (aligned, bank-shifted rows);
    // scratch rows of ROWS + 16 bytes
    int lanes = 16 / itemSize;
    long tile = (long) ROWS * ((d + lanes - 1) / lanes * lanes + lanes);
    long scratch = (long) ROWS * (ROWS + lanes);
    long fwd = itemSize * (3 * tile + scratch);
    long dq = itemSize * (4 * tile + scratch);
    long dkdv = itemSize * (4 * tile + 2 * scratch + 2L * ROWS);
    if (Math.max(fwd, Math.max(dq, dkdv)) > maxShared) return null;
    return new AttentionPlan(d <= 64 ? 64 : 128, (int) fwd, (int) dq, (int) dkdv);
  }

  /** attn_&lt;kind&gt;_&lt;dtype&gt;_d&lt;maxD&gt;, kind fwd, bwd_dq or bwd_dkdv. */
  String kernel(String kind, String dtypeSuffix) {
    return "attn_" + kind + "_" + dtypeSuffix + "_d" + maxD;
  }

  /** A grid over the pairs and the tiles of {@code rows} rows (queries or keys). */
  static LaunchConfig grid(int pairs, int rows, int sharedBytes) {
    return new LaunchConfig(pairs, (int) LaunchConfig.ceilDiv(rows, ROWS), 1, THREADS, 1, sharedBytes);
  }

  /** attn_bwd_delta_*: a warp per (pair, query) row. */
  static LaunchConfig deltaGrid(long rows) {
    return LaunchConfig.of1d((int) LaunchConfig.ceilDiv(rows, DELTA_ROWS_PER_BLOCK), 32 * DELTA_ROWS_PER_BLOCK);
  }
}
