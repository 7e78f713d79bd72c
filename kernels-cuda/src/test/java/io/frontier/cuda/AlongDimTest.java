package io.frontier.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.frontier.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Row layouts of the along-dim kernels (argreduce, scan, softmax), without a GPU. */
class AlongDimTest {

  @Test
  void rowsDescDropsTheDim() {
    Tensor x = Tensor.zeros(4, 5, 6);
    int[] d = AlongDim.rowsDesc(x, 1);
    assertArrayEquals(StridedDesc.of(new int[] {4, 6}, new int[] {30, 1}), d);
    assertArrayEquals(StridedDesc.of(new int[] {30}, new int[] {1}), AlongDim.rowsDesc(x, 0));
  }

  @Test
  void contiguousRowsGoToWarpsOrBlocks() {
    int[] rows = AlongDim.rowsDesc(Tensor.zeros(1000, 300), 1);
    AlongDim a = AlongDim.plan(1000, 300, 1, rows, 132);
    assertEquals(AlongDim.WARP, a.mode());
    assertEquals(125, a.blocks());
    AlongDim b = AlongDim.plan(10, 50_000, 1, AlongDim.rowsDesc(Tensor.zeros(10, 50_000), 1), 132);
    assertEquals(AlongDim.BLOCK, b.mode());
    assertEquals(10, b.blocks());
  }

  @Test
  void aStridedDimOverManyAdjacentRowsGoesToThreads() {
    Tensor x = Tensor.zeros(1000, 8192);
    AlongDim a = AlongDim.plan(8192, 1000, 8192, AlongDim.rowsDesc(x, 0), 132);
    assertEquals(AlongDim.THREAD, a.mode());
    assertEquals(32, a.blocks());
    // Too few rows to fill the device that way: a warp or block per row instead.
    Tensor y = Tensor.zeros(1000, 16);
    assertEquals(AlongDim.WARP, AlongDim.plan(16, 1000, 16, AlongDim.rowsDesc(y, 0), 132).mode());
  }
}
