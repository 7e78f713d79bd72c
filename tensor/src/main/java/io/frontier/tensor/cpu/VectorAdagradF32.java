package io.frontier.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 Adagrad update with the Vector API, rounding as {@link AdagradKernel}'s scalar path.
 * Loaded only when {@link VectorSupport#available()}. One pass: 3 loads and 2 stores per element.
 */
final class VectorAdagradF32 {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private VectorAdagradF32() {}

  static void step(float[] p, int po, float[] g, int go, float[] s, int so, int i0, int i1, float sign, float wd, float eps, float negClr) {
    int i = i0;
    for (; i + L <= i1; i += L) {
      FloatVector pi = FloatVector.fromArray(S, p, po + i);
      FloatVector d = FloatVector.fromArray(S, g, go + i).mul(sign);
      if (wd != 0) d = d.add(pi.mul(wd));
      FloatVector si = FloatVector.fromArray(S, s, so + i).add(d.mul(d));
      si.intoArray(s, so + i);
      pi.add(d.mul(negClr).div(si.sqrt().add(eps))).intoArray(p, po + i);
    }
    AdagradKernel.floatRange(p, po, g, go, s, so, i, i1, sign, wd, eps, negClr);
  }
}
