package io.frontier.tensor;

import io.frontier.tensor.backend.Backend;
import io.frontier.tensor.cpu.CpuStorage;

/** Copies, dtype casts, device moves and host transfers. */
final class Copies {
  private Copies() {}

  static Tensor clone(Tensor t) {
    Tensor out = Creation.emptyOn(t, t.dtype(), t.shape.clone());
    if (out.numel() > 0) t.backend().copy(t, out);
    if (Grad.shouldRecord(t)) Grad.record("clone", out, new Tensor[] {t});
    return out;
  }

  static Tensor toDType(Tensor t, DType dtype) {
    if (t.dtype() == dtype) return t;
    Tensor out = Creation.emptyOn(t, dtype, t.shape.clone());
    if (out.numel() > 0) t.backend().copy(t, out);
    if (dtype.isFloatingPoint() && Grad.shouldRecord(t)) Grad.record("toDType", out, new Tensor[] {t});
    return out;
  }

  static Tensor toDevice(Tensor t, Device device) {
    if (t.device().equals(device)) return t;
    if (Grad.shouldRecord(t)) {
      Tensor out;
      try (Grad.Scope s = Grad.noGrad()) {
        out = toDevice(t, device);
      }
      return Grad.record("toDevice", out, new Tensor[] {t});
    }
    Tensor src = t.contiguous();
    int n = src.numel();
    if (src.device().isCpu()) {
      Backend dstBackend = Backends.forDevice(device);
      Storage storage = dstBackend.allocateUninitialized(t.dtype(), n, device);
      if (n > 0) dstBackend.copyFromHost(((CpuStorage) src.storage).data(), src.offset, storage, 0, n);
      return new Tensor(storage, t.shape.clone(), Shapes.contiguousStrides(t.shape), 0);
    }
    Object host = hostArray(t.dtype(), n);
    if (n > 0) src.backend().copyToHost(src.storage, src.offset, host, 0, n);
    Tensor onCpu = Creation.fromArray(host, t.shape);
    return device.isCpu() ? onCpu : toDevice(onCpu, device);
  }

  static Object hostArray(DType dtype, int n) {
    return switch (dtype) {
      case FLOAT32 -> new float[n];
      case FLOAT64 -> new double[n];
      case INT64 -> new long[n];
      case BOOL -> new boolean[n];
    };
  }

  /** A fresh host array of the tensor's values in row-major order, converted to {@code dtype}. */
  static Object toHostArray(Tensor t, DType dtype) {
    Tensor cpu = toDevice(t, Device.CPU);
    Tensor converted = Creation.empty(t.shape, dtype, Device.CPU);
    if (converted.numel() > 0) cpu.backend().copy(cpu, converted);
    return ((CpuStorage) converted.storage).data();
  }

  /** {@code dst[...] = src} broadcast to dst's shape, cast to dst's dtype, moved to dst's device. */
  static void copyInto(Tensor dst, Tensor src) {
    checkWritable("copy_", dst);
    if (!Shapes.broadcastsTo(src.shape, dst.shape)) {
      throw new IllegalArgumentException(
          "copy_: source shape " + Shapes.str(src.shape) + " cannot be broadcast to destination shape " + Shapes.str(dst.shape));
    }
    Tensor s = src.device().equals(dst.device()) ? src : toDevice(src, dst.device());
    s = Overlap.unaliased(dst, s);
    if (dst.numel() > 0) dst.backend().copy(Views.expand(s, dst.shape), dst);
    dst.storage.bumpVersion();
  }

  static void fill(Tensor dst, double value) {
    checkWritable("fill_", dst);
    if (dst.numel() > 0) dst.backend().fill(dst, value);
    dst.storage.bumpVersion();
  }

  /** In-place writes into an expanded view would write one element many times: PyTorch refuses them too. */
  static void checkWritable(String op, Tensor dst) {
    if (Shapes.hasInternalOverlap(dst.shape, dst.strides)) {
      throw new IllegalArgumentException(
          op + ": unsupported operation: more than one element of the written-to tensor refers to a single memory location "
              + "(shape " + Shapes.str(dst.shape) + ", strides " + Shapes.str(dst.strides) + "); clone() it first");
    }
  }
}
