package io.frontier.cuda;

import static io.frontier.cuda.GpuTestSupport.CUDA;
import static io.frontier.cuda.GpuTestSupport.assertMatches;
import static io.frontier.cuda.GpuTestSupport.requireCuda;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Backward passes run on the device where the forward ran, and match the CPU's. */
@Tag("gpu")
class AutogradOnCudaTest {

  @BeforeAll
  static void start() {
    requireCuda();
  }

  @Test
  void gradientsFlowBackAcrossDeviceMoves() {
    Tensor x = Tensor.of(1.0, -2.0, 3.0).requiresGrad_(true);
    Tensor y = x.to(CUDA).mul(2.0).square().to(Device.CPU).sum();
    y.backward();
    assertEquals(Device.CPU, x.grad().device());
    assertMatches("d/dx sum((2x)^2) = 8x", Tensor.of(8.0, -16.0, 24.0), x.grad().to(CUDA), 0, 1e-12);
  }

  @Test
  void aSmallNetworksGradientsMatchTheCpu() {
    Generator g = new Generator(9);
    Tensor x = Tensor.randn(g, DType.FLOAT32, 37, 20);
    Tensor target = Tensor.randint(g, 0, 7, 37);
    Tensor w1 = Tensor.randn(g, DType.FLOAT32, 20, 33).mul(0.3);
    Tensor b1 = Tensor.randn(g, DType.FLOAT32, 33).mul(0.1);
    Tensor w2 = Tensor.randn(g, DType.FLOAT32, 33, 7).mul(0.3);
    Tensor[] cpu = gradients(x, target, w1, b1, w2, Device.CPU);
    Tensor[] gpu = gradients(x, target, w1, b1, w2, CUDA);
    String[] names = {"loss", "dW1", "db1", "dW2"};
    for (int i = 0; i < cpu.length; i++) assertMatches(names[i], cpu[i], gpu[i], 1e-4, 1e-5);
  }

  /** Loss and parameter gradients of a 2-layer perceptron with a log-softmax loss, on one device. */
  private static Tensor[] gradients(Tensor x, Tensor target, Tensor w1, Tensor b1, Tensor w2, Device device) {
    Tensor p1 = w1.to(device).detach().requiresGrad_(true);
    Tensor q1 = b1.to(device).detach().requiresGrad_(true);
    Tensor p2 = w2.to(device).detach().requiresGrad_(true);
    Tensor h = x.to(device).matmul(p1).add(q1).gelu();
    Tensor logp = h.matmul(p2).logSoftmax(1);
    Tensor loss = logp.gather(1, target.to(device).unsqueeze(1)).mean().neg();
    loss.backward();
    return new Tensor[] {loss, p1.grad(), q1.grad(), p2.grad()};
  }
}
