package io.frontier.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 RMSprop update with the Vector API, rounding as {@link RmspropKernel}'s scalar path
 * (each operation on its own; IEEE square root and division). Loaded only when {@link
 * VectorSupport#available()}.
 */
final class VectorRmspropF32 {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private VectorRmspropF32() {}

  /** Updates elements [i0, i1); ga (centered) and b (momentum) may be null. */
  static void step(float[] p, int po, float[] g, int go, float[] sq, int so, float[] ga, int ao, float[] b, int bo, int i0, int i1,
      RmspropKernel.F32 h) {
    int i = i0;
    for (; i + L <= i1; i += L) {
      FloatVector pi = FloatVector.fromArray(S, p, po + i);
      FloatVector d = FloatVector.fromArray(S, g, go + i).mul(h.sign());
      if (h.wd() != 0) d = d.add(pi.mul(h.wd()));
      FloatVector s = FloatVector.fromArray(S, sq, so + i).mul(h.alpha()).add(d.mul(h.c()).mul(d));
      s.intoArray(sq, so + i);
      FloatVector a;
      if (ga != null) {
        FloatVector m = FloatVector.fromArray(S, ga, ao + i).mul(h.alpha()).add(d.mul(h.c()));
        m.intoArray(ga, ao + i);
        a = s.sub(m.mul(m)).sqrt();
      } else {
        a = s.sqrt();
      }
      a = a.add(h.eps());
      if (b != null) {
        FloatVector bi = FloatVector.fromArray(S, b, bo + i).mul(h.momentum()).add(d.div(a));
        bi.intoArray(b, bo + i);
        pi.add(bi.mul(h.negLr())).intoArray(p, po + i);
      } else {
        pi.add(d.mul(h.negLr()).div(a)).intoArray(p, po + i);
      }
    }
    RmspropKernel.floatRange(p, po, g, go, sq, so, ga, ao, b, bo, i, i1, h);
  }
}
