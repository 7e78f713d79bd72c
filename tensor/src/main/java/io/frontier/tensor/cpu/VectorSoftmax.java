package io.frontier.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API softmax of one contiguous float32 slice: three passes (max, exp and sum, scale), the
 * exponentials stored in the output between the second and third. The exponentials are
 * {@link VectorExp}'s, and {@link ScalarExp}'s (the same bits) in the tail, so the result does not
 * change when the JIT compiles this code nor depend on where an element falls. Loaded only when
 * {@link VectorSupport#available()}.
 */
final class VectorSoftmax {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private VectorSoftmax() {}

  static void f32(float[] x, int xo, float[] y, int yo, int n, boolean log) {
    float max = (float) VectorReductions.maxF32(x, xo, n);
    FloatVector vmax = FloatVector.broadcast(S, max);
    FloatVector acc = FloatVector.zero(S);
    int u = S.loopBound(n);
    int i = 0;
    if (log) {
      for (; i < u; i += L) acc = acc.add(VectorExp.f32(FloatVector.fromArray(S, x, xo + i).sub(vmax)));
      double sum = acc.reduceLanes(VectorOperators.ADD);
      for (; i < n; i++) sum += ScalarExp.f32(x[xo + i] - max);
      FloatVector shift = FloatVector.broadcast(S, (float) (max + Math.log(sum)));
      float shiftScalar = (float) (max + Math.log(sum));
      for (i = 0; i < u; i += L) FloatVector.fromArray(S, x, xo + i).sub(shift).intoArray(y, yo + i);
      for (; i < n; i++) y[yo + i] = x[xo + i] - shiftScalar;
      return;
    }
    for (; i < u; i += L) {
      FloatVector e = VectorExp.f32(FloatVector.fromArray(S, x, xo + i).sub(vmax));
      e.intoArray(y, yo + i);
      acc = acc.add(e);
    }
    double sum = acc.reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      float e = ScalarExp.f32(x[xo + i] - max);
      y[yo + i] = e;
      sum += e;
    }
    FloatVector inv = FloatVector.broadcast(S, (float) (1.0 / sum));
    float invScalar = (float) (1.0 / sum);
    for (i = 0; i < u; i += L) FloatVector.fromArray(S, y, yo + i).mul(inv).intoArray(y, yo + i);
    for (; i < n; i++) y[yo + i] *= invScalar;
  }
}
