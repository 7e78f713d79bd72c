package io.frontier.cuda;

/**
 * The launches of sort.cu's long-row sort, for rows that {@link SortPlan} cannot sort in one
 * block: {@code sort_tiles_*} sorts tiles of {@code tileP} elements (a power of two) of every row
 * in shared memory, {@code mergePasses} launches of {@code sort_merge} merge runs of {@code tileP},
 * {@code 2 tileP}, ... elements two by two until a run is the row, and {@code sort_gather_*} writes
 * the values and indices. A vocabulary's row of 50 257 logits takes 13 tiles of 4 096 and 4 merge
 * passes. Pure Java, tested without a GPU.
 */
record LongSortPlan(int n, int numRows, int tileP, int tilesPerRow, int threads, int sharedBytes, int mergePasses) {
  /** The largest tile: 4 096 elements of 8-byte keys and 4-byte indices are the 48 KiB a block gets without opting in. */
  static final int MAX_TILE = 4096;
  /** Outputs a thread of sort_merge writes (sort.cu's MERGE_PER_THREAD); tiles are at least this long. */
  static final int MERGE_PER_THREAD = 8;

  /**
   * The plan for {@code numRows} rows of {@code n >= 1} elements with keys of {@code keyBytes} (4
   * or 8), in tiles that fit {@code maxShared} bytes of shared memory.
   */
  static LongSortPlan of(int n, int numRows, int keyBytes, int maxShared) {
    if (n < 1 || numRows < 1) throw new IllegalArgumentException("sort plan needs rows of at least one element, got " + numRows + " x " + n);
    int tileP = MAX_TILE;
    while (tileP > MERGE_PER_THREAD && (long) tileP * (keyBytes + 4) > maxShared) tileP >>= 1;
    if ((long) tileP * (keyBytes + 4) > maxShared) {
      throw new IllegalArgumentException("sort: " + maxShared + " bytes of shared memory hold no tile of " + tileP + " keys");
    }
    int tilesPerRow = (int) LaunchConfig.ceilDiv(n, tileP);
    if ((long) tilesPerRow * numRows > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("sort: " + numRows + " rows of " + n + " elements need more than 2^31 - 1 tiles");
    }
    int passes = 0;
    for (long width = tileP; width < n; width *= 2) passes++;
    int threads = Math.min(1024, Math.max(32, tileP / 2));
    return new LongSortPlan(n, numRows, tileP, tilesPerRow, threads, tileP * (keyBytes + 4), passes);
  }

  LaunchConfig tiles() {
    return new LaunchConfig(numRows * tilesPerRow, 1, 1, threads, 1, sharedBytes);
  }

  /** Threads of each sort_merge launch (each writes {@link #MERGE_PER_THREAD} outputs of a row). */
  long mergeThreads() {
    return (long) numRows * LaunchConfig.ceilDiv(n, MERGE_PER_THREAD);
  }

  /** The run width that merge pass {@code pass} (from 0) merges two by two. */
  int mergeWidth(int pass) {
    return tileP << pass;
  }
}
