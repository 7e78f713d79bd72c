package io.frontier.tensor.cpu.gemm;

import io.frontier.tensor.cpu.Parallel;

/**
 * Splits C into independent blocks, one per thread. Each thread then runs the whole serial
 * algorithm on its block with its own packing buffers, so threads share nothing but the read-only
 * operands and never synchronise inside a product.
 *
 * <p>The longer of C's two dimensions is cut, on multiples of the micro-tile so that no thread gets
 * an extra ragged edge. Cutting columns makes every thread pack all of A (and vice versa for rows);
 * that is m·k extra copies against m·n·k/threads multiply-adds, a few per cent at worst here.
 */
final class GemmPartition {
  /**
   * Below this many multiply-adds a product runs on the calling thread: handing work to the pool
   * costs some microseconds, about what 2^19 multiply-adds take on one AVX-512 core.
   */
  static final long MIN_PARALLEL_FMA = 1L << 19;

  /** Each thread gets at least this much work, so small products use fewer threads. */
  static final long MIN_FMA_PER_THREAD = 1L << 18;

  private GemmPartition() {}

  /**
   * Runs {@code task} over all of the m×n C, on up to {@link Parallel#numThreads()} threads when
   * {@code parallel} and the m×n×k product is large enough, otherwise once on the caller.
   */
  static void forBlocks(int m, int n, int k, int rowAlign, int colAlign, boolean parallel, BlockTask task) {
    long fma = (long) m * n * k;
    if (!parallel || Parallel.numThreads() <= 1 || fma < MIN_PARALLEL_FMA || Parallel.inWorker()) {
      task.run(0, m, 0, n);
      return;
    }
    if (n >= m) {
      int blocks = ceilDiv(n, colAlign);
      long fmaPerBlock = (long) m * k * colAlign;
      int grain = (int) Math.max(1, Math.min(blocks, ceilDiv(MIN_FMA_PER_THREAD, fmaPerBlock)));
      Parallel.forRange(blocks, grain, (s, e) -> task.run(0, m, s * colAlign, Math.min(n, e * colAlign)));
    } else {
      int blocks = ceilDiv(m, rowAlign);
      long fmaPerBlock = (long) n * k * rowAlign;
      int grain = (int) Math.max(1, Math.min(blocks, ceilDiv(MIN_FMA_PER_THREAD, fmaPerBlock)));
      Parallel.forRange(blocks, grain, (s, e) -> task.run(s * rowAlign, Math.min(m, e * rowAlign), 0, n));
    }
  }

  static int ceilDiv(int x, int q) {
    return (x + q - 1) / q;
  }

  static long ceilDiv(long x, long q) {
    return (x + q - 1) / q;
  }

  static int roundUp(int x, int q) {
    return ceilDiv(x, q) * q;
  }
}
