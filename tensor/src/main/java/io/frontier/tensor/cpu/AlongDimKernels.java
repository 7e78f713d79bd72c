package io.frontier.tensor.cpu;

import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.IndexReduceOp;
import io.frontier.tensor.backend.ScanOp;

/** Kernels that work along one dim: arg-reductions and inclusive scans. */
final class AlongDimKernels {
  private AlongDimKernels() {}

  /** Max or min along {@code dim} with the index of its first occurrence; a NaN wins and stays. */
  static void reduceWithIndex(IndexReduceOp op, Tensor in, int dim, Tensor values, Tensor indices) {
    DimSlices slices = DimSlices.of(in.shape(), dim, in, values, indices);
    int n = slices.length();
    int s = slices.stride(0);
    Object a = ((CpuStorage) in.storage()).data();
    Object v = ((CpuStorage) values.storage()).data();
    long[] idx = ((CpuStorage) indices.storage()).longs();
    boolean max = op == IndexReduceOp.MAX;
    slices.forEach(st -> {
      int best = 0;
      switch (in.dtype()) {
        case FLOAT32 -> {
          float[] x = (float[]) a;
          float b = x[st[0]];
          for (int i = 1; i < n && b == b; i++) {
            float c = x[st[0] + i * s];
            if (c != c || (max ? c > b : c < b)) { b = c; best = i; }
          }
          ((float[]) v)[st[1]] = b;
        }
        case FLOAT64 -> {
          double[] x = (double[]) a;
          double b = x[st[0]];
          for (int i = 1; i < n && b == b; i++) {
            double c = x[st[0] + i * s];
            if (c != c || (max ? c > b : c < b)) { b = c; best = i; }
          }
          ((double[]) v)[st[1]] = b;
        }
        case INT64 -> {
          long[] x = (long[]) a;
          long b = x[st[0]];
          for (int i = 1; i < n; i++) {
            long c = x[st[0] + i * s];
            if (max ? c > b : c < b) { b = c; best = i; }
          }
          ((long[]) v)[st[1]] = b;
        }
        case BOOL -> {
          boolean[] x = (boolean[]) a;
          boolean b = x[st[0]];
          for (int i = 1; i < n; i++) {
            boolean c = x[st[0] + i * s];
            if (max ? (c && !b) : (!c && b)) { b = c; best = i; }
          }
          ((boolean[]) v)[st[1]] = b;
        }
      }
      idx[st[2]] = best;
    });
  }

  /** Inclusive cumulative sum or product; float32 accumulates in float64 as PyTorch's CPU kernel does. */
  static void scan(ScanOp op, Tensor in, int dim, Tensor out) {
    DimSlices slices = DimSlices.of(in.shape(), dim, in, out);
    int n = slices.length();
    int si = slices.stride(0);
    int so = slices.stride(1);
    Object a = ((CpuStorage) in.storage()).data();
    Object o = ((CpuStorage) out.storage()).data();
    boolean sum = op == ScanOp.CUMSUM;
    slices.forEach(st -> {
      switch (in.dtype()) {
        case FLOAT32 -> {
          float[] x = (float[]) a;
          float[] y = (float[]) o;
          double acc = sum ? 0 : 1;
          for (int i = 0; i < n; i++) {
            acc = sum ? acc + x[st[0] + i * si] : acc * x[st[0] + i * si];
            y[st[1] + i * so] = (float) acc;
          }
        }
        case FLOAT64 -> {
          double[] x = (double[]) a;
          double[] y = (double[]) o;
          double acc = sum ? 0 : 1;
          for (int i = 0; i < n; i++) {
            acc = sum ? acc + x[st[0] + i * si] : acc * x[st[0] + i * si];
            y[st[1] + i * so] = acc;
          }
        }
        case INT64 -> {
          long[] x = (long[]) a;
          long[] y = (long[]) o;
          long acc = sum ? 0 : 1;
          for (int i = 0; i < n; i++) {
            acc = sum ? acc + x[st[0] + i * si] : acc * x[st[0] + i * si];
            y[st[1] + i * so] = acc;
          }
        }
        default -> throw new IllegalStateException(op.opName() + ": unexpected dtype " + in.dtype());
      }
    });
  }
}
