package io.frontier.tensor;

import io.frontier.tensor.backend.Backend;
import io.frontier.tensor.cpu.CpuStorage;

/** Factories behind {@code Tensor.zeros}, {@code arange}, {@code eye}, {@code of}, ... */
final class Creation {
  private Creation() {}

  /** Undefined contents (zeros on the CPU): for outputs written in full. */
  static Tensor empty(int[] shape, DType dtype, Device device) {
    return allocate(shape, dtype, device, false);
  }

  static Tensor full(int[] shape, double value, DType dtype, Device device) {
    Tensor t = allocate(shape, dtype, device, value == 0.0);
    if (value != 0.0 && t.numel() > 0) t.backend().fill(t, value);
    return t;
  }

  private static Tensor allocate(int[] shape, DType dtype, Device device, boolean zeroed) {
    Shapes.checkNonNegative("empty", shape);
    int n = Shapes.numel(shape);
    Backend backend = Backends.forDevice(device);
    Storage storage = zeroed ? backend.allocate(dtype, n, device) : backend.allocateUninitialized(dtype, n, device);
    return new Tensor(storage, shape.clone(), Shapes.contiguousStrides(shape), 0);
  }

  /** Output of an op, which writes it in full: a fresh contiguous tensor on the given tensor's device. */
  static Tensor emptyOn(Tensor like, DType dtype, int[] shape) {
    Storage storage = like.backend().allocateUninitialized(dtype, Shapes.numel(shape), like.device());
    return new Tensor(storage, shape, Shapes.contiguousStrides(shape), 0);
  }

  /** A 0-d float64 tensor that stands for a Java double in an op (see {@link TypePromotion}). */
  static Tensor wrap(double value) {
    return new Tensor(new CpuStorage(new double[] {value}), Shapes.SCALAR, Shapes.SCALAR, 0, true);
  }

  /** A 0-d int64 tensor that stands for a Java long in an op. */
  static Tensor wrap(long value) {
    return new Tensor(new CpuStorage(new long[] {value}), Shapes.SCALAR, Shapes.SCALAR, 0, true);
  }

  /** Wraps an array as a CPU tensor (no copy). */
  static Tensor fromArray(Object data, int[] shape) {
    CpuStorage storage = new CpuStorage(data);
    Shapes.checkNonNegative("fromArray", shape);
    int n = Shapes.numel(shape);
    if (n != storage.numel()) {
      throw new IllegalArgumentException(
          "fromArray: shape " + Shapes.str(shape) + " needs " + n + " elements but the array has " + storage.numel());
    }
    return new Tensor(storage, shape.clone(), Shapes.contiguousStrides(shape), 0);
  }

  static Object copyArray(Object data) {
    if (data instanceof float[] a) return a.clone();
    if (data instanceof double[] a) return a.clone();
    if (data instanceof long[] a) return a.clone();
    if (data instanceof boolean[] a) return a.clone();
    throw new IllegalArgumentException(
        "fromArray: expected a float[], double[], long[] or boolean[] array, got " + (data == null ? "null" : data.getClass().getSimpleName()));
  }

  static Tensor fromRows(float[][] rows) {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    float[] data = new float[rows.length * cols];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != cols) {
        throw new IllegalArgumentException("of: row " + i + " has " + rows[i].length + " elements, expected " + cols);
      }
      System.arraycopy(rows[i], 0, data, i * cols, cols);
    }
    return fromArray(data, new int[] {rows.length, cols});
  }

  static Tensor fromRows(double[][] rows) {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    double[] data = new double[rows.length * cols];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != cols) {
        throw new IllegalArgumentException("of: row " + i + " has " + rows[i].length + " elements, expected " + cols);
      }
      System.arraycopy(rows[i], 0, data, i * cols, cols);
    }
    return fromArray(data, new int[] {rows.length, cols});
  }

  static Tensor arange(long start, long end, long step) {
    if (step == 0) throw new IllegalArgumentException("arange: step must be nonzero");
    if ((step > 0 && end < start) || (step < 0 && end > start)) {
      throw new IllegalArgumentException("arange: upper bound and larger bound inconsistent with step sign (start=" + start + ", end=" + end + ", step=" + step + ")");
    }
    long n = step > 0 ? Math.floorDiv(end - start + step - 1, step) : Math.floorDiv(start - end - step - 1, -step);
    if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("arange: " + n + " elements is too many");
    long[] data = new long[(int) n];
    for (int i = 0; i < n; i++) data[i] = start + i * step;
    return fromArray(data, new int[] {(int) n});
  }

  static Tensor arange(double start, double end, double step, DType dtype) {
    if (step == 0) throw new IllegalArgumentException("arange: step must be nonzero");
    if (!Double.isFinite(start) || !Double.isFinite(end)) {
      throw new IllegalArgumentException("arange: unsupported range " + start + " -> " + end);
    }
    if ((step > 0 && end < start) || (step < 0 && end > start)) {
      throw new IllegalArgumentException("arange: upper bound and larger bound inconsistent with step sign (start=" + start + ", end=" + end + ", step=" + step + ")");
    }
    double size = Math.ceil((end - start) / step);
    if (size > Integer.MAX_VALUE) throw new IllegalArgumentException("arange: " + size + " elements is too many");
    int n = (int) size;
    double[] data = new double[n];
    for (int i = 0; i < n; i++) data[i] = start + i * step;
    return fromArray(data, new int[] {n}).to(dtype);
  }

  /** PyTorch's linspace: the first half steps up from start, the second half steps down from end. */
  static Tensor linspace(double start, double end, int steps, DType dtype) {
    if (steps < 0) throw new IllegalArgumentException("linspace: number of steps must be non-negative, got " + steps);
    double[] data = new double[steps];
    if (steps == 1) {
      data[0] = start;
    } else if (steps > 1) {
      double step = (end - start) / (steps - 1);
      int half = steps / 2;
      for (int i = 0; i < steps; i++) {
        data[i] = i < half ? start + step * i : end - step * (steps - i - 1);
      }
    }
    return fromArray(data, new int[] {steps}).to(dtype);
  }

  static Tensor eye(int n, int m, DType dtype) {
    if (n < 0 || m < 0) throw new IllegalArgumentException("eye: sizes must be non-negative, got " + n + " and " + m);
    Tensor t = full(new int[] {n, m}, 0.0, dtype, Device.CPU);
    if (Math.min(n, m) > 0) t.diagonal().fill_(1.0);
    return t;
  }
}
