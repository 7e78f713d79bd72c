package io.frontier.tensor.cpu;

import io.frontier.tensor.backend.UnaryOp;

/**
 * Plain-Java loops for the commonest unary ops on contiguous rows: the path without the Vector
 * API, and the tail of {@link VectorUnaryF32} / {@link VectorUnaryF64} loops. Each op has its own
 * loop so the JIT compiles (and, for the simple ones, auto-vectorises) it separately; the other ops
 * use the float64 reference. exp, sigmoid and (float32) silu take the same IEEE steps as the Vector
 * API loops ({@link ScalarExp}, then one add and one divide), so both paths give the same bits.
 */
final class ScalarUnary {
  private ScalarUnary() {}

  static boolean f32(UnaryOp op, float[] a, int ao, float[] o, int oo, int n) {
    switch (op) {
      case NEG -> { for (int i = 0; i < n; i++) o[oo + i] = -a[ao + i]; }
      case ABS -> { for (int i = 0; i < n; i++) o[oo + i] = Math.abs(a[ao + i]); }
      case SQUARE -> { for (int i = 0; i < n; i++) { float x = a[ao + i]; o[oo + i] = x * x; } }
      case RELU -> { for (int i = 0; i < n; i++) { float x = a[ao + i]; o[oo + i] = x > 0 || x != x ? x : 0f; } }
      case EXP -> { for (int i = 0; i < n; i++) o[oo + i] = ScalarExp.f32(a[ao + i]); }
      case SIGMOID -> { for (int i = 0; i < n; i++) o[oo + i] = 1f / (1f + ScalarExp.f32(-a[ao + i])); }
      case SILU -> { for (int i = 0; i < n; i++) { float x = a[ao + i]; o[oo + i] = x / (1f + ScalarExp.f32(-x)); } }
      case LOG -> { for (int i = 0; i < n; i++) o[oo + i] = (float) Math.log(a[ao + i]); }
      case SQRT -> { for (int i = 0; i < n; i++) o[oo + i] = (float) Math.sqrt(a[ao + i]); }
      case TANH -> { for (int i = 0; i < n; i++) o[oo + i] = (float) Math.tanh(a[ao + i]); }
      default -> { return false; }
    }
    return true;
  }

  static boolean f64(UnaryOp op, double[] a, int ao, double[] o, int oo, int n) {
    switch (op) {
      case NEG -> { for (int i = 0; i < n; i++) o[oo + i] = -a[ao + i]; }
      case ABS -> { for (int i = 0; i < n; i++) o[oo + i] = Math.abs(a[ao + i]); }
      case SQUARE -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = x * x; } }
      case RELU -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = x > 0 || x != x ? x : 0.0; } }
      case EXP -> { for (int i = 0; i < n; i++) o[oo + i] = ScalarExp.f64(a[ao + i]); }
      case SIGMOID -> { for (int i = 0; i < n; i++) o[oo + i] = 1.0 / (1.0 + ScalarExp.f64(-a[ao + i])); }
      case LOG -> { for (int i = 0; i < n; i++) o[oo + i] = Math.log(a[ao + i]); }
      case SQRT -> { for (int i = 0; i < n; i++) o[oo + i] = Math.sqrt(a[ao + i]); }
      case TANH -> { for (int i = 0; i < n; i++) o[oo + i] = Math.tanh(a[ao + i]); }
      default -> { return false; }
    }
    return true;
  }
}
