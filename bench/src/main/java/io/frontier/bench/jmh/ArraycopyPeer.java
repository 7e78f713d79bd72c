package io.frontier.bench.jmh;

import io.frontier.tensor.cpu.Parallel;
import java.util.Arrays;

/**
 * The bandwidth benchmarks' peer: {@code System.arraycopy} of as many bytes as the measured op
 * reads plus writes (half of them floats copied, each read once and written once), split over
 * Frontier's pool with as many threads, into a preallocated array.
 */
final class ArraycopyPeer {
  /** Chunks are at least this many floats (256 KiB). */
  private static final int GRAIN = 1 << 16;

  private final float[] src;
  private final float[] dst;
  private final Parallel.RangeTask copy;

  ArraycopyPeer(long bytesMoved) {
    int len = Math.toIntExact(bytesMoved / 2 / Float.BYTES);
    src = new float[len];
    dst = new float[len];
    Arrays.fill(src, 1.5f);
    copy = (start, end) -> System.arraycopy(src, start, dst, start, end - start);
  }

  /** One copy; returns the destination (for the benchmark to return). */
  float[] run() {
    Parallel.forRange(src.length, GRAIN, copy);
    return dst;
  }
}
