package io.frontier.tensor.cpu;

import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Storage;
import io.frontier.tensor.backend.Backend;

/** Host storage backed by a Java array: float[], double[], long[] or boolean[]. */
public final class CpuStorage extends Storage {
  private final Object data;

  public CpuStorage(Object data) {
    super(dtypeOf(data), lengthOf(data));
    this.data = data;
  }

  /** Allocates a zero-filled array. */
  public static CpuStorage allocate(DType dtype, int numel) {
    return new CpuStorage(switch (dtype) {
      case FLOAT32 -> new float[numel];
      case FLOAT64 -> new double[numel];
      case INT64 -> new long[numel];
      case BOOL -> new boolean[numel];
    });
  }

  public static DType dtypeOf(Object array) {
    if (array instanceof float[]) return DType.FLOAT32;
    if (array instanceof double[]) return DType.FLOAT64;
    if (array instanceof long[]) return DType.INT64;
    if (array instanceof boolean[]) return DType.BOOL;
    throw new IllegalArgumentException(
        "expected a float[], double[], long[] or boolean[] array, got " + (array == null ? "null" : array.getClass().getSimpleName()));
  }

  private static int lengthOf(Object array) {
    if (array instanceof float[] a) return a.length;
    if (array instanceof double[] a) return a.length;
    if (array instanceof long[] a) return a.length;
    return ((boolean[]) array).length;
  }

  /** The backing array. */
  public Object data() {
    return data;
  }

  public float[] floats() {
    return (float[]) data;
  }

  public double[] doubles() {
    return (double[]) data;
  }

  public long[] longs() {
    return (long[]) data;
  }

  public boolean[] bools() {
    return (boolean[]) data;
  }

  @Override
  public Device device() {
    return Device.CPU;
  }

  @Override
  public Backend backend() {
    return CpuBackend.INSTANCE;
  }
}
