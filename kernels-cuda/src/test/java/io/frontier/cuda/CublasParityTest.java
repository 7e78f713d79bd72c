package io.frontier.cuda;

import static io.frontier.cuda.GpuTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The {@code frontier.cuda.gemm=cublas} path against the CPU backend, on the shapes and layouts of
 * {@link MatmulParityTest}; skipped where JCublas does not load (libcublas.so.12 missing), where
 * instead the product must fail with the reason.
 */
@Tag("gpu")
class CublasParityTest {
  static CudaBackend cuda;

  @BeforeAll
  static void start() {
    cuda = requireCuda();
    MatmulParityTest.cuda = cuda;
  }

  @AfterEach
  void restore() {
    cuda.setMatmulPrecision(MatmulPrecision.HIGHEST);
    MatmulParityTest.setMode(cuda.defaultGemmMode());
  }

  static void requireCublas() {
    assumeTrue(cuda.cublas().available(), "cuBLAS unavailable: " + cuda.cublas().unavailableReason());
    MatmulParityTest.setMode(TcPlan.Mode.CUBLAS);
  }

  /** Runs body for float32 at HIGHEST and TF32, and float64. */
  static void forEachPrecision(java.util.function.BiConsumer<DType, MatmulPrecision> body) {
    for (MatmulPrecision p : new MatmulPrecision[] {MatmulPrecision.HIGHEST, MatmulPrecision.TF32}) {
      cuda.setMatmulPrecision(p);
      body.accept(DType.FLOAT32, p);
    }
    cuda.setMatmulPrecision(MatmulPrecision.HIGHEST);
    body.accept(DType.FLOAT64, MatmulPrecision.HIGHEST);
  }

  @Test
  void shapesLayoutsAndOutputs() {
    requireCublas();
    Generator g = new Generator(31);
    Function<Tensor, Tensor> id = x -> x, tr = x -> x.transpose(1, 2);
    forEachPrecision((dt, p) -> {
      for (int[] s : MatmulParityTest.SHAPES) {
        MatmulParityTest.check(java.util.Arrays.toString(s), random(g, dt, -1, 1, s[0], s[1], s[2]), random(g, dt, -1, 1, s[0], s[2], s[3]),
            id, id, poisoned(dt, s[0], s[1], s[3]));
      }
      int bz = 3, m = 130, k = 67, n = 129;
      Tensor a = random(g, dt, -1, 1, bz, m, k), b = random(g, dt, -1, 1, bz, k, n);
      Tensor at = random(g, dt, -1, 1, bz, k, m), bt = random(g, dt, -1, 1, bz, n, k);
      MatmulParityTest.check("A^T B^T", at, bt, tr, tr, poisoned(dt, bz, m, n));
      MatmulParityTest.check("broadcast A", random(g, dt, -1, 1, 1, m, k), b, x -> x.expand(bz, m, k), id, poisoned(dt, bz, m, n));
      MatmulParityTest.check("rows expanded (copied)", random(g, dt, -1, 1, bz, 1, k), b, x -> x.expand(bz, m, k), id, poisoned(dt, bz, m, n));
      MatmulParityTest.check("offset A", random(g, dt, -1, 1, bz, m, 2 * k), b, x -> x.slice(2, 1, k + 1), id, poisoned(dt, bz, m, n));
      MatmulParityTest.check("column-major out", a, b, id, id, poisoned(dt, bz, n, m).transpose(1, 2));
      MatmulParityTest.check("stepped out", a, b, id, id, poisoned(dt, bz, m, 2 * n).slice(2, 0, 2 * n, 2));
      MatmulParityTest.check("1000x777x1300", random(g, dt, -1, 1, 1, 1000, 777), random(g, dt, -1, 1, 1, 777, 1300), id, id,
          poisoned(dt, 1, 1000, 1300));
    });
    cuda.setMatmulPrecision(MatmulPrecision.HIGHEST);
    MatmulParityTest.check("batch 70000", random(g, DType.FLOAT32, -1, 1, 70_000, 3, 5), random(g, DType.FLOAT32, -1, 1, 70_000, 5, 2),
        id, id, poisoned(DType.FLOAT32, 70_000, 3, 2));
  }

  @Test
  void publicApiAndTheBenchEntry() {
    requireCublas();
    Generator g = new Generator(32);
    forEachPrecision((dt, p) -> {
      double tol = MatmulParityTest.tolerance(dt, p);
      Tensor a = random(g, dt, -1, 1, 37, 53), b = random(g, dt, -1, 1, 53, 29), x = random(g, dt, -1, 1, 4, 37, 53);
      MatmulParityTest.assertClose("matmul", a.matmul(b), a.to(CUDA).matmul(b.to(CUDA)), tol);
      MatmulParityTest.assertClose("batched matmul broadcast", x.matmul(b), x.to(CUDA).matmul(b.to(CUDA)), tol);
      Tensor out = poisoned(dt, 1, 37, 29);
      cuda.matmulCublas(a.to(CUDA).view(1, 37, 53), b.to(CUDA).view(1, 53, 29), out);
      MatmulParityTest.assertClose("matmulCublas", a.matmul(b).view(1, 37, 29), out, tol);
    });
  }

  @Test
  void bf16IsNotOffered() {
    requireCublas();
    cuda.setMatmulPrecision(MatmulPrecision.BF16);
    Tensor a = random(new Generator(33), DType.FLOAT32, -1, 1, 8, 8).to(CUDA);
    assertThrows(UnsupportedOperationException.class, () -> a.matmul(a));
  }

  @Test
  void unavailableCublasFailsWithItsReason() {
    assumeFalse(cuda.cublas().available(), "cuBLAS is available here");
    MatmulParityTest.setMode(TcPlan.Mode.CUBLAS);
    Tensor a = random(new Generator(34), DType.FLOAT32, -1, 1, 8, 8).to(CUDA);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> a.matmul(a));
    assertTrue(e.getMessage().contains(cuda.cublas().unavailableReason()), e.getMessage());
    assertTrue(cuda.describe().contains("cublas: " + cuda.cublas().unavailableReason()), cuda.describe());
  }
}
