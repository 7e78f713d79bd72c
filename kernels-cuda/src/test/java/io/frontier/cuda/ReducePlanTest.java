package io.frontier.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The launch arithmetic of reduce_* kernels, without a GPU. */
class ReducePlanTest {

  @Test
  void everyPlanCoversItsOutputsAndReducedRange() {
    long[] sizes = {0, 1, 2, 3, 7, 31, 32, 33, 511, 512, 513, 1023, 4096, 100_000, 3_000_000, 30_000_000, Integer.MAX_VALUE};
    for (long nOut : sizes) {
      if (nOut == 0) continue;
      for (long nRed : sizes) {
        if (nOut * Math.max(1, nRed) > Integer.MAX_VALUE) continue;
        for (boolean outer : new boolean[] {false, true}) {
          for (boolean split : new boolean[] {false, true}) {
            check(ReducePlan.of(nOut, nRed, outer, 132, split), nOut, nRed, split);
          }
        }
      }
    }
  }

  private static void check(ReducePlan p, long nOut, long nRed, boolean split) {
    String what = p + " for nOut=" + nOut + " nRed=" + nRed;
    int lanes = p.outer() ? p.blockY() : p.blockX();
    int slots = p.outer() ? p.blockX() : p.blockY();
    assertTrue(p.blockX() * p.blockY() <= ReducePlan.MAX_THREADS, what);
    assertEquals(1, Integer.bitCount(lanes), what + ": lanes must be a power of two");
    assertTrue((long) p.gridX() * slots >= nOut && (long) (p.gridX() - 1) * slots < nOut, what);
    assertTrue(p.splits() >= 1 && p.splits() <= 65535, what);
    if (!split) assertEquals(1, p.splits(), what);
    assertTrue((long) p.chunk() * p.splits() >= nRed, what);
    if (nRed > 0) assertTrue((long) (p.splits() - 1) * p.chunk() < nRed, what + ": an empty split");
    p.config(); // valid launch dimensions
  }

  @Test
  void aLongSumToOneValueIsSplitAndItsSecondPassIsNot() {
    ReducePlan p = ReducePlan.of(1, 30_000_000, false, 132, true);
    assertEquals(512, p.blockX());
    assertEquals(1, p.gridX());
    assertTrue(p.splits() >= 132, p.toString());
    ReducePlan fin = ReducePlan.of(1, p.splits(), false, 132, false);
    assertEquals(1, fin.splits());
  }

  @Test
  void manyShortRowsShareABlockAndAreNotSplit() {
    ReducePlan p = ReducePlan.of(1_000_000, 8, false, 132, true);
    assertEquals(8, p.blockX());
    assertEquals(64, p.blockY());
    assertEquals(1, p.splits());
    ReducePlan ones = ReducePlan.of(1_000_000, 1, false, 132, true);
    assertEquals(1, ones.blockX());
    ReducePlan rows = ReducePlan.of(100_000, 1000, false, 132, true); // at least 4 elements per lane
    assertEquals(256, rows.blockX());
    assertEquals(2, rows.blockY());
  }

  @Test
  void outerLayoutPutsOutputsAlongX() {
    ReducePlan few = ReducePlan.of(4, 1_000_000, true, 132, true); // sum(0) of a (1e6, 4) matrix
    assertTrue(few.outer());
    assertEquals(4, few.blockX());
    assertEquals(128, few.blockY());
    assertTrue(few.splits() > 1);
    ReducePlan wide = ReducePlan.of(1_000_000, 10, true, 132, true); // sum(0) of a (10, 1e6) matrix
    assertEquals(512, wide.blockX(), "a thread per output: 1e6 outputs fill 132 SMs");
    assertEquals(1, wide.blockY());
    assertFalse(wide.splits() > 1);
    // below 1024 outputs per SM, lanes share a long output again; a short one (at most 32
    // elements) keeps a thread per output down to 256 outputs per SM
    ReducePlan longer = ReducePlan.of(100_000, 1000, true, 132, true);
    assertEquals(32, longer.blockX());
    assertEquals(16, longer.blockY());
    assertEquals(1, ReducePlan.of(100_000, 10, true, 132, true).blockY());
    assertEquals(1, ReducePlan.of(132 * 256, 32, true, 132, true).blockY());
    assertEquals(16, ReducePlan.of(132 * 256 - 1, 32, true, 132, true).blockY());
    assertEquals(16, ReducePlan.of(132 * 256, 33, true, 132, true).blockY());
  }

  /**
   * Split-K's sums of partial weight gradients (a GPT step on 132 SMs: (16, 512, 512) and
   * (4, 512, 1536), summed over the first dim) run a thread per output (or per pack of four), with
   * no shared-memory tree.
   */
  @Test
  void splitKSumsRunAThreadPerOutput() {
    for (int[] s : new int[][] {{16, 512 * 512}, {4, 512 * 1536}, {4, 2048 * 512}}) {
      // as CudaReductions runs them: packs of four outputs (reduce_sum_f32_v4), and the generic kernel
      for (int outputs : new int[] {s[1] / 4, s[1]}) {
        ReducePlan p = ReducePlan.of(outputs, s[0], true, 132, true);
        assertEquals(1, p.blockY(), java.util.Arrays.toString(s) + " as " + outputs + " outputs: " + p);
        assertEquals(512, p.blockX());
        assertEquals(1, p.splits());
        assertEquals(outputs / 512, p.gridX());
      }
    }
  }

  /** A split reduction's blocks fit in one wave of 4 per multiprocessor: no second wave of a few blocks. */
  @Test
  void splitReductionsFillOneWave() {
    // bias gradients of a GPT step (8192 tokens): sum(0) over widths 512, 1536 and 2048
    for (int width : new int[] {512, 1536, 2048, 3000}) {
      ReducePlan p = ReducePlan.of(width, 8192, true, 132, true);
      long blocks = (long) p.gridX() * p.splits();
      assertTrue(blocks <= 132 * ReducePlan.BLOCKS_PER_SM, width + ": " + p + " has " + blocks + " blocks");
      assertTrue(p.splits() == 1 || blocks > 132 * ReducePlan.BLOCKS_PER_SM / 2, width + ": " + p + " fills under half a wave");
    }
    assertEquals(8, ReducePlan.of(2048, 8192, true, 132, true).splits(), "64 column blocks x 8 = 512 of 528");
  }

  @Test
  void nextPow2() {
    assertEquals(1, ReducePlan.nextPow2(0));
    assertEquals(1, ReducePlan.nextPow2(1));
    assertEquals(2, ReducePlan.nextPow2(2));
    assertEquals(4, ReducePlan.nextPow2(3));
    assertEquals(1024, ReducePlan.nextPow2(1000));
    assertEquals(1 << 30, ReducePlan.nextPow2(Integer.MAX_VALUE));
  }

  @Test
  void flatSumGridIsAtMostFourBlocksPerSm() {
    assertEquals(1, CudaReductions.flatBlocks(1, 132));
    assertEquals(1, CudaReductions.flatBlocks(4096, 132));
    assertEquals(2, CudaReductions.flatBlocks(4097, 132));
    assertEquals(528, CudaReductions.flatBlocks(16L << 20, 132));
    assertEquals(4, CudaReductions.flatBlocks(1L << 30, 1));
  }
}
