package io.frontier.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The layout choice of the elementwise kernels, without a GPU. */
class ElementwiseLayoutTest {
  private static final int[] DENSE = StridedDesc.of(new int[] {4, 5}, new int[] {5, 1});
  private static final int[] SCALAR = StridedDesc.of(new int[] {4, 5}, new int[] {0, 0});
  private static final int[] ROW_BROADCAST = StridedDesc.of(new int[] {4, 5}, new int[] {0, 1});
  private static final int[] TRANSPOSED = StridedDesc.of(new int[] {4, 5}, new int[] {1, 4});

  private static ElementwiseLayout choose(int width, int[] out, long outOffset, int[][] ins, long[] offsets) {
    return ElementwiseLayout.choose(width, out, outOffset, ins, offsets, true);
  }

  @Test
  void vectorWidthIsSixteenBytes() {
    assertEquals(4, ElementwiseLayout.vectorWidth(4));
    assertEquals(2, ElementwiseLayout.vectorWidth(8));
    assertEquals(16, ElementwiseLayout.vectorWidth(1));
  }

  @Test
  void denseAlignedOperandsVectorise() {
    ElementwiseLayout l = choose(4, DENSE, 0, new int[][] {DENSE, DENSE}, new long[] {8, 4});
    assertEquals(new ElementwiseLayout(ElementwiseLayout.VECTOR, 0), l);
    assertEquals(1, l.config(21, 4, 5, 132).gridX());
    assertEquals(3, l.config(4 * 512 + 1, 4, 5, 132).gridX()); // 513 threads
    assertEquals(5 * 132, l.config(3_000_000, 4, 5, 132).gridX()); // one full wave
    assertEquals(LaunchConfig.ELEMENTWISE_BLOCK, l.config(3_000_000, 4, 5, 132).blockX());
  }

  @Test
  void aMisalignedOffsetFallsBackToScalarAccesses() {
    assertEquals(ElementwiseLayout.LINEAR, choose(4, DENSE, 0, new int[][] {DENSE, DENSE}, new long[] {0, 1}).mode());
    assertEquals(ElementwiseLayout.LINEAR, choose(4, DENSE, 2, new int[][] {DENSE, DENSE}, new long[] {0, 0}).mode());
    assertEquals(2, choose(4, DENSE, 2, new int[][] {DENSE}, new long[] {0}).config(257, 4, 8, 1).gridX());
  }

  @Test
  void broadcastScalarsAreFlaggedAndNeedNoAlignment() {
    assertEquals(new ElementwiseLayout(ElementwiseLayout.VECTOR, 2), choose(4, DENSE, 0, new int[][] {DENSE, SCALAR}, new long[] {0, 3}));
    assertEquals(new ElementwiseLayout(ElementwiseLayout.VECTOR, 5),
        choose(2, DENSE, 0, new int[][] {SCALAR, DENSE, SCALAR}, new long[] {7, 2, 1}));
    // a unary kernel has no scalars mask
    assertEquals(ElementwiseLayout.STRIDED,
        ElementwiseLayout.choose(4, DENSE, 0, new int[][] {SCALAR}, new long[] {0}, false).mode());
  }

  @Test
  void anyOtherViewTakesTheStridedPath() {
    assertEquals(new ElementwiseLayout(ElementwiseLayout.STRIDED, 0), choose(4, DENSE, 0, new int[][] {DENSE, ROW_BROADCAST}, new long[] {0, 0}));
    assertEquals(ElementwiseLayout.STRIDED, choose(4, DENSE, 0, new int[][] {TRANSPOSED, DENSE}, new long[] {0, 0}).mode());
    assertEquals(ElementwiseLayout.STRIDED, choose(4, TRANSPOSED, 0, new int[][] {DENSE, DENSE}, new long[] {0, 0}).mode());
  }

  @Test
  void aSingleElementIsDense() {
    int[] one = StridedDesc.of(new int[] {1, 1}, new int[] {7, 3});
    assertEquals(ElementwiseLayout.LINEAR, choose(4, one, 0, new int[][] {one, one}, new long[] {0, 5}).mode());
  }
}
