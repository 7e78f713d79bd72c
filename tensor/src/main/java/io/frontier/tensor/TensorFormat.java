package io.frontier.tensor;

/**
 * {@code toString} in PyTorch's style: {@code tensor([[1.0000, 2.0000], ...])}, summarised with
 * "..." beyond 1000 elements, with the dtype and device appended when they are not the defaults.
 */
final class TensorFormat {
  private static final int SUMMARY_THRESHOLD = 1000;
  private static final int EDGE = 3;

  private TensorFormat() {}

  static String format(Tensor t) {
    Tensor cpu = t.to(Device.CPU);
    double[] values = cpu.to(DType.FLOAT64).toDoubleArray();
    boolean summarize = values.length > SUMMARY_THRESHOLD;
    Formatter f = new Formatter(t.dtype(), values);
    StringBuilder sb = new StringBuilder("tensor(");
    appendDim(sb, values, t.shape, 0, 0, Shapes.contiguousStrides(t.shape), f, summarize, 7);
    if (t.numel() == 0 && t.dim() > 1) sb.append(", size=").append(Shapes.str(t.shape));
    boolean defaultType = t.dtype() == DType.FLOAT32 || t.dtype() == DType.INT64 || t.dtype() == DType.BOOL;
    if (!t.device().isCpu()) sb.append(", device='").append(t.device()).append('\'');
    if (!defaultType || (t.numel() == 0 && t.dtype() != DType.FLOAT32)) sb.append(", dtype=torch.").append(t.dtype());
    return sb.append(')').toString();
  }

  private static void appendDim(StringBuilder sb, double[] v, int[] shape, int dim, int offset, int[] strides, Formatter f, boolean summarize, int indent) {
    if (dim == shape.length) {
      sb.append(f.format(v[offset]));
      return;
    }
    sb.append('[');
    int n = shape[dim];
    for (int i = 0; i < n; i++) {
      if (summarize && n > 2 * EDGE && i == EDGE) {
        sb.append(dim == shape.length - 1 ? "..., " : "...,\n" + " ".repeat(indent + 1));
        i = n - EDGE;
      }
      appendDim(sb, v, shape, dim + 1, offset + i * strides[dim], strides, f, summarize, indent + 1);
      if (i < n - 1) {
        if (dim == shape.length - 1) sb.append(", ");
        else sb.append(",\n".repeat(shape.length - dim - 1)).append(" ".repeat(indent + 1));
      }
    }
    sb.append(']');
  }

  /** Chooses fixed or scientific notation for all elements at once, as PyTorch does. */
  private static final class Formatter {
    private final DType dtype;
    private final boolean scientific;
    private final boolean integral;

    Formatter(DType dtype, double[] values) {
      this.dtype = dtype;
      double maxAbs = 0;
      double minAbs = Double.POSITIVE_INFINITY;
      boolean allInts = true;
      for (double x : values) {
        if (!Double.isFinite(x)) continue;
        double a = Math.abs(x);
        if (a > maxAbs) maxAbs = a;
        if (a > 0 && a < minAbs) minAbs = a;
        if (x != Math.rint(x)) allInts = false;
      }
      this.integral = allInts;
      this.scientific = dtype.isFloatingPoint() && maxAbs > 0 && (maxAbs / minAbs > 1000 || maxAbs > 1e8 || minAbs < 1e-4);
    }

    String format(double x) {
      if (dtype == DType.BOOL) return x != 0 ? "True" : "False";
      if (dtype == DType.INT64) return Long.toString((long) x);
      if (Double.isNaN(x)) return "nan";
      if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
      if (scientific) return String.format(java.util.Locale.ROOT, "%.4e", x);
      if (integral) return String.format(java.util.Locale.ROOT, "%.0f.", x);
      return String.format(java.util.Locale.ROOT, "%.4f", x);
    }
  }
}
