package io.frontier.tensor.cpu;

import static jdk.incubator.vector.VectorOperators.COS;
import static jdk.incubator.vector.VectorOperators.EXPM1;
import static jdk.incubator.vector.VectorOperators.LOG;
import static jdk.incubator.vector.VectorOperators.LOG1P;
import static jdk.incubator.vector.VectorOperators.SIN;

import io.frontier.tensor.backend.UnaryOp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API loops for float32 unary ops over contiguous rows. Loaded only when
 * {@link VectorSupport#available()}. Each op has its own loop so that the vector operator is a
 * constant the JIT can intrinsify (a shared loop taking the operator as a parameter falls back to
 * a boxed, lane-by-lane path). exp and the ops built on it use {@link VectorExp}, not
 * {@code lanewise(EXP)}, so their results do not change when the JIT compiles the loop. Tails run
 * {@link ScalarUnary}'s loop where it has the op (the same float32 steps, so an element's bits do
 * not depend on whether it falls in a tail), else the float64 reference.
 */
final class VectorUnaryF32 {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private VectorUnaryF32() {}

  /** Applies {@code op} if it has a vector loop here; returns false otherwise (nothing written). */
  static boolean apply(UnaryOp op, float[] a, int ao, float[] o, int oo, int n) {
    int done;
    switch (op) {
      case NEG -> done = neg(a, ao, o, oo, n);
      case ABS -> done = abs(a, ao, o, oo, n);
      case SQUARE -> done = square(a, ao, o, oo, n);
      case RELU -> done = relu(a, ao, o, oo, n);
      case SIGN -> done = sign(a, ao, o, oo, n);
      case EXP -> done = exp(a, ao, o, oo, n);
      case EXPM1 -> done = expm1(a, ao, o, oo, n);
      case LOG -> done = log(a, ao, o, oo, n);
      case LOG1P -> done = log1p(a, ao, o, oo, n);
      case SQRT -> done = sqrt(a, ao, o, oo, n);
      case RSQRT -> done = rsqrt(a, ao, o, oo, n);
      case RECIPROCAL -> done = reciprocal(a, ao, o, oo, n);
      case SIN -> done = sin(a, ao, o, oo, n);
      case COS -> done = cos(a, ao, o, oo, n);
      case TANH -> done = tanh(a, ao, o, oo, n);
      case SIGMOID -> done = sigmoid(a, ao, o, oo, n);
      case SILU -> done = silu(a, ao, o, oo, n);
      case GELU_TANH -> done = geluTanh(a, ao, o, oo, n);
      case GELU -> done = gelu(a, ao, o, oo, n);
      case ERF -> done = erf(a, ao, o, oo, n);
      case SOFTPLUS -> done = softplus(a, ao, o, oo, n);
      case LOG_SIGMOID -> done = logSigmoid(a, ao, o, oo, n);
      default -> {
        return false;
      }
    }
    if (ScalarUnary.f32(op, a, ao + done, o, oo + done, n - done)) return true;
    for (int i = done; i < n; i++) o[oo + i] = (float) op.apply(a[ao + i]);
    return true;
  }

  private static FloatVector load(float[] a, int i) {
    return FloatVector.fromArray(S, a, i);
  }

  private static int neg(float[] a, int ao, float[] o, int oo, int n) {
    int i = 0;
    for (int u = S.loopBound(n); i < u; i += L) load(a, ao + i).neg().intoArray(o, oo + i);
    return i;
  }

  private static int abs(float[] a, int ao, float[] o, int oo, int n) {
    int i = 0;
    for (int u = S.loopBound(n); i < u; i += L) load(a, ao + i).abs().intoArray(o, oo + i);
    return i;
  }

  private static int square(float[] a, int ao, float[] o, int oo, int n) {
    int i = 0;
    for (int u = S.loopBound(n); i < u; i += L) {
      FloatVector x = load(a, ao + i);
      x.mul(x).intoArray(o, oo + i);
    }
    return i;
  }

  /** 1 above zero, -1 below; zeros (either sign) and NaN pass through, as {@code UnaryOp.SIGN}. */
  private static int sign(float[] a, int ao, float[] o, int oo, int n) {
    int i = 0;
    FloatVector zero = FloatVector.zero(S);
    FloatVector one = FloatVector.broadcast(S, 1f);
    FloatVector minusOne = FloatVector.broadcast(S, -1f);
    for (int u = S.loopBound(n); i < u; i += L) {
      FloatVector x = load(a, ao + i);
      x.blend(one, x.compare(VectorOperators.GT, zero)).blend(minusOne, x.compare(VectorOperators.LT, zero)).intoArray(o, oo + i);
    }
    return i;
  }

  private static int relu(float[] a, int ao, float[] o, int oo, int n) {
    int i = 0;
    FloatVector zero = FloatVector.zero(S);
    for (int u = S.loopBound(n); i < u; i += L) load(a, ao + i).max(zero).intoArray(o, oo + i);
    return i;
  }

  private static int exp(float[] a, int ao, float[] o, int oo, int n) {
    int i = 0;
    for (int u = S.loopBound(n); i < u; i += L) VectorExp.f32(load(a, ao + i)).intoArray(o, oo + i);
    return i;
  }

  private static int expm1(float[] a, int ao, float[] o, int oo, int n) {
    int i = 0;
    for (int u = S.loopBound(n); i < u; i += L) load(a, ao + i).lanewise(EXPM1).intoArray(o, oo + i);
    return i;
  }

  private static int log(float[] a, int ao, float[] o, int oo, int n) {
    int i = 0;
    for (int u = S.loopBound(n); i < u; i += L) load(a, ao + i).lanewise(LOG).intoArray(o, oo + i);
    return i;
  }

  private static int log1p(float[] a, int ao, float[] o, int oo, int n) {
    int i = 0;
    for (int u = S.loopBound(n); i < u; i += L) load(a, ao + i).lanewise(LOG1P).intoArray(o, oo + i);
    return i;
  }

  private static int sqrt(float[] a, int ao, float[] o, int oo, int n) {
    int i = 0;
    for (int u = S.loopBound(n); i < u; i += L) load(a, ao + i).sqrt().intoArray(o, oo + i);
    return i;
  }

  private static int rsqrt(float[] a, int ao, float[] o, int oo, int n) {
    int i = 0;
    FloatVector one = FloatVector.broadcast(S, 1f);
    for (int u = S.loopBound(n); i < u; i += L) one.div(load(a, ao + i).sqrt()).intoArray(o, oo + i);
    return i;
  }

  private static int reciprocal(float[] a, int ao, float[] o, int oo, int n) {
    int i = 0;
    FloatVector one = FloatVector.broadcast(S, 1f);
    for (int u = S.loopBound(n); i < u; i += L) one.div(load(a, ao + i)).intoArray(o, oo + i);
    return i;
  }

  private static int sin(float[] a, int ao, float[] o, int oo, int n) {
    int i = 0;
    for (int u = S.loopBound(n); i < u; i += L) load(a, ao + i).lanewise(SIN).intoArray(o, oo + i);
    return i;
  }

  private static int cos(float[] a, int ao, float[] o, int oo, int n) {
    int i = 0;
    for (int u = S.loopBound(n); i < u; i += L) load(a, ao + i).lanewise(COS).intoArray(o, oo + i);
    return i;
  }

  private static int tanh(float[] a, int ao, float[] o, int oo, int n) {
    int i = 0;
    for (int u = S.loopBound(n); i < u; i += L) VectorTanh.f32(load(a, ao + i)).intoArray(o, oo + i);
    return i;
  }

  /** 1 / (1 + exp(-x)): exp overflows to +inf for very negative x, giving exactly 0. As ScalarUnary's. */
  private static int sigmoid(float[] a, int ao, float[] o, int oo, int n) {
    int i = 0;
    FloatVector one = FloatVector.broadcast(S, 1f);
    for (int u = S.loopBound(n); i < u; i += L) {
      one.div(one.add(VectorExp.f32(load(a, ao + i).neg()))).intoArray(o, oo + i);
    }
    return i;
  }

  /** x / (1 + exp(-x)), as ScalarUnary's. */
  private static int silu(float[] a, int ao, float[] o, int oo, int n) {
    int i = 0;
    FloatVector one = FloatVector.broadcast(S, 1f);
    for (int u = S.loopBound(n); i < u; i += L) {
      FloatVector x = load(a, ao + i);
      x.div(one.add(VectorExp.f32(x.neg()))).intoArray(o, oo + i);
    }
    return i;
  }

  private static int geluTanh(float[] a, int ao, float[] o, int oo, int n) {
    int i = 0;
    FloatVector half = FloatVector.broadcast(S, 0.5f);
    FloatVector one = FloatVector.broadcast(S, 1f);
    FloatVector c = FloatVector.broadcast(S, 0.7978845608028654f);
    FloatVector k = FloatVector.broadcast(S, 0.044715f);
    for (int u = S.loopBound(n); i < u; i += L) {
      FloatVector x = load(a, ao + i);
      FloatVector inner = x.mul(x).mul(k).fma(x, x).mul(c); // c * (x + k x^3)
      half.mul(x).mul(one.add(VectorTanh.f32(inner))).intoArray(o, oo + i);
    }
    return i;
  }

  private static int gelu(float[] a, int ao, float[] o, int oo, int n) {
    int i = 0;
    FloatVector half = FloatVector.broadcast(S, 0.5f);
    FloatVector one = FloatVector.broadcast(S, 1f);
    FloatVector invSqrt2 = FloatVector.broadcast(S, 0.70710678118654752f);
    for (int u = S.loopBound(n); i < u; i += L) {
      FloatVector x = load(a, ao + i);
      half.mul(x).mul(one.add(erf(x.mul(invSqrt2)))).intoArray(o, oo + i);
    }
    return i;
  }

  private static int erf(float[] a, int ao, float[] o, int oo, int n) {
    int i = 0;
    for (int u = S.loopBound(n); i < u; i += L) erf(load(a, ao + i)).intoArray(o, oo + i);
    return i;
  }

  /**
   * erf for float32 lanes. Below |x| = 0.5 the Maclaurin series to x^11 (truncation under
   * 2e-8 relative); above, 1 - erfc(|x|) with the Chebyshev-fitted erfc of Numerical Recipes
   * ({@code erfcc}, fractional error below 1.2e-7), which keeps its relative accuracy in the tail.
   */
  static FloatVector erf(FloatVector x) {
    FloatVector ax = x.abs();
    FloatVector x2 = x.mul(x);
    // small |x|: 2/sqrt(pi) * x * (1 - x^2/3 + x^4/10 - x^6/42 + x^8/216 - x^10/1320)
    FloatVector p = x2.mul(-1f / 1320f).add(1f / 216f);
    p = p.fma(x2, FloatVector.broadcast(S, -1f / 42f));
    p = p.fma(x2, FloatVector.broadcast(S, 1f / 10f));
    p = p.fma(x2, FloatVector.broadcast(S, -1f / 3f));
    p = p.fma(x2, FloatVector.broadcast(S, 1f));
    FloatVector small = p.mul(x).mul(1.1283791670955126f);
    // large |x|: erfc(z) = t exp(-z^2 - 1.26551223 + t(1.00002368 + t(0.37409196 + ...)))
    FloatVector t = FloatVector.broadcast(S, 1f).div(ax.mul(0.5f).add(1f));
    FloatVector q = t.mul(0.17087277f).add(-0.82215223f);
    q = q.fma(t, FloatVector.broadcast(S, 1.48851587f));
    q = q.fma(t, FloatVector.broadcast(S, -1.13520398f));
    q = q.fma(t, FloatVector.broadcast(S, 0.27886807f));
    q = q.fma(t, FloatVector.broadcast(S, -0.18628806f));
    q = q.fma(t, FloatVector.broadcast(S, 0.09678418f));
    q = q.fma(t, FloatVector.broadcast(S, 0.37409196f));
    q = q.fma(t, FloatVector.broadcast(S, 1.00002368f));
    q = q.fma(t, FloatVector.broadcast(S, -1.26551223f));
    FloatVector erfc = t.mul(VectorExp.f32(q.sub(ax.mul(ax))));
    FloatVector large = FloatVector.broadcast(S, 1f).sub(erfc);
    large = large.blend(large.neg(), x.compare(VectorOperators.LT, 0f));
    VectorMask<Float> useSmall = ax.compare(VectorOperators.LT, 0.5f);
    return large.blend(small, useSmall);
  }

  private static int softplus(float[] a, int ao, float[] o, int oo, int n) {
    int i = 0;
    for (int u = S.loopBound(n); i < u; i += L) {
      FloatVector x = load(a, ao + i);
      FloatVector soft = VectorExp.f32(x).lanewise(LOG1P);
      soft.blend(x, x.compare(VectorOperators.GT, 20f)).intoArray(o, oo + i);
    }
    return i;
  }

  private static int logSigmoid(float[] a, int ao, float[] o, int oo, int n) {
    int i = 0;
    FloatVector zero = FloatVector.zero(S);
    for (int u = S.loopBound(n); i < u; i += L) {
      FloatVector x = load(a, ao + i);
      x.min(zero).sub(VectorExp.f32(x.abs().neg()).lanewise(LOG1P)).intoArray(o, oo + i);
    }
    return i;
  }
}
