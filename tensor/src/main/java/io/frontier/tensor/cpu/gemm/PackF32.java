package io.frontier.tensor.cpu.gemm;

import java.util.Arrays;

/**
 * Copies blocks of the float32 operands into the contiguous layouts the micro-kernels stream
 * through. Packing reads through the caller's strides, so a transposed or broadcast operand costs
 * nothing extra: after packing every kernel sees unit-stride data. Ragged edges are zero-padded,
 * so kernels always compute full tiles and only the write-back into C looks at the true size.
 */
final class PackF32 {
  /** Elements per 64-byte cache line. */
  private static final int LINE = 16;

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
        if (rows == 4 && height == 4) {
          // The kernels' four-row panels: one pass over four source rows with sequential writes
          // ran twice as fast as four passes with strided writes.
          int s0 = off + i0 * rs;
          int s1 = s0 + rs;
          int s2 = s1 + rs;
          int s3 = s2 + rs;
          for (int p = 0; p < kc; p++) {
            int d = base + 4 * p;
            int o = p * cs;
            dst[d] = a[s0 + o];
            dst[d + 1] = a[s1 + o];
            dst[d + 2] = a[s2 + o];
            dst[d + 3] = a[s3 + o];
          }
          continue;
        }
        for (int r = 0; r < rows; r++) {
          int src = off + (i0 + r) * rs;
          for (int p = 0; p < kc; p++) dst[base + p * height + r] = a[src + p * cs];
        }
        padRows(dst, base, kc, rows, height);
      }
    } else {
      // Transposed A: the source is contiguous along i. Copy one cache line of it (a few
      // micro-panels' worth of rows) for every p before moving on, so each source line is read
      // once and the writes form a few sequential streams. Sweeping all mc rows per p instead
      // scatters the writes over panels kc·height elements apart, a multiple of 4 KiB that
      // maps them all to the same L1 set: twice as slow here.
      int full = mc / height * height;
      int span = Math.max(height, LINE / height * height);
      for (int g = 0; g < full; g += span) {
        int gEnd = Math.min(full, g + span);
        for (int p = 0; p < kc; p++) {
          int src = off + p * cs;
          for (int i0 = g; i0 < gEnd; i0 += height) {
            int d = i0 * kc + p * height;
            int s = src + i0 * rs;
            for (int r = 0; r < height; r++) dst[d + r] = a[s + r * rs];
          }
        }
      }
      for (int p = 0; p < kc; p++) {
        for (int i = full; i < mc; i++) dst[full * kc + p * height + (i - full)] = a[off + p * cs + i * rs];
      }
      if (full < mc) padRows(dst, full * kc, kc, mc - full, height);
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
        // Transposed B: the source is contiguous along p, so read four columns side by side,
        // each a sequential stream, and write four adjacent values per row of the micro-panel.
        int j = 0;
        for (; j + 4 <= cols; j += 4) {
          int s0 = off + (j0 + j) * cs;
          int s1 = s0 + cs;
          int s2 = s1 + cs;
          int s3 = s2 + cs;
          for (int p = 0; p < kc; p++) {
            int d = base + p * width + j;
            int o = p * rs;
            dst[d] = b[s0 + o];
            dst[d + 1] = b[s1 + o];
            dst[d + 2] = b[s2 + o];
            dst[d + 3] = b[s3 + o];
          }
        }
        for (; j < cols; j++) {
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
