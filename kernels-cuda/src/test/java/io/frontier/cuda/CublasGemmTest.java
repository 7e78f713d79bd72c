package io.frontier.cuda;

import static org.junit.jupiter.api.Assertions.*;

import io.frontier.cuda.GemmPlanTest.Strided;
import io.frontier.tensor.DType;
import java.util.Random;
import jcuda.jcublas.cublasOperation;
import org.junit.jupiter.api.Test;

/**
 * CublasGemm without a GPU: the one-line reasons, the frontier.cuda.gemm modes, and a CPU
 * emulation of cublas?gemmStridedBatched (column-major, with cuBLAS's leading-dimension checks)
 * under the arguments {@link CublasGemm.Call} derives from every layout GemmPlan accepts.
 */
class CublasGemmTest {

  /** What JCuda's LibUtils throws on a machine without libcublas.so.12 (abridged). */
  static final String LINK_FAILURE = """
      Error while loading native library "JCublas2-12.6.0-linux-x86_64"
      Operating system name: Linux
      ---(start of nested stack traces)---
      Stack trace from the attempt to load the library as a file:
      java.lang.UnsatisfiedLinkError: no JCublas2-12.6.0-linux-x86_64 in java.library.path: /usr/java/packages/lib:/usr/lib
      Stack trace from the attempt to load the library as a resource:
      java.lang.UnsatisfiedLinkError: /tmp/libJCublas2-12.6.0-linux-x86_64.so: libcublas.so.12: cannot open shared object file: No such file or directory
      ---(end of nested stack traces)---
      """;

  @Test
  void reasonNamesTheMissingLibraryAndCuda13() {
    UnsatisfiedLinkError e = new UnsatisfiedLinkError(LINK_FAILURE);
    assertEquals("libcublas.so.12 not found (this machine has CUDA 13's libcublas.so.13; JCublas 12.6 needs 12)", CublasGemm.describe(e, true));
    assertEquals("libcublas.so.12 not found (JCublas 12.6 needs CUDA 12's cuBLAS)", CublasGemm.describe(e, false));
    UnsatisfiedLinkError lt = new UnsatisfiedLinkError(LINK_FAILURE.replace("libcublas.so.12: cannot", "libcublasLt.so.12: cannot"));
    assertEquals("libcublasLt.so.12 not found (this machine has CUDA 13's libcublas.so.13; JCublas 12.6 needs 12)", CublasGemm.describe(lt, true));
  }

  @Test
  void otherFailuresKeepTheirFirstLine() {
    assertEquals("JCublas did not load: jcuda/jcublas/JCublas2", CublasGemm.describe(new NoClassDefFoundError("jcuda/jcublas/JCublas2"), true));
    assertEquals("cublasCreate failed: CUBLAS_STATUS_NOT_INITIALIZED",
        CublasGemm.describe(new CudaKernelException("cublasCreate failed: CUBLAS_STATUS_NOT_INITIALIZED\nmore"), false));
  }

  @Test
  void statusIsOneLineWithoutTouchingADevice() {
    String s = new CublasGemm(null).status(); // loads the library only; no context needed
    assertFalse(s.isBlank() || s.contains("\n"), s);
    System.out.println("cublas: " + s);
  }

  @Test
  void gemmModeProperty() {
    assertEquals(TcPlan.Mode.CUBLAS, TcPlan.Mode.parse("cublas"));
    assertEquals(TcPlan.Mode.CUBLAS, TcPlan.Mode.parse(" cublas "));
    assertEquals(TcPlan.Mode.AUTO, TcPlan.Mode.parse(""));
    assertEquals(TcPlan.Mode.AUTO, TcPlan.Mode.parse("auto"));
    assertEquals(TcPlan.Mode.SIMPLE, TcPlan.Mode.parse("simple"));
    assertEquals(TcPlan.Mode.PACKED, TcPlan.Mode.parse("packed"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TcPlan.Mode.parse("cuBLAS"));
    assertTrue(e.getMessage().contains("auto, simple, packed, cublas, direct, direct-truncated, wgmma or wgmma-packed"), e.getMessage());
    GemmPlan big = GemmPlan.of(DType.FLOAT32, MatmulPrecision.TF32, 132, 1, GemmPlanTest.rowMajor(4096, 4096),
        GemmPlanTest.rowMajor(4096, 4096), GemmPlanTest.rowMajor(4096, 4096));
    assertNull(TcPlan.of(big, MatmulPrecision.TF32, TcPlan.Mode.CUBLAS, 227 * 1024));
  }

  @Test
  void contiguousProductIsIssuedAsTheTransposedProduct() {
    // C (100 x 300) = A (100 x 200) B (200 x 300), row-major: cuBLAS computes C^T (300 x 100) = B^T A^T.
    GemmPlan p = GemmPlan.of(DType.FLOAT32, MatmulPrecision.HIGHEST, 132, 1, GemmPlanTest.rowMajor(100, 200),
        GemmPlanTest.rowMajor(200, 300), GemmPlanTest.rowMajor(100, 300));
    assertEquals(new CublasGemm.Call(cublasOperation.CUBLAS_OP_N, cublasOperation.CUBLAS_OP_N, 300, 100, 200, 300, 0, 200, 0, 300, 0, 1),
        CublasGemm.Call.of(p));
    GemmPlan t = GemmPlan.of(DType.FLOAT32, MatmulPrecision.HIGHEST, 132, 1, GemmPlanTest.colMajor(100, 200),
        GemmPlanTest.colMajor(200, 300), GemmPlanTest.rowMajor(100, 300));
    CublasGemm.Call ct = CublasGemm.Call.of(t);
    assertEquals(cublasOperation.CUBLAS_OP_T, ct.transA());
    assertEquals(cublasOperation.CUBLAS_OP_T, ct.transB());
    assertEquals(200, ct.lda());
    assertEquals(100, ct.ldb());
  }

  @Test
  void overlappingRowsAreNotReadInPlace() {
    assertFalse(CublasGemm.readable(new GemmPlan.View(5, 7, 0, 1, 0, 0)), "expand along rows");
    assertTrue(GemmPlan.operandLayout(new GemmPlan.View(5, 7, 0, 1, 0, 0)) != null, "our kernels read it");
    assertFalse(CublasGemm.readable(new GemmPlan.View(5, 1, 0, 3, 0, 0)), "a column expanded");
    assertTrue(CublasGemm.readable(new GemmPlan.View(1, 7, 0, 1, 0, 0)), "one row: its stride is never used");
    assertTrue(CublasGemm.readable(new GemmPlan.View(5, 7, 1, 5, 35, 0)));
    assertFalse(CublasGemm.readable(new GemmPlan.View(5, 7, 2, 3, 35, 0)));
  }

  /** Every layout the cuBLAS path takes in place, run through an emulated cuBLAS, equals the product. */
  @Test
  void emulatedCublasMatchesTheProduct() {
    Random rnd = new Random(17);
    int runs = 0;
    for (int trial = 0; trial < 600; trial++) {
      int batch = 1 + rnd.nextInt(3), m = 1 + rnd.nextInt(6), n = 1 + rnd.nextInt(6), k = 1 + rnd.nextInt(6);
      Strided a = maybeExpanded(rnd, Strided.random(rnd, batch, m, k));
      Strided b = maybeExpanded(rnd, Strided.random(rnd, batch, k, n));
      Strided c = Strided.random(rnd, batch, m, n);
      if (!CublasGemm.readable(a.view()) || !CublasGemm.readable(b.view()) || !CublasGemm.readable(c.view())) continue;
      if (c.batchStride() == 0 && batch > 1) continue; // an output never broadcasts
      GemmPlan p = GemmPlan.of(DType.FLOAT64, MatmulPrecision.HIGHEST, 132, batch, a.view(), b.view(), c.view());
      CublasGemm.Call call = CublasGemm.Call.of(p);
      Strided first = p.swapped() ? b : a, second = p.swapped() ? a : b;
      double[] out = c.data().clone();
      gemmStridedBatched(call, second, first, c.offset(), out);
      for (int z = 0; z < batch; z++)
        for (int i = 0; i < m; i++)
          for (int j = 0; j < n; j++) {
            double e = 0;
            for (int kk = 0; kk < k; kk++) e += a.get(z, i, kk) * b.get(z, kk, j);
            assertEquals(e, out[c.index(z, i, j)], 1e-12, "trial " + trial + " " + p + " " + call);
          }
      runs++;
    }
    assertTrue(runs > 100, runs + " trials ran");
  }

  /** Sometimes a row-major view whose rows all alias (an expand), which cuBLAS must not read in place. */
  private static Strided maybeExpanded(Random rnd, Strided s) {
    if (rnd.nextInt(6) != 0) return s;
    return new Strided(s.data(), s.offset(), s.batchStride(), 0, 1, s.rows(), s.cols());
  }

  /**
   * Column-major cublas?gemmStridedBatched with alpha 1, beta 0: C[z] (m x n) = op(A[z]) op(B[z]),
   * after cuBLAS's argument checks (ld >= max(1, stored rows)).
   */
  static void gemmStridedBatched(CublasGemm.Call c, Strided a, Strided b, int cOffset, double[] out) {
    boolean ta = c.transA() == cublasOperation.CUBLAS_OP_T, tb = c.transB() == cublasOperation.CUBLAS_OP_T;
    assertTrue(c.lda() >= Math.max(1, ta ? c.k() : c.m()), "lda " + c);
    assertTrue(c.ldb() >= Math.max(1, tb ? c.n() : c.k()), "ldb " + c);
    assertTrue(c.ldc() >= Math.max(1, c.m()), "ldc " + c);
    for (int z = 0; z < c.batch(); z++)
      for (int i = 0; i < c.m(); i++)
        for (int j = 0; j < c.n(); j++) {
          double s = 0;
          for (int l = 0; l < c.k(); l++) {
            double av = a.data()[(int) (a.offset() + z * c.strideA() + (ta ? l + (long) i * c.lda() : i + (long) l * c.lda()))];
            double bv = b.data()[(int) (b.offset() + z * c.strideB() + (tb ? j + (long) l * c.ldb() : l + (long) j * c.ldb()))];
            s += av * bv;
          }
          out[(int) (cOffset + z * c.strideC() + i + (long) j * c.ldc())] = s;
        }
  }
}
