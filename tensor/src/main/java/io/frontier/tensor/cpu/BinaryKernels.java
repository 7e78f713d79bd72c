package io.frontier.tensor.cpu;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.BinaryOp;

/**
 * Elementwise binary ops and {@code where} on the CPU. Rows with a contiguous output and
 * contiguous-or-scalar inputs take the Vector API loops (or plain auto-vectorisable loops without
 * it); everything else runs the op's scalar definition with strides.
 */
final class BinaryKernels {
  private static final int GRAIN = 1 << 15;

  private BinaryKernels() {}

  static void run(BinaryOp op, Tensor a, Tensor b, Tensor out) {
    if (out.isContiguous() && out.dtype() != DType.BOOL) {
      int as = FlatLayout.stride(a, out);
      int bs = FlatLayout.stride(b, out);
      if (as != FlatLayout.STRIDED && bs != FlatLayout.STRIDED) {
        runFlat(op, a, as, b, bs, out);
        return;
      }
    }
    StridedLoop loop = StridedLoop.of(out.shape(), out, a, b);
    int os = loop.innerStride(0);
    int as = loop.innerStride(1);
    int bs = loop.innerStride(2);
    Object x = ((CpuStorage) a.storage()).data();
    Object y = ((CpuStorage) b.storage()).data();
    Object o = ((CpuStorage) out.storage()).data();
    if (out.dtype() == DType.BOOL) {
      DType in = a.dtype();
      boolean[] ob = (boolean[]) o;
      loop.forEach(GRAIN, (offs, n) -> boolRow(op, in, x, offs[1], as, y, offs[2], bs, ob, offs[0], os, n));
      return;
    }
    switch (out.dtype()) {
      case FLOAT32 -> loop.forEach(GRAIN, (offs, n) -> f32Row(op, (float[]) x, offs[1], as, (float[]) y, offs[2], bs, (float[]) o, offs[0], os, n));
      case FLOAT64 -> loop.forEach(GRAIN, (offs, n) -> f64Row(op, (double[]) x, offs[1], as, (double[]) y, offs[2], bs, (double[]) o, offs[0], os, n));
      case INT64 -> loop.forEach(GRAIN, (offs, n) -> i64Row(op, (long[]) x, offs[1], as, (long[]) y, offs[2], bs, (long[]) o, offs[0], os, n));
      default -> throw new IllegalStateException(op.opName() + ": unexpected output dtype " + out.dtype());
    }
  }

  private static void runFlat(BinaryOp op, Tensor a, int as, Tensor b, int bs, Tensor out) {
    Object x = ((CpuStorage) a.storage()).data();
    Object y = ((CpuStorage) b.storage()).data();
    Object o = ((CpuStorage) out.storage()).data();
    int ao = a.storageOffset();
    int bo = b.storageOffset();
    int oo = out.storageOffset();
    int n = out.numel();
    switch (out.dtype()) {
      case FLOAT32 -> Parallel.forRange(n, GRAIN, (s, e) -> f32Row(op, (float[]) x, ao + s * as, as, (float[]) y, bo + s * bs, bs, (float[]) o, oo + s, 1, e - s));
      case FLOAT64 -> Parallel.forRange(n, GRAIN, (s, e) -> f64Row(op, (double[]) x, ao + s * as, as, (double[]) y, bo + s * bs, bs, (double[]) o, oo + s, 1, e - s));
      case INT64 -> Parallel.forRange(n, GRAIN, (s, e) -> i64Row(op, (long[]) x, ao + s * as, as, (long[]) y, bo + s * bs, bs, (long[]) o, oo + s, 1, e - s));
      default -> throw new IllegalStateException(op.opName() + ": unexpected output dtype " + out.dtype());
    }
  }

  private static boolean vectorizable(int as, int bs, int os) {
    return os == 1 && ((as == 1 && bs == 1) || (as == 1 && bs == 0) || (as == 0 && bs == 1));
  }

  static void f32Row(BinaryOp op, float[] a, int ao, int as, float[] b, int bo, int bs, float[] o, int oo, int os, int n) {
    if (vectorizable(as, bs, os)) {
      if (VectorSupport.available() && VectorBinaryF32.apply(op, a, ao, as, b, bo, bs, o, oo, n)) return;
      if (as == 1 && bs == 1 && ScalarBinary.f32(op, a, ao, b, bo, o, oo, n)) return;
    }
    for (int i = 0; i < n; i++) o[oo + i * os] = (float) op.apply(a[ao + i * as], b[bo + i * bs]);
  }

  static void f64Row(BinaryOp op, double[] a, int ao, int as, double[] b, int bo, int bs, double[] o, int oo, int os, int n) {
    if (vectorizable(as, bs, os)) {
      if (VectorSupport.available() && VectorBinaryF64.apply(op, a, ao, as, b, bo, bs, o, oo, n)) return;
      if (as == 1 && bs == 1 && ScalarBinary.f64(op, a, ao, b, bo, o, oo, n)) return;
    }
    for (int i = 0; i < n; i++) o[oo + i * os] = op.apply(a[ao + i * as], b[bo + i * bs]);
  }

  static void i64Row(BinaryOp op, long[] a, int ao, int as, long[] b, int bo, int bs, long[] o, int oo, int os, int n) {
    if (op == BinaryOp.ADD && as == 1 && bs == 1 && os == 1) {
      for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] + b[bo + i];
      return;
    }
    for (int i = 0; i < n; i++) o[oo + i * os] = op.applyLong(a[ao + i * as], b[bo + i * bs]);
  }

  /** Comparisons and logical ops: inputs of any dtype, bool output. */
  private static void boolRow(BinaryOp op, DType in, Object x, int ao, int as, Object y, int bo, int bs, boolean[] o, int oo, int os, int n) {
    switch (in) {
      case FLOAT32 -> { float[] a = (float[]) x; float[] b = (float[]) y;
        for (int i = 0; i < n; i++) o[oo + i * os] = op.apply(a[ao + i * as], b[bo + i * bs]) != 0; }
      case FLOAT64 -> { double[] a = (double[]) x; double[] b = (double[]) y;
        for (int i = 0; i < n; i++) o[oo + i * os] = op.apply(a[ao + i * as], b[bo + i * bs]) != 0; }
      case INT64 -> { long[] a = (long[]) x; long[] b = (long[]) y;
        for (int i = 0; i < n; i++) o[oo + i * os] = op.applyLong(a[ao + i * as], b[bo + i * bs]) != 0; }
      case BOOL -> { boolean[] a = (boolean[]) x; boolean[] b = (boolean[]) y;
        for (int i = 0; i < n; i++) o[oo + i * os] = op.applyLong(a[ao + i * as] ? 1 : 0, b[bo + i * bs] ? 1 : 0) != 0; }
    }
  }

  static void where(Tensor cond, Tensor a, Tensor b, Tensor out) {
    StridedLoop loop = StridedLoop.of(out.shape(), out, cond, a, b);
    int os = loop.innerStride(0);
    int cs = loop.innerStride(1);
    int as = loop.innerStride(2);
    int bs = loop.innerStride(3);
    boolean[] c = ((CpuStorage) cond.storage()).bools();
    Object x = ((CpuStorage) a.storage()).data();
    Object y = ((CpuStorage) b.storage()).data();
    Object o = ((CpuStorage) out.storage()).data();
    DType dtype = out.dtype();
    loop.forEach(GRAIN, (offs, n) -> {
      int oo = offs[0], co = offs[1], ao = offs[2], bo = offs[3];
      switch (dtype) {
        case FLOAT32 -> { float[] p = (float[]) x, q = (float[]) y, r = (float[]) o;
          for (int i = 0; i < n; i++) r[oo + i * os] = c[co + i * cs] ? p[ao + i * as] : q[bo + i * bs]; }
        case FLOAT64 -> { double[] p = (double[]) x, q = (double[]) y, r = (double[]) o;
          for (int i = 0; i < n; i++) r[oo + i * os] = c[co + i * cs] ? p[ao + i * as] : q[bo + i * bs]; }
        case INT64 -> { long[] p = (long[]) x, q = (long[]) y, r = (long[]) o;
          for (int i = 0; i < n; i++) r[oo + i * os] = c[co + i * cs] ? p[ao + i * as] : q[bo + i * bs]; }
        case BOOL -> { boolean[] p = (boolean[]) x, q = (boolean[]) y, r = (boolean[]) o;
          for (int i = 0; i < n; i++) r[oo + i * os] = c[co + i * cs] ? p[ao + i * as] : q[bo + i * bs]; }
      }
    });
  }
}
