package io.frontier.tensor.cpu.gemm;

import java.util.Arrays;

/**
 * Copies blocks of the float32 operands into the contiguous layouts the micro-kernels stream
 * through. Packing reads through the caller's strides, so a transposed or broadcast operand costs
 * nothing extra: after packing every kernel sees unit-stride data. Ragged edges are zero-padded,
 * so kernels always compute full tiles and only the write-back into C looks at the true size.
 */
final class PackF32 {
  private PackF32() {}

  /**
   * Packs the mc×kc block A(i,p) = a[off + i*rs + p*cs] into micro-panels of {@code height} rows:
   * row {@code q*height + r}, column p lands at {@code dst[q*height*kc + p*height + r]}, so the
   * kernel reads one column of a micro-panel (height values) per step of p. {@code dst} needs
   * roundUp(mc, height)·kc elements.
   */
  static void packA(float[] a, int off, int rs, int cs, int mc, int kc, int height, float[] dst) {
    if (cs <= rs) {
      // Row-major A: each source row is contiguous along p, read it once per micro-panel row.
      for (int i0 = 0; i0 < mc; i0 += height) {
        int rows = Math.min(height, mc - i0);
        int base = i0 * kc;
        for (int r = 0; r < rows; r++) {
          int src = off + (i0 + r) * rs;
          for (int p = 0; p < kc; p++) dst[base + p * height + r] = a[src + p * cs];
        }
        padRows(dst, base, kc, rows, height);
      }
    } else {
      // Transposed A: the source is contiguous along i, so sweep all of the block's rows for
      // each p; reading across micro-panels touches each source cache line once.
      for (int p = 0; p < kc; p++) {
        int src = off + p * cs;
        for (int i = 0; i < mc; i++) {
          int q = i / height;
          dst[q * height * kc + p * height + (i - q * height)] = a[src + i * rs];
        }
      }
      int i0 = mc / height * height;
      if (i0 < mc) padRows(dst, i0 * kc, kc, mc - i0, height);
    }
  }

  private static void padRows(float[] dst, int base, int kc, int rows, int height) {
    if (rows == height) return;
    for (int p = 0; p < kc; p++) Arrays.fill(dst, base + p * height + rows, base + (p + 1) * height, 0f);
  }

  /**
   * Packs the kc×nc block B(p,j) = b[off + p*rs + j*cs] into micro-panels of {@code width}
   * columns: row p, column {@code q*width + j} lands at {@code dst[q*width*kc + p*width + j]}, so
   * the kernel reads one row of a micro-panel (width values, a few whole vectors) per step of p.
   * With width ≥ nc this is simply the block in row-major order. {@code dst} needs
   * roundUp(nc, width)·kc elements.
   */
  static void packB(float[] b, int off, int rs, int cs, int kc, int nc, int width, float[] dst) {
    for (int j0 = 0; j0 < nc; j0 += width) {
      int cols = Math.min(width, nc - j0);
      int base = j0 * kc;
      if (cs == 1) {
        for (int p = 0; p < kc; p++) System.arraycopy(b, off + p * rs + j0, dst, base + p * width, cols);
      } else if (cs <= rs) {
        for (int p = 0; p < kc; p++) {
          int src = off + p * rs + j0 * cs;
          for (int j = 0; j < cols; j++) dst[base + p * width + j] = b[src + j * cs];
        }
      } else {
        // Transposed B: the source is contiguous along p, so read it column by column; the
        // strided writes stay within one micro-panel, which fits in L1/L2.
        for (int j = 0; j < cols; j++) {
          int src = off + (j0 + j) * cs;
          for (int p = 0; p < kc; p++) dst[base + p * width + j] = b[src + p * rs];
        }
      }
      if (cols < width) {
        for (int p = 0; p < kc; p++) Arrays.fill(dst, base + p * width + cols, base + (p + 1) * width, 0f);
      }
    }
  }
}
