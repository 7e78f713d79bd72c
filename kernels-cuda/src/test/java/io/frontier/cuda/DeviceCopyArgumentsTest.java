package io.frontier.cuda;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** DeviceCopy refuses what cuMemcpyDtoD cannot do, before it touches a device. */
class DeviceCopyArgumentsTest {
  @Test
  void differentSizesOrDtypesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> DeviceCopy.copy(Tensor.zeros(4), Tensor.zeros(5)));
    assertThrows(IllegalArgumentException.class, () -> DeviceCopy.copy(Tensor.zeros(DType.FLOAT32, 4), Tensor.zeros(DType.FLOAT64, 4)));
  }

  @Test
  void stridedViewsAreRefused() {
    Tensor t = Tensor.zeros(3, 4);
    assertThrows(IllegalArgumentException.class, () -> DeviceCopy.copy(t.t(), Tensor.zeros(4, 3)));
  }

  @Test
  void hostTensorsAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceCopy.copy(Tensor.zeros(4), Tensor.zeros(4)));
    assertTrue(e.getMessage().contains("same CUDA device"), e.getMessage());
  }
}
