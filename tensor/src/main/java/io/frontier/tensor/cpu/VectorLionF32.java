package io.frontier.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 Lion update with the Vector API, in float32 arithmetic (as the scalar float32 path).
 * Loaded only when {@link VectorSupport#available()}. One pass: 3 loads and 2 stores per element.
 * Each product and sum rounds on its own (no fused multiply-add), as the scalar path and CUDA's
 * fused_lion: the three agree bit for bit.
 * The sign is {@code UnaryOp.SIGN}'s: 1 above zero, -1 below, zeros and NaN pass through.
 */
final class VectorLionF32 {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private VectorLionF32() {}

  /**
   * Updates elements [i0, i1) of the three arrays (each at its own offset); c1 and c2 are 1 - beta1
   * and 1 - beta2 rounded from float64 as the scalar path rounds them (1f - beta1 can differ from
   * them in the last bit, and with it the sign of a tiny b1 m + c1 g).
   */
  static void step(float[] p, int po, float[] g, int go, float[] m, int mo, int i0, int i1, float lr, float beta1, float c1, float beta2,
      float c2, float decay) {
    FloatVector zero = FloatVector.zero(S);
    FloatVector one = FloatVector.broadcast(S, 1f);
    FloatVector minusOne = FloatVector.broadcast(S, -1f);
    int i = i0;
    for (; i + L <= i1; i += L) {
      FloatVector gi = FloatVector.fromArray(S, g, go + i);
      FloatVector mi = FloatVector.fromArray(S, m, mo + i);
      FloatVector c = mi.mul(beta1).add(gi.mul(c1));
      FloatVector s = c.blend(one, c.compare(VectorOperators.GT, zero)).blend(minusOne, c.compare(VectorOperators.LT, zero));
      FloatVector.fromArray(S, p, po + i).mul(decay).sub(s.mul(lr)).intoArray(p, po + i);
      mi.mul(beta2).add(gi.mul(c2)).intoArray(m, mo + i);
    }
    for (; i < i1; i++) {
      float gi = g[go + i];
      float mi = m[mo + i];
      p[po + i] = p[po + i] * decay - lr * Math.signum(beta1 * mi + c1 * gi);
      m[mo + i] = beta2 * mi + c2 * gi;
    }
  }
}
