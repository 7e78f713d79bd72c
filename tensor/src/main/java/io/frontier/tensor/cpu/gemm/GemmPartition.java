package io.frontier.tensor.cpu.gemm;

import io.frontier.tensor.cpu.Parallel;

/**
 * Splits C into independent blocks, one per thread. Each thread then runs the whole serial
 * algorithm on its block with its own packing buffers, so threads share nothing but the read-only
 * operands and never synchronise inside a product.
 *
 * <p>Cuts fall on multiples of the micro-tile, so no thread gets an extra ragged edge. Cutting
 * rows makes every thread pack all of B; cutting columns, all of A. Rows are preferred unless C is
 * much wider than tall: packing row-major B is a row copy, packing A interleaves rows and costs
 * about three times as much per element, and on two threads row cuts measured 5–10 % faster for
 * n = 256…1024.
 */
final class GemmPartition {
  private GemmPartition() {}

  /**
   * Runs {@code task} over all of the m×n C, on up to {@link Parallel#numThreads()} threads when
   * {@code parallel} and every thread would get at least {@code minFmaPerThread} multiply-adds,
   * otherwise once on the caller. Kernels pick that minimum so a thread's share takes clearly
   * longer than handing it over: with {@link Parallel}'s spinning workers a hand-off costs about a
   * microsecond, so two threads win from about 80³ upward.
   */
  static void forBlocks(int m, int n, int k, int rowAlign, int colAlign, long minFmaPerThread, boolean parallel,
      BlockTask task) {
    long fma = (long) m * n * k;
    if (!parallel || Parallel.numThreads() <= 1 || fma < 2 * minFmaPerThread || Parallel.inWorker()) {
      task.run(0, m, 0, n);
      return;
    }
    if (n > 4 * m) {
      int blocks = ceilDiv(n, colAlign);
      long fmaPerBlock = (long) m * k * colAlign;
      int grain = (int) Math.max(1, Math.min(blocks, ceilDiv(minFmaPerThread, fmaPerBlock)));
      Parallel.forRange(blocks, grain, (s, e) -> task.run(0, m, s * colAlign, Math.min(n, e * colAlign)));
    } else {
      int blocks = ceilDiv(m, rowAlign);
      long fmaPerBlock = (long) n * k * rowAlign;
      int grain = (int) Math.max(1, Math.min(blocks, ceilDiv(minFmaPerThread, fmaPerBlock)));
      Parallel.forRange(blocks, grain, (s, e) -> task.run(s * rowAlign, Math.min(m, e * rowAlign), 0, n));
    }
  }

  /**
   * True when computing Cᵀ = Bᵀ·Aᵀ wastes clearly less of the register tiles than C = A·B: for
   * narrow outputs such as m×1 or m×16, whose columns would fill a fraction of the NR-wide tile.
   * The transposed write-back is scalar, hence the margin of two.
   */
  static boolean transposeIsCheaper(int m, int n, int mr, int nr) {
    long direct = (long) roundUp(m, mr) * roundUp(n, nr);
    long transposed = (long) roundUp(n, mr) * roundUp(m, nr);
    return 2 * transposed < direct;
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
