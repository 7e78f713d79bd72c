package io.frontier.tensor.cpu;

import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.FMA;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LT;

import jdk.incubator.vector.FloatVector;

/**
 * {@link ScalarTanh}'s tanh lane by lane, the same IEEE operations in the same order, so every
 * lane holds the bits {@code ScalarTanh} returns for it, compiled or not. Both branches are
 * computed and blended; zeros keep their sign. Loaded only when {@link VectorSupport#available()}.
 */
final class VectorTanh {
  private VectorTanh() {}

  static FloatVector f32(FloatVector x) {
    FloatVector ax = x.abs();
    FloatVector e = VectorExp.f32(ax.add(ax));
    FloatVector one = FloatVector.broadcast(x.species(), 1f);
    FloatVector two = FloatVector.broadcast(x.species(), 2f);
    FloatVector wide = one.sub(two.div(e.add(one)));
    wide = wide.blend(wide.neg(), x.compare(LT, 0f));
    FloatVector s = x.mul(x);
    FloatVector p = s.lanewise(FMA, ScalarTanh.C4, ScalarTanh.C3);
    p = p.lanewise(FMA, s, ScalarTanh.C2);
    p = p.lanewise(FMA, s, ScalarTanh.C1);
    p = p.lanewise(FMA, s, ScalarTanh.C0);
    FloatVector narrow = p.mul(s).lanewise(FMA, x, x);
    narrow = narrow.blend(x, x.compare(EQ, 0f));
    return narrow.blend(wide, ax.compare(GT, ScalarTanh.SWITCH));
  }
}
