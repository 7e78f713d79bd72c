package io.frontier.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 SGD update with the Vector API, rounding as {@link SgdKernel}'s scalar path (each
 * product and sum on its own, no fused multiply-add). Loaded only when {@link
 * VectorSupport#available()}. One pass: 2 loads and 1 store per element, 3 and 2 with momentum.
 */
final class VectorSgdF32 {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private VectorSgdF32() {}

  /** Updates elements [i0, i1) of p and, when b is not null (momentum), b. */
  static void step(float[] p, int po, float[] g, int go, float[] b, int bo, int i0, int i1, float sign, float wd, float momentum,
      float damp1, float negLr, boolean nesterov, boolean firstStep) {
    boolean withBuffer = b != null;
    int i = i0;
    for (; i + L <= i1; i += L) {
      FloatVector pi = FloatVector.fromArray(S, p, po + i);
      FloatVector d = FloatVector.fromArray(S, g, go + i).mul(sign);
      if (wd != 0) d = d.add(pi.mul(wd));
      if (withBuffer) {
        FloatVector bi = firstStep ? d : FloatVector.fromArray(S, b, bo + i).mul(momentum).add(d.mul(damp1));
        bi.intoArray(b, bo + i);
        d = nesterov ? d.add(bi.mul(momentum)) : bi;
      }
      pi.add(d.mul(negLr)).intoArray(p, po + i);
    }
    SgdKernel.floatRange(p, po, g, go, b, bo, i, i1, sign, wd, momentum, damp1, negLr, nesterov, firstStep);
  }
}
