package io.frontier.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.DType;
import io.frontier.tensor.Grad;
import io.frontier.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** split and chunk record one node for all their parts, whose backward writes one gradient. */
class SplitGradTest {

  @Test
  void thePartsAreOneNodesOutputs() {
    Tensor x = Tensor.arange(12).to(DType.FLOAT64).reshape(3, 4).requiresGrad_(true);
    List<Tensor> parts = x.split(new int[] {1, 3}, 1);
    assertSame(parts.get(0).gradFn(), parts.get(1).gradFn());
    assertEquals("split", parts.get(0).gradFn().name());
    assertEquals(0, Grad.outputIndex(parts.get(0)));
    assertEquals(1, Grad.outputIndex(parts.get(1)));
    assertTrue(Grad.isView(parts.get(1)), "the parts stay views of x");
    assertEquals(x.storage(), parts.get(1).storage());
  }

  @Test
  void aPartWithoutGradientGetsZerosAndTheOthersTheirOwn() {
    Tensor x = Tensor.arange(12).to(DType.FLOAT64).reshape(3, 4).requiresGrad_(true);
    List<Tensor> qkv = x.chunk(3, 0);
    qkv.get(0).mul(2.0).sum().add(qkv.get(2).square().sum()).backward();
    // rows: 2, then 0, then 2 x
    assertArrayEquals(new double[] {2, 2, 2, 2, 0, 0, 0, 0, 16, 18, 20, 22}, x.grad().toDoubleArray());
  }
}
