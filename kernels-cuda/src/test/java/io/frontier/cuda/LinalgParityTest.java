package io.frontier.cuda;

import static io.frontier.cuda.GpuTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Generator;
import io.frontier.tensor.LinAlg;
import io.frontier.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Dense linear algebra on CUDA tensors against the CPU backend: the device Cholesky, triangular
 * solves and LU (linalg.cu) with choleskyInverse, solve, inverse and slogdet on them, and their
 * errors; QR, eigh and SVD (linalg_decomp.cu), their vectors compared up to sign.
 */
@Tag("gpu")
class LinalgParityTest {
  @BeforeAll
  static void start() {
    requireCuda();
  }

  static double tol(DType dt) {
    return dt == DType.FLOAT64 ? 1e-10 : 1e-4;
  }

  /** Symmetric positive-definite (batch, n, n): M M^T + n I. */
  static Tensor spd(Generator g, DType dt, int batch, int n) {
    Tensor m = random(g, DType.FLOAT64, -1, 1, batch, n, n);
    return m.matmul(m.transpose(1, 2)).add(Tensor.eye(n, n, DType.FLOAT64).mul(n)).to(dt);
  }

  static void close(String what, Tensor expected, Tensor actual, double tol) {
    assertTrue(java.util.Arrays.equals(expected.shape(), actual.shape()), what + ": shape");
    double err = relativeError(expected, actual);
    assertTrue(err < tol, what + ": relative error " + err + " (bound " + tol + ")");
  }

  @Test
  void choleskyLowerAndUpper() {
    Generator g = new Generator(31);
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      // 600: past CudaLinalg.BLOCKED_CHOLESKY_FROM, the blocked factor (five block columns, the last ragged)
      for (int[] s : new int[][] {{1, 1}, {3, 17}, {2, 100}, {1, 300}, {2, CudaLinalg.BLOCKED_CHOLESKY_FROM + 88}}) {
        Tensor a = spd(g, dt, s[0], s[1]);
        for (boolean upper : new boolean[] {false, true}) {
          close("cholesky " + dt + " " + java.util.Arrays.toString(s) + (upper ? " upper" : ""), LinAlg.cholesky(a, upper),
              LinAlg.cholesky(a.to(CUDA), upper), tol(dt));
        }
      }
    }
  }

  /** Q R with R's diagonal non-negative is unique for a full-rank A: Q and R as the CPU's. */
  @Test
  void qrMatchesTheCpu() {
    Generator g = new Generator(40);
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      for (int[] s : new int[][] {{3, 40, 17}, {2, 17, 40}, {1, 64, 64}, {5, 1, 3}}) {
        Tensor a = random(g, dt, -1, 1, s);
        LinAlg.QR c = LinAlg.qr(a), d = LinAlg.qr(a.to(CUDA));
        String what = "qr " + dt + " " + java.util.Arrays.toString(s);
        close(what + " Q", c.q(), d.q(), tol(dt) * 10);
        close(what + " R", c.r(), d.r(), tol(dt) * 10);
      }
    }
  }

  /** Eigenvalues as the CPU's; eigenvectors as the CPU's up to each column's sign (distinct eigenvalues). */
  @Test
  void eighMatchesTheCpuUpToSigns() {
    Generator g = new Generator(41);
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      for (int[] s : new int[][] {{3, 33}, {2, 8}, {1, 1}, {1, 100}, {1, 300}}) { // 300: past MAX_DEVICE_ORDER, the host
        Tensor m = random(g, DType.FLOAT64, -1, 1, s[0], s[1], s[1]);
        Tensor a = m.add(m.transpose(1, 2)).to(dt);
        LinAlg.Eigh c = LinAlg.eigh(a), d = LinAlg.eigh(a.to(CUDA));
        String what = "eigh " + dt + " " + java.util.Arrays.toString(s);
        close(what + " eigenvalues", c.eigenvalues(), d.eigenvalues(), tol(dt) * 10);
        close(what + " eigenvectors", c.eigenvectors(), alignColumns(c.eigenvectors(), d.eigenvectors().to(Device.CPU)), tol(dt) * 100);
      }
    }
  }

  /** Singular values as the CPU's; U's columns and Vh's rows as the CPU's up to a common sign per pair. */
  @Test
  void svdMatchesTheCpuUpToSigns() {
    Generator g = new Generator(42);
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      for (int[] s : new int[][] {{2, 30, 11}, {2, 11, 30}, {1, 64, 64}, {3, 1, 5}}) {
        Tensor a = random(g, dt, -1, 1, s);
        LinAlg.SVD c = LinAlg.svd(a), d = LinAlg.svd(a.to(CUDA));
        String what = "svd " + dt + " " + java.util.Arrays.toString(s);
        close(what + " S", c.s(), d.s(), tol(dt) * 10);
        Tensor signs = columnSigns(c.u(), d.u().to(Device.CPU)); // (batch, 1, k)
        close(what + " U", c.u(), d.u().to(Device.CPU).mul(signs), tol(dt) * 100);
        close(what + " Vh", c.vh(), d.vh().to(Device.CPU).mul(signs.transpose(1, 2)), tol(dt) * 100);
      }
    }
  }

  /** +-1 per column of actual (batch, rows, k): the sign of its dot product with expected's column. */
  static Tensor columnSigns(Tensor expected, Tensor actual) {
    return expected.mul(actual).sum(new int[] {1}, true).sign();
  }

  static Tensor alignColumns(Tensor expected, Tensor actual) {
    return actual.mul(columnSigns(expected, actual));
  }

  @Test
  void notPositiveDefiniteNamesTheMinorAsOnTheCpu() {
    GpuTestSupport.requireRealDevice(); // values or device-side errors only a running kernel gives
    Tensor a = Tensor.eye(6, 6, DType.FLOAT64).expand(3, 6, 6).contiguous();
    a.select(0, 2).select(0, 3).select(0, 3).fill_(-1.0);
    ArithmeticException cpu = assertThrows(ArithmeticException.class, () -> LinAlg.cholesky(a));
    ArithmeticException gpu = assertThrows(ArithmeticException.class, () -> LinAlg.cholesky(a.to(CUDA)));
    assertEquals(cpu.getMessage(), gpu.getMessage());
    assertTrue(gpu.getMessage().contains("batch element 2") && gpu.getMessage().contains("order 4"), gpu.getMessage());
  }

  /** Autograd through the blocked factor: the gradient of a weighted sum of L as the CPU's. */
  @Test
  void theBlockedFactorIsDifferentiable() {
    int n = CudaLinalg.BLOCKED_CHOLESKY_FROM + 30;
    Generator g = new Generator(34);
    Tensor a = spd(g, DType.FLOAT64, 1, n);
    Tensor weights = random(g, DType.FLOAT64, -1, 1, 1, n, n);
    Tensor onCpu = a.detach().requiresGrad_(true);
    Tensor onGpu = a.to(CUDA).requiresGrad_(true);
    LinAlg.cholesky(onCpu).mul(weights).sum().backward();
    LinAlg.cholesky(onGpu).mul(weights.to(CUDA)).sum().backward();
    close("d/dA of a blocked factor", onCpu.grad(), onGpu.grad().to(Device.CPU), 1e-8);
  }

  /** choleskyEx: each matrix's failing order as the CPU's, one block per matrix and blocked, without an exception. */
  @Test
  void choleskyExReportsTheFailingOrdersAsTheCpu() {
    GpuTestSupport.requireRealDevice();
    for (int[] s : new int[][] {{6, 4}, {CudaLinalg.BLOCKED_CHOLESKY_FROM + 88, 2 * CudaLinalg.CHOLESKY_BLOCK + 45}}) {
      Tensor a = spd(new Generator(38), DType.FLOAT64, 3, s[0]);
      a.select(0, 2).select(0, s[1] - 1).select(0, s[1] - 1).fill_(-1.0);
      LinAlg.CholeskyEx cpu = LinAlg.choleskyEx(a), gpu = LinAlg.choleskyEx(a.to(CUDA));
      assertEquals(java.util.Arrays.toString(new long[] {0, 0, s[1]}), java.util.Arrays.toString(gpu.info().to(Device.CPU).toLongArray()));
      assertEquals(java.util.Arrays.toString(cpu.info().toLongArray()), java.util.Arrays.toString(gpu.info().to(Device.CPU).toLongArray()));
      close("choleskyEx factors that exist, n " + s[0], cpu.l().narrow(0, 0, 2), gpu.l().narrow(0, 0, 2).to(Device.CPU), 1e-10);
    }
  }

  /** The blocked factor names the order of the whole matrix, from whichever block column fails first. */
  @Test
  void theBlockedFactorNamesTheMinorAsOnTheCpu() {
    GpuTestSupport.requireRealDevice();
    int n = CudaLinalg.BLOCKED_CHOLESKY_FROM + 88;
    Tensor a = spd(new Generator(33), DType.FLOAT64, 2, n);
    int order = 2 * CudaLinalg.CHOLESKY_BLOCK + 45; // in the third block column
    a.select(0, 1).select(0, order - 1).select(0, order - 1).fill_(-1.0);
    ArithmeticException cpu = assertThrows(ArithmeticException.class, () -> LinAlg.cholesky(a));
    ArithmeticException gpu = assertThrows(ArithmeticException.class, () -> LinAlg.cholesky(a.to(CUDA)));
    assertEquals(cpu.getMessage(), gpu.getMessage());
    assertTrue(gpu.getMessage().contains("batch element 1") && gpu.getMessage().contains("order " + order), gpu.getMessage());
  }

  @Test
  void triangularSolvesInEveryForm() {
    Generator g = new Generator(32);
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      Tensor l = LinAlg.cholesky(spd(g, dt, 2, 45));
      for (boolean upper : new boolean[] {false, true}) {
        Tensor a = upper ? l.transpose(1, 2).contiguous() : l;
        for (boolean left : new boolean[] {true, false}) {
          for (boolean unit : new boolean[] {false, true}) {
            Tensor b = left ? random(g, dt, -1, 1, 2, 45, 7) : random(g, dt, -1, 1, 2, 7, 45);
            close("solveTriangular " + dt + (upper ? " upper" : " lower") + (left ? " left" : " right") + (unit ? " unit" : ""),
                LinAlg.solveTriangular(a, b, upper, left, unit), LinAlg.solveTriangular(a.to(CUDA), b.to(CUDA), upper, left, unit), tol(dt));
          }
        }
      }
    }
  }

  @Test
  void choleskyInverseSolveInverseAndSlogdet() {
    Generator g = new Generator(33);
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      Tensor a = spd(g, dt, 2, 30), b = random(g, dt, -1, 1, 2, 30, 4);
      Tensor l = LinAlg.cholesky(a);
      close("choleskyInverse " + dt, LinAlg.choleskyInverse(l, false), LinAlg.choleskyInverse(l.to(CUDA), false), tol(dt) * 10);
      close("choleskySolve " + dt, LinAlg.choleskySolve(b, l, false), LinAlg.choleskySolve(b.to(CUDA), l.to(CUDA), false), tol(dt) * 10);
      close("solve " + dt, LinAlg.solve(a, b), LinAlg.solve(a.to(CUDA), b.to(CUDA)), tol(dt) * 10);
      close("inv " + dt, LinAlg.inv(a), LinAlg.inv(a.to(CUDA)), tol(dt) * 10);
      close("logdet " + dt, LinAlg.logdet(a), LinAlg.logdet(a.to(CUDA)), tol(dt));
    }
  }

  /** solve, inv and slogdet past CudaLinalg.BLOCKED_LU_FROM: the blocked LU (BlockedLu on linalg_lu_panel and linalg_lu_swap). */
  @Test
  void blockedLuSolveInverseAndSlogdet() {
    int n = CudaLinalg.BLOCKED_LU_FROM + 77;
    Generator g = new Generator(37);
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      Tensor a = random(g, DType.FLOAT64, -1, 1, 2, n, n).add(Tensor.eye(n, n, DType.FLOAT64).mul(4.0)).to(dt);
      Tensor b = random(g, dt, -1, 1, 2, n, 3);
      close("solve blocked " + dt, LinAlg.solve(a, b), LinAlg.solve(a.to(CUDA), b.to(CUDA)), tol(dt) * 10);
      close("inv blocked " + dt, LinAlg.inv(a), LinAlg.inv(a.to(CUDA)), tol(dt) * 10);
      LinAlg.SignLogAbsDet cpu = LinAlg.slogdet(a), gpu = LinAlg.slogdet(a.to(CUDA));
      close("slogdet sign blocked " + dt, cpu.sign(), gpu.sign(), 1e-12);
      close("slogdet log|det| blocked " + dt, cpu.logAbsDet(), gpu.logAbsDet(), tol(dt));
    }
  }

  @Test
  void singularMatricesAreNamedAsOnTheCpu() {
    GpuTestSupport.requireRealDevice(); // values or device-side errors only a running kernel gives
    for (int[] s : new int[][] {{5, 2}, {CudaLinalg.BLOCKED_LU_FROM + 77, 300}}) { // one block per matrix, and blocked
      singularMatrixIsNamedAsOnTheCpu(s[0], s[1]);
    }
  }

  private static void singularMatrixIsNamedAsOnTheCpu(int n, int zeroColumn) {
    Tensor a = random(new Generator(35), DType.FLOAT64, -1, 1, 3, n, n);
    a.select(0, 1).select(1, zeroColumn).fill_(0.0); // batch element 1: a zero column
    Tensor b = random(new Generator(36), DType.FLOAT64, -1, 1, 3, n, 2);
    for (String op : new String[] {"solve", "inv"}) {
      java.util.function.Function<Tensor[], Tensor> f = op.equals("solve") ? t -> LinAlg.solve(t[0], t[1]) : t -> LinAlg.inv(t[0]);
      ArithmeticException cpu = assertThrows(ArithmeticException.class, () -> f.apply(new Tensor[] {a, b}));
      ArithmeticException gpu = assertThrows(ArithmeticException.class, () -> f.apply(new Tensor[] {a.to(CUDA), b.to(CUDA)}));
      assertEquals(cpu.getMessage(), gpu.getMessage());
    }
    LinAlg.SignLogAbsDet cpu = LinAlg.slogdet(a), gpu = LinAlg.slogdet(a.to(CUDA));
    assertEquals(java.util.Arrays.toString(cpu.sign().toDoubleArray()), java.util.Arrays.toString(gpu.sign().to(Device.CPU).toDoubleArray()));
    double[] cl = cpu.logAbsDet().toDoubleArray(), gl = gpu.logAbsDet().to(Device.CPU).toDoubleArray();
    assertEquals(Double.NEGATIVE_INFINITY, gl[1]);
    for (int i : new int[] {0, 2}) assertEquals(cl[i], gl[i], 1e-10 * Math.max(1, Math.abs(cl[i])));
  }

  @Test
  void resultsStayOnTheDevice() {
    Tensor l = LinAlg.cholesky(spd(new Generator(34), DType.FLOAT32, 1, 8).to(CUDA));
    assertEquals(CUDA, l.device());
    assertEquals(Device.Type.CUDA, LinAlg.solveTriangular(l, l, false, true, false).device().type());
  }
}
