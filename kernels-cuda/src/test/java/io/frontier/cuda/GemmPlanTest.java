package io.frontier.cuda;

import static org.junit.jupiter.api.Assertions.*;

import io.frontier.tensor.DType;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** GemmPlan's decisions, and a CPU emulation of the kernels' addressing under every plan. */
class GemmPlanTest {
  static final int SMS = 132;

  static GemmPlan.View rowMajor(int rows, int cols) {
    return new GemmPlan.View(rows, cols, cols, 1, (long) rows * cols, 0);
  }

  static GemmPlan.View colMajor(int rows, int cols) {
    return new GemmPlan.View(rows, cols, 1, rows, (long) rows * cols, 0);
  }

  @Test
  void contiguousOperandsTakeTheNnKernelWithVectorAccess() {
    GemmPlan p = GemmPlan.of(DType.FLOAT32, MatmulPrecision.HIGHEST, SMS, 1, rowMajor(4096, 4096), rowMajor(4096, 4096), rowMajor(4096, 4096));
    assertEquals("gemm_sgemm128_nn", p.kernel());
    assertFalse(p.swapped());
    assertTrue(p.a().vec() && p.b().vec() && p.c().vec());
    assertEquals(new LaunchConfig(32 * 32, 1, 1, 256, 1, 0), p.launch());
    assertEquals(4096, p.a().ld());
  }

  @Test
  void smallProductsTakeSmallTilesAndPrecisionPicksTheTensorCoreKernels() {
    assertEquals("gemm_sgemm64_nn", GemmPlan.of(DType.FLOAT32, MatmulPrecision.HIGHEST, SMS, 1, rowMajor(1024, 64), rowMajor(64, 1024), rowMajor(1024, 1024)).kernel());
    assertEquals("gemm_sgemm128_nn", GemmPlan.of(DType.FLOAT32, MatmulPrecision.HIGHEST, SMS, 3, rowMajor(1024, 64), rowMajor(64, 1024), rowMajor(1024, 1024)).kernel());
    assertEquals("gemm_tf32_nn", GemmPlan.of(DType.FLOAT32, MatmulPrecision.TF32, SMS, 1, rowMajor(8, 8), rowMajor(8, 8), rowMajor(8, 8)).kernel());
    assertEquals("gemm_bf16_nn", GemmPlan.of(DType.FLOAT32, MatmulPrecision.BF16, SMS, 1, rowMajor(8, 8), rowMajor(8, 8), rowMajor(8, 8)).kernel());
    GemmPlan d = GemmPlan.of(DType.FLOAT64, MatmulPrecision.BF16, SMS, 1, rowMajor(100, 8), rowMajor(8, 100), rowMajor(100, 100));
    assertEquals("gemm_dgemm64_nn", d.kernel());
    assertEquals(4, d.launch().gridX());
  }

  @Test
  void transposedOperandsAreReadInPlace() {
    GemmPlan p = GemmPlan.of(DType.FLOAT32, MatmulPrecision.HIGHEST, SMS, 1, colMajor(300, 200), colMajor(200, 500), rowMajor(300, 500));
    assertEquals("gemm_sgemm64_tt", p.kernel());
    assertEquals(300, p.a().ld());
    assertEquals(200, p.b().ld());
  }

  @Test
  void columnMajorOutputSwapsTheOperands() {
    GemmPlan p = GemmPlan.of(DType.FLOAT32, MatmulPrecision.HIGHEST, SMS, 1, rowMajor(300, 200), rowMajor(200, 500), colMajor(300, 500));
    assertTrue(p.swapped());
    assertEquals(500, p.m());
    assertEquals(300, p.n());
    assertEquals("gemm_sgemm64_tt", p.kernel()); // B^T and A^T of row-major B and A are column-major
    assertEquals(300, p.c().ld());
  }

  @Test
  void layoutsThatNeedACopyAreRefused() {
    assertNull(GemmPlan.operandLayout(new GemmPlan.View(5, 6, 12, 2, 60, 0)));
    assertFalse(GemmPlan.outputUsable(new GemmPlan.View(5, 6, 12, 2, 60, 0)));
    assertEquals(Boolean.FALSE, GemmPlan.operandLayout(new GemmPlan.View(5, 1, 3, 7, 15, 0))); // a column: any stride
    assertEquals(Boolean.TRUE, GemmPlan.operandLayout(new GemmPlan.View(5, 1, 1, 9, 5, 0)));
  }

  @Test
  void vectorFlagsFollowOffsetLeadingDimensionAndBatchStride() {
    GemmPlan.View odd = new GemmPlan.View(64, 33, 33, 1, 64 * 33, 0);
    assertFalse(GemmPlan.of(DType.FLOAT32, MatmulPrecision.HIGHEST, SMS, 1, odd, rowMajor(33, 64), rowMajor(64, 64)).a().vec());
    GemmPlan.View shifted = new GemmPlan.View(64, 32, 32, 1, 0, 2);
    GemmPlan p = GemmPlan.of(DType.FLOAT32, MatmulPrecision.HIGHEST, SMS, 3, shifted, rowMajor(32, 64), rowMajor(64, 64));
    assertFalse(p.a().vec());
    assertEquals(0, p.a().batchStride());
    GemmPlan q = GemmPlan.of(DType.FLOAT64, MatmulPrecision.HIGHEST, SMS, 3, shifted, rowMajor(32, 64), rowMajor(64, 64));
    assertTrue(q.a().vec()); // doubles need 2-element alignment only
    GemmPlan.View row = new GemmPlan.View(1, 33, 33, 1, 33, 0); // one row: ld is never used
    assertTrue(GemmPlan.of(DType.FLOAT32, MatmulPrecision.HIGHEST, SMS, 1, row, rowMajor(33, 8), rowMajor(1, 8)).a().vec());
  }

  @Test
  void largeBatchesLoopOverGridY() {
    GemmPlan p = GemmPlan.of(DType.FLOAT32, MatmulPrecision.HIGHEST, SMS, 100_000, rowMajor(2, 2), rowMajor(2, 2), rowMajor(2, 2));
    assertEquals(GemmPlan.MAX_GRID_Y, p.launch().gridY());
    assertEquals(100_000, p.batch());
  }

  /** Every layout combination the plan accepts, computed through the plan's addressing, equals the product. */
  @Test
  void emulatedKernelAddressingMatchesTheProduct() {
    Random rnd = new Random(7);
    for (int trial = 0; trial < 300; trial++) {
      int batch = 1 + rnd.nextInt(3), m = 1 + rnd.nextInt(6), n = 1 + rnd.nextInt(6), k = rnd.nextInt(6);
      Strided a = Strided.random(rnd, batch, m, k);
      Strided b = Strided.random(rnd, batch, k, n);
      Strided c = Strided.random(rnd, batch, m, n);
      if (GemmPlan.operandLayout(a.view()) == null || GemmPlan.operandLayout(b.view()) == null || !GemmPlan.outputUsable(c.view())) continue;
      if (c.batchStride == 0 && batch > 1) continue; // an output never broadcasts
      GemmPlan p = GemmPlan.of(DType.FLOAT64, MatmulPrecision.HIGHEST, SMS, batch, a.view(), b.view(), c.view());
      Strided first = p.swapped() ? b : a, second = p.swapped() ? a : b;
      double[] out = new double[c.data.length];
      for (int z = 0; z < p.batch(); z++) {
        for (int i = 0; i < p.m(); i++) {
          for (int j = 0; j < p.n(); j++) {
            double s = 0;
            for (int kk = 0; kk < p.k(); kk++) {
              s += first.data[(int) (first.offset + z * p.a().batchStride() + (p.a().transposed() ? (long) kk * p.a().ld() + i : (long) i * p.a().ld() + kk))]
                  * second.data[(int) (second.offset + z * p.b().batchStride() + (p.b().transposed() ? (long) j * p.b().ld() + kk : (long) kk * p.b().ld() + j))];
            }
            out[(int) (c.offset + z * p.c().batchStride() + (long) i * p.c().ld() + j)] = s;
          }
        }
      }
      for (int z = 0; z < batch; z++)
        for (int i = 0; i < m; i++)
          for (int j = 0; j < n; j++) {
            double e = 0;
            for (int kk = 0; kk < k; kk++) e += a.get(z, i, kk) * b.get(z, kk, j);
            assertEquals(e, out[c.index(z, i, j)], 1e-12, "trial " + trial + " " + p);
          }
    }
  }

  /** A random 3-D view over its own storage: row- or column-major with padding, sometimes batch-broadcast or strided. */
  record Strided(double[] data, int offset, long batchStride, int rowStride, int colStride, int rows, int cols) {
    static Strided random(Random rnd, int batch, int rows, int cols) {
      int pad = rnd.nextInt(3);
      int kind = rnd.nextInt(4);
      int rs, cs;
      if (kind == 0) { rs = cols + pad; cs = 1; }
      else if (kind == 1) { rs = 1; cs = rows + pad; }
      else if (kind == 2) { rs = 2 * (cols + pad); cs = 2; }   // neither: needs a copy
      else { rs = cols + pad; cs = 1; }
      long matrix = (long) Math.max(rows - 1, 0) * rs + (long) Math.max(cols - 1, 0) * cs + 1;
      long bs = rnd.nextInt(4) == 0 ? 0 : matrix + rnd.nextInt(3);
      int offset = rnd.nextInt(3);
      double[] data = new double[(int) (offset + bs * batch + matrix + 1)];
      for (int i = 0; i < data.length; i++) data[i] = rnd.nextInt(9) - 4;
      return new Strided(data, offset, bs, rs, cs, rows, cols);
    }

    GemmPlan.View view() {
      return new GemmPlan.View(rows, cols, rowStride, colStride, batchStride, offset);
    }

    int index(int z, int i, int j) {
      return (int) (offset + z * batchStride + (long) i * rowStride + (long) j * colStride);
    }

    double get(int z, int i, int j) {
      return data[index(z, i, j)];
    }
  }

  @Test
  void twoBatchDimsKeepTheirStrides() {
    // heads split from (2, 37, 3 * 64): q (2, 3, 37, 64) with strides (37 * 192, 64, 192, 1)
    GemmPlan.View q = new GemmPlan.View(37, 64, 192, 1, 37 * 192, 0, 3, 64);
    GemmPlan.View kt = new GemmPlan.View(64, 37, 1, 192, 37 * 192, 192, 3, 64);
    GemmPlan.View c = new GemmPlan.View(37, 37, 37, 1, 3 * 37 * 37, 0, 3, 37 * 37);
    GemmPlan p = GemmPlan.of(DType.FLOAT32, MatmulPrecision.HIGHEST, 132, 6, q, kt, c);
    assertEquals(3, p.inner());
    assertEquals(new GemmPlan.Operand(false, 192, 37 * 192, 64, true), p.a());
    assertEquals(new GemmPlan.Operand(true, 192, 37 * 192, 64, true), p.b());
    assertEquals(37 * 37, p.c().batchStride2());
    GemmPlan odd = GemmPlan.of(DType.FLOAT32, MatmulPrecision.HIGHEST, 132, 6, new GemmPlan.View(37, 64, 192, 1, 37 * 192, 0, 3, 66), kt, c);
    assertEquals(false, odd.a().vec(), "a second batch stride that breaks 16-byte alignment");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GemmPlan.of(DType.FLOAT32, MatmulPrecision.HIGHEST, 132, 6, q, rowMajor(64, 37), c));
    assertTrue(e.getMessage().contains("inner batch sizes"), e.getMessage());
  }
}
