package io.frontier.bench.jmh;

import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.LinAlg;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.cpu.Parallel;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.chol.CholeskyDecompositionInner_DDRM;
import org.ejml.dense.row.decomposition.lu.LUDecompositionAlt_DDRM;
import org.ejml.dense.row.linsol.lu.LinearSolverLu_DDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Dense factorisations of one float64 n x n matrix on the CPU, in milliseconds per call (the
 * report converts to GFLOP/s by the LU's {@code 2n^3/3} and the Cholesky factor's {@code n^3/3}):
 *
 * <ul>
 *   <li>{@code solve}: {@code LinAlg.solve} of {@code A x = b}, from order 128 the blocked LU
 *       (BlockedLu: panels of 64 columns, the trailing updates on our GEMM); {@code solveEjml}:
 *       EJML's LU solver (LinearSolverLu_DDRM over the Crout LUDecompositionAlt), what {@code
 *       LinAlg.solve} ran before, on the same matrix;
 *   <li>{@code cholesky}: {@code LinAlg.cholesky} of {@code A A^T + n I} (our own, blocked from
 *       order 256); {@code choleskyEjml}: EJML's CholeskyDecompositionInner_DDRM.
 * </ul>
 *
 * The PyTorch peer (torch_peers.py) times {@code torch.linalg.solve} and {@code
 * torch.linalg.cholesky} (LAPACK's getrf + getrs, potrf).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
public class LinalgBenchmark {
  @Param({"256", "1024"})
  public int n;

  @Param({"1"})
  public int threads;

  private Tensor a;
  private Tensor b;
  private DMatrixRMaj aEjml;
  private DMatrixRMaj bEjml;
  private DMatrixRMaj xEjml;
  private LinearSolverLu_DDRM ejmlSolver;
  private Tensor spd;
  private DMatrixRMaj spdEjml;
  private CholeskyDecompositionInner_DDRM ejmlCholesky;

  @Setup
  public void setUp() {
    Parallel.setNumThreads(threads);
    Generator g = new Generator(n);
    a = Tensor.randn(g, DType.FLOAT64, n, n).add(Tensor.eye(n, n, DType.FLOAT64).mul(3.0));
    b = Tensor.randn(g, DType.FLOAT64, n, 1);
    aEjml = new DMatrixRMaj(n, n, true, a.toDoubleArray());
    bEjml = new DMatrixRMaj(n, 1, true, b.toDoubleArray());
    xEjml = new DMatrixRMaj(n, 1);
    ejmlSolver = new LinearSolverLu_DDRM(new LUDecompositionAlt_DDRM());
    spd = a.matmul(a.transpose(0, 1)).add(Tensor.eye(n, n, DType.FLOAT64).mul((double) n));
    spdEjml = new DMatrixRMaj(n, n, true, spd.toDoubleArray());
    ejmlCholesky = new CholeskyDecompositionInner_DDRM(true);
  }

  @Benchmark
  public Tensor solve() {
    return LinAlg.solve(a, b);
  }

  @Benchmark
  public DMatrixRMaj solveEjml() {
    ejmlSolver.setA(aEjml.copy()); // setA decomposes in place of a copy, as LinAlg.solve's own copy
    ejmlSolver.solve(bEjml, xEjml);
    return xEjml;
  }

  @Benchmark
  public Tensor cholesky() {
    return LinAlg.cholesky(spd);
  }

  @Benchmark
  public boolean choleskyEjml() {
    return ejmlCholesky.decompose(spdEjml.copy()); // decomposes in place: a copy, as LinAlg.cholesky writes a new tensor
  }

  /** Flops (multiply-adds x 2) of the LU of an n x n matrix (the solve's two triangular passes, 2n^2, left out), or of its Cholesky factor. */
  public static double flops(String op, int n) {
    return (op.equals("cholesky") ? 1.0 : 2.0) * n * n * n / 3;
  }
}
