package io.frontier.tensor.cpu.gemm;

/**
 * Checks a GEMM call before any work starts, so a bad shape fails with a message naming the
 * operand rather than with an index error from inside a kernel (possibly on another thread,
 * after part of C was written). Once these checks pass, no index the kernels form can overflow
 * an int: every one lies between an offset and the largest element index checked here.
 *
 * <p>{@link #valid} is a few compares, small enough for HotSpot to inline, because a 2×2 product
 * takes only ~15 ns; {@link #describeFailure} builds the message only once something is wrong.
 */
final class GemmArguments {
  private GemmArguments() {}

  /** True when all sizes, offsets and strides are legal and every operand fits in its array. */
  static boolean valid(int m, int n, int k,
      int aLength, int aOff, int aRowStride, int aColStride,
      int bLength, int bOff, int bRowStride, int bColStride,
      int cLength, int cOff, int ldc) {
    return (m | n | k) >= 0
        && fits(m, k, aLength, aOff, aRowStride, aColStride)
        && fits(k, n, bLength, bOff, bRowStride, bColStride)
        && (m <= 1 || ldc >= n)
        && fits(m, n, cLength, cOff, ldc, 1);
  }

  private static boolean fits(int rows, int cols, int length, int off, int rowStride, int colStride) {
    if ((off | rowStride | colStride) < 0) return false;
    return rows == 0 || cols == 0 || off + (long) (rows - 1) * rowStride + (long) (cols - 1) * colStride < length;
  }

  /** The exception for a call {@link #valid} rejected (or with a null array), naming the problem. */
  static RuntimeException describeFailure(String op, int m, int n, int k,
      Object a, int aLength, int aOff, int aRowStride, int aColStride,
      Object b, int bLength, int bOff, int bRowStride, int bColStride,
      Object c, int cLength, int cOff, int ldc) {
    if (a == null || b == null || c == null) {
      return new NullPointerException(op + ": array " + (a == null ? "a" : b == null ? "b" : "c") + " is null");
    }
    if (m < 0 || n < 0 || k < 0) {
      return new IllegalArgumentException(op + ": expected m, n, k >= 0, got m=" + m + ", n=" + n + ", k=" + k);
    }
    RuntimeException e = operand(op, "A", m, k, aLength, aOff, aRowStride, aColStride);
    if (e == null) e = operand(op, "B", k, n, bLength, bOff, bRowStride, bColStride);
    if (e == null && m > 1 && ldc < n) {
      e = new IllegalArgumentException(op + ": ldc=" + ldc + " is less than n=" + n + ", so rows of C would overlap");
    }
    if (e == null) e = operand(op, "C", m, n, cLength, cOff, ldc, 1);
    return e != null ? e : new IllegalStateException(op + ": arguments were rejected but no problem was found");
  }

  private static RuntimeException operand(String op, String name, int rows, int cols, int length, int off,
      int rowStride, int colStride) {
    if (off < 0 || rowStride < 0 || colStride < 0) {
      return new IllegalArgumentException(op + ": " + name + " offset and strides must be >= 0, got offset=" + off
          + ", row stride=" + rowStride + ", column stride=" + colStride);
    }
    if (rows == 0 || cols == 0) return null;
    long last = off + (long) (rows - 1) * rowStride + (long) (cols - 1) * colStride;
    if (last >= length) {
      return new IndexOutOfBoundsException(op + ": " + name + " is " + rows + "x" + cols + " at offset " + off
          + " with strides (" + rowStride + ", " + colStride + "), reaching index " + last
          + ", but its array has length " + length);
    }
    return null;
  }
}
