package io.frontier.tensor.cpu.gemm;

/**
 * The textbook triple loop, one dot product per element of C, accumulated in {@code double}: the
 * reference the fast kernels are tested against and the "naive" peer in benchmarks. It takes the
 * same strided operands as {@link Gemm#sgemm}, so A(i,p) = a[aOff + i*aRowStride + p*aColStride],
 * B(p,j) = b[bOff + p*bRowStride + j*bColStride] and C(i,j) = c[cOff + i*ldc + j], with A m×k, B k×n
 * and C m×n. It does no blocking and no argument checking beyond what the array accesses do.
 */
public final class NaiveGemm {
  private NaiveGemm() {}

  /** C = A·B, or C += A·B when {@code accumulate}; the sum is formed in double and rounded once. */
  public static void sgemm(int m, int n, int k,
      float[] a, int aOff, int aRowStride, int aColStride,
      float[] b, int bOff, int bRowStride, int bColStride,
      float[] c, int cOff, int ldc, boolean accumulate) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double sum = accumulate ? c[cOff + i * ldc + j] : 0.0;
        for (int p = 0; p < k; p++) {
          sum += (double) a[aOff + i * aRowStride + p * aColStride] * b[bOff + p * bRowStride + j * bColStride];
        }
        c[cOff + i * ldc + j] = (float) sum;
      }
    }
  }

  /** C = A·B, or C += A·B when {@code accumulate}. */
  public static void dgemm(int m, int n, int k,
      double[] a, int aOff, int aRowStride, int aColStride,
      double[] b, int bOff, int bRowStride, int bColStride,
      double[] c, int cOff, int ldc, boolean accumulate) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double sum = accumulate ? c[cOff + i * ldc + j] : 0.0;
        for (int p = 0; p < k; p++) {
          sum += a[aOff + i * aRowStride + p * aColStride] * b[bOff + p * bRowStride + j * bColStride];
        }
        c[cOff + i * ldc + j] = sum;
      }
    }
  }
}
