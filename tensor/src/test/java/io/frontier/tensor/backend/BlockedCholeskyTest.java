package io.frontier.tensor.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Generator;
import io.frontier.tensor.LinAlg;
import io.frontier.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The blocked driver on the CPU backend's steps (its choleskyEx, triangular solve and matmul):
 * against the CPU's own factor and against {@code L L^T = A} in float64, ragged last blocks, a
 * strict upper triangle that must not be read, and the failing order found in any block.
 */
class BlockedCholeskyTest {

  /** (batch, n, n): M M^T + n I in float64, its strict upper triangle overwritten with NaN (never read). */
  static Tensor spdLowerOnly(Generator g, int batch, int n) {
    Tensor m = Tensor.rand(g, DType.FLOAT64, batch, n, n).sub(0.5);
    Tensor a = m.matmul(m.transpose(1, 2)).add(Tensor.eye(n, n, DType.FLOAT64).mul(n)).contiguous();
    double[] v = a.toDoubleArray();
    for (int z = 0; z < batch; z++) {
      for (int r = 0; r < n; r++) {
        for (int c = r + 1; c < n; c++) v[(z * n + r) * n + c] = Double.NaN;
      }
    }
    return Tensor.of(v).reshape(batch, n, n);
  }

  static Tensor factor(Tensor a, int block, Tensor info) {
    Tensor out = Tensor.empty(a.dtype(), Device.CPU, a.shape());
    Backend cpu = a.backend();
    BlockedCholesky.factorLower(a, out, info, block, cpu.linalg(), cpu::matmul);
    return out;
  }

  @Test
  void matchesTheCpuFactorAndReproducesA() {
    Generator g = new Generator(7);
    int[][] cases = {{3, 37, 8}, {2, 20, 7}, {1, 16, 16}, {2, 9, 1}, {1, 5, 64}, {1, 130, 32}};
    for (int[] c : cases) {
      int batch = c[0], n = c[1], block = c[2];
      Tensor a = spdLowerOnly(g, batch, n);
      Tensor info = Tensor.full(new int[] {batch}, -1, DType.INT64, Device.CPU);
      Tensor l = factor(a, block, info);
      String what = "n " + n + ", block " + block;
      assertArrayEquals(new long[batch], info.toLongArray(), what + ": info");
      double[] got = l.toDoubleArray();
      double[] expected = LinAlg.cholesky(a).toDoubleArray();
      double[] av = a.toDoubleArray();
      for (int z = 0; z < batch; z++) {
        int base = z * n * n;
        for (int r = 0; r < n; r++) {
          for (int col = 0; col < n; col++) {
            int at = base + r * n + col;
            if (col > r) {
              assertEquals(0.0, got[at], what + ": above the diagonal at " + r + "," + col);
              continue;
            }
            assertEquals(expected[at], got[at], 1e-12 * Math.abs(expected[at]) + 1e-13, what + ": L at " + r + "," + col);
            double product = 0;
            for (int k = 0; k <= col; k++) product += got[base + r * n + k] * got[base + col * n + k];
            assertEquals(av[at], product, 1e-11 * n, what + ": (L L^T) at " + r + "," + col);
          }
        }
      }
    }
  }

  @Test
  void float32MatchesTheCpuFactor() {
    Tensor a = spdLowerOnly(new Generator(8), 2, 45).to(DType.FLOAT32);
    Tensor info = Tensor.empty(DType.INT64, Device.CPU, 2);
    Tensor l = factor(a, 16, info);
    assertArrayEquals(new long[2], info.toLongArray());
    assertEquals(DType.FLOAT32, l.dtype());
    float[] got = l.contiguous().toFloatArray();
    float[] expected = LinAlg.cholesky(a).toFloatArray();
    for (int i = 0; i < got.length; i++) assertEquals(expected[i], got[i], 1e-5 * Math.abs(expected[i]) + 1e-6, "L[" + i + "]");
  }

  /** The first failing leading minor as an order of the whole matrix, whichever block it falls in; the CPU's own factor names the same. */
  @Test
  void failingOrderCountsTheColumnsOfEarlierBlocks() {
    int n = 30;
    Tensor a = spdLowerOnly(new Generator(9), 4, n);
    double[] v = a.toDoubleArray();
    v[(1 * n + 19) * n + 19] = -1000; // element 1: order 20, inside the third block of 8
    v[(2 * n + 2) * n + 2] = -1000; // element 2: order 3, the first block
    v[(3 * n + 29) * n + 29] = -1000; // element 3: the last order, in the ragged last block
    v[(3 * n + 24) * n + 24] = -1000; // ... and order 25 before it, in the same block
    Tensor bad = Tensor.of(v).reshape(4, n, n);
    Tensor info = Tensor.empty(DType.INT64, Device.CPU, 4);
    factor(bad, 8, info);
    assertArrayEquals(new long[] {0, 20, 3, 25}, info.toLongArray());
    ArithmeticException cpu = assertThrows(ArithmeticException.class, () -> LinAlg.cholesky(bad.select(0, 1)));
    assertTrue(cpu.getMessage().contains("order 20"), cpu.getMessage());
  }

  /** The step the driver takes on each diagonal block: the CPU backend's factor, reporting instead of throwing. */
  @Test
  void cpuCholeskyExReportsEachMatrixsFailingOrder() {
    for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
      Tensor a = spdLowerOnly(new Generator(11), 3, 6).to(dtype);
      a.select(0, 2).select(0, 3).select(0, 3).fill_(-1.0);
      Tensor out = Tensor.empty(dtype, Device.CPU, 3, 6, 6);
      Tensor info = Tensor.full(new int[] {3}, -1, DType.INT64, Device.CPU);
      a.backend().linalg().choleskyEx(a, out, info);
      assertArrayEquals(new long[] {0, 0, 4}, info.toLongArray(), dtype + ": info");
      Tensor good = a.narrow(0, 0, 2).contiguous();
      assertArrayEquals(LinAlg.cholesky(good).to(DType.FLOAT64).toDoubleArray(), out.narrow(0, 0, 2).to(DType.FLOAT64).contiguous().toDoubleArray(),
          dtype + ": the factors that succeeded");
    }
  }

  @Test
  void refusesABlockWidthBelowOneAndAnOutputOverTheInput() {
    Tensor a = spdLowerOnly(new Generator(10), 1, 4);
    Tensor info = Tensor.empty(DType.INT64, Device.CPU, 1);
    IllegalArgumentException width = assertThrows(IllegalArgumentException.class, () -> factor(a, 0, info));
    assertTrue(width.getMessage().contains("block width"), width.getMessage());
    IllegalArgumentException alias = assertThrows(IllegalArgumentException.class,
        () -> BlockedCholesky.factorLower(a, a, info, 2, a.backend().linalg(), a.backend()::matmul));
    assertTrue(alias.getMessage().contains("storage"), alias.getMessage());
  }
}
