package io.frontier.tensor;

import static io.frontier.tensor.TestTensors.assertClose;
import static io.frontier.tensor.TestTensors.assertShape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Factories: values, dtypes and the errors for bad sizes. */
class CreationTest {
  @Test
  void arangeCountsLikePyTorchAndRejectsBadSteps() {
    assertArrayEquals(new long[] {0, 1, 2, 3}, Tensor.arange(4).toLongArray());
    assertArrayEquals(new long[] {5, 3, 1}, Tensor.arange(5, 0, -2).toLongArray());
    assertEquals(DType.FLOAT32, Tensor.arange(0.0, 1.0, 0.25).dtype());
    assertEquals(4, Tensor.arange(0.0, 1.0, 0.25).numel());
    assertEquals(3, Tensor.arange(0.0, 1.0, 0.4).numel(), "ceil((end - start) / step)");
    assertThrows(IllegalArgumentException.class, () -> Tensor.arange(0, 5, 0));
    assertThrows(IllegalArgumentException.class, () -> Tensor.arange(0, 5, -1));
  }

  @Test
  void linspaceHitsBothEndsExactly() {
    double[] v = Tensor.linspace(-1, 1, 5, DType.FLOAT64).toDoubleArray();
    assertArrayEquals(new double[] {-1, -0.5, 0, 0.5, 1}, v);
    double[] w = Tensor.linspace(0, 1, 7, DType.FLOAT64).toDoubleArray();
    assertEquals(1.0, w[6], 0.0);
    assertEquals(1, Tensor.linspace(3, 9, 1).numel());
    assertEquals(0, Tensor.linspace(3, 9, 0).numel());
  }

  @Test
  void eyeFullOnesAndLikes() {
    assertClose(new double[] {1, 0, 0, 0, 1, 0}, Tensor.eye(2, 3, DType.FLOAT64), 0, 0, "eye(2, 3)");
    assertClose(new double[] {2.5, 2.5}, Tensor.full(new int[] {2}, 2.5), 0, 0, "full");
    Tensor base = Tensor.zeros(DType.INT64, 2, 2);
    assertEquals(DType.INT64, Tensor.onesLike(base).dtype());
    assertArrayEquals(new long[] {1, 1, 1, 1}, Tensor.onesLike(base).toLongArray());
    assertShape(new int[] {}, Tensor.scalar(3));
    assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, -1));
  }

  @Test
  void ofAndFromArrayCopyButWrapShares() {
    float[] data = {1, 2, 3, 4};
    Tensor copied = Tensor.fromArray(data, 2, 2);
    Tensor shared = Tensor.wrap(data, 2, 2);
    data[0] = 9;
    assertEquals(1f, copied.toFloatArray()[0]);
    assertEquals(9f, shared.toFloatArray()[0]);
    assertEquals(DType.INT64, Tensor.of(1, 2, 3).dtype());
    assertEquals(DType.FLOAT64, Tensor.of(1.0, 2.0).dtype());
    assertEquals(DType.FLOAT32, Tensor.of(new float[][] {{1, 2}}).dtype());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.fromArray(new float[3], 2, 2));
    assertEquals("fromArray: shape (2, 2) needs 4 elements but the array has 3", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Tensor.fromArray(new int[3], 3));
  }
}
