package io.frontier.tensor.cpu.gemm;

/**
 * The direct path for products too small to repay packing: dot products over k, reading the
 * operands in place through their strides. There is no blocking, no buffer and no thread
 * hand-off. Sums stay in registers and the only loop with a long trip count is the one over k,
 * which HotSpot compiles well whatever sizes it profiled first; a rank-1-update order that relies
 * on HotSpot's auto-vectoriser was slower at these sizes and fell to 1 GFLOP/s in a JVM whose
 * first calls were tiny.
 */
final class SmallGemm {
  private SmallGemm() {}

  /** Same contract as {@link Gemm#sgemm}, single-threaded, without argument checks. */
  static void sgemm(int m, int n, int k,
      float[] a, int aOff, int aRs, int aCs,
      float[] b, int bOff, int bRs, int bCs,
      float[] c, int cOff, int ldc, boolean accumulate) {
    for (int i = 0; i < m; i++) {
      int cRow = cOff + i * ldc;
      int aRow = aOff + i * aRs;
      int j = 0;
      // Four columns at a time: four independent sums hide the add latency, and each A value
      // loaded serves four products.
      for (; j + 4 <= n; j += 4) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int ai = aRow;
        int bi = bOff + j * bCs;
        for (int p = 0; p < k; p++) {
          float av = a[ai];
          s0 += av * b[bi];
          s1 += av * b[bi + bCs];
          s2 += av * b[bi + 2 * bCs];
          s3 += av * b[bi + 3 * bCs];
          ai += aCs;
          bi += bRs;
        }
        store(c, cRow + j, s0, accumulate);
        store(c, cRow + j + 1, s1, accumulate);
        store(c, cRow + j + 2, s2, accumulate);
        store(c, cRow + j + 3, s3, accumulate);
      }
      for (; j < n; j++) {
        float sum = 0;
        int ai = aRow;
        int bi = bOff + j * bCs;
        for (int p = 0; p < k; p++) {
          sum += a[ai] * b[bi];
          ai += aCs;
          bi += bRs;
        }
        store(c, cRow + j, sum, accumulate);
      }
    }
  }

  /** Same contract as {@link Gemm#dgemm}, single-threaded, without argument checks. */
  static void dgemm(int m, int n, int k,
      double[] a, int aOff, int aRs, int aCs,
      double[] b, int bOff, int bRs, int bCs,
      double[] c, int cOff, int ldc, boolean accumulate) {
    for (int i = 0; i < m; i++) {
      int cRow = cOff + i * ldc;
      int aRow = aOff + i * aRs;
      int j = 0;
      // Four columns at a time: four independent sums hide the add latency, and each A value
      // loaded serves four products.
      for (; j + 4 <= n; j += 4) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int ai = aRow;
        int bi = bOff + j * bCs;
        for (int p = 0; p < k; p++) {
          double av = a[ai];
          s0 += av * b[bi];
          s1 += av * b[bi + bCs];
          s2 += av * b[bi + 2 * bCs];
          s3 += av * b[bi + 3 * bCs];
          ai += aCs;
          bi += bRs;
        }
        store(c, cRow + j, s0, accumulate);
        store(c, cRow + j + 1, s1, accumulate);
        store(c, cRow + j + 2, s2, accumulate);
        store(c, cRow + j + 3, s3, accumulate);
      }
      for (; j < n; j++) {
        double sum = 0;
        int ai = aRow;
        int bi = bOff + j * bCs;
        for (int p = 0; p < k; p++) {
          sum += a[ai] * b[bi];
          ai += aCs;
          bi += bRs;
        }
        store(c, cRow + j, sum, accumulate);
      }
    }
  }

  private static void store(float[] c, int idx, float sum, boolean accumulate) {
    c[idx] = accumulate ? c[idx] + sum : sum;
  }

  private static void store(double[] c, int idx, double sum, boolean accumulate) {
    c[idx] = accumulate ? c[idx] + sum : sum;
  }
}
