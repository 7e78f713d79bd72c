package io.frontier.cuda;

/**
 * Grid and block sizes of a kernel launch, with the arithmetic that picks them. Pure Java so that
 * it is tested without a GPU.
 */
public record LaunchConfig(int gridX, int gridY, int gridZ, int blockX, int blockY, int sharedBytes) {

  /** Threads per block of the grid-stride elementwise kernels. */
  public static final int ELEMENTWISE_BLOCK = 256;
  /** Resident blocks per multiprocessor a grid-stride kernel aims for (2048 threads / 256). */
  static final int BLOCKS_PER_SM = 8;

  public LaunchConfig {
    if (gridX < 1 || gridY < 1 || gridZ < 1 || blockX < 1 || blockY < 1) {
      throw new IllegalArgumentException("launch dimensions must be positive: " + describe(gridX, gridY, gridZ, blockX, blockY, sharedBytes));
    }
    if (gridY > 65535 || gridZ > 65535) throw new IllegalArgumentException("grid y/z above 65535: " + describe(gridX, gridY, gridZ, blockX, blockY, sharedBytes));
    if ((long) blockX * blockY > 1024) throw new IllegalArgumentException("more than 1024 threads per block: " + describe(gridX, gridY, gridZ, blockX, blockY, sharedBytes));
  }

  public static LaunchConfig of1d(int grid, int block) {
    return new LaunchConfig(grid, 1, 1, block, 1, 0);
  }

  /**
   * A grid-stride launch over {@code n} elements: enough blocks to cover n once, capped at
   * {@link #BLOCKS_PER_SM} blocks per multiprocessor (each thread then loops).
   */
  public static LaunchConfig elementwise(long n, int multiprocessors) {
    long blocks = Math.max(1, ceilDiv(n, ELEMENTWISE_BLOCK));
    long cap = (long) Math.max(1, multiprocessors) * BLOCKS_PER_SM;
    return of1d((int) Math.min(blocks, cap), ELEMENTWISE_BLOCK);
  }

  public static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  @Override
  public String toString() {
    return describe(gridX, gridY, gridZ, blockX, blockY, sharedBytes);
  }

  private static String describe(int gx, int gy, int gz, int bx, int by, int shared) {
    return "grid=(" + gx + "," + gy + "," + gz + ") block=(" + bx + "," + by + ") shared=" + shared + "B";
  }
}
