package io.frontier.tensor.cpu;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;

/**
 * Strided copies with dtype conversion, and fills. Conversions follow C/PyTorch: float to int64
 * truncates toward zero, anything to bool is {@code x != 0}, bool to numbers is 0 or 1.
 */
final class CopyKernels {
  private static final int GRAIN = 1 << 16;

  private CopyKernels() {}

  static void copy(Tensor src, Tensor dst) {
    StridedLoop loop = StridedLoop.of(dst.shape(), dst, src);
    int ds = loop.innerStride(0);
    int ss = loop.innerStride(1);
    Object in = ((CpuStorage) src.storage()).data();
    Object out = ((CpuStorage) dst.storage()).data();
    DType from = src.dtype();
    DType to = dst.dtype();
    loop.forEach(GRAIN, (offs, n) -> copyRow(from, in, offs[1], ss, to, out, offs[0], ds, n));
  }

  private static void copyRow(DType from, Object in, int io, int is, DType to, Object out, int oo, int os, int n) {
    if (from == to && is == 1 && os == 1) {
      System.arraycopy(in, io, out, oo, n);
      return;
    }
    switch (to) {
      case FLOAT32 -> {
        float[] o = (float[]) out;
        switch (from) {
          case FLOAT32 -> { float[] a = (float[]) in; for (int i = 0; i < n; i++) o[oo + i * os] = a[io + i * is]; }
          case FLOAT64 -> { double[] a = (double[]) in; for (int i = 0; i < n; i++) o[oo + i * os] = (float) a[io + i * is]; }
          case INT64 -> { long[] a = (long[]) in; for (int i = 0; i < n; i++) o[oo + i * os] = (float) a[io + i * is]; }
          case BOOL -> { boolean[] a = (boolean[]) in; for (int i = 0; i < n; i++) o[oo + i * os] = a[io + i * is] ? 1f : 0f; }
        }
      }
      case FLOAT64 -> {
        double[] o = (double[]) out;
        switch (from) {
          case FLOAT32 -> { float[] a = (float[]) in; for (int i = 0; i < n; i++) o[oo + i * os] = a[io + i * is]; }
          case FLOAT64 -> { double[] a = (double[]) in; for (int i = 0; i < n; i++) o[oo + i * os] = a[io + i * is]; }
          case INT64 -> { long[] a = (long[]) in; for (int i = 0; i < n; i++) o[oo + i * os] = (double) a[io + i * is]; }
          case BOOL -> { boolean[] a = (boolean[]) in; for (int i = 0; i < n; i++) o[oo + i * os] = a[io + i * is] ? 1.0 : 0.0; }
        }
      }
      case INT64 -> {
        long[] o = (long[]) out;
        switch (from) {
          case FLOAT32 -> { float[] a = (float[]) in; for (int i = 0; i < n; i++) o[oo + i * os] = (long) a[io + i * is]; }
          case FLOAT64 -> { double[] a = (double[]) in; for (int i = 0; i < n; i++) o[oo + i * os] = (long) a[io + i * is]; }
          case INT64 -> { long[] a = (long[]) in; for (int i = 0; i < n; i++) o[oo + i * os] = a[io + i * is]; }
          case BOOL -> { boolean[] a = (boolean[]) in; for (int i = 0; i < n; i++) o[oo + i * os] = a[io + i * is] ? 1L : 0L; }
        }
      }
      case BOOL -> {
        boolean[] o = (boolean[]) out;
        switch (from) {
          case FLOAT32 -> { float[] a = (float[]) in; for (int i = 0; i < n; i++) o[oo + i * os] = a[io + i * is] != 0; }
          case FLOAT64 -> { double[] a = (double[]) in; for (int i = 0; i < n; i++) o[oo + i * os] = a[io + i * is] != 0; }
          case INT64 -> { long[] a = (long[]) in; for (int i = 0; i < n; i++) o[oo + i * os] = a[io + i * is] != 0; }
          case BOOL -> { boolean[] a = (boolean[]) in; for (int i = 0; i < n; i++) o[oo + i * os] = a[io + i * is]; }
        }
      }
    }
  }

  static void fill(Tensor dst, double value) {
    StridedLoop loop = StridedLoop.of(dst.shape(), dst);
    int s = loop.innerStride(0);
    Object out = ((CpuStorage) dst.storage()).data();
    switch (dst.dtype()) {
      case FLOAT32 -> { float v = (float) value; float[] o = (float[]) out;
        loop.forEach(GRAIN, (offs, n) -> { if (s == 1) java.util.Arrays.fill(o, offs[0], offs[0] + n, v); else for (int i = 0; i < n; i++) o[offs[0] + i * s] = v; }); }
      case FLOAT64 -> { double[] o = (double[]) out;
        loop.forEach(GRAIN, (offs, n) -> { if (s == 1) java.util.Arrays.fill(o, offs[0], offs[0] + n, value); else for (int i = 0; i < n; i++) o[offs[0] + i * s] = value; }); }
      case INT64 -> fill(dst, (long) value);
      case BOOL -> { boolean v = value != 0; boolean[] o = (boolean[]) out;
        loop.forEach(GRAIN, (offs, n) -> { for (int i = 0; i < n; i++) o[offs[0] + i * s] = v; }); }
    }
  }

  static void fill(Tensor dst, long value) {
    if (dst.dtype() != DType.INT64) {
      fill(dst, (double) value);
      return;
    }
    StridedLoop loop = StridedLoop.of(dst.shape(), dst);
    int s = loop.innerStride(0);
    long[] o = ((CpuStorage) dst.storage()).longs();
    loop.forEach(GRAIN, (offs, n) -> { if (s == 1) java.util.Arrays.fill(o, offs[0], offs[0] + n, value); else for (int i = 0; i < n; i++) o[offs[0] + i * s] = value; });
  }
}
