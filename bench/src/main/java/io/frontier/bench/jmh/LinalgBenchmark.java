package io.frontier.bench.jmh;

import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.LinAlg;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.cpu.Parallel;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
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
 * Solving {@code A x = b} for one float64 n x n system on the CPU, in milliseconds per call (the
 * report converts to GFLOP/s by the LU's {@code 2n^3/3}):
 *
 * <ul>
 *   <li>{@code frontier}: {@code LinAlg.solve}, from order 128 the blocked LU (BlockedLu: panels of
 *       64 columns, the trailing updates on our GEMM);
 *   <li>{@code ejml}: EJML's LU solver (LinearSolverLu_DDRM over the Crout LUDecompositionAlt),
 *       what {@code LinAlg.solve} ran before, on the same matrix.
 * </ul>
 *
 * The PyTorch peer (torch_peers.py) times {@code torch.linalg.solve} (LAPACK's getrf + getrs).
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
  }

  @Benchmark
  public Tensor frontier() {
    return LinAlg.solve(a, b);
  }

  @Benchmark
  public DMatrixRMaj ejml() {
    ejmlSolver.setA(aEjml.copy()); // setA decomposes in place of a copy, as LinAlg.solve's own copy
    ejmlSolver.solve(bEjml, xEjml);
    return xEjml;
  }

  /** Multiply-adds x 2 of the LU of an n x n matrix (the solve's two triangular passes, 2n^2, left out). */
  public static double luFlops(int n) {
    return 2.0 * n * n * n / 3;
  }
}
