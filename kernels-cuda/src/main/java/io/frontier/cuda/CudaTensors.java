package io.frontier.cuda;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import jcuda.driver.CUdeviceptr;

/** Small conversions from tensors to kernel arguments. */
public final class CudaTensors {
  private CudaTensors() {}

  /** The device address of the view's first element. */
  public static CUdeviceptr ptr(Tensor t) {
    if (!(t.storage() instanceof CudaStorage s)) {
      throw new IllegalArgumentException("expected a CUDA tensor, got one on " + t.device());
    }
    return s.pointer(t.storageOffset());
  }

  /** The kernel-name suffix of a dtype: f32, f64, i64 or bool. */
  public static String suffix(DType dtype) {
    return switch (dtype) {
      case FLOAT32 -> "f32";
      case FLOAT64 -> "f64";
      case INT64 -> "i64";
      case BOOL -> "bool";
    };
  }

  /** {@code value} boxed as the kernel parameter type of {@code dtype}. */
  public static Object scalarArg(DType dtype, double value) {
    return switch (dtype) {
      case FLOAT32 -> (float) value;
      case FLOAT64 -> value;
      case INT64 -> (long) value;
      case BOOL -> (byte) (value != 0 ? 1 : 0);
    };
  }

  /** 1 when every view is dense row-major, so a kernel may index all of them by the linear index. */
  public static int allDense(int[]... descs) {
    for (int[] d : descs) if (!StridedDesc.isDense(d)) return 0;
    return 1;
  }
}
