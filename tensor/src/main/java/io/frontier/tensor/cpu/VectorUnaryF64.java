package io.frontier.tensor.cpu;

import static jdk.incubator.vector.VectorOperators.LOG;
import static jdk.incubator.vector.VectorOperators.TANH;

import io.frontier.tensor.backend.UnaryOp;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API loops for the float64 unary ops that matter for speed (see {@link VectorUnaryF32}
 * for why each op has its own loop). exp and sigmoid use {@link VectorExp}, whose bits do not
 * depend on whether the loop is compiled; tails run {@link ScalarUnary}'s loop where it has the op
 * (the same steps), else the scalar reference, as do the other ops.
 */
final class VectorUnaryF64 {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private VectorUnaryF64() {}

  static boolean apply(UnaryOp op, double[] a, int ao, double[] o, int oo, int n) {
    int done;
    switch (op) {
      case NEG -> done = neg(a, ao, o, oo, n);
      case ABS -> done = abs(a, ao, o, oo, n);
      case SQUARE -> done = square(a, ao, o, oo, n);
      case RELU -> done = relu(a, ao, o, oo, n);
      case SIGN -> done = sign(a, ao, o, oo, n);
      case EXP -> done = exp(a, ao, o, oo, n);
      case LOG -> done = log(a, ao, o, oo, n);
      case SQRT -> done = sqrt(a, ao, o, oo, n);
      case TANH -> done = tanh(a, ao, o, oo, n);
      case SIGMOID -> done = sigmoid(a, ao, o, oo, n);
      default -> {
        return false;
      }
    }
    if (ScalarUnary.f64(op, a, ao + done, o, oo + done, n - done)) return true;
    for (int i = done; i < n; i++) o[oo + i] = op.apply(a[ao + i]);
    return true;
  }

  private static DoubleVector load(double[] a, int i) {
    return DoubleVector.fromArray(S, a, i);
  }

  private static int neg(double[] a, int ao, double[] o, int oo, int n) {
    int i = 0;
    for (int u = S.loopBound(n); i < u; i += L) load(a, ao + i).neg().intoArray(o, oo + i);
    return i;
  }

  private static int abs(double[] a, int ao, double[] o, int oo, int n) {
    int i = 0;
    for (int u = S.loopBound(n); i < u; i += L) load(a, ao + i).abs().intoArray(o, oo + i);
    return i;
  }

  private static int square(double[] a, int ao, double[] o, int oo, int n) {
    int i = 0;
    for (int u = S.loopBound(n); i < u; i += L) {
      DoubleVector x = load(a, ao + i);
      x.mul(x).intoArray(o, oo + i);
    }
    return i;
  }

  /** 1 above zero, -1 below; zeros (either sign) and NaN pass through, as {@code UnaryOp.SIGN}. */
  private static int sign(double[] a, int ao, double[] o, int oo, int n) {
    int i = 0;
    DoubleVector zero = DoubleVector.zero(S);
    DoubleVector one = DoubleVector.broadcast(S, 1.0);
    DoubleVector minusOne = DoubleVector.broadcast(S, -1.0);
    for (int u = S.loopBound(n); i < u; i += L) {
      DoubleVector x = load(a, ao + i);
      x.blend(one, x.compare(VectorOperators.GT, zero)).blend(minusOne, x.compare(VectorOperators.LT, zero)).intoArray(o, oo + i);
    }
    return i;
  }

  private static int relu(double[] a, int ao, double[] o, int oo, int n) {
    int i = 0;
    DoubleVector zero = DoubleVector.zero(S);
    for (int u = S.loopBound(n); i < u; i += L) load(a, ao + i).max(zero).intoArray(o, oo + i);
    return i;
  }

  private static int exp(double[] a, int ao, double[] o, int oo, int n) {
    int i = 0;
    for (int u = S.loopBound(n); i < u; i += L) VectorExp.f64(load(a, ao + i)).intoArray(o, oo + i);
    return i;
  }

  private static int log(double[] a, int ao, double[] o, int oo, int n) {
    int i = 0;
    for (int u = S.loopBound(n); i < u; i += L) load(a, ao + i).lanewise(LOG).intoArray(o, oo + i);
    return i;
  }

  private static int sqrt(double[] a, int ao, double[] o, int oo, int n) {
    int i = 0;
    for (int u = S.loopBound(n); i < u; i += L) load(a, ao + i).sqrt().intoArray(o, oo + i);
    return i;
  }

  private static int tanh(double[] a, int ao, double[] o, int oo, int n) {
    int i = 0;
    for (int u = S.loopBound(n); i < u; i += L) load(a, ao + i).lanewise(TANH).intoArray(o, oo + i);
    return i;
  }

  /** 1 / (1 + exp(-x)), as ScalarUnary's. */
  private static int sigmoid(double[] a, int ao, double[] o, int oo, int n) {
    int i = 0;
    DoubleVector one = DoubleVector.broadcast(S, 1.0);
    for (int u = S.loopBound(n); i < u; i += L) {
      one.div(one.add(VectorExp.f64(load(a, ao + i).neg()))).intoArray(o, oo + i);
    }
    return i;
  }
}
