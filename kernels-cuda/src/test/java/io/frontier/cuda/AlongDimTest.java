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

  @Test
  void tileGroupsGiveEachThreadAtMost64Bytes() {
    assertEquals(32, AlongDim.tileGroup(1, 4));
    assertEquals(32, AlongDim.tileGroup(512, 4));
    assertEquals(64, AlongDim.tileGroup(513, 4));
    assertEquals(256, AlongDim.tileGroup(4096, 4));
    assertEquals(512, AlongDim.tileGroup(8192, 4));
    assertEquals(0, AlongDim.tileGroup(8193, 4));
    assertEquals(512, AlongDim.tileGroup(4096, 8));
    assertEquals(0, AlongDim.tileGroup(4097, 8));
    // Short rows share a block of 128 threads; the last block may be part-filled.
    assertEquals(LaunchConfig.of1d(251, 128), AlongDim.tileConfig(1001, 32));
    assertEquals(LaunchConfig.of1d(7, 256), AlongDim.tileConfig(7, 256));
  }

  @Test
  void vectorRowsNeedUnitStrideAndSixteenByteRows() {
    int[] rows = AlongDim.rowsDesc(Tensor.zeros(5, 8), 1);
    assertEquals(true, AlongDim.vectorRows(8, 1, 0, rows, 4));
    assertEquals(false, AlongDim.vectorRows(8, 1, 1, rows, 4)); // offset not 16 bytes
    assertEquals(false, AlongDim.vectorRows(8, 2, 0, rows, 4)); // strided dim
    assertEquals(false, AlongDim.vectorRows(6, 1, 0, AlongDim.rowsDesc(Tensor.zeros(5, 6), 1), 4));
    // Rows of 8 in a (5, 10) tensor: the row stride of 10 floats is off 16 bytes.
    assertEquals(false, AlongDim.vectorRows(8, 1, 0, AlongDim.rowsDesc(Tensor.zeros(5, 10).narrow(1, 0, 8), 1), 4));
    assertEquals(true, AlongDim.vectorRows(6, 1, 2, AlongDim.rowsDesc(Tensor.zeros(5, 10).narrow(1, 0, 6), 1), 8));
  }
}
