package io.frontier.tensor.cpu;

import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.BlockedLu;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.decomposition.lu.LUDecompositionAlt_DDRM;
import org.ejml.dense.row.decomposition.lu.LUDecompositionAlt_FDRM;
import org.ejml.dense.row.linsol.lu.LinearSolverLu_DDRM;
import org.ejml.dense.row.linsol.lu.LinearSolverLu_FDRM;

/**
 * solve, inverse and slogdet on LU with partial pivoting ({@code P A = L U}): from {@link
 * #BLOCKED_FROM} rows our blocked LU ({@link BlockedLu} with {@link CpuLuSteps}, the trailing
 * updates on our GEMM), below it EJML's (Crout form), float64 through DDRM and float32 through
 * FDRM, side by side.
 *
 * <p>EJML does not reject singular matrices (its Crout loop skips a zero pivot and carries on), so
 * we scan U's diagonal for an exact zero, which is LAPACK getrf's test and so torch's.
 */
final class LuKernels {
  private LuKernels() {}

  private static long luFlops(int n) {
    return 2L * n * n * n / 3;
  }

  /**
   * Order from which solve, inv and slogdet factor through {@link BlockedLu} (panels of {@link
   * #BLOCK} columns, the trailing updates on our GEMM) instead of EJML's unblocked Crout LU, whose
   * row operations run at a few GFLOP/s.
   */
  static final int BLOCKED_FROM = 128;

  static final int BLOCK = 64;

  /** The factors of {@link BlockedLu#factor} for a contiguous (B, n, n) A. */
  private record Factors(Tensor lu, Tensor pivots, Tensor info) {
    static Factors of(Tensor a) {
      int batch = a.size(0), n = a.size(1);
      Tensor lu = a.detach().contiguous().clone();
      Tensor pivots = Tensor.empty(DType.INT64, Device.CPU, batch, n);
      Tensor info = Tensor.empty(DType.INT64, Device.CPU, batch);
      BlockedLu.factor(lu, pivots, info, BLOCK, CpuLuSteps.INSTANCE, a.backend().linalg(), CpuTrailingProduct.INSTANCE);
      return new Factors(lu, pivots, info);
    }

    /** Throws for the first singular matrix, naming U's first zero diagonal element as the unblocked path does. */
    void requireNonSingular(String op) {
      long[] orders = info.toLongArray();
      for (int i = 0; i < orders.length; i++) {
        if (orders[i] != 0) throw singular(op, orders.length, i, (int) orders[i] - 1);
      }
    }

    /** x (holding B) becomes A^-1 B. */
    void solveInPlace(Tensor x) {
      BlockedLu.solve(lu, pivots, x, CpuLuSteps.INSTANCE, lu.backend().linalg());
    }
  }

  // ---------------------------------------------------------------- solve

  static void solve(Tensor a, Tensor b, Tensor out) {
    if (a.size(1) >= BLOCKED_FROM) {
      Factors f = Factors.of(a);
      f.requireNonSingular("solve");
      if (out != b) out.copy_(b);
      f.solveInPlace(out);
      return;
    }
    MatrixBatch as = new MatrixBatch("solve", a);
    MatrixBatch bs = new MatrixBatch("solve", b);
    MatrixBatch xs = new MatrixBatch("solve", out);
    long flops = luFlops(as.rows) + 2L * as.rows * as.rows * bs.cols;
    MatrixBatch.forEach(as.count, flops, (start, end) -> {
      if (as.isFloat64()) {
        solveF64(as, bs, xs, start, end);
      } else {
        solveF32(as, bs, xs, start, end);
      }
    });
  }

  private static void solveF64(MatrixBatch as, MatrixBatch bs, MatrixBatch xs, int start, int end) {
    LUDecompositionAlt_DDRM lu = new LUDecompositionAlt_DDRM();
    LinearSolverLu_DDRM solver = new LinearSolverLu_DDRM(lu);
    DMatrixRMaj aScratch = new DMatrixRMaj(1, 1);
    DMatrixRMaj bScratch = new DMatrixRMaj(1, 1);
    DMatrixRMaj xScratch = new DMatrixRMaj(1, 1);
    for (int i = start; i < end; i++) {
      solver.setA(as.readF64(i, aScratch));
      requireNonSingular("solve", lu.getLU(), as.count, i);
      DMatrixRMaj x = xs.targetF64(xScratch);
      solver.solve(bs.readF64(i, bScratch), x);
      xs.writeF64(i, x);
    }
  }

  private static void solveF32(MatrixBatch as, MatrixBatch bs, MatrixBatch xs, int start, int end) {
    LUDecompositionAlt_FDRM lu = new LUDecompositionAlt_FDRM();
    LinearSolverLu_FDRM solver = new LinearSolverLu_FDRM(lu);
    FMatrixRMaj aScratch = new FMatrixRMaj(1, 1);
    FMatrixRMaj bScratch = new FMatrixRMaj(1, 1);
    FMatrixRMaj xScratch = new FMatrixRMaj(1, 1);
    for (int i = start; i < end; i++) {
      solver.setA(as.readF32(i, aScratch));
      requireNonSingular("solve", lu.getLU(), as.count, i);
      FMatrixRMaj x = xs.targetF32(xScratch);
      solver.solve(bs.readF32(i, bScratch), x);
      xs.writeF32(i, x);
    }
  }

  // ---------------------------------------------------------------- inverse

  static void inverse(Tensor a, Tensor out) {
    if (a.size(1) >= BLOCKED_FROM) {
      Factors f = Factors.of(a);
      f.requireNonSingular("inv");
      out.fill_(0.0);
      out.diagonal(0, 1, 2).fill_(1.0);
      f.solveInPlace(out);
      return;
    }
    MatrixBatch as = new MatrixBatch("inv", a);
    MatrixBatch xs = new MatrixBatch("inv", out);
    MatrixBatch.forEach(as.count, 3 * luFlops(as.rows), (start, end) -> {
      if (as.isFloat64()) {
        inverseF64(as, xs, start, end);
      } else {
        inverseF32(as, xs, start, end);
      }
    });
  }

  private static void inverseF64(MatrixBatch as, MatrixBatch xs, int start, int end) {
    LUDecompositionAlt_DDRM lu = new LUDecompositionAlt_DDRM();
    LinearSolverLu_DDRM solver = new LinearSolverLu_DDRM(lu);
    DMatrixRMaj aScratch = new DMatrixRMaj(1, 1);
    DMatrixRMaj xScratch = new DMatrixRMaj(1, 1);
    for (int i = start; i < end; i++) {
      solver.setA(as.readF64(i, aScratch));
      requireNonSingular("inv", lu.getLU(), as.count, i);
      DMatrixRMaj x = xs.targetF64(xScratch);
      solver.invert(x);
      xs.writeF64(i, x);
    }
  }

  private static void inverseF32(MatrixBatch as, MatrixBatch xs, int start, int end) {
    LUDecompositionAlt_FDRM lu = new LUDecompositionAlt_FDRM();
    LinearSolverLu_FDRM solver = new LinearSolverLu_FDRM(lu);
    FMatrixRMaj aScratch = new FMatrixRMaj(1, 1);
    FMatrixRMaj xScratch = new FMatrixRMaj(1, 1);
    for (int i = start; i < end; i++) {
      solver.setA(as.readF32(i, aScratch));
      requireNonSingular("inv", lu.getLU(), as.count, i);
      FMatrixRMaj x = xs.targetF32(xScratch);
      solver.invert(x);
      xs.writeF32(i, x);
    }
  }

  // ---------------------------------------------------------------- slogdet

  /** {@code det A = sign(P) * prod U_jj}; the logs are summed in float64 for both dtypes. */
  static void slogdet(Tensor a, Tensor sign, Tensor logAbsDet) {
    if (a.size(1) >= BLOCKED_FROM) {
      Factors f = Factors.of(a);
      BlockedLu.slogdet(f.lu, f.pivots, sign, logAbsDet);
      return;
    }
    MatrixBatch as = new MatrixBatch("slogdet", a);
    MatrixBatch signs = new MatrixBatch("slogdet", sign);
    MatrixBatch logs = new MatrixBatch("slogdet", logAbsDet);
    int n = as.rows;
    MatrixBatch.forEach(as.count, luFlops(n), (start, end) -> {
      boolean f64 = as.isFloat64();
      LUDecompositionAlt_DDRM luD = f64 ? new LUDecompositionAlt_DDRM() : null;
      LUDecompositionAlt_FDRM luF = f64 ? null : new LUDecompositionAlt_FDRM();
      DMatrixRMaj scratchD = new DMatrixRMaj(1, 1);
      FMatrixRMaj scratchF = new FMatrixRMaj(1, 1);
      double[] diagonal = new double[n];
      boolean[] visited = new boolean[n];
      for (int i = start; i < end; i++) {
        int[] pivot;
        if (f64) {
          luD.decompose(as.readF64(i, scratchD));
          for (int j = 0; j < n; j++) diagonal[j] = luD.getLU().unsafe_get(j, j);
          pivot = luD.getPivot();
        } else {
          luF.decompose(as.readF32(i, scratchF));
          for (int j = 0; j < n; j++) diagonal[j] = luF.getLU().unsafe_get(j, j);
          pivot = luF.getPivot();
        }
        double s = permutationSign(pivot, n, visited);
        double log = 0.0;
        for (int j = 0; j < n; j++) {
          double u = diagonal[j];
          if (u == 0.0) {
            s = 0.0;
            log = Double.NEGATIVE_INFINITY;
            break;
          }
          if (u < 0) s = -s;
          log += Math.log(Math.abs(u));
        }
        if (signs.isFloat64()) {
          signs.doubles()[signs.start(i)] = s;
          logs.doubles()[logs.start(i)] = log;
        } else {
          signs.floats()[signs.start(i)] = (float) s;
          logs.floats()[logs.start(i)] = (float) log;
        }
      }
    });
  }

  /** +1 or -1: the parity of the permutation {@code pivot[0, n)}, from its number of cycles. */
  static double permutationSign(int[] pivot, int n, boolean[] visited) {
    java.util.Arrays.fill(visited, 0, n, false);
    int cycles = 0;
    for (int start = 0; start < n; start++) {
      if (visited[start]) continue;
      cycles++;
      for (int k = start; !visited[k]; k = pivot[k]) visited[k] = true;
    }
    return (n - cycles) % 2 == 0 ? 1.0 : -1.0;
  }

  // ---------------------------------------------------------------- singularity

  private static void requireNonSingular(String op, DMatrixRMaj lu, int count, int i) {
    for (int j = 0; j < lu.numCols; j++) {
      if (lu.unsafe_get(j, j) == 0.0) throw singular(op, count, i, j);
    }
  }

  private static void requireNonSingular(String op, FMatrixRMaj lu, int count, int i) {
    for (int j = 0; j < lu.numCols; j++) {
      if (lu.unsafe_get(j, j) == 0.0f) throw singular(op, count, i, j);
    }
  }

  private static ArithmeticException singular(String op, int count, int i, int j) {
    return new ArithmeticException(
        MatrixBatch.where(op, count, i) + ": the input matrix is singular (U[" + j + ", " + j + "] of its LU factorization is zero)");
  }
}
