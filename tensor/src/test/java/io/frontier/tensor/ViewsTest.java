package io.frontier.tensor;

import static io.frontier.tensor.TestTensors.assertClose;
import static io.frontier.tensor.TestTensors.assertShape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** View ops share storage, compute the right strides, and copy only when they must. */
class ViewsTest {
  private static Tensor grid(int... shape) {
    return Tensor.arange(0.0, TestTensors.numel(shape), 1.0, DType.FLOAT64).reshape(shape);
  }

  @Test
  void reshapeOfAContiguousTensorIsAViewThatSharesStorage() {
    Tensor t = grid(2, 6);
    Tensor r = t.reshape(3, -1);
    assertSame(t.storage(), r.storage());
    assertShape(new int[] {3, 4}, r);
    r.select(0, 1).fill_(-1);
    assertClose(new double[] {0, 1, 2, 3, -1, -1, -1, -1, 8, 9, 10, 11}, t, 0, 0, "write through a reshape view");
  }

  @Test
  void reshapeOfATransposeCopiesWhileViewRefuses() {
    Tensor t = grid(3, 4).t();
    Tensor r = t.reshape(12);
    assertNotSame(t.storage(), r.storage());
    assertClose(new double[] {0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}, r, 0, 0, "reshape of a transpose");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.view(12));
    assertTrue(e.getMessage().startsWith("view: size (12,) is not compatible"), e.getMessage());
    assertShape(new int[] {2, 2, 3}, t.view(2, 2, 3).transpose(0, 0));
  }

  @Test
  void contiguousReturnsTheSameTensorWhenAlreadyContiguous() {
    Tensor t = grid(3, 4);
    assertSame(t, t.contiguous());
    Tensor tt = t.t();
    assertTrue(!tt.isContiguous());
    Tensor c = tt.contiguous();
    assertTrue(c.isContiguous());
    assertArrayEquals(new int[] {3, 1}, c.strides());
  }

  @Test
  void permuteTransposeAndExpandSetStrides() {
    Tensor t = grid(2, 3, 4);
    assertArrayEquals(new int[] {12, 4, 1}, t.strides());
    assertArrayEquals(new int[] {1, 12, 4}, t.permute(2, 0, 1).strides());
    assertArrayEquals(new int[] {1, 4, 12}, t.transpose(0, -1).strides());
    Tensor e = grid(3, 1).expand(2, 3, 5);
    assertArrayEquals(new int[] {0, 1, 0}, e.strides());
    assertClose(new double[] {0, 0, 1, 1, 2, 2}, e.narrow(2, 0, 2).select(0, 1), 0, 0, "expanded values");
    assertThrows(IllegalArgumentException.class, () -> grid(3, 2).expand(3, 4));
    assertThrows(IllegalArgumentException.class, () -> t.permute(0, 0, 1));
  }

  @Test
  void sliceFollowsPythonRulesWithSteps() {
    Tensor t = grid(10);
    assertClose(new double[] {1, 4, 7}, t.slice(0, 1, 9, 3), 0, 0, "1:9:3");
    assertClose(new double[] {7, 8, 9}, t.slice(0, -3, 100), 0, 0, "-3:100");
    assertEquals(0, t.slice(0, 8, 2).numel());
    Tensor m = grid(4, 6).slice(1, 1, 6, 2).slice(0, 0, 4, 2);
    assertClose(new double[] {1, 3, 5, 13, 15, 17}, m, 0, 0, "2-D stepped slice");
    assertThrows(IllegalArgumentException.class, () -> t.slice(0, 0, 5, 0));
  }

  @Test
  void narrowSelectSqueezeAndUnsqueeze() {
    Tensor t = grid(3, 1, 4);
    assertClose(new double[] {5, 6}, t.select(0, 1).squeeze().narrow(0, 1, 2), 0, 0, "select/squeeze/narrow");
    assertShape(new int[] {3, 4}, t.squeeze(1));
    assertShape(new int[] {3, 1, 4}, t.squeeze(0));
    assertShape(new int[] {3, 1, 4, 1}, t.unsqueeze(-1));
    assertShape(new int[] {1, 3, 1, 4}, t.unsqueeze(0));
    assertThrows(IllegalArgumentException.class, () -> t.narrow(2, 3, 2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.select(3, 0));
    assertEquals("select: dimension 3 out of range for a 3-d tensor (expected [-3, 2])", e.getMessage());
  }

  @Test
  void flattenUnflattenAndDiagonal() {
    Tensor t = grid(2, 3, 4);
    assertShape(new int[] {2, 12}, t.flatten(1, 2));
    assertShape(new int[] {24}, t.flatten());
    assertShape(new int[] {2, 3, 2, 2}, t.unflatten(2, 2, -1));
    Tensor sq = grid(4, 4);
    assertClose(new double[] {0, 5, 10, 15}, sq.diagonal(), 0, 0, "main diagonal");
    assertClose(new double[] {1, 6, 11}, sq.diagonal(1, 0, 1), 0, 0, "upper diagonal");
    assertClose(new double[] {8, 13}, sq.diagonal(-2, 0, 1), 0, 0, "lower diagonal");
    assertClose(new double[] {0, 5, 10, 12, 17, 22}, t.diagonal(0, 1, 2), 0, 0, "batched diagonal");
    assertShape(new int[] {1}, Tensor.scalar(3).flatten());
  }

  @Test
  void copyBroadcastsCastsAndRejectsBadShapes() {
    Tensor dst = Tensor.zeros(DType.INT64, 2, 3);
    dst.copy_(Tensor.of(1.9f, -2.9f, 3f));
    assertArrayEquals(new long[] {1, -2, 3, 1, -2, 3}, dst.toLongArray());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dst.copy_(Tensor.zeros(4)));
    assertTrue(e.getMessage().startsWith("copy_: source shape (4,)"), e.getMessage());
  }

  @Test
  void conversionsRoundTripAndItemRejectsManyElements() {
    Tensor t = Tensor.of(1.5, -2.5);
    assertArrayEquals(new float[] {1.5f, -2.5f}, t.toFloatArray());
    assertArrayEquals(new long[] {1, -2}, t.toLongArray());
    assertArrayEquals(new boolean[] {true, true}, t.toBooleanArray());
    assertSame(t, t.to(DType.FLOAT64));
    assertEquals(1.5, t.select(0, 0).item());
    assertThrows(IllegalArgumentException.class, t::item);
  }

  @Test
  void tensorsOnAMissingDeviceFailWithTheReason() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Tensor.zeros(DType.FLOAT32, Device.cuda(0), 3));
    assertTrue(e.getMessage().startsWith("no backend for device cuda:0"), e.getMessage());
    assertEquals(Device.cuda(1), Device.parse("cuda:1"));
    assertThrows(IllegalArgumentException.class, () -> Device.parse("tpu"));
  }

  @Test
  void fromStorageChecksThatTheViewStaysInsideTheStorage() {
    Storage storage = Tensor.zeros(6).storage();
    assertShape(new int[] {2, 3}, Tensor.fromStorage(storage, new int[] {2, 3}, new int[] {3, 1}, 0));
    assertShape(new int[] {0, 9}, Tensor.fromStorage(storage, new int[] {0, 9}, new int[] {9, 1}, 5));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Tensor.fromStorage(storage, new int[] {2, 3}, new int[] {3, 1}, 1));
    assertEquals("fromStorage: the view reaches element 6 of a storage of 6", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Tensor.fromStorage(storage, new int[] {2}, new int[] {-1}, 3));
    assertThrows(IllegalArgumentException.class, () -> Tensor.fromStorage(storage, new int[] {2}, new int[] {1}, -1));
  }

  @Test
  void toStringLooksLikePyTorch() {
    assertEquals("tensor([[0., 1.],\n        [2., 3.]], dtype=torch.float64)", grid(2, 2).toString());
    assertEquals("tensor([1.5000, -2.0000])", Tensor.of(1.5f, -2f).toString());
    assertEquals("tensor([True, False])", Tensor.of(true, false).toString());
    assertEquals("tensor(3)", Tensor.of(3L).reshape().toString());
  }
  /** Grad.joinedView: the inverse of narrowing without a copy, for the split backward. */
  @Test
  void joinedViewRebuildsTheTensorWhoseSlicesThePartsAre() {
    Tensor t = grid(3, 7, 2);
    var parts = t.split(new int[] {2, 4, 1}, 1);
    Tensor whole = Grad.joinedView(parts, 1);
    assertSame(t.storage(), whole.storage());
    assertArrayEquals(t.shape(), whole.shape());
    assertArrayEquals(t.strides(), whole.strides());
    Tensor tt = grid(4, 6).t(); // (6, 4) with strides (1, 6)
    Tensor joinedT = Grad.joinedView(tt.split(3, 0), 0);
    assertArrayEquals(new int[] {1, 6}, joinedT.strides());
    assertClose(tt.contiguous().toDoubleArray(), joinedT, 0, 0, "joined transposed parts");
    // one part: itself
    assertArrayEquals(t.strides(), Grad.joinedView(java.util.List.of(t), 0).strides());
  }

  @Test
  void joinedViewRefusesPartsThatAreNotOneTensorsSlices() {
    Tensor t = grid(4, 6);
    Tensor a = t.narrow(1, 0, 2), b = t.narrow(1, 2, 2), c = t.narrow(1, 4, 2);
    assertTrue(Grad.joinedView(java.util.List.of(a, b, c), 1) != null);
    assertEquals(null, Grad.joinedView(java.util.List.of(b, a, c), 1), "out of order");
    assertEquals(null, Grad.joinedView(java.util.List.of(a, a), 1), "the same part twice");
    assertEquals(null, Grad.joinedView(java.util.List.of(a, c), 1), "a gap between the parts");
    assertEquals(null, Grad.joinedView(java.util.List.of(a, b.clone()), 1), "another storage");
    assertArrayEquals(new int[] {4, 5}, Grad.joinedView(java.util.List.of(a, t.narrow(1, 2, 3)), 1).shape(), "parts of two widths");
    assertEquals(null, Grad.joinedView(java.util.List.of(t.narrow(0, 0, 2), t.narrow(0, 2, 1).expand(2, 6)), 0), "a broadcast part");
    // rows 0-1 and 1-2 of a (2, 2) window over one flat storage: the joined view would overlap itself
    Tensor flat = grid(8);
    Tensor w0 = flat.narrow(0, 0, 4).view(2, 2), w1 = flat.narrow(0, 2, 4).view(2, 2);
    assertEquals(null, Grad.joinedView(java.util.List.of(w0, w1), 0), "overlapping windows");
  }
}
