package io.frontier.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.Backends;
import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * sort.cu's launch plan and its bitonic network, run on the CPU: a Java mirror of sort_rows (same
 * key map, same pair arithmetic, same direction rule) must give the CPU backend's stable order.
 */
class SortPlanTest {
  private static final int H100_SHARED = 232448;

  @Test
  void plansFitTheLaunchLimits() {
    for (int n : new int[] {1, 2, 3, 7, 31, 33, 1000, 1024, 1025, 4096, 5000, 16384}) {
      for (int keyBytes : new int[] {4, 8}) {
        SortPlan p = SortPlan.of(n, 1000, keyBytes, H100_SHARED);
        assertTrue(p.p() >= n && p.p() < 2 * n + 1 && Integer.bitCount(p.p()) == 1, "p " + p);
        assertTrue((long) p.rows() * p.blocks() >= 1000 && (long) (p.rows()) * (p.blocks() - 1) < 1000, "rows " + p);
        assertTrue(p.threads() % 32 == 0 && p.threads() <= 1024, "threads " + p);
        assertEquals(p.rows() * p.p() * (keyBytes + 4), p.sharedBytes());
        assertTrue(p.sharedBytes() <= H100_SHARED);
        p.launch();
      }
    }
    assertEquals(1, SortPlan.of(7, 3, 4, H100_SHARED).blocks()); // few rows share one block
    assertEquals(3, SortPlan.of(7, 3, 4, H100_SHARED).rows());
  }

  @Test
  void rowsThatDoNotFitOneBlockTakeTheLongRowSort() {
    assertNull(SortPlan.of(16385, 1, 4, H100_SHARED));
    assertNull(SortPlan.of(5000, 1, 8, 48 << 10)); // 8192 x 12 bytes over the default 48 KiB
    assertEquals(4096, SortPlan.of(4096, 1, 8, 48 << 10).p());
  }

  @Test
  void longRowPlansTileAndMergeTheRow() {
    // a vocabulary's row: 13 tiles of 4096 (8-byte keys and 4-byte indices: 48 KiB), merged 4096 -> 8192 -> ... -> 65536
    LongSortPlan vocab = LongSortPlan.of(50257, 8, 8, 48 << 10);
    assertEquals(4096, vocab.tileP());
    assertEquals(13, vocab.tilesPerRow());
    assertEquals(4, vocab.mergePasses());
    assertEquals(49152, vocab.sharedBytes());
    assertEquals(8 * 13, vocab.tiles().gridX());
    assertEquals(8192, vocab.mergeWidth(1));
    assertEquals(8L * 6283, vocab.mergeThreads()); // ceil(50257 / 8) a row
    // the last pass's runs cover the row, the one before did not
    assertTrue(vocab.mergeWidth(vocab.mergePasses() - 1) * 2L >= 50257 && vocab.mergeWidth(vocab.mergePasses() - 1) < 50257);
    // little shared memory: smaller tiles, more passes
    LongSortPlan small = LongSortPlan.of(20000, 1, 4, 8 << 10);
    assertEquals(1024, small.tileP()); // 1024 x 8 bytes
    assertEquals(5, small.mergePasses()); // runs of 1024 -> ... -> 32768
    assertTrue(small.sharedBytes() <= 8 << 10);
    // a row of one tile needs no merge
    assertEquals(0, LongSortPlan.of(4096, 3, 4, 48 << 10).mergePasses());
  }

  @Test
  void theNetworkGivesTheStableCpuOrder() {
    Random rnd = new Random(5);
    double[] pool = {Double.NaN, -0.0, 0.0, 1.5, -1.5, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 2.0};
    for (int n : new int[] {1, 2, 3, 5, 16, 17, 100, 257}) {
      for (int numRows : new int[] {1, 3, 40}) {
        double[] data = new double[numRows * n];
        for (int i = 0; i < data.length; i++) data[i] = rnd.nextInt(3) == 0 ? pool[rnd.nextInt(pool.length)] : rnd.nextInt(20) - 10;
        Tensor x = Tensor.fromArray(data, numRows, n);
        for (boolean desc : new boolean[] {false, true}) {
          Tensor v = Tensor.empty(DType.FLOAT64, Device.CPU, numRows, n);
          Tensor ix = Tensor.empty(DType.INT64, Device.CPU, numRows, n);
          Backends.cpu().sort(x, 1, desc, v, ix);
          long[] got = mirror(data, n, numRows, desc, SortPlan.of(n, numRows, 8, H100_SHARED));
          assertArrayEquals(ix.toLongArray(), got, "n=" + n + " rows=" + numRows + " desc=" + desc);
        }
      }
    }
  }

  /** sort_rows for float64 keys: returns the sorted original indices of every row. */
  private static long[] mirror(double[] data, int n, int numRows, boolean desc, SortPlan plan) {
    long[] out = new long[numRows * n];
    int tile = plan.rows() * plan.p();
    for (int block = 0; block < plan.blocks(); block++) {
      long[] keys = new long[tile];
      int[] idx = new int[tile];
      for (int e = 0; e < tile; e++) {
        int r = e / plan.p();
        int j = e - r * plan.p();
        int row = block * plan.rows() + r;
        keys[e] = -1L;
        idx[e] = plan.p() + j;
        if (j < n && row < numRows) {
          long k = key(data[row * n + j]);
          keys[e] = desc ? ~k : k;
          idx[e] = j;
        }
      }
      for (int size = 2; size <= plan.p(); size <<= 1) {
        for (int stride = size >> 1; stride > 0; stride >>= 1) {
          for (int t = 0; t < tile / 2; t++) {
            int i = ((t & ~(stride - 1)) << 1) | (t & (stride - 1));
            int l = i + stride;
            boolean up = size == plan.p() || (i & size) == 0;
            int c = Long.compareUnsigned(keys[l], keys[i]);
            boolean lFirst = c < 0 || (c == 0 && idx[l] < idx[i]);
            if (lFirst == up) {
              long tk = keys[i]; keys[i] = keys[l]; keys[l] = tk;
              int ti = idx[i]; idx[i] = idx[l]; idx[l] = ti;
            }
          }
        }
      }
      for (int e = 0; e < tile; e++) {
        int r = e / plan.p();
        int j = e - r * plan.p();
        int row = block * plan.rows() + r;
        if (j < n && row < numRows) out[row * n + j] = idx[e];
      }
    }
    return out;
  }

  /** sort.cu's sort_key(double). */
  private static long key(double x) {
    if (x != x) return -1L;
    if (x == 0.0) x = 0.0;
    long u = Double.doubleToRawLongBits(x);
    return u < 0 ? ~u : (u | Long.MIN_VALUE);
  }
}
