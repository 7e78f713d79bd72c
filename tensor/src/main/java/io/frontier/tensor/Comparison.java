package io.frontier.tensor;

import java.util.Arrays;

/** Whole-tensor comparisons that return a Java boolean. */
final class Comparison {
  private Comparison() {}

  static boolean equal(Tensor a, Tensor b) {
    if (!Arrays.equals(a.shape, b.shape)) return false;
    if (a.numel() == 0) return true;
    return a.eq(b).all().item() != 0;
  }

  static boolean allclose(Tensor a, Tensor b, double rtol, double atol, boolean equalNan) {
    int[] shape = Shapes.broadcast("allclose", a.shape, b.shape);
    if (Shapes.numel(shape) == 0) return true;
    Tensor x = a.to(DType.FLOAT64);
    Tensor y = b.to(DType.FLOAT64);
    Tensor close = x.sub(y).abs().le(y.abs().mul(rtol).add(atol));
    Tensor same = x.eq(y); // equal infinities are close
    Tensor ok = close.logicalOr(same);
    if (equalNan) ok = ok.logicalOr(x.isnan().logicalAnd(y.isnan()));
    return ok.all().item() != 0;
  }
}
