package io.frontier.cuda;

import static io.frontier.cuda.GpuTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The benchmark's clock and its bandwidth peer on the device. */
@Tag("gpu")
class CudaTimerTest {
  static CudaBackend cuda;

  @BeforeAll
  static void start() {
    cuda = requireCuda();
  }

  @Test
  void deviceCopyCopiesEveryByte() {
    Tensor x = random(new Generator(4), DType.FLOAT32, -1, 1, 1_000_003);
    Tensor src = x.to(CUDA);
    Tensor dst = poisoned(DType.FLOAT32, 1_000_003);
    DeviceCopy.copy(src, dst);
    assertMatches("DeviceCopy", x, dst, 0, 0);
    Tensor view = poisoned(DType.FLOAT32, 2_000_000).narrow(0, 999_997, 1_000_003); // an offset view
    DeviceCopy.copy(src, view);
    assertMatches("DeviceCopy into a view", x, view, 0, 0);
  }

  @Test
  void theTimerSeesTheWorkBetweenItsEvents() {
    GpuTestSupport.requireRealDevice(); // values or device-side errors only a running kernel gives
    Tensor a = Tensor.empty(DType.FLOAT32, CUDA, 64 << 20); // 256 MB
    Tensor b = Tensor.empty(DType.FLOAT32, CUDA, 64 << 20);
    try (CudaTimer timer = new CudaTimer(cuda)) {
      timer.start();
      float empty = timer.stopMillis();
      timer.start();
      for (int i = 0; i < 10; i++) DeviceCopy.copy(a, b);
      float tenCopies = timer.stopMillis();
      // 5 GB moved: at least ~1 ms even at 5 TB/s, at most seconds on any card
      assertTrue(empty >= 0 && empty < 1, "empty interval " + empty + " ms");
      assertTrue(tenCopies > 0.9 && tenCopies < 5000, "10 copies of 256 MB took " + tenCopies + " ms");
      assertTrue(tenCopies > empty, empty + " ms vs " + tenCopies + " ms");
    }
  }
}
