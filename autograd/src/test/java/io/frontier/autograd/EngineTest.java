package io.frontier.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.DType;
import io.frontier.tensor.Grad;
import io.frontier.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tape's behaviour: accumulation, graph lifetime, grad mode, hooks, in-place checks, anomalies. */
class EngineTest {

  static Tensor leaf(double... values) {
    return Tensor.of(values).requiresGrad_(true);
  }

  static double[] values(Tensor t) {
    return t.to(DType.FLOAT64).contiguous().toDoubleArray();
  }

  @AfterEach
  void anomalyOff() {
    Autograd.setDetectAnomaly(false);
  }

  @Test
  void backwardOfAScalarFillsEveryLeafsGradAndAccumulatesAcrossCalls() {
    Tensor x = leaf(1, -2, 3);
    Tensor w = leaf(0.5, 0.25, 2);
    Tensor y = x.mul(x).mul(w).sum();
    y.backward();
    assertArrayEquals(new double[] {1, -1, 12}, values(x.grad()), 1e-12); // 2 x w
    assertArrayEquals(new double[] {1, 4, 9}, values(w.grad()), 1e-12); // x^2
    x.mul(3.0).sum().backward();
    assertArrayEquals(new double[] {4, 2, 15}, values(x.grad()), 1e-12);
    x.setGrad(null);
    assertNull(x.grad());
  }

  @Test
  void aNonScalarOutputNeedsAnExplicitGradient() {
    Tensor x = leaf(1, 2);
    Tensor y = x.mul(2.0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, y::backward);
    assertTrue(e.getMessage().contains("scalar"), e.getMessage());
    y.backward(Tensor.of(1.0, 10.0));
    assertArrayEquals(new double[] {2, 20}, values(x.grad()), 0);
  }

  @Test
  void aSecondBackwardNeedsRetainGraph() {
    Tensor x = leaf(1, 2);
    Tensor y = x.exp().sum();
    y.backward(null, true);
    y.backward();
    assertArrayEquals(new double[] {2 * Math.E, 2 * Math.exp(2)}, values(x.grad()), 1e-12);
    IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
    assertTrue(e.getMessage().contains("retainGraph"), e.getMessage());
  }

  @Test
  void noGradAndDetachRecordNothing() {
    Tensor x = leaf(1, 2);
    try (Grad.Scope s = Autograd.noGrad()) {
      Tensor y = x.mul(2.0);
      assertFalse(y.requiresGrad());
      assertFalse(Grad.isEnabled());
    }
    assertTrue(Grad.isEnabled());
    Tensor d = x.detach().mul(2.0);
    assertFalse(d.requiresGrad());
    Tensor y = x.mul(x.detach()).sum();
    y.backward();
    assertArrayEquals(new double[] {1, 2}, values(x.grad()), 0); // d/dx (x * const) = const
  }

  @Test
  void gradReturnsGradientsWithoutTouchingGradAndNullForUnusedInputs() {
    Tensor x = leaf(1, 2, 3);
    Tensor unused = leaf(5);
    Tensor loss = x.square().sum();
    Tensor[] g = Autograd.grad(List.of(loss), null, List.of(x, unused), false);
    assertArrayEquals(new double[] {2, 4, 6}, values(g[0]), 0);
    assertNull(g[1]);
    assertNull(x.grad());
  }

  @Test
  void gradOfANonLeafIsTheGradientArrivingThere() {
    Tensor x = leaf(1, 2);
    Tensor h = x.mul(3.0);
    Tensor loss = h.square().sum();
    Tensor[] g = Autograd.grad(List.of(loss), null, List.of(h), false);
    assertArrayEquals(new double[] {6, 12}, values(g[0]), 0); // 2 h
  }

  @Test
  void hooksRewriteGradientsAndGradcheckCatchesAWrongOne() {
    Tensor x = leaf(1, 2);
    x.registerHook(g -> g.mul(2.0));
    x.square().sum().backward();
    assertArrayEquals(new double[] {4, 8}, values(x.grad()), 0);
    Tensor z = leaf(0.5, -1.5);
    GradCheck.GradcheckException e = assertThrows(GradCheck.GradcheckException.class, () -> GradCheck.check(in -> {
      Tensor h = in[0].mul(2.0);
      if (h.requiresGrad()) h.registerHook(g -> g.mul(1.01)); // a 1% error in the analytical gradient
      return h.sin();
    }, z));
    assertTrue(e.getMessage().contains("central differences"), e.getMessage());
  }

  @Test
  void retainGradKeepsANonLeafsGradient() {
    Tensor x = leaf(1, -2);
    Tensor h = x.mul(2.0).retainGrad();
    h.square().sum().backward();
    assertArrayEquals(new double[] {4, -8}, values(h.grad()), 0);
  }

  @Test
  void modifyingASavedTensorInPlaceMakesBackwardThrowNamingTheOp() {
    Tensor x = leaf(1, 2);
    Tensor y = x.exp(); // saves its output
    Tensor loss = y.sum();
    y.add_(Tensor.of(1.0, 1.0));
    IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
    assertTrue(e.getMessage().contains("unary.EXP") && e.getMessage().contains("in-place"), e.getMessage());
  }

  @Test
  void inPlaceOpsOnNonLeavesAreDifferentiated() {
    Tensor x = leaf(1, 2, -3);
    Tensor z = x.mul(2.0);
    z.mul_(x); // z = 2 x^2
    z.sum().backward();
    assertArrayEquals(new double[] {4, 8, -12}, values(x.grad()), 1e-12);
  }

  @Test
  void inPlaceOnALeafThatRequiresGradIsRefused() {
    Tensor x = leaf(1, 2);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> x.add_(Tensor.of(1.0, 1.0)));
    assertTrue(e.getMessage().contains("leaf"), e.getMessage());
    try (Grad.Scope s = Autograd.noGrad()) {
      x.add_(Tensor.of(1.0, 1.0)); // how optimizers update parameters
    }
    assertArrayEquals(new double[] {2, 3}, values(x), 0);
  }

  @Test
  void castsPassTheGradientBackInTheInputDtype() {
    Tensor x = leaf(1, 2);
    Tensor y = x.to(DType.FLOAT32).mul(3.0).sum();
    y.backward();
    assertEquals(DType.FLOAT64, x.grad().dtype());
    assertArrayEquals(new double[] {3, 3}, values(x.grad()), 0);
  }

  @Test
  void requiresGradOnlyOnFloatingLeaves() {
    assertThrows(IllegalArgumentException.class, () -> Tensor.of(1L, 2L).requiresGrad_(true));
    Tensor y = leaf(1).mul(2.0);
    assertThrows(IllegalStateException.class, () -> y.requiresGrad_(false));
  }

  @Test
  void anomalyModeNamesTheOpThatMadeANanOrInfinity() {
    Autograd.setDetectAnomaly(true);
    ArithmeticException forward = assertThrows(ArithmeticException.class, () -> leaf(0, 1).log());
    assertTrue(forward.getMessage().contains("unary.LOG"), forward.getMessage());
    Tensor y = leaf(0, 4).sqrt().sum(); // finite forward, infinite gradient at 0
    ArithmeticException backward = assertThrows(ArithmeticException.class, y::backward);
    assertTrue(backward.getMessage().contains("unary.SQRT"), backward.getMessage());
  }

  @Test
  void aLongChainDoesNotOverflowTheStack() {
    Tensor x = leaf(1.0);
    Tensor y = x;
    for (int i = 0; i < 20_000; i++) y = y.mul(1.0001);
    y.sum().backward();
    assertEquals(Math.pow(1.0001, 20_000), x.grad().item(), 1e-9);
  }

  @Test
  void storedGradientsNeverAliasEachOtherOrTheSeed() {
    Tensor a = leaf(1, 2);
    Tensor b = leaf(3, 4);
    a.add(b).sum().backward(); // add hands the same gradient to both inputs
    a.grad().add_(Tensor.of(10.0, 10.0));
    assertArrayEquals(new double[] {1, 1}, values(b.grad()), 0);
    Tensor x = leaf(5, 6);
    Tensor seed = Tensor.of(1.0, 2.0);
    x.clone().backward(seed); // clone passes the seed through unchanged
    seed.add_(Tensor.of(100.0, 100.0));
    assertArrayEquals(new double[] {1, 2}, values(x.grad()), 0);
    Tensor w = leaf(1, 2, 3);
    Tensor h = w.mul(2.0);
    Tensor[] kept = new Tensor[1];
    h.registerHook(g -> {
      kept[0] = g;
      return g;
    });
    h.sum().backward();
    w.grad().add_(Tensor.of(1.0, 1.0, 1.0));
    assertArrayEquals(new double[] {1, 1, 1}, values(kept[0]), 0);
  }
}
