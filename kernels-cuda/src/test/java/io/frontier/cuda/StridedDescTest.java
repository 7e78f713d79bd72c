package io.frontier.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The kernel descriptor must map every linear index to the same offset as the view itself. */
class StridedDescTest {

  /** Row-major walk over the view's own shape and strides: the reference mapping. */
  private static long referenceOffset(int[] shape, int[] strides, long i) {
    long off = 0;
    for (int k = shape.length - 1; k >= 0; k--) {
      off += (i % shape[k]) * strides[k];
      i /= shape[k];
    }
    return off;
  }

  private static void assertSameMapping(Tensor view) {
    int[] desc = StridedDesc.of(view);
    for (long i = 0; i < view.numel(); i++) {
      assertEquals(referenceOffset(view.shape(), view.strides(), i), StridedDesc.offsetOf(desc, i), "linear index " + i);
    }
  }

  @Test
  void mergesAContiguousTensorIntoOneDimension() {
    int[] desc = StridedDesc.of(Tensor.zeros(3, 4, 5));
    assertEquals(1, desc[0]);
    assertEquals(60, desc[1]);
    assertTrue(StridedDesc.isDense(desc));
  }

  @Test
  void keepsTheMappingOfTransposedSlicedAndExpandedViews() {
    Tensor x = Tensor.zeros(4, 5, 6, 7);
    assertSameMapping(x.transpose(1, 3));
    assertSameMapping(x.slice(2, 1, 6, 2));
    assertSameMapping(x.slice(0, 0, 1).expand(3, 5, 6, 7));
    assertSameMapping(x.permute(3, 0, 2, 1).slice(1, 1, 3));
    assertSameMapping(x.unsqueeze(2).expand(4, 5, 9, 6, 7).slice(4, 0, 7, 3));
    assertFalse(StridedDesc.isDense(StridedDesc.of(x.transpose(0, 1))));
  }

  @Test
  void dropsSizeOneDimensionsAndScalarsAreDense() {
    int[] desc = StridedDesc.of(new int[] {1, 5, 1}, new int[] {99, 3, 7});
    assertEquals(1, desc[0]);
    assertEquals(5, desc[1]);
    assertEquals(3, desc[1 + StridedDesc.MAX_DIMS]);
    assertTrue(StridedDesc.isDense(StridedDesc.of(new int[0], new int[0])));
  }

  @Test
  void refusesMoreThanEightUnmergeableDimensionsWithAClearMessage() {
    int[] shape = new int[9];
    int[] strides = new int[9];
    for (int d = 0; d < 9; d++) {
      shape[d] = 2;
      strides[d] = 1 << (2 * (8 - d)); // every dimension has a gap: nothing merges
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StridedDesc.of(shape, strides));
    assertTrue(e.getMessage().contains("at most 8"), e.getMessage());
  }

  /** In packs of v: pack i holds elements v i .. v i + v - 1, contiguous from v * offsetOf(packed, i). */
  private static void assertPackedMapping(Tensor view, int v) {
    int[] desc = StridedDesc.of(view);
    int[] packed = StridedDesc.packed(desc, view.storageOffset(), v);
    org.junit.jupiter.api.Assertions.assertNotNull(packed, java.util.Arrays.toString(view.shape()) + " " + java.util.Arrays.toString(view.strides()));
    for (long e = 0; e < view.numel(); e++) {
      assertEquals(referenceOffset(view.shape(), view.strides(), e), v * StridedDesc.offsetOf(packed, e / v) + e % v, "element " + e);
    }
  }

  @Test
  void packedCopiesKeepEveryElementsOffset() {
    Tensor bthd = Tensor.zeros(2, 5, 3, 8); // (B, T, H, D)
    assertPackedMapping(bthd.transpose(1, 2), 4); // the head split (B, H, T, D) as a view
    assertPackedMapping(bthd.transpose(1, 2), 2);
    assertPackedMapping(Tensor.zeros(2, 3, 5, 8).transpose(1, 2), 4); // the head merge's source
    assertPackedMapping(Tensor.zeros(6, 12).narrow(1, 4, 8), 4); // rows cut at a multiple of 4
    assertPackedMapping(Tensor.zeros(4, 3, 2, 4).select(2, 1), 4); // the qkv split's slots: (B, T, 3, H * D)
    assertPackedMapping(Tensor.zeros(64), 4);
  }

  @Test
  void viewsThatDoNotFallIntoPacksAreRefused() {
    Tensor x = Tensor.zeros(6, 12);
    assertEquals(null, StridedDesc.packed(StridedDesc.of(x.transpose(0, 1)), 0, 4), "the last dim is strided");
    assertEquals(null, StridedDesc.packed(StridedDesc.of(x.narrow(1, 0, 6)), 0, 4), "rows of 6 elements");
    Tensor cut = x.narrow(1, 2, 8);
    assertEquals(null, StridedDesc.packed(StridedDesc.of(cut), cut.storageOffset(), 4), "starts 2 elements into a row");
    assertEquals(null, StridedDesc.packed(StridedDesc.of(Tensor.zeros(10)), 0, 4), "10 elements");
    Tensor rows = Tensor.zeros(5, 8, 3).narrow(2, 0, 2); // rows of 2 at a stride of 3
    assertEquals(null, StridedDesc.packed(StridedDesc.of(rows), 0, 2));
    assertEquals(null, StridedDesc.packed(StridedDesc.of(Tensor.zeros(1, 1)), 0, 4), "one element");
  }
}
