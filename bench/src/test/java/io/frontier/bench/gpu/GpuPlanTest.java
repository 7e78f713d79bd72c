package io.frontier.bench.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Sizes, byte accounting, L2 rotation and sample batching: the arithmetic behind every GPU number. */
class GpuPlanTest {
  private static final long MB = GpuPlan.MB;
  private static final long H100_L2 = 50 * MB;

  @Test
  void inputSetsSpanTwiceTheL2AndAtMostEight() {
    assertEquals(8, GpuPlan.rotatingSets(3 * 4 * MB, H100_L2), "matmul 1024: 12 MB a set");
    assertEquals(3, GpuPlan.rotatingSets(3 * 16 * MB, H100_L2), "matmul 2048: 48 MB a set");
    assertEquals(1, GpuPlan.rotatingSets(3 * 64 * MB, H100_L2), "matmul 4096: 192 MB a set");
    assertEquals(2, GpuPlan.rotatingSets(64 * MB, H100_L2), "sum of 64 MB reads 64 MB");
    assertEquals(1, GpuPlan.rotatingSets(2 * 64 * MB, H100_L2), "copy of 64 MB touches 128 MB");
    assertEquals(1, GpuPlan.rotatingSets(0, H100_L2));
  }

  @Test
  void memoryOpsCountBytesReadAndWritten() {
    int n = GpuPlan.elements(64 * MB);
    assertEquals(16 << 20, n);
    assertEquals(8.0 * n, MemoryOp.COPY.bytesMoved(n));
    assertEquals(8.0 * n, MemoryOp.MEMCPY_DTOD.bytesMoved(n));
    assertEquals(12.0 * n, MemoryOp.ADD.bytesMoved(n));
    assertEquals(4.0 * n, MemoryOp.SUM.bytesMoved(n));
    assertEquals(List.of(4096, 4096), MemoryOp.SOFTMAX.shape(n));
    assertEquals(List.of(n), MemoryOp.EXP.shape(n));
    assertEquals(MemoryOp.MEMCPY_DTOD, MemoryOp.of("memcpy_dtod"));
  }

  @Test
  void oneGigabyteStillFitsAnIntTensorAndMoreDoesNot() {
    assertEquals(1 << 28, GpuPlan.elements(1024 * MB));
    assertThrows(IllegalArgumentException.class, () -> GpuPlan.elements(16L << 30));
  }

  @Test
  void sizeLabels() {
    assertEquals("64 MB", GpuPlan.sizeLabel(64 * MB));
    assertEquals("1 GB", GpuPlan.sizeLabel(1024 * MB));
    assertEquals("1536 MB", GpuPlan.sizeLabel(1536 * MB));
  }

  @Test
  void aSampleSpansAtLeastAMillisecondAndTheSamplesFitTheBudget() {
    Batching fast = Batching.of(45e-6, 2.0, 3, 50); // a 64 MB copy on an H100
    assertEquals(23, fast.callsPerSample());
    assertEquals(50, fast.samples());
    Batching slow = Batching.of(0.2, 2.0, 3, 50);
    assertEquals(1, slow.callsPerSample());
    assertEquals(10, slow.samples());
    Batching tooSlow = Batching.of(1.5, 2.0, 3, 50);
    assertEquals(3, tooSlow.samples(), "the floor of repetitions for a median");
    assertEquals(64, Batching.of(1e-7, 2.0, 3, 50).callsPerSample(), "capped");
  }

  @Test
  void quickIsASubsetOfFull() {
    GpuPlan full = GpuPlan.full();
    GpuPlan quick = GpuPlan.quick();
    assertEquals(List.of(1024, 2048, 4096, 8192), full.matmulSizes());
    assertEquals(List.of(64 * MB, 256 * MB, 1024 * MB), full.memoryBytes());
    assertEquals(true, full.matmulSizes().containsAll(quick.matmulSizes()));
    assertEquals(true, full.memoryBytes().containsAll(quick.memoryBytes()));
    assertEquals(List.of(), full.only(true, false).memoryBytes());
    assertEquals(List.of(), full.only(false, true).matmulSizes());
    assertEquals(10.0, full.withBudget(10, 5).frontierSeconds());
  }
}
