package io.frontier.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.frontier.tensor.Backends;
import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Every differentiable op of autograd's gradcheck table, forward and backward on the GPU against
 * the CPU, in float64, from the same inputs and the same output gradient.
 */
@Tag("gpu")
class EveryOpOnCudaTest {
  static final Device CUDA = Device.cuda(0);

  @TestFactory
  Stream<DynamicTest> everyOpMatchesTheCpuForwardAndBackward() {
    assumeTrue(Backends.isAvailable(Device.Type.CUDA), "no usable CUDA backend");
    Map<String, EveryOpGradcheckTest.Case> cpu = EveryOpGradcheckTest.cases(Device.CPU);
    Map<String, EveryOpGradcheckTest.Case> gpu = EveryOpGradcheckTest.cases(CUDA);
    return cpu.keySet().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
      Tensor[] inCpu = cpu.get(name).inputs().get();
      Tensor[] inGpu = new Tensor[inCpu.length];
      for (int i = 0; i < inCpu.length; i++) inGpu[i] = inCpu[i].detach().to(CUDA).requiresGrad_(true);
      Tensor outCpu = cpu.get(name).f().apply(inCpu);
      Tensor outGpu = gpu.get(name).f().apply(inGpu);
      assertEquals(CUDA, outGpu.device(), name + ": the output left the device");
      close(name + " forward", outCpu, outGpu);
      Tensor weights = Tensor.randn(new Generator(name.hashCode()), DType.FLOAT64, outCpu.shape());
      outCpu.mul(weights).sum().backward();
      outGpu.mul(weights.to(CUDA)).sum().backward();
      for (int i = 0; i < inCpu.length; i++) {
        if (inCpu[i].grad() == null) {
          assertTrue(inGpu[i].grad() == null, name + ": input " + i + " got a gradient only on the GPU");
          continue;
        }
        assertNotNull(inGpu[i].grad(), name + ": input " + i + " got no gradient on the GPU");
        assertEquals(CUDA, inGpu[i].grad().device());
        close(name + " d/d input " + i, inCpu[i].grad(), inGpu[i].grad());
      }
    }));
  }

  private static void close(String what, Tensor expected, Tensor actual) {
    double[] e = expected.to(DType.FLOAT64).contiguous().toDoubleArray();
    double[] a = actual.to(Device.CPU).to(DType.FLOAT64).contiguous().toDoubleArray();
    assertEquals(e.length, a.length, what + ": size");
    List<String> bad = new ArrayList<>();
    for (int i = 0; i < e.length && bad.size() < 3; i++) {
      boolean ok = Double.isNaN(e[i]) ? Double.isNaN(a[i]) : Math.abs(a[i] - e[i]) <= 1e-12 + 1e-9 * Math.abs(e[i]);
      if (!ok) bad.add("[" + i + "] " + a[i] + " vs " + e[i]);
    }
    assertTrue(bad.isEmpty() || io.frontier.cuda.GpuTestSupport.dry(), what + ": GPU vs CPU " + bad);
  }
}
