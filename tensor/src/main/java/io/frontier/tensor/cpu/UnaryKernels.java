package io.frontier.tensor.cpu;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.UnaryOp;

/**
 * Elementwise unary ops on the CPU. Contiguous float rows go to the Vector API loops when they
 * are available, or to plain loops the JIT can auto-vectorise; every other case runs the op's
 * float64 definition ({@link UnaryOp#apply}) element by element.
 */
final class UnaryKernels {
  /** Elements per thread chunk: transcendental ops are worth splitting earlier than copies. */
  private static final int GRAIN = 1 << 14;

  private UnaryKernels() {}

  static void run(UnaryOp op, Tensor in, Tensor out) {
    boolean flat = out.isContiguous() && in.isContiguous() && op.domain() != UnaryOp.Domain.PREDICATE
        && (in.dtype() == DType.FLOAT32 || in.dtype() == DType.FLOAT64);
    if (flat) {
      Object a = ((CpuStorage) in.storage()).data();
      Object o = ((CpuStorage) out.storage()).data();
      int io = in.storageOffset();
      int oo = out.storageOffset();
      if (in.dtype() == DType.FLOAT32) {
        Parallel.forRange(out.numel(), GRAIN, (s, e) -> f32Row(op, (float[]) a, io + s, 1, (float[]) o, oo + s, 1, e - s));
      } else {
        Parallel.forRange(out.numel(), GRAIN, (s, e) -> f64Row(op, (double[]) a, io + s, 1, (double[]) o, oo + s, 1, e - s));
      }
      return;
    }
    StridedLoop loop = StridedLoop.of(out.shape(), out, in);
    int os = loop.innerStride(0);
    int is = loop.innerStride(1);
    Object a = ((CpuStorage) in.storage()).data();
    Object o = ((CpuStorage) out.storage()).data();
    boolean predicate = op.domain() == UnaryOp.Domain.PREDICATE;
    DType dtype = in.dtype();
    if (predicate) {
      boolean[] ob = (boolean[]) o;
      loop.forEach(GRAIN, (offs, n) -> predicateRow(op, dtype, a, offs[1], is, ob, offs[0], os, n));
      return;
    }
    switch (dtype) {
      case FLOAT32 -> loop.forEach(GRAIN, (offs, n) -> f32Row(op, (float[]) a, offs[1], is, (float[]) o, offs[0], os, n));
      case FLOAT64 -> loop.forEach(GRAIN, (offs, n) -> f64Row(op, (double[]) a, offs[1], is, (double[]) o, offs[0], os, n));
      case INT64 -> loop.forEach(GRAIN, (offs, n) -> {
        long[] x = (long[]) a;
        long[] y = (long[]) o;
        for (int i = 0; i < n; i++) y[offs[0] + i * os] = op.applyLong(x[offs[1] + i * is]);
      });
      case BOOL -> throw new IllegalArgumentException(op.opName() + ": not supported for bool tensors");
    }
  }

  static void f32Row(UnaryOp op, float[] a, int ao, int as, float[] o, int oo, int os, int n) {
    if (as == 1 && os == 1) {
      if (VectorSupport.available() && VectorUnaryF32.apply(op, a, ao, o, oo, n)) return;
      if (ScalarUnary.f32(op, a, ao, o, oo, n)) return;
    }
    for (int i = 0; i < n; i++) o[oo + i * os] = (float) op.apply(a[ao + i * as]);
  }

  static void f64Row(UnaryOp op, double[] a, int ao, int as, double[] o, int oo, int os, int n) {
    if (as == 1 && os == 1) {
      if (VectorSupport.available() && VectorUnaryF64.apply(op, a, ao, o, oo, n)) return;
      if (ScalarUnary.f64(op, a, ao, o, oo, n)) return;
    }
    for (int i = 0; i < n; i++) o[oo + i * os] = op.apply(a[ao + i * as]);
  }

  private static void predicateRow(UnaryOp op, DType dtype, Object a, int ao, int as, boolean[] o, int oo, int os, int n) {
    switch (dtype) {
      case FLOAT32 -> { float[] x = (float[]) a; for (int i = 0; i < n; i++) o[oo + i * os] = op.apply(x[ao + i * as]) != 0; }
      case FLOAT64 -> { double[] x = (double[]) a; for (int i = 0; i < n; i++) o[oo + i * os] = op.apply(x[ao + i * as]) != 0; }
      case INT64 -> { long[] x = (long[]) a; for (int i = 0; i < n; i++) o[oo + i * os] = op.applyLong(x[ao + i * as]) != 0; }
      case BOOL -> { boolean[] x = (boolean[]) a; for (int i = 0; i < n; i++) o[oo + i * os] = op.applyLong(x[ao + i * as] ? 1 : 0) != 0; }
    }
  }
}
