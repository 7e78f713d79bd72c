package io.frontier.tensor;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.frontier.tensor.backend.ActivationGrad;
import io.frontier.tensor.backend.UnaryOp;
import org.junit.jupiter.api.Test;

/**
 * The fused activation backward: its float64 reference against central differences of the
 * activations themselves, and the CPU kernels (float64, and float32 through the Vector API with a
 * scalar tail) against that reference on awkward sizes and non-contiguous inputs.
 */
class ActivationBackwardTest {
  private static final UnaryOp[] OPS = {UnaryOp.GELU, UnaryOp.GELU_TANH, UnaryOp.SILU};

  @Test
  void theReferenceDerivativeMatchesCentralDifferencesOfTheActivation() {
    for (UnaryOp op : OPS) {
      for (double x = -9; x <= 9; x += 0.0625) {
        double h = 1e-5;
        double numeric = (op.apply(x + h) - op.apply(x - h)) / (2 * h);
        double exact = ActivationGrad.derivative(op, x);
        if (Math.abs(numeric - exact) > 1e-8) fail(op + " at " + x + ": " + exact + " vs central difference " + numeric);
      }
    }
  }

  @Test
  void kernelsFollowTheReferenceOnAwkwardSizes() {
    Generator gen = new Generator(77);
    for (UnaryOp op : OPS) {
      for (int n : new int[] {1, 7, 16, 33, 1000, 100_003}) {
        Tensor x = Tensor.rand(gen, DType.FLOAT64, n).mul(16).sub(8);
        Tensor g = Tensor.rand(gen, DType.FLOAT64, n).mul(2).sub(1);
        check(op + " float64 n=" + n, op, g, x, Fused.activationBackward(op, g, x), 1e-13);
        Tensor x32 = x.to(DType.FLOAT32);
        Tensor g32 = g.to(DType.FLOAT32);
        check(op + " float32 n=" + n, op, g32, x32, Fused.activationBackward(op, g32, x32), 3e-6);
      }
    }
  }

  @Test
  void nonContiguousInputsAreRead() {
    Generator gen = new Generator(78);
    Tensor x = Tensor.rand(gen, DType.FLOAT32, 37, 29).mul(6).sub(3).t();
    Tensor g = Tensor.rand(gen, DType.FLOAT32, 29, 37);
    for (UnaryOp op : OPS) check(op + " transposed", op, g, x, Fused.activationBackward(op, g, x), 3e-6);
  }

  @Test
  void badArgumentsAreNamed() {
    Tensor x = Tensor.zeros(DType.FLOAT32, 4);
    assertMessage("no fused backward for relu", () -> Fused.activationBackward(UnaryOp.RELU, x, x));
    assertMessage("gradOut has shape (5,), expected (4,)", () -> Fused.activationBackward(UnaryOp.GELU, Tensor.zeros(DType.FLOAT32, 5), x));
    assertMessage("gradOut is float64, expected float32", () -> Fused.activationBackward(UnaryOp.GELU, Tensor.zeros(DType.FLOAT64, 4), x));
    assertMessage("expected a float32 or float64 x", () -> Fused.activationBackward(UnaryOp.SILU, Tensor.zeros(DType.INT64, 4), Tensor.zeros(DType.INT64, 4)));
  }

  /** Each element within tol * (1 + |exact|) of gradOut * f'(x) computed in float64 from the same inputs. */
  private static void check(String what, UnaryOp op, Tensor g, Tensor x, Tensor actual, double tol) {
    double[] gs = g.to(DType.FLOAT64).contiguous().toDoubleArray();
    double[] xs = x.to(DType.FLOAT64).contiguous().toDoubleArray();
    double[] a = actual.to(DType.FLOAT64).contiguous().toDoubleArray();
    for (int i = 0; i < a.length; i++) {
      double exact = gs[i] * ActivationGrad.derivative(op, xs[i]);
      if (!(Math.abs(a[i] - exact) <= tol * (1 + Math.abs(exact)))) fail(what + ": element " + i + " is " + a[i] + ", expected " + exact);
    }
  }

  private static void assertMessage(String fragment, Runnable r) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
  }
}
