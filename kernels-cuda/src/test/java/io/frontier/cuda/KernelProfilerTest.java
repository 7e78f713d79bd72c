package io.frontier.cuda;

import static io.frontier.cuda.GpuTestSupport.CUDA;
import static io.frontier.cuda.GpuTestSupport.requireCuda;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The profiler counts every launch between start and stop, and only those, with positive device times. */
@Tag("gpu")
class KernelProfilerTest {

  @Test
  void countsEachLaunchOnceWithItsDeviceTime() {
    GpuTestSupport.requireRealDevice(); // values or device-side errors only a running kernel gives
    CudaBackend cuda = requireCuda();
    Tensor a = Tensor.ones(DType.FLOAT32, CUDA, 1 << 20);
    Tensor before = a.exp(); // not recorded
    KernelProfiler p = cuda.context().profiler();
    p.start();
    Tensor b = a.add(a).add(a).exp();
    List<KernelProfiler.Entry> entries = p.stop();
    Tensor after = b.exp(); // not recorded either
    long adds = entries.stream().filter(e -> e.kernel().equals("ew_binary_f32")).mapToLong(KernelProfiler.Entry::launches).sum();
    long exps = entries.stream().filter(e -> e.kernel().equals("ew_unary_f32")).mapToLong(KernelProfiler.Entry::launches).sum();
    assertEquals(2, adds, entries.toString());
    assertEquals(1, exps, entries.toString());
    assertTrue(entries.stream().allMatch(e -> e.millis() > 0), entries.toString());
    assertEquals(Math.exp(3), b.select(0, 7).item(), 1e-4);
    assertEquals(Math.E, before.select(0, 0).item(), 1e-5);
    assertEquals(Math.exp(Math.exp(3)), after.select(0, 0).item(), 1e-3 * Math.exp(Math.exp(3)));
  }
}
