package io.frontier.tensor.cpu;

import io.frontier.tensor.backend.BinaryOp;

/**
 * Plain-Java loops for float arithmetic on contiguous rows, the path without the Vector API; one
 * loop per op so the JIT auto-vectorises each.
 */
final class ScalarBinary {
  private ScalarBinary() {}

  static boolean f32(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
    switch (op) {
      case ADD -> { for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] + b[bo + i]; }
      case SUB -> { for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] - b[bo + i]; }
      case MUL -> { for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] * b[bo + i]; }
      case DIV -> { for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] / b[bo + i]; }
      default -> { return false; }
    }
    return true;
  }

  static boolean f64(BinaryOp op, double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) {
    switch (op) {
      case ADD -> { for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] + b[bo + i]; }
      case SUB -> { for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] - b[bo + i]; }
      case MUL -> { for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] * b[bo + i]; }
      case DIV -> { for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] / b[bo + i]; }
      default -> { return false; }
    }
    return true;
  }
}
