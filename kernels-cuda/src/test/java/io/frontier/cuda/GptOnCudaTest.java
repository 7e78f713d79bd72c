package io.frontier.cuda;

import static io.frontier.cuda.GpuTestSupport.CUDA;
import static io.frontier.cuda.GpuTestSupport.requireCuda;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.nn.GPT;
import io.frontier.nn.GPTConfig;
import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A GPT training step on CUDA gives the CPU backend's loss and every parameter gradient (float32). */
@Tag("gpu")
class GptOnCudaTest {

  @Test
  void aTrainingStepMatchesTheCpu() {
    GpuTestSupport.requireRealDevice(); // values or device-side errors only a running kernel gives
    requireCuda();
    stepMatchesTheCpu(1e-5, 1e-4);
  }

  /**
   * The same step with every product on the 3xTF32 wgmma kernels whose A is read through registers
   * (gemm_wg_tf32x3_ra, _ra_t: the forward's x W^T, the input gradients' g W and the weight
   * gradients' g^T x) and packed whatever its size: float32 accuracy, so the float32 bounds hold.
   */
  @Test
  void aTrainingStepOnTheRegisterAKernelsMatchesTheCpu() {
    GpuTestSupport.requireRealDevice();
    CudaBackend cuda = requireCuda();
    org.junit.jupiter.api.Assumptions.assumeTrue(cuda.context().hasWgmma(), "no wgmma kernels: " + cuda.context().wgmmaUnavailable());
    boolean before = TcPlan.registerATile;
    try {
      cuda.setMatmulPrecision(MatmulPrecision.TF32X3);
      cuda.setGemmMode(TcPlan.Mode.WGMMA_PACKED);
      TcPlan.registerATile = true;
      KernelProfiler profiler = cuda.context().profiler();
      profiler.start();
      stepMatchesTheCpu(1e-5, 1e-4);
      java.util.Set<String> ran = new java.util.HashSet<>();
      profiler.stop().forEach(e -> ran.add(e.kernel()));
      assertTrue(ran.contains("gemm_wg_tf32x3_ra") && ran.contains("gemm_wg_tf32x3_ra_t"), "the register-A kernels did not run: " + ran);
    } finally {
      TcPlan.registerATile = before;
      cuda.setMatmulPrecision(MatmulPrecision.HIGHEST);
      cuda.setGemmMode(cuda.defaultGemmMode());
    }
  }

  private static void stepMatchesTheCpu(double lossTolerance, double gradTolerance) {
    GPTConfig cfg = new GPTConfig(64, 32, 64, 4, 2, 0.0, true, true);
    GPT cpu = new GPT(cfg, new Generator(21));
    GPT gpu = new GPT(cfg, new Generator(21));
    gpu.to(CUDA);
    Generator g = new Generator(22);
    Tensor tokens = Tensor.randint(g, 0, 64, 4, 32);
    Tensor targets = Tensor.randint(g, 0, 64, 4, 32);
    Tensor lossCpu = GPT.loss(cpu.forward(tokens), targets);
    Tensor lossGpu = GPT.loss(gpu.forward(tokens.to(CUDA)), targets.to(CUDA));
    lossCpu.backward();
    lossGpu.backward();
    double lc = lossCpu.item();
    double lg = lossGpu.item();
    assertTrue(Math.abs(lc - lg) <= lossTolerance * Math.abs(lc), "loss " + lg + " on CUDA, " + lc + " on the CPU");
    Map<String, Tensor> pc = cpu.namedParameters();
    Map<String, Tensor> pg = gpu.namedParameters();
    for (String name : pc.keySet()) {
      if (pc.get(name).grad() == null) { // the value head: the loss does not use it
        assertTrue(pg.get(name).grad() == null, name + " has a gradient on CUDA only");
        continue;
      }
      Tensor e = pc.get(name).grad().to(DType.FLOAT64);
      Tensor a = pg.get(name).grad().to(Device.CPU).to(DType.FLOAT64);
      double scale = Math.max(e.abs().max().item(), 1e-30);
      double err = a.sub(e).abs().max().item();
      assertTrue(err <= gradTolerance * scale, name + ": max |gpu - cpu| = " + err + " against max |grad| = " + scale);
    }
  }
}
