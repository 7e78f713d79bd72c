package io.frontier.cuda;

/**
 * The thread layout of a reduce_* launch (reduce.cu): {@code lanes} threads cooperate on one output
 * and {@code slots} outputs share a block; in the outer layout (kept elements adjacent in memory)
 * the slots run along x so that neighbouring threads read neighbouring addresses, otherwise the
 * lanes do. When there are too few outputs to fill the device and each is long, the reduced range
 * is split into {@code splits} chunks (grid y) whose partial results a second launch combines.
 * Pure Java so that it is tested without a GPU.
 *
 * @param blockX threads along x
 * @param blockY threads along y
 * @param gridX blocks over the outputs
 * @param splits blocks over the reduced range (grid y), 1 for a single pass
 * @param chunk reduced elements per split; {@code (splits - 1) * chunk < nRed <= splits * chunk}
 */
record ReducePlan(boolean outer, int blockX, int blockY, int gridX, int splits, int chunk) {
  /** Threads per block at most. */
  static final int MAX_THREADS = 512;
  /** Blocks per multiprocessor a split reduction aims for (4 x 512 threads fill one). */
  static final int BLOCKS_PER_SM = 4;
  /**
   * An outer reduction with at least this many outputs per multiprocessor runs a thread per output
   * (lanes = 1): half of an SM's 2048 threads, each with its own loads in flight.
   */
  static final int THREADS_PER_SM_ALONE = 1024;
  /** ... or, when each output reduces at most {@code SHORT} elements, this many outputs per multiprocessor. */
  static final int THREADS_PER_SM_SHORT = 256, SHORT = 32;
  /** A split reduction gives every thread at least this many elements. */
  static final int MIN_PER_THREAD = 16;

  /**
   * @param nOut outputs, at least 1
   * @param nRed elements reduced into each output, 0 or more
   * @param outer whether the kept elements (not the reduced ones) are adjacent in memory
   * @param allowSplit false for the second pass of a split reduction
   */
  static ReducePlan of(long nOut, long nRed, boolean outer, int multiprocessors, boolean allowSplit) {
    int pOut = nextPow2(nOut);
    int pRed = nextPow2(nRed);
    int lanes;
    int slots;
    long sms = Math.max(1, multiprocessors);
    if (outer && (nOut >= sms * THREADS_PER_SM_ALONE || (nRed <= SHORT && nOut >= sms * THREADS_PER_SM_SHORT))) {
      // Enough outputs to give every thread one and still fill the device: each thread sums its
      // output's elements alone (four loads in flight, neighbouring threads at neighbouring
      // addresses), no shared-memory tree. Split-K's sums of (splits, M, N) partial products were
      // the case: 4-16 elements an output, which 4-16 lanes read one each and then combined in
      // the tree (33 launches, 0.96 ms of an H100's GPT step, about 0.6 TB/s). With short
      // reductions lanes would only add threads that load one element each.
      lanes = 1;
      slots = Math.min(pOut, MAX_THREADS);
    } else if (outer) {
      lanes = Math.min(pRed, MAX_THREADS / Math.min(pOut, 32));
      slots = Math.min(pOut, MAX_THREADS / lanes);
    } else {
      // Rows of up to 32 get a lane per element; longer ones at least 4 elements per lane, so that
      // the shared-memory tree stays small next to the loads.
      lanes = nRed <= 32 ? pRed : Math.min(MAX_THREADS, Math.max(32, nextPow2(LaunchConfig.ceilDiv(nRed, 4))));
      slots = Math.min(pOut, MAX_THREADS / lanes);
    }
    long gridX = LaunchConfig.ceilDiv(nOut, slots);
    long target = (long) Math.max(1, multiprocessors) * BLOCKS_PER_SM;
    long splits = 1;
    if (allowSplit && gridX < target && nRed >= 2L * lanes * MIN_PER_THREAD) {
      // At most one wave of blocks: rounding the splits up (ceil(target / gridX)) left a second
      // wave of a few blocks, as long as the first (a column sum of 2048 outputs on 132 SMs: 64 x
      // 9 = 576 blocks where 528 are resident; 8 splits make 512).
      splits = Math.min(Math.min(Math.max(1, target / gridX), nRed / ((long) lanes * MIN_PER_THREAD)), 65535);
    }
    long chunk = LaunchConfig.ceilDiv(nRed, splits);
    if (chunk > 0) splits = LaunchConfig.ceilDiv(nRed, chunk);
    return outer
        ? new ReducePlan(true, slots, lanes, (int) gridX, (int) splits, (int) chunk)
        : new ReducePlan(false, lanes, slots, (int) gridX, (int) splits, (int) chunk);
  }

  LaunchConfig config() {
    // One accumulator (at most 8 bytes) per thread for the shared-memory tree.
    return new LaunchConfig(gridX, splits, 1, blockX, blockY, blockX * blockY * 8);
  }

  /** The smallest power of two >= n, for n in [0, 2^30]; 1 for n <= 1. */
  static int nextPow2(long n) {
    if (n <= 1) return 1;
    return (int) (Long.highestOneBit(Math.min(n, 1L << 30) - 1) << 1);
  }
}
