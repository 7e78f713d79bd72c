package io.frontier.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Generator;
import io.frontier.tensor.LinAlg;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.BlockedLu;
import io.frontier.tensor.backend.MatrixProduct;
import org.junit.jupiter.api.Test;

/**
 * The blocked LU ({@link BlockedLu} on {@link CpuLuSteps}, the CPU's solve, inv and slogdet from
 * {@link LuKernels#BLOCKED_FROM} rows) against a float64 getrf written out here: the same pivots,
 * the factors to rounding, the zero pivot's order, and solve, inv and slogdet through LinAlg.
 */
class BlockedLuTest {

  /** Float64 getrf with LAPACK's pivoting (first largest |a|; a zero column skipped): {lu, pivots, info} of one n x n matrix. */
  static Object[] reference(double[] a, int n) {
    double[] m = a.clone();
    long[] pivots = new long[n];
    long info = 0;
    for (int j = 0; j < n; j++) {
      int p = j;
      for (int i = j + 1; i < n; i++) if (Math.abs(m[i * n + j]) > Math.abs(m[p * n + j])) p = i;
      if (m[p * n + j] == 0) {
        pivots[j] = j;
        if (info == 0) info = j + 1;
        continue;
      }
      pivots[j] = p;
      for (int c = 0; c < n; c++) {
        double t = m[j * n + c];
        m[j * n + c] = m[p * n + c];
        m[p * n + c] = t;
      }
      for (int i = j + 1; i < n; i++) {
        double l = m[i * n + j] /= m[j * n + j];
        for (int c = j + 1; c < n; c++) m[i * n + c] -= l * m[j * n + c];
      }
    }
    return new Object[] {m, pivots, info};
  }

  /** BlockedLu's factors with the CPU's steps, its updates either through Gemm in place or through a product and a subtraction. */
  static Tensor factors(Tensor a, int block, Tensor pivots, Tensor info, boolean inPlaceUpdates) {
    Tensor lu = a.clone();
    MatrixProduct product = inPlaceUpdates ? CpuTrailingProduct.INSTANCE : a.backend()::matmul;
    BlockedLu.factor(lu, pivots, info, block, CpuLuSteps.INSTANCE, a.backend().linalg(), product);
    return lu;
  }

  @Test
  void factorsAsGetrfDoes() {
    Generator g = new Generator(21);
    int[][] cases = {{2, 37, 8, 1}, {3, 50, 16, 0}, {1, 9, 64, 1}, {2, 12, 1, 0}, {1, 130, 64, 1}, {3, 41, 8, 0}};
    for (int[] c : cases) {
      int batch = c[0], n = c[1], block = c[2];
      boolean inPlace = c[3] == 1;
      Tensor a = Tensor.randn(g, DType.FLOAT64, batch, n, n);
      if (batch > 1) a.select(0, 1).select(1, n / 2).fill_(0.0); // a zero column: singular
      Tensor pivots = Tensor.empty(DType.INT64, Device.CPU, batch, n);
      Tensor info = Tensor.full(new int[] {batch}, 7, DType.INT64, Device.CPU);
      double[] lu = factors(a, block, pivots, info, inPlace).toDoubleArray();
      String what = "n " + n + ", block " + block + (inPlace ? ", updates in place" : ", product and subtraction");
      for (int z = 0; z < batch; z++) {
        Object[] ref = reference(a.select(0, z).toDoubleArray(), n);
        assertArrayEquals((long[]) ref[1], java.util.Arrays.copyOfRange(pivots.toLongArray(), z * n, (z + 1) * n), what + ": pivots of " + z);
        assertEquals((long) ref[2], info.toLongArray()[z], what + ": info of " + z);
        double[] m = (double[]) ref[0];
        for (int e = 0; e < n * n; e++) assertEquals(m[e], lu[z * n * n + e], 1e-10 * (1 + Math.abs(m[e])), what + ": factor " + z + " [" + e + "]");
      }
    }
  }

  @Test
  void float32FactorsToFloat32Rounding() {
    Tensor a = Tensor.randn(new Generator(22), DType.FLOAT64, 1, 40, 40);
    Tensor pivots = Tensor.empty(DType.INT64, Device.CPU, 1, 40);
    Tensor info = Tensor.empty(DType.INT64, Device.CPU, 1);
    float[] lu = factors(a.to(DType.FLOAT32), 8, pivots, info, true).toFloatArray();
    Object[] ref = reference(a.to(DType.FLOAT32).to(DType.FLOAT64).toDoubleArray(), 40);
    assertArrayEquals((long[]) ref[1], pivots.toLongArray());
    double[] m = (double[]) ref[0];
    for (int e = 0; e < lu.length; e++) assertEquals(m[e], lu[e], 1e-4 * (1 + Math.abs(m[e])), "factor [" + e + "]");
  }

  /** LinAlg's solve, inv and slogdet past the threshold, against A x = b, A inv(A) = I and the reference's determinant. */
  @Test
  void solveInverseAndSlogdetPastTheThreshold() {
    int n = LuKernels.BLOCKED_FROM + 37;
    Generator g = new Generator(23);
    for (DType dt : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
      double tol = dt == DType.FLOAT64 ? 1e-9 : 2e-3;
      Tensor a = Tensor.randn(g, DType.FLOAT64, 2, n, n).add(Tensor.eye(n, n, DType.FLOAT64).mul(3.0)).to(dt);
      Tensor b = Tensor.randn(g, DType.FLOAT64, 2, n, 3).to(dt);
      Tensor x = LinAlg.solve(a, b);
      double residual = a.to(DType.FLOAT64).matmul(x.to(DType.FLOAT64)).sub(b.to(DType.FLOAT64)).abs().max().item();
      assertTrue(residual < tol * n, dt + ": |A x - b| " + residual);
      Tensor identity = a.to(DType.FLOAT64).matmul(LinAlg.inv(a).to(DType.FLOAT64));
      double offIdentity = identity.sub(Tensor.eye(n, n, DType.FLOAT64)).abs().max().item();
      assertTrue(offIdentity < tol * n, dt + ": |A inv(A) - I| " + offIdentity);
      LinAlg.SignLogAbsDet d = LinAlg.slogdet(a);
      for (int z = 0; z < 2; z++) {
        double[] m = (double[]) reference(a.select(0, z).to(DType.FLOAT64).toDoubleArray(), n)[0];
        long[] piv = (long[]) reference(a.select(0, z).to(DType.FLOAT64).toDoubleArray(), n)[1];
        double sign = 1, log = 0;
        for (int j = 0; j < n; j++) {
          if (piv[j] != j) sign = -sign;
          if (m[j * n + j] < 0) sign = -sign;
          log += Math.log(Math.abs(m[j * n + j]));
        }
        assertEquals(sign, d.sign().to(DType.FLOAT64).toDoubleArray()[z], dt + ": sign of " + z);
        assertEquals(log, d.logAbsDet().to(DType.FLOAT64).toDoubleArray()[z], tol * Math.abs(log), dt + ": log|det| of " + z);
      }
    }
  }

  @Test
  void aSingularMatrixPastTheThreshold() {
    int n = LuKernels.BLOCKED_FROM + 20;
    Tensor a = Tensor.randn(new Generator(24), DType.FLOAT64, n, n);
    a.select(1, 140).fill_(0.0);
    ArithmeticException solve = assertThrows(ArithmeticException.class, () -> LinAlg.solve(a, Tensor.ones(DType.FLOAT64, n, 1)));
    assertTrue(solve.getMessage().contains("solve: the input matrix is singular (U[140, 140]"), solve.getMessage());
    ArithmeticException inv = assertThrows(ArithmeticException.class, () -> LinAlg.inv(a));
    assertTrue(inv.getMessage().startsWith("inv: the input matrix is singular"), inv.getMessage());
    LinAlg.SignLogAbsDet d = LinAlg.slogdet(a);
    assertEquals(0.0, d.sign().item());
    assertEquals(Double.NEGATIVE_INFINITY, d.logAbsDet().item());
  }
}
