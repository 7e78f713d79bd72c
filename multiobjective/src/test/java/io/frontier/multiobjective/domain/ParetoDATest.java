package io.frontier.multiobjective.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.frontier.multiobjective.aggregate.Aggregation;
import io.frontier.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParetoDATest {
  private static final double[] W = {0.4, -0.8};
  private static final double H = 0.3;
  private static final double[] A = {1.0, 2.0};
  private static final double[] B = {1.5, 0.5};
  private static final double[] C = {-1.0, 0.5};

  /**
   * Extractor w (2), head h (1). L_S = (w.a + h - 1)^2, L_D = |w - b|^2, L_T = (w.c)^2, so by hand
   * g_S = 2 r a (r = w.a + h - 1), g_D = 2 (w - b), g_v = 2 (w.c) c and dL_S/dh = 2 r.
   */
  @Test
  void extractorGetsTheScaledTargetAwareCombinationAndHeadTheSourceGradient() {
    Tensor w = Tensor.of(W.clone()).requiresGrad_(true);
    Tensor h = Tensor.of(H).requiresGrad_(true);
    Tensor ls = w.dot(Tensor.of(A)).add(h.sum()).sub(1.0).square();
    Tensor ld = w.sub(Tensor.of(B)).square().sum();
    Tensor lt = w.dot(Tensor.of(C)).square();
    Aggregation a = ParetoDA.backward(ls, ld, lt, List.of(w), List.of(h), new ParetoDA.Options(TargetAwareDirection.Rule.PROJECTION, 2));

    double r = W[0] * A[0] + W[1] * A[1] + H - 1;
    double wc = W[0] * C[0] + W[1] * C[1];
    double[] gS = {2 * r * A[0], 2 * r * A[1]};
    double[] gD = {2 * (W[0] - B[0]), 2 * (W[1] - B[1])};
    double[] gV = {2 * wc * C[0], 2 * wc * C[1]};
    double[] w01 = new TargetAwareDirection(TargetAwareDirection.Rule.PROJECTION).aggregate(new double[][] {gS, gD}, gV).weights();
    double[] expected = {2 * (w01[0] * gS[0] + w01[1] * gD[0]), 2 * (w01[0] * gS[1] + w01[1] * gD[1])};
    assertArrayEquals(new double[] {2 * w01[0], 2 * w01[1]}, a.weights(), 1e-12);
    assertArrayEquals(expected, a.direction(), 1e-12);
    assertArrayEquals(expected, w.grad().toDoubleArray(), 1e-12);
    assertEquals(2 * r, h.grad().item(), 1e-12);
  }

  @Test
  void defaultsAreTheProjectionWithWeightsSummingToTwo() {
    assertEquals(new ParetoDA.Options(TargetAwareDirection.Rule.PROJECTION, 2), ParetoDA.Options.defaults());
  }

  @Test
  void badInputIsRejected() {
    Tensor w = Tensor.of(W.clone()).requiresGrad_(true);
    Tensor l = w.square().sum();
    ParetoDA.Options o = ParetoDA.Options.defaults();
    assertThrows(IllegalArgumentException.class, () -> ParetoDA.backward(w.square(), l, l, List.of(w), List.of(), o));
    assertThrows(IllegalArgumentException.class, () -> ParetoDA.backward(l, l, l, List.of(), List.of(), o));
    assertThrows(IllegalArgumentException.class, () -> ParetoDA.backward(l, l, l, List.of(Tensor.of(1.0)), List.of(), o));
    assertThrows(IllegalArgumentException.class, () -> ParetoDA.backward(l, l, Tensor.of(1.0), List.of(w), List.of(), o));
    assertThrows(IllegalArgumentException.class, () -> new ParetoDA.Options(TargetAwareDirection.Rule.PROJECTION, 0));
  }
}
