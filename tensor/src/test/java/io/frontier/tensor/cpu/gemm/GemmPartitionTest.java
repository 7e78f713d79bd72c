package io.frontier.tensor.cpu.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.cpu.Parallel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How C is cut between threads: whole tiles, no overlap, nothing left out, and no cut when small. */
class GemmPartitionTest {
  private int savedThreads;

  @BeforeEach
  void saveThreads() {
    savedThreads = Parallel.numThreads();
  }

  @AfterEach
  void restoreThreads() {
    Parallel.setNumThreads(savedThreads);
  }

  private static List<int[]> blocks(int m, int n, int k, long minFmaPerThread, boolean parallel) {
    List<int[]> blocks = Collections.synchronizedList(new ArrayList<>());
    GemmPartition.forBlocks(m, n, k, 4, 64, minFmaPerThread, parallel,
        (i0, i1, j0, j1) -> blocks.add(new int[] {i0, i1, j0, j1}));
    blocks.sort((x, y) -> x[0] != y[0] ? Integer.compare(x[0], y[0]) : Integer.compare(x[2], y[2]));
    return blocks;
  }

  @Test
  void tallOrSquareCIsCutIntoRowBlocksOfWholeTiles() {
    Parallel.setNumThreads(2);
    List<int[]> b = blocks(301, 300, 200, 1000, true);
    assertEquals(2, b.size());
    assertEquals(0, b.get(0)[0]);
    assertEquals(b.get(0)[1], b.get(1)[0]);
    assertEquals(301, b.get(1)[1]);
    assertEquals(0, b.get(0)[1] % 4, "cut on a tile boundary");
    for (int[] x : b) {
      assertEquals(0, x[2]);
      assertEquals(300, x[3]);
    }
  }

  @Test
  void wideCIsCutIntoColumnBlocksOfWholeTiles() {
    Parallel.setNumThreads(2);
    List<int[]> b = blocks(20, 1000, 200, 1000, true);
    assertEquals(2, b.size());
    assertEquals(0, b.get(0)[2]);
    assertEquals(b.get(0)[3], b.get(1)[2]);
    assertEquals(1000, b.get(1)[3]);
    assertEquals(0, b.get(0)[3] % 64, "cut on a tile boundary");
  }

  @Test
  void smallProductsOneThreadOrParallelOffRunOnTheCaller() {
    Parallel.setNumThreads(2);
    assertEquals(1, blocks(100, 100, 100, 600_000, true).size(), "10⁶ multiply-adds < 2 × 600 000");
    assertEquals(1, blocks(300, 300, 300, 1000, false).size());
    Parallel.setNumThreads(1);
    assertEquals(1, blocks(300, 300, 300, 1000, true).size());
  }

  @Test
  void transposeOnlyForNarrowC() {
    assertTrue(GemmPartition.transposeIsCheaper(1000, 1, 4, 64));
    assertTrue(GemmPartition.transposeIsCheaper(1000, 16, 4, 64));
    assertFalse(GemmPartition.transposeIsCheaper(1024, 1024, 4, 64));
    assertFalse(GemmPartition.transposeIsCheaper(1, 1000, 4, 64));
  }
}
