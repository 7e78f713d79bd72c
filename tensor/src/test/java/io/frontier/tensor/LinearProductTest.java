package io.frontier.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Fused.linear against a float64 loop, on leading dims, without a bias, on views, and its errors. */
class LinearProductTest {
  static final Generator G = new Generator(77);

  /** y[r][o] = sum_i x[r][i] w[o][i] + b[o], over x's rows. */
  static double[] naive(double[] x, double[] w, double[] b, int rows, int in, int out) {
    double[] y = new double[rows * out];
    for (int r = 0; r < rows; r++)
      for (int o = 0; o < out; o++) {
        double s = b == null ? 0 : b[o];
        for (int i = 0; i < in; i++) s += x[r * in + i] * w[o * in + i];
        y[r * out + o] = s;
      }
    return y;
  }

  @Test
  void matchesTheFloat64Loop() {
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      Tensor x = Tensor.rand(G, dt, 2, 3, 7).sub(0.5), w = Tensor.rand(G, dt, 5, 7).sub(0.5), b = Tensor.rand(G, dt, 5);
      double tol = dt == DType.FLOAT32 ? 1e-6 : 1e-14;
      for (Tensor bias : new Tensor[] {b, null}) {
        Tensor y = Fused.linear(x, w, bias);
        assertArrayEquals(new int[] {2, 3, 5}, y.shape());
        assertEquals(dt, y.dtype());
        double[] want = naive(x.toDoubleArray(), w.toDoubleArray(), bias == null ? null : bias.toDoubleArray(), 6, 7, 5);
        double[] got = y.toDoubleArray();
        for (int i = 0; i < want.length; i++) assertEquals(want[i], got[i], tol, "element " + i);
      }
    }
  }

  @Test
  void viewsAndOneDimensionalInputs() {
    Tensor base = Tensor.rand(G, DType.FLOAT64, 7, 4), w = Tensor.rand(G, DType.FLOAT64, 3, 7), b = Tensor.rand(G, DType.FLOAT64, 3);
    Tensor xt = base.t(); // (4, 7), column-major
    double[] want = naive(xt.contiguous().toDoubleArray(), w.toDoubleArray(), b.toDoubleArray(), 4, 7, 3);
    assertArrayEquals(want, Fused.linear(xt, w, b).toDoubleArray(), 1e-14);
    Tensor v = xt.select(0, 1); // (7)
    Tensor y = Fused.linear(v, w, b);
    assertArrayEquals(new int[] {3}, y.shape());
    assertArrayEquals(java.util.Arrays.copyOfRange(want, 3, 6), y.toDoubleArray(), 1e-14);
    Tensor empty = Fused.linear(Tensor.zeros(DType.FLOAT64, 0, 7), w, b);
    assertArrayEquals(new int[] {0, 3}, empty.shape());
  }

  @Test
  void badArgumentsAreNamed() {
    Tensor x = Tensor.rand(G, DType.FLOAT32, 2, 7), w = Tensor.rand(G, DType.FLOAT32, 5, 7);
    assertMessage("weight has shape (5, 6), expected (out, 7)", () -> Fused.linear(x, Tensor.rand(G, DType.FLOAT32, 5, 6), null));
    assertMessage("bias has shape (4,), expected (5,)", () -> Fused.linear(x, w, Tensor.rand(G, DType.FLOAT32, 4)));
    assertMessage("weight is float64, expected float32", () -> Fused.linear(x, w.to(DType.FLOAT64), null));
    assertMessage("expected a float32 or float64 x, got int64", () -> Fused.linear(x.to(DType.INT64), w, null));
    assertMessage("weight is null", () -> Fused.linear(x, null, null));
  }

  private static void assertMessage(String part, Runnable r) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }
}
