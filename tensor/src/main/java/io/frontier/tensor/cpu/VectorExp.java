package io.frontier.tensor.cpu;

import static io.frontier.tensor.cpu.ScalarExp.LN2_HI_D;
import static io.frontier.tensor.cpu.ScalarExp.LN2_HI_F;
import static io.frontier.tensor.cpu.ScalarExp.LN2_LO_D;
import static io.frontier.tensor.cpu.ScalarExp.LN2_LO_F;
import static io.frontier.tensor.cpu.ScalarExp.LOG2E_D;
import static io.frontier.tensor.cpu.ScalarExp.LOG2E_F;
import static io.frontier.tensor.cpu.ScalarExp.OVERFLOW_D;
import static io.frontier.tensor.cpu.ScalarExp.OVERFLOW_F;
import static io.frontier.tensor.cpu.ScalarExp.ROUND_BITS_D;
import static io.frontier.tensor.cpu.ScalarExp.ROUND_BITS_F;
import static io.frontier.tensor.cpu.ScalarExp.ROUND_D;
import static io.frontier.tensor.cpu.ScalarExp.ROUND_F;
import static io.frontier.tensor.cpu.ScalarExp.UNDERFLOW_D;
import static io.frontier.tensor.cpu.ScalarExp.UNDERFLOW_F;
import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.FMA;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LT;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;

/**
 * {@link ScalarExp}'s exp lane by lane, step for step the same IEEE operations, so every lane
 * holds the bits {@code ScalarExp} returns for it, compiled or not. Use it in place of
 * {@code lanewise(EXP)}, whose result changes when C2 swaps in its SVML stubs. Loaded only when
 * {@link VectorSupport#available()}.
 */
final class VectorExp {
  private VectorExp() {}

  static FloatVector f32(FloatVector x) {
    FloatVector t = x.fma(LOG2E_F, ROUND_F);
    FloatVector n = t.sub(ROUND_F);
    FloatVector r = n.lanewise(FMA, -LN2_HI_F, x);
    r = n.lanewise(FMA, -LN2_LO_F, r);
    FloatVector p = r.fma(ScalarExp.P5_F, ScalarExp.P4_F);
    p = p.lanewise(FMA, r, ScalarExp.P3_F);
    p = p.lanewise(FMA, r, ScalarExp.P2_F);
    p = p.lanewise(FMA, r, ScalarExp.P1_F);
    p = p.lanewise(FMA, r, ScalarExp.P0_F);
    FloatVector y = r.mul(r).fma(p, r).add(1f);
    IntVector k = t.reinterpretAsInts().sub(ROUND_BITS_F);
    IntVector k1 = k.lanewise(ASHR, 1);
    FloatVector s1 = k1.add(127).lanewise(LSHL, 23).reinterpretAsFloats();
    FloatVector s2 = k.sub(k1).add(127).lanewise(LSHL, 23).reinterpretAsFloats();
    y = y.mul(s1).mul(s2);
    return y.blend(0f, x.compare(LT, UNDERFLOW_F)).blend(Float.POSITIVE_INFINITY, x.compare(GT, OVERFLOW_F));
  }

  static DoubleVector f64(DoubleVector x) {
    DoubleVector t = x.fma(LOG2E_D, ROUND_D);
    DoubleVector n = t.sub(ROUND_D);
    DoubleVector r = n.lanewise(FMA, -LN2_HI_D, x);
    r = n.lanewise(FMA, -LN2_LO_D, r);
    DoubleVector p = r.fma(ScalarExp.P10_D, ScalarExp.P9_D);
    p = p.lanewise(FMA, r, ScalarExp.P8_D);
    p = p.lanewise(FMA, r, ScalarExp.P7_D);
    p = p.lanewise(FMA, r, ScalarExp.P6_D);
    p = p.lanewise(FMA, r, ScalarExp.P5_D);
    p = p.lanewise(FMA, r, ScalarExp.P4_D);
    p = p.lanewise(FMA, r, ScalarExp.P3_D);
    p = p.lanewise(FMA, r, ScalarExp.P2_D);
    p = p.lanewise(FMA, r, ScalarExp.P1_D);
    p = p.lanewise(FMA, r, ScalarExp.P0_D);
    DoubleVector y = r.mul(r).fma(p, r).add(1.0);
    LongVector k = t.reinterpretAsLongs().sub(ROUND_BITS_D);
    LongVector k1 = k.lanewise(ASHR, 1);
    DoubleVector s1 = k1.add(1023).lanewise(LSHL, 52).reinterpretAsDoubles();
    DoubleVector s2 = k.sub(k1).add(1023).lanewise(LSHL, 52).reinterpretAsDoubles();
    y = y.mul(s1).mul(s2);
    return y.blend(0.0, x.compare(LT, UNDERFLOW_D)).blend(Double.POSITIVE_INFINITY, x.compare(GT, OVERFLOW_D));
  }
}
