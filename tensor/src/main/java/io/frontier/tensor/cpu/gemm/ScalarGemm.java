package io.frontier.tensor.cpu.gemm;

import java.util.Arrays;

/**
 * Plain-Java GEMM, the fallback when the Vector API is unavailable. B is packed, KC×NC at a time,
 * into a row-major panel (reading through B's strides, so transposes cost nothing); then each row
 * of C is updated with four rank-1 row updates per pass,
 * {@code c[j] += a0*b0[j] + a1*b1[j] + a2*b2[j] + a3*b3[j]}: four rows of B per pass cut the
 * loads and stores of C per multiply-add by four compared with one.
 *
 * <p>Blocking: the panel (KC·NC elements, 512 KiB in float32) stays in L2 while every row of A
 * sweeps it; the C row segment (NC elements) stays in L1.
 *
 * <p>Measured 2026-11-27 (same machine and method as {@code VectorGemmF32}, plain timing loop,
 * {@code -Dfrontier.vector=false}): about 10 GFLOP/s for n = 64…1024 in float32 and float64,
 * against EJML's 6.2–6.6. Equal speeds for both types suggest HotSpot 17 runs the inner loop
 * scalar rather than auto-vectorising it.
 */
final class ScalarGemm {
  static final int KC = 128;
  static final int NC = 1024;
  /** A thread's smallest share of a parallel product: about 100 µs of work at 10 GFLOP/s. */
  private static final long MIN_FMA_PER_THREAD = 500_000L;
  /** Column split unit for threads: whole cache lines of C per thread. */
  private static final int COL_ALIGN = 16;

  private static final ThreadLocal<float[]> PANEL_F32 = ThreadLocal.withInitial(() -> new float[KC * NC]);
  private static final ThreadLocal<double[]> PANEL_F64 = ThreadLocal.withInitial(() -> new double[KC * NC]);

  private ScalarGemm() {}

  /** Same contract as {@link Gemm#sgemm}, without argument checks. */
  static void sgemm(int m, int n, int k,
      float[] a, int aOff, int aRs, int aCs,
      float[] b, int bOff, int bRs, int bCs,
      float[] c, int cOff, int ldc, boolean accumulate, boolean parallel) {
    if (m == 0 || n == 0) return;
    if (k == 0) {
      if (!accumulate) ZeroFill.zero(c, cOff, ldc, m, n);
      return;
    }
    GemmPartition.forBlocks(m, n, k, 1, COL_ALIGN, MIN_FMA_PER_THREAD, parallel, (i0, i1, j0, j1) ->
        serialF32(i1 - i0, j1 - j0, k, a, aOff + i0 * aRs, aRs, aCs, b, bOff + j0 * bCs, bRs, bCs,
            c, cOff + i0 * ldc + j0, ldc, accumulate));
  }

  /** Same contract as {@link Gemm#dgemm}, without argument checks. */
  static void dgemm(int m, int n, int k,
      double[] a, int aOff, int aRs, int aCs,
      double[] b, int bOff, int bRs, int bCs,
      double[] c, int cOff, int ldc, boolean accumulate, boolean parallel) {
    if (m == 0 || n == 0) return;
    if (k == 0) {
      if (!accumulate) ZeroFill.zero(c, cOff, ldc, m, n);
      return;
    }
    GemmPartition.forBlocks(m, n, k, 1, COL_ALIGN, MIN_FMA_PER_THREAD, parallel, (i0, i1, j0, j1) ->
        serialF64(i1 - i0, j1 - j0, k, a, aOff + i0 * aRs, aRs, aCs, b, bOff + j0 * bCs, bRs, bCs,
            c, cOff + i0 * ldc + j0, ldc, accumulate));
  }

  private static void serialF32(int m, int n, int k,
      float[] a, int aOff, int aRs, int aCs,
      float[] b, int bOff, int bRs, int bCs,
      float[] c, int cOff, int ldc, boolean accumulate) {
    float[] panel = PANEL_F32.get();
    for (int jc = 0; jc < n; jc += NC) {
      int nc = Math.min(NC, n - jc);
      for (int pc = 0; pc < k; pc += KC) {
        int kc = Math.min(KC, k - pc);
        PackF32.packB(b, bOff + pc * bRs + jc * bCs, bRs, bCs, kc, nc, nc, panel);
        boolean overwrite = !accumulate && pc == 0;
        for (int i = 0; i < m; i++) {
          int cRow = cOff + i * ldc + jc;
          int aRow = aOff + i * aRs + pc * aCs;
          if (overwrite) Arrays.fill(c, cRow, cRow + nc, 0f);
          int p = 0;
          for (; p + 4 <= kc; p += 4) {
            float a0 = a[aRow + p * aCs];
            float a1 = a[aRow + (p + 1) * aCs];
            float a2 = a[aRow + (p + 2) * aCs];
            float a3 = a[aRow + (p + 3) * aCs];
            int b0 = p * nc;
            int b1 = b0 + nc;
            int b2 = b1 + nc;
            int b3 = b2 + nc;
            for (int j = 0; j < nc; j++) {
              c[cRow + j] += a0 * panel[b0 + j] + a1 * panel[b1 + j] + a2 * panel[b2 + j] + a3 * panel[b3 + j];
            }
          }
          for (; p < kc; p++) {
            float a0 = a[aRow + p * aCs];
            int b0 = p * nc;
            for (int j = 0; j < nc; j++) c[cRow + j] += a0 * panel[b0 + j];
          }
        }
      }
    }
  }

  private static void serialF64(int m, int n, int k,
      double[] a, int aOff, int aRs, int aCs,
      double[] b, int bOff, int bRs, int bCs,
      double[] c, int cOff, int ldc, boolean accumulate) {
    double[] panel = PANEL_F64.get();
    for (int jc = 0; jc < n; jc += NC) {
      int nc = Math.min(NC, n - jc);
      for (int pc = 0; pc < k; pc += KC) {
        int kc = Math.min(KC, k - pc);
        PackF64.packB(b, bOff + pc * bRs + jc * bCs, bRs, bCs, kc, nc, nc, panel);
        boolean overwrite = !accumulate && pc == 0;
        for (int i = 0; i < m; i++) {
          int cRow = cOff + i * ldc + jc;
          int aRow = aOff + i * aRs + pc * aCs;
          if (overwrite) Arrays.fill(c, cRow, cRow + nc, 0.0);
          int p = 0;
          for (; p + 4 <= kc; p += 4) {
            double a0 = a[aRow + p * aCs];
            double a1 = a[aRow + (p + 1) * aCs];
            double a2 = a[aRow + (p + 2) * aCs];
            double a3 = a[aRow + (p + 3) * aCs];
            int b0 = p * nc;
            int b1 = b0 + nc;
            int b2 = b1 + nc;
            int b3 = b2 + nc;
            for (int j = 0; j < nc; j++) {
              c[cRow + j] += a0 * panel[b0 + j] + a1 * panel[b1 + j] + a2 * panel[b2 + j] + a3 * panel[b3 + j];
            }
          }
          for (; p < kc; p++) {
            double a0 = a[aRow + p * aCs];
            int b0 = p * nc;
            for (int j = 0; j < nc; j++) c[cRow + j] += a0 * panel[b0 + j];
          }
        }
      }
    }
  }
}
