package io.frontier.tensor;

import static io.frontier.tensor.TestTensors.assertClose;
import static io.frontier.tensor.TestTensors.assertShape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.frontier.tensor.TestTensors.Layout;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** matmul's broadcasting rules and values against a naive float64 triple loop. */
@Tag("kernels")
class MatmulTest {
  private final Random rng = new Random(21);

  /** Naive batched product of row-major (B, n, k) and (B, k, m) arrays. */
  private static double[] naive(double[] a, double[] b, int batch, int n, int k, int m, boolean broadcastB) {
    double[] c = new double[batch * n * m];
    for (int z = 0; z < batch; z++) {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
          double s = 0;
          for (int p = 0; p < k; p++) s += a[z * n * k + i * k + p] * b[(broadcastB ? 0 : z * k * m) + p * m + j];
          c[z * n * m + i * m + j] = s;
        }
      }
    }
    return c;
  }

  @Test
  void matrixProductsMatchTheNaiveLoopForEveryLayoutAndAwkwardSizes() {
    int[][] sizes = {{1, 1, 1}, {3, 4, 5}, {17, 33, 9}, {64, 64, 64}, {65, 1, 129}, {2, 300, 3}};
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      for (int[] s : sizes) {
        for (Layout la : Layout.values()) {
          for (Layout lb : Layout.values()) {
            double[] a = TestTensors.randomValues(rng, s[0] * s[1], 1.0);
            double[] b = TestTensors.randomValues(rng, s[1] * s[2], 1.0);
            Tensor ta = TestTensors.tensor(a, new int[] {s[0], s[1]}, dtype, la);
            Tensor tb = TestTensors.tensor(b, new int[] {s[1], s[2]}, dtype, lb);
            double[] av = ta.toDoubleArray();
            double[] bv = tb.toDoubleArray();
            double tol = dtype == DType.FLOAT32 ? 1e-5 * Math.sqrt(s[1]) : 1e-13 * s[1];
            assertClose(naive(av, bv, 1, s[0], s[1], s[2], false), ta.matmul(tb), tol, tol, dtype + " " + la + "x" + lb + " " + java.util.Arrays.toString(s));
          }
        }
      }
    }
  }

  @Test
  void largeProductsAgreeWithEjml() {
    for (int n : new int[] {100, 257}) {
      org.ejml.data.DMatrixRMaj a = org.ejml.dense.row.RandomMatrices_DDRM.rectangle(n, n + 3, -1, 1, rng);
      org.ejml.data.DMatrixRMaj b = org.ejml.dense.row.RandomMatrices_DDRM.rectangle(n + 3, n - 1, -1, 1, rng);
      org.ejml.data.DMatrixRMaj c = new org.ejml.data.DMatrixRMaj(n, n - 1);
      org.ejml.dense.row.CommonOps_DDRM.mult(a, b, c);
      Tensor ta = Tensor.fromArray(a.data, n, n + 3);
      Tensor tb = Tensor.fromArray(b.data, n + 3, n - 1);
      assertClose(c.data, ta.matmul(tb), 1e-12, 1e-12, "float64 vs EJML, n=" + n);
      assertClose(c.data, ta.to(DType.FLOAT32).matmul(tb.to(DType.FLOAT32)), 1e-4, 1e-4, "float32 vs EJML, n=" + n);
    }
  }

  @Test
  void batchedProductsBroadcastTheirBatchDims() {
    double[] a = TestTensors.randomValues(rng, 2 * 1 * 3 * 4, 1.0);
    double[] b = TestTensors.randomValues(rng, 5 * 4 * 2, 1.0);
    Tensor ta = Tensor.fromArray(a, 2, 1, 3, 4);
    Tensor tb = Tensor.fromArray(b, 5, 4, 2);
    Tensor c = ta.matmul(tb);
    assertShape(new int[] {2, 5, 3, 2}, c);
    double[] expected = new double[2 * 5 * 3 * 2];
    for (int x = 0; x < 2; x++) {
      for (int y = 0; y < 5; y++) {
        double[] ab = java.util.Arrays.copyOfRange(a, x * 12, x * 12 + 12);
        double[] bb = java.util.Arrays.copyOfRange(b, y * 8, y * 8 + 8);
        System.arraycopy(naive(ab, bb, 1, 3, 4, 2, false), 0, expected, (x * 5 + y) * 6, 6);
      }
    }
    assertClose(expected, c, 1e-13, 1e-13, "(2,1,3,4) @ (5,4,2)");
    Tensor shared = Tensor.fromArray(TestTensors.randomValues(rng, 4 * 2, 1.0), 4, 2);
    double[] flat = ta.contiguous().toDoubleArray();
    assertClose(naive(flat, shared.toDoubleArray(), 2, 3, 4, 2, true), ta.matmul(shared), 1e-13, 1e-13, "batch @ matrix");
  }

  @Test
  void vectorOperandsFollowTorchMatmul() {
    Tensor v = Tensor.of(1.0, 2.0, 3.0);
    Tensor m = Tensor.arange(0.0, 6.0, 1.0, DType.FLOAT64).reshape(3, 2);
    assertShape(new int[] {}, v.matmul(v));
    assertEquals(14.0, v.matmul(v).item());
    assertClose(new double[] {16, 22}, v.matmul(m), 0, 0, "vector @ matrix");
    assertClose(new double[] {16, 22}, m.t().matmul(v), 0, 0, "matrix @ vector");
    Tensor batch = Tensor.arange(0.0, 12.0, 1.0, DType.FLOAT64).reshape(2, 3, 2);
    assertShape(new int[] {2, 2}, v.matmul(batch));
    assertShape(new int[] {2, 3}, batch.matmul(Tensor.of(1.0, 1.0)));
    assertClose(new double[] {3, 6, 9, 2, 4, 6}, Tensor.of(3.0, 2.0).outer(v), 0, 0, "outer");
  }

  @Test
  void misalignedShapesAndMixedDtypesAreRejectedWithClearMessages() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3, 4).matmul(Tensor.zeros(5, 2)));
    assertEquals("matmul: shapes (3, 4) and (5, 2) do not align (4 != 5)", e.getMessage());
    IllegalArgumentException d = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3, 4).matmul(Tensor.zeros(DType.FLOAT64, 4, 2)));
    assertEquals("matmul: expected both operands to have the same dtype, got float32 and float64", d.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3, 4).bmm(Tensor.zeros(3, 4, 2)));
    assertThrows(IllegalArgumentException.class, () -> Tensor.scalar(1).matmul(Tensor.zeros(1)));
  }

  @Test
  void emptyInnerDimensionGivesZeros() {
    assertClose(new double[] {0, 0, 0, 0, 0, 0}, Tensor.zeros(2, 0).matmul(Tensor.zeros(0, 3)), 0, 0, "k = 0");
  }
}
