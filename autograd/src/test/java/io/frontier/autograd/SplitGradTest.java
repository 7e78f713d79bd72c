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
  /** cat's backward hands each part a slice of one gradient: the split's backward takes it whole. */
  @Test
  void partsGradientsThatAreSlicesOfOneBufferBecomeTheInputsGradientWithoutACopy() {
    Tensor leaf = Tensor.arange(12).to(DType.FLOAT64).reshape(3, 4).requiresGrad_(true);
    Tensor x = leaf.mul(1.0);
    Tensor w = Tensor.arange(12).to(DType.FLOAT64).reshape(3, 4).add(1.0);
    Tensor[] seen = new Tensor[2];
    x.registerHook(g -> seen[0] = g);
    Tensor y = Tensor.cat(x.split(new int[] {1, 2, 1}, 1), 1);
    y.registerHook(g -> seen[1] = g);
    y.mul(w).sum().backward();
    assertArrayEquals(w.toDoubleArray(), leaf.grad().toDoubleArray());
    assertSame(seen[1].storage(), seen[0].storage(), "x's gradient is cat's, not a copy");
  }

  /** The gradient of q, k and v cut from one qkv projection (a GPT's attention) reaches it whole. */
  @Test
  void fusedAttentionGradientsReachTheQkvProjectionWithoutACopy() {
    int b = 2, t = 6, h = 2, d = 3;
    Tensor x = Tensor.rand(new io.frontier.tensor.Generator(5), DType.FLOAT64, b, t, 3 * h * d).requiresGrad_(true);
    Tensor[] seen = new Tensor[2];
    for (boolean fused : new boolean[] {true, false}) {
      Tensor qkv = x.mul(1.0).view(b, t, 3, h, d);
      if (fused) qkv.registerHook(g -> seen[0] = g);
      List<Tensor> parts = qkv.split(1, 2);
      Tensor q = parts.get(0).squeeze(2).transpose(1, 2), k = parts.get(1).squeeze(2).transpose(1, 2), v = parts.get(2).squeeze(2).transpose(1, 2);
      if (fused) q.registerHook(g -> seen[1] = g);
      Tensor out = fused ? io.frontier.tensor.Fused.causalAttention(q, k, v, 0.6, 0).out()
          : io.frontier.tensor.Fused.causalSoftmax(q.matmul(k.transpose(2, 3)), 0.6, 0).matmul(v);
      Tensor weights = Tensor.arange(out.numel()).to(DType.FLOAT64).reshape(out.shape()).mul(0.01).sin();
      out.mul(weights).sum().backward();
    }
    // x.grad holds the fused gradient plus the written-out one: twice the written-out one
    Tensor unfused = seen[0].reshape(b, t, 3 * h * d);
    double[] sum = x.grad().toDoubleArray(), fusedGrad = unfused.toDoubleArray();
    for (int i = 0; i < sum.length; i++) assertEquals(sum[i] / 2, fusedGrad[i], 1e-12, "qkv gradient " + i);
    assertSame(seen[1].storage(), seen[0].storage(), "the qkv gradient is the buffer the attention wrote dq into");
    assertTrue(seen[0].isContiguous());
  }
}
