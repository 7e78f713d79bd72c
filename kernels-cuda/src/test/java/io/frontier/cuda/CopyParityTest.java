package io.frontier.cuda;

import static io.frontier.cuda.GpuTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Transfers, casts and fills on the GPU against the CPU backend. */
@Tag("gpu")
class CopyParityTest {
  static CudaBackend cuda;

  @BeforeAll
  static void start() {
    cuda = requireCuda();
  }

  @Test
  void roundTripIsExactForEveryDtype() {
    GpuTestSupport.requireRealDevice(); // values or device-side errors only a running kernel gives
    Generator g = new Generator(1);
    for (DType dt : DType.values()) {
      for (int n : new int[] {1, 7, 1000, 3_000_001}) { // the last one spans several staging chunks
        Tensor x = random(g, dt, -100, 100, n);
        Tensor back = x.to(CUDA).to(Device.CPU);
        assertTrue(x.equal(back), dt + " n=" + n);
      }
    }
  }

  @Test
  void castsMatchTheCpuForEveryDtypePair() {
    Generator g = new Generator(2);
    for (DType from : DType.values()) {
      Tensor x = random(g, from, -50, 50, 37, 53);
      x = from.isFloatingPoint() ? x.mul(1.7) : x; // fractional values for the float-to-int casts
      Tensor onGpu = x.to(CUDA);
      for (DType to : DType.values()) {
        Tensor out = poisoned(to, 37, 53);
        cuda.copy(onGpu, out);
        assertMatches(from + "->" + to, x.to(to), out, 0, 0);
      }
    }
  }

  @Test
  void stridedViewsCopyLikeTheCpu() {
    Generator g = new Generator(3);
    Tensor x = random(g, DType.FLOAT32, -1, 1, 5, 6, 7, 9);
    Tensor d = x.to(CUDA);
    assertMatches("transpose", x.transpose(1, 3).contiguous(), d.transpose(1, 3).contiguous(), 0, 0);
    assertMatches("slice", x.slice(2, 1, 7, 2).contiguous(), d.slice(2, 1, 7, 2).contiguous(), 0, 0);
    assertMatches("expand", x.slice(0, 0, 1).expand(4, 6, 7, 9).contiguous(), d.slice(0, 0, 1).expand(4, 6, 7, 9).contiguous(), 0, 0);
    Tensor out = poisoned(DType.FLOAT64, 9, 7, 6, 5).permute(3, 2, 1, 0); // a non-contiguous output
    cuda.copy(d, out);
    assertMatches("into permuted output", x.to(DType.FLOAT64), out, 0, 0);
  }

  /**
   * Same-dtype copies whose views fall into 16-byte packs (copy_vec_*): attention's head merge and
   * split, into poisoned outputs, and views that start or end off a pack boundary (copy_*).
   */
  @Test
  void packedCopiesMatchTheCpu() {
    GpuTestSupport.requireRealDevice(); // values or device-side errors only a running kernel gives
    Generator g = new Generator(4);
    KernelProfiler profiler = cuda.context().profiler();
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT64}) {
      Tensor bhtd = random(g, dt, -100, 100, 3, 4, 33, 64); // (B, H, T, D)
      Tensor d = bhtd.to(CUDA);
      Tensor merged = poisoned(dt, 3, 33, 4, 64);
      profiler.start();
      cuda.copy(d.transpose(1, 2), merged);
      boolean packed = profiler.stop().stream().anyMatch(e -> e.kernel().startsWith("copy_vec_"));
      assertTrue(packed, dt + ": the head merge ran copy_vec_*");
      assertMatches(dt + " head merge", bhtd.transpose(1, 2).contiguous(), merged, 0, 0);
      Tensor split = poisoned(dt, 3, 33, 4, 64).transpose(1, 2); // a (B, H, T, D) view of (B, T, H, D) storage
      cuda.copy(d, split);
      assertMatches(dt + " head split", bhtd, split, 0, 0);
      Tensor rows = random(g, dt, -100, 100, 9, 20);
      for (int start : new int[] {0, 1, 2, 4}) {
        Tensor out = poisoned(dt, 9, 12);
        cuda.copy(rows.to(CUDA).narrow(1, start, 12), out);
        assertMatches(dt + " rows from element " + start, rows.narrow(1, start, 12).contiguous(), out, 0, 0);
      }
    }
  }

  @Test
  void fillWritesEveryElementOfAView() {
    GpuTestSupport.requireRealDevice(); // values or device-side errors only a running kernel gives
    Tensor t = poisoned(DType.FLOAT32, 11, 13);
    t.slice(1, 0, 13, 3).fill_(2.5);
    Tensor expected = Tensor.full(new int[] {11, 13}, Double.NaN, DType.FLOAT32, Device.CPU);
    expected.slice(1, 0, 13, 3).fill_(2.5);
    assertMatches("strided fill", expected, t, 0, 0);
    Tensor l = poisoned(DType.INT64, 5);
    l.fill_((double) (1L << 52) + 1);
    assertEquals((1L << 52) + 1, l.to(Device.CPU).toLongArray()[4]);
  }

  @Test
  void zerosAreZeroAndTheAllocatorReusesBlocks() {
    for (int i = 0; i < 3; i++) {
      Tensor z = Tensor.zeros(DType.FLOAT64, CUDA, 1000);
      assertEquals(0.0, z.abs().sum().item());
    }
    System.gc();
    CachingAllocator.Stats s = cuda.memoryStats();
    assertTrue(s.cacheHits() > 0 || s.driverAllocations() > 0, s.toString());
  }
}
