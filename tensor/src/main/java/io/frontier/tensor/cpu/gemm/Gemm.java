package io.frontier.tensor.cpu.gemm;

/** Temporary naive GEMM until the blocked kernels land (same signatures). */
public final class Gemm {
  private Gemm() {}

  public static void sgemm(int m, int n, int k, float[] a, int aOff, int aRowStride, int aColStride,
      float[] b, int bOff, int bRowStride, int bColStride, float[] c, int cOff, int ldc, boolean accumulate, boolean parallel) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) s += a[aOff + i * aRowStride + p * aColStride] * b[bOff + p * bRowStride + j * bColStride];
        c[cOff + i * ldc + j] = accumulate ? c[cOff + i * ldc + j] + (float) s : (float) s;
      }
    }
  }

  public static void dgemm(int m, int n, int k, double[] a, int aOff, int aRowStride, int aColStride,
      double[] b, int bOff, int bRowStride, int bColStride, double[] c, int cOff, int ldc, boolean accumulate, boolean parallel) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) s += a[aOff + i * aRowStride + p * aColStride] * b[bOff + p * bRowStride + j * bColStride];
        c[cOff + i * ldc + j] = accumulate ? c[cOff + i * ldc + j] + s : s;
      }
    }
  }

  public static String implementation() {
    return "naive";
  }
}
