package io.frontier.tensor.cpu.gemm;

/**
 * The direct path for products too small to repay packing, and for matrix-vector products: dot
 * products over k, reading the operands in place through their strides, with no blocking, no
 * buffer and no thread hand-off.
 *
 * <p>Each inner loop runs four independent sums (four columns of one row, or, for the last n mod 4
 * columns, four rows of one column), because a single running sum is bound by the latency of the
 * add: with one sum per column, 7×7×7 took 270 ns against EJML's 160. Sums stay in registers and
 * the only long loop is over k, which HotSpot compiles well whatever sizes it profiled first; a
 * rank-1-update order relying on HotSpot's auto-vectoriser fell to 1 GFLOP/s in a JVM whose first
 * calls were tiny.
 */
final class SmallGemm {
  private SmallGemm() {}

  /** Same contract as {@link Gemm#sgemm}, single-threaded, without argument checks. */
  static void sgemm(int m, int n, int k,
      float[] a, int aOff, int aRs, int aCs,
      float[] b, int bOff, int bRs, int bCs,
      float[] c, int cOff, int ldc, boolean accumulate) {
    int n4 = n & ~3;
    for (int i = 0; i < m; i++) {
      int aRow = aOff + i * aRs;
      for (int j = 0; j < n4; j += 4) {
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
        int ci = cOff + i * ldc + j;
        store(c, ci, s0, accumulate);
        store(c, ci + 1, s1, accumulate);
        store(c, ci + 2, s2, accumulate);
        store(c, ci + 3, s3, accumulate);
      }
    }
    for (int j = n4; j < n; j++) {
      int i = 0;
      for (; i + 4 <= m; i += 4) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int ai = aOff + i * aRs;
        int bi = bOff + j * bCs;
        for (int p = 0; p < k; p++) {
          float bv = b[bi];
          s0 += a[ai] * bv;
          s1 += a[ai + aRs] * bv;
          s2 += a[ai + 2 * aRs] * bv;
          s3 += a[ai + 3 * aRs] * bv;
          ai += aCs;
          bi += bRs;
        }
        int ci = cOff + i * ldc + j;
        store(c, ci, s0, accumulate);
        store(c, ci + ldc, s1, accumulate);
        store(c, ci + 2 * ldc, s2, accumulate);
        store(c, ci + 3 * ldc, s3, accumulate);
      }
      for (; i < m; i++) {
        float sum = 0;
        int ai = aOff + i * aRs;
        int bi = bOff + j * bCs;
        for (int p = 0; p < k; p++) {
          sum += a[ai] * b[bi];
          ai += aCs;
          bi += bRs;
        }
        store(c, cOff + i * ldc + j, sum, accumulate);
      }
    }
  }

  /** Same contract as {@link Gemm#dgemm}, single-threaded, without argument checks. */
  static void dgemm(int m, int n, int k,
      double[] a, int aOff, int aRs, int aCs,
      double[] b, int bOff, int bRs, int bCs,
      double[] c, int cOff, int ldc, boolean accumulate) {
    int n4 = n & ~3;
    for (int i = 0; i < m; i++) {
      int aRow = aOff + i * aRs;
      for (int j = 0; j < n4; j += 4) {
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
        int ci = cOff + i * ldc + j;
        store(c, ci, s0, accumulate);
        store(c, ci + 1, s1, accumulate);
        store(c, ci + 2, s2, accumulate);
        store(c, ci + 3, s3, accumulate);
      }
    }
    for (int j = n4; j < n; j++) {
      int i = 0;
      for (; i + 4 <= m; i += 4) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int ai = aOff + i * aRs;
        int bi = bOff + j * bCs;
        for (int p = 0; p < k; p++) {
          double bv = b[bi];
          s0 += a[ai] * bv;
          s1 += a[ai + aRs] * bv;
          s2 += a[ai + 2 * aRs] * bv;
          s3 += a[ai + 3 * aRs] * bv;
          ai += aCs;
          bi += bRs;
        }
        int ci = cOff + i * ldc + j;
        store(c, ci, s0, accumulate);
        store(c, ci + ldc, s1, accumulate);
        store(c, ci + 2 * ldc, s2, accumulate);
        store(c, ci + 3 * ldc, s3, accumulate);
      }
      for (; i < m; i++) {
        double sum = 0;
        int ai = aOff + i * aRs;
        int bi = bOff + j * bCs;
        for (int p = 0; p < k; p++) {
          sum += a[ai] * b[bi];
          ai += aCs;
          bi += bRs;
        }
        store(c, cOff + i * ldc + j, sum, accumulate);
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
