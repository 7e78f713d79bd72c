package io.frontier.tensor.cpu;


import io.frontier.tensor.backend.UnaryOp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API loops for {@code gradOut * f'(x)} in float32 ({@link io.frontier.tensor.backend.ActivationGrad}
 * has the formulas and the float64 reference). Loaded only when {@link VectorSupport#available()};
 * one loop per op so the vector operators are constants the JIT intrinsifies; exp is
 * {@link VectorExp}, which gives the same bits compiled or not. Each returns how
 * many leading elements it wrote; the caller does the tail.
 */
final class VectorActivationGradF32 {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private VectorActivationGradF32() {}

  static int apply(UnaryOp op, float[] g, int go, float[] a, int ao, float[] o, int oo, int n) {
    return switch (op) {
      case GELU -> gelu(g, go, a, ao, o, oo, n);
      case GELU_TANH -> geluTanh(g, go, a, ao, o, oo, n);
      case SILU -> silu(g, go, a, ao, o, oo, n);
      default -> 0;
    };
  }

  private static int geluTanh(float[] g, int go, float[] a, int ao, float[] o, int oo, int n) {
    FloatVector half = FloatVector.broadcast(S, 0.5f);
    FloatVector one = FloatVector.broadcast(S, 1f);
    FloatVector c = FloatVector.broadcast(S, 0.7978845608028654f);
    FloatVector k = FloatVector.broadcast(S, 0.044715f);
    FloatVector k3 = FloatVector.broadcast(S, 3 * 0.044715f);
    int i = 0;
    for (int u = S.loopBound(n); i < u; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i);
      FloatVector x2 = x.mul(x);
      FloatVector t = VectorTanh.f32(x2.mul(k).fma(x, x).mul(c)); // tanh(c (x + k x^3))
      FloatVector du = x2.fma(k3, one).mul(c); // c (1 + 3 k x^2)
      FloatVector d = one.add(t).add(x.mul(t.neg().fma(t, one)).mul(du)).mul(half);
      FloatVector.fromArray(S, g, go + i).mul(d).intoArray(o, oo + i);
    }
    return i;
  }

  private static int gelu(float[] g, int go, float[] a, int ao, float[] o, int oo, int n) {
    FloatVector half = FloatVector.broadcast(S, 0.5f);
    FloatVector one = FloatVector.broadcast(S, 1f);
    FloatVector invSqrt2 = FloatVector.broadcast(S, 0.70710678118654752f);
    FloatVector invSqrt2Pi = FloatVector.broadcast(S, 0.3989422804014327f);
    FloatVector minusHalf = FloatVector.broadcast(S, -0.5f);
    int i = 0;
    for (int u = S.loopBound(n); i < u; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i);
      FloatVector cdf = one.add(VectorUnaryF32.erf(x.mul(invSqrt2))).mul(half);
      FloatVector pdf = VectorExp.f32(x.mul(x).mul(minusHalf)).mul(invSqrt2Pi);
      FloatVector.fromArray(S, g, go + i).mul(x.fma(pdf, cdf)).intoArray(o, oo + i);
    }
    return i;
  }

  private static int silu(float[] g, int go, float[] a, int ao, float[] o, int oo, int n) {
    FloatVector one = FloatVector.broadcast(S, 1f);
    int i = 0;
    for (int u = S.loopBound(n); i < u; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i);
      FloatVector s = one.div(one.add(VectorExp.f32(x.neg())));
      FloatVector d = s.mul(x.mul(one.sub(s)).add(one)); // s (1 + x (1 - s))
      FloatVector.fromArray(S, g, go + i).mul(d).intoArray(o, oo + i);
    }
    return i;
  }
}
