package io.frontier.cuda;

/**
 * The launch of sort.cu's {@code sort_rows_*} for rows of {@code n} elements: each row is padded
 * to the power of two {@code p}, a block sorts {@code rows} rows at once (about {@link #TILE}
 * elements for short rows) in {@code sharedBytes} of shared memory. Pure Java, tested without a GPU.
 */
record SortPlan(int n, int p, int rows, int blocks, int threads, int sharedBytes) {
  /** Elements a block aims to hold when rows are short. */
  static final int TILE = 1024;
  /** The longest padded row sorted on the device; longer rows take the host fallback. */
  static final int MAX_P = 16384;

  /**
   * The plan for {@code numRows} rows of {@code n >= 1} elements with keys of {@code keyBytes}
   * (4 or 8), or null when a padded row does not fit {@code maxShared} bytes or {@link #MAX_P}.
   */
  static SortPlan of(int n, int numRows, int keyBytes, int maxShared) {
    if (n < 1 || numRows < 1) throw new IllegalArgumentException("sort plan needs rows of at least one element, got " + numRows + " x " + n);
    int p = Integer.highestOneBit(n);
    if (p < n) p <<= 1;
    if (p > MAX_P || (long) p * (keyBytes + 4) > maxShared) return null;
    int rows = Math.min(Math.max(1, TILE / p), numRows);
    int tile = rows * p;
    int threads = Math.min(1024, Math.max(32, (tile / 2 + 31) / 32 * 32));
    int blocks = (int) LaunchConfig.ceilDiv(numRows, rows);
    return new SortPlan(n, p, rows, blocks, threads, tile * (keyBytes + 4));
  }

  LaunchConfig launch() {
    return new LaunchConfig(blocks, 1, 1, threads, 1, sharedBytes);
  }
}
