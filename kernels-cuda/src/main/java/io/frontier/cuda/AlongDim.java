package io.frontier.cuda;

import io.frontier.tensor.Tensor;

/**
 * The thread layout of the kernels that work along one dim (argreduce_*, scan_*, softmax_*): the
 * view is a set of rows of length {@code n}, one per index of the other dims. Modes (the kernels'
 * RowMode): {@link #THREAD} one thread per row, when rows are adjacent in memory and the dim is
 * strided (softmax(0) of a row-major matrix), so neighbouring threads read neighbouring addresses;
 * {@link #WARP} one warp per row for rows of up to {@link #WARP_MAX_LENGTH}; {@link #BLOCK} one
 * block per row otherwise. Pure Java so that it is tested without a GPU.
 */
record AlongDim(int nRows, int n, int mode, int blocks, int threads) {
  static final int THREAD = 0;
  static final int WARP = 1;
  static final int BLOCK = 2;
  static final int WARP_MAX_LENGTH = 1024;
  static final int THREADS = 256;
  static final int BLOCK_THREADS = 512;

  /**
   * @param dimStride the input's stride along the dim
   * @param inRows the input's row descriptor ({@link #rowsDesc})
   */
  static AlongDim plan(int nRows, int n, int dimStride, int[] inRows, int multiprocessors) {
    int rank = inRows[0];
    boolean rowsAdjacent = rank > 0 && inRows[StridedDesc.MAX_DIMS + rank] == 1;
    // Thread-per-row only with enough rows to give every multiprocessor a warp.
    if (n > 1 && dimStride != 1 && rowsAdjacent && nRows >= 32L * Math.max(1, multiprocessors)) {
      return new AlongDim(nRows, n, THREAD, (int) LaunchConfig.ceilDiv(nRows, THREADS), THREADS);
    }
    if (n <= WARP_MAX_LENGTH) {
      return new AlongDim(nRows, n, WARP, (int) LaunchConfig.ceilDiv(nRows, THREADS / 32), THREADS);
    }
    return new AlongDim(nRows, n, BLOCK, nRows, BLOCK_THREADS);
  }

  /** The descriptor of t's rows: its shape and strides without {@code dim}. */
  static int[] rowsDesc(Tensor t, int dim) {
    return StridedDesc.of(drop(t.shape(), dim), drop(t.strides(), dim));
  }

  static int[] drop(int[] a, int dim) {
    int[] r = new int[a.length - 1];
    for (int i = 0, j = 0; i < a.length; i++) if (i != dim) r[j++] = a[i];
    return r;
  }

  /** Rows the register-tile softmax kernels hold whole: 512 threads x 64 bytes. */
  static final int TILE_BYTES = 512 * 64;
  /** The smallest block of the tile kernels (short rows: several groups per block). */
  static final int TILE_MIN_BLOCK = 128;

  /**
   * Threads per row of softmax_tile_*: a power of two from 32 to 512 giving each thread at most
   * 64 bytes of the row; 0 when the row is longer than {@link #TILE_BYTES}.
   */
  static int tileGroup(int n, int itemSize) {
    if ((long) n * itemSize > TILE_BYTES) return 0;
    return Math.max(32, ReducePlan.nextPow2(LaunchConfig.ceilDiv((long) n * itemSize, 64)));
  }

  /** The launch of softmax_tile_* with groups of {@code group} threads. */
  static LaunchConfig tileConfig(int nRows, int group) {
    int threads = Math.max(group, TILE_MIN_BLOCK);
    return LaunchConfig.of1d((int) LaunchConfig.ceilDiv(nRows, threads / group), threads);
  }

  /**
   * Whether every row of a view is contiguous and starts and ends on a 16-byte boundary (the tile
   * kernels' vector path): unit stride along the dim, a length, a storage offset and row strides
   * that are multiples of 16 bytes (storage blocks are 256-byte aligned).
   */
  static boolean vectorRows(int n, int dimStride, long storageOffset, int[] rows, int itemSize) {
    int width = 16 / itemSize;
    if (dimStride != 1 || n % width != 0 || storageOffset % width != 0) return false;
    for (int k = 0; k < rows[0]; k++) if (rows[1 + StridedDesc.MAX_DIMS + k] % width != 0) return false;
    return true;
  }

  LaunchConfig config() {
    return LaunchConfig.of1d(blocks, threads);
  }
}
