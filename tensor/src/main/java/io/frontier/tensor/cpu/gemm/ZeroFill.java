package io.frontier.tensor.cpu.gemm;

import java.util.Arrays;

/** Clears the m×n block C(i,j) = c[cOff + i*ldc + j]: the result of a product with k = 0. */
final class ZeroFill {
  private ZeroFill() {}

  static void zero(float[] c, int cOff, int ldc, int m, int n) {
    for (int i = 0; i < m; i++) Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
  }

  static void zero(double[] c, int cOff, int ldc, int m, int n) {
    for (int i = 0; i < m; i++) Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0.0);
  }
}
