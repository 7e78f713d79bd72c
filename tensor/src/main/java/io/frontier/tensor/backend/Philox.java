package io.frontier.tensor.backend;

/**
 * Philox4x32-10 (Salmon, Moraes, Dror and Shaw, "Parallel random numbers: as easy as 1, 2, 3",
 * SC 2011): a counter-based generator that maps a 128-bit counter and a 64-bit key to four 32-bit
 * words with ten rounds of multiply-xor. Any element of the stream can be computed on its own,
 * which is what lets the CPU and GPU backends produce the same numbers.
 *
 * <p>This is the reference implementation; it reproduces Random123's known-answer vectors.
 */
public final class Philox {
  private static final long M0 = 0xD2511F53L;
  private static final long M1 = 0xCD9E8D57L;
  private static final int W0 = 0x9E3779B9;
  private static final int W1 = 0xBB67AE85;
  private static final long MASK = 0xFFFFFFFFL;

  private Philox() {}

  /**
   * Computes one block: {@code out[0..3] = philox4x32_10(counter = (c0, c1, c2, c3), key = (k0, k1))}.
   */
  public static void block(int c0, int c1, int c2, int c3, int k0, int k1, int[] out) {
    for (int round = 0; round < 10; round++) {
      if (round > 0) {
        k0 += W0;
        k1 += W1;
      }
      long p0 = M0 * (c0 & MASK);
      long p1 = M1 * (c2 & MASK);
      int hi0 = (int) (p0 >>> 32);
      int lo0 = (int) p0;
      int hi1 = (int) (p1 >>> 32);
      int lo1 = (int) p1;
      int n0 = hi1 ^ c1 ^ k0;
      int n2 = hi0 ^ c3 ^ k1;
      c0 = n0;
      c1 = lo1;
      c2 = n2;
      c3 = lo0;
    }
    out[0] = c0;
    out[1] = c1;
    out[2] = c2;
    out[3] = c3;
  }

  /**
   * Block {@code index} of the stream of {@code seed}: counter = (low 32 bits of index, high 32
   * bits, 0, 0), key = (low 32 bits of seed, high 32 bits).
   */
  public static void streamBlock(long seed, long index, int[] out) {
    block((int) index, (int) (index >>> 32), 0, 0, (int) seed, (int) (seed >>> 32), out);
  }

  /** A uniform float on [0, 1) from the top 24 bits of a word. */
  public static float uniformFloat(int word) {
    return (word >>> 8) * 0x1.0p-24f;
  }

  /** A uniform float on (0, 1] from the top 24 bits of a word (for logarithms). */
  public static double uniformFloatOpenZero(int word) {
    return ((word >>> 8) + 1) * 0x1.0p-24;
  }

  /** A uniform double on [0, 1) from 53 bits: all 32 of {@code hi} and the top 21 of {@code lo}. */
  public static double uniformDouble(int hi, int lo) {
    return (((hi & MASK) << 21) | ((lo & MASK) >>> 11)) * 0x1.0p-53;
  }

  /** A uniform double on (0, 1]. */
  public static double uniformDoubleOpenZero(int hi, int lo) {
    return ((((hi & MASK) << 21) | ((lo & MASK) >>> 11)) + 1) * 0x1.0p-53;
  }
}
