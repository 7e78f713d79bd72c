package io.frontier.cuda;

import static io.frontier.cuda.GpuTestSupport.*;

import io.frontier.tensor.Backends;
import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.RandomKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Philox fills of random.cu against the CPU stream: uniform bit for bit, normal to one float32
 * ulp (float64: a few ulp). Tensor.rand and randn always draw on the CPU (Sampling.draw), so the
 * public API cannot reach the kernel; these tests call the backend as Sampling does.
 */
@Tag("gpu")
class RandomParityTest {
  static CudaBackend cuda;

  @BeforeAll
  static void start() {
    cuda = requireCuda();
  }

  private static final long[] SEEDS = {0, 42, -1L, 0x0123456789ABCDEFL, 67280421310721L};
  // offsets near 2^32 make the counter's high word change inside one fill; -1 wraps past 2^64
  private static final long[] OFFSETS = {0, 1, 7, (1L << 32) - 3, 1L << 32, (1L << 33) + 5, -2L};

  private static double rtol(RandomKind kind, DType dt) {
    if (kind == RandomKind.UNIFORM) return 0;
    return dt == DType.FLOAT32 ? 0x1.0p-22 : 1e-14;
  }

  private static double atol(RandomKind kind, DType dt) {
    return kind == RandomKind.UNIFORM ? 0 : dt == DType.FLOAT32 ? 1e-30 : 1e-15;
  }

  private static Tensor cpu(RandomKind kind, DType dt, long seed, long offset, int... shape) {
    Tensor t = Tensor.empty(dt, Device.CPU, shape);
    Backends.cpu().random(kind, seed, offset, t);
    return t;
  }

  @Test
  void everySeedOffsetAndOddLengthMatchesTheCpuStream() {
    for (RandomKind kind : RandomKind.values()) {
      for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
        for (long seed : SEEDS) {
          for (long offset : OFFSETS) {
            for (int n : new int[] {1, 2, 3, 5, 7, 1023, 4097}) {
              Tensor out = poisoned(dt, n);
              cuda.random(kind, seed, offset, out);
              assertMatches(kind + " " + dt + " seed " + seed + " offset " + offset + " n " + n, cpu(kind, dt, seed, offset, n), out,
                  rtol(kind, dt), atol(kind, dt));
            }
          }
        }
      }
    }
  }

  @Test
  void largeFillsMatch() {
    for (RandomKind kind : RandomKind.values()) {
      for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
        Tensor out = poisoned(dt, 1500, 2001);
        cuda.random(kind, 123, 999, out);
        assertMatches(kind + " " + dt + " 3e6", cpu(kind, dt, 123, 999, 1500, 2001), out, rtol(kind, dt), atol(kind, dt));
      }
    }
  }

  @Test
  void viewsAtAnyStorageOffsetAndNonContiguousViewsGetTheRowMajorStream() {
    for (RandomKind kind : RandomKind.values()) {
      for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
        for (int start : new int[] {1, 2, 3, 4}) { // unaligned and 16-byte aligned starts
          Tensor base = poisoned(dt, 1031);
          Tensor view = base.narrow(0, start, 1021);
          cuda.random(kind, 9, 77, view);
          assertMatches(kind + " " + dt + " offset view " + start, cpu(kind, dt, 9, 77, 1021), view, rtol(kind, dt), atol(kind, dt));
          assertMatches("before the view", Tensor.full(new int[] {start}, Double.NaN, dt, Device.CPU), base.narrow(0, 0, start), 0, 0);
        }
        Tensor t = poisoned(dt, 13, 11).transpose(0, 1); // (11, 13), non-contiguous
        cuda.random(kind, 5, 3, t);
        assertMatches(kind + " " + dt + " transposed", cpu(kind, dt, 5, 3, 11, 13), t, rtol(kind, dt), atol(kind, dt));
      }
    }
  }

  @Test
  void randAndRandnThroughTheApiDrawTheSameStreamOnTheDevice() {
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      Tensor onCpu = Tensor.rand(new io.frontier.tensor.Generator(77), dt, 1001, 3);
      Tensor onGpu = Tensor.rand(new io.frontier.tensor.Generator(77), dt, CUDA, 1001, 3);
      assertMatches("rand " + dt, onCpu, onGpu, 0, 0);
      Tensor nCpu = Tensor.randn(new io.frontier.tensor.Generator(78), dt, 999);
      Tensor nGpu = Tensor.randn(new io.frontier.tensor.Generator(78), dt, CUDA, 999);
      assertMatches("randn " + dt, nCpu, nGpu, dt == DType.FLOAT32 ? 1e-6 : 1e-14, dt == DType.FLOAT32 ? 1e-6 : 1e-14);
    }
  }
}
