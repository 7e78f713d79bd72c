package io.frontier.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;

/**
 * Fused.causalSoftmax against the three ops it replaces (scale, mask with -inf, softmax), and
 * Fused.softmaxBackward against its formula computed with separate ops in float64.
 */
class CausalSoftmaxTest {

  /** x * scale, masked above the offset-th diagonal of the trailing (T, S) matrices, softmaxed. */
  private static Tensor unfused(Tensor x, double scale, int offset) {
    int t = x.size(-2);
    int s = x.size(-1);
    Tensor mask = Tensor.ones(DType.FLOAT64, t, s).triu(offset + 1).ne(0.0);
    return x.mul(scale).maskedFill(mask, Double.NEGATIVE_INFINITY).softmax(-1);
  }

  @Test
  void equalsScaleMaskAndSoftmaxDoneApart() {
    Generator g = new Generator(91);
    int[][] shapes = {{1, 1}, {3, 7}, {2, 5, 5}, {2, 3, 4, 33}, {4, 1, 300}, {17, 16}};
    for (int[] shape : shapes) {
      for (int offset : new int[] {0, 1, 5}) {
        for (double scale : new double[] {1.0, 0.125, -2.5}) {
          Tensor x = Tensor.rand(g, DType.FLOAT64, shape).mul(8).sub(4);
          String what = java.util.Arrays.toString(shape) + " offset " + offset + " scale " + scale;
          assertClose(what + " float64", unfused(x, scale, offset), Fused.causalSoftmax(x, scale, offset), 1e-15);
          assertClose(what + " float32", unfused(x, scale, offset), Fused.causalSoftmax(x.to(DType.FLOAT32), scale, offset), 2e-6);
        }
      }
    }
  }

  @Test
  void maskedProbabilitiesAreExactlyZeroAndRowsSumToOne() {
    Tensor x = Tensor.rand(new Generator(92), DType.FLOAT32, 6, 9).mul(10);
    Tensor y = Fused.causalSoftmax(x, 1.0, 2);
    double[] v = y.to(DType.FLOAT64).toDoubleArray();
    for (int i = 0; i < 6; i++) {
      double sum = 0;
      for (int j = 0; j < 9; j++) {
        if (j > i + 2) assertEquals(0.0, v[i * 9 + j], "query " + i + " key " + j);
        sum += v[i * 9 + j];
      }
      assertEquals(1.0, sum, 1e-6);
    }
  }

  @Test
  void nonContiguousScoresAreRead() {
    Tensor x = Tensor.rand(new Generator(93), DType.FLOAT64, 2, 6, 6).transpose(1, 2);
    assertClose("transposed", unfused(x, 0.5, 0), Fused.causalSoftmax(x, 0.5, 0), 1e-15);
  }

  @Test
  void softmaxBackwardFollowsItsFormula() {
    Generator g = new Generator(94);
    for (int[] shape : new int[][] {{1, 1}, {5, 7}, {3, 2, 129}}) {
      Tensor y = Tensor.rand(g, DType.FLOAT64, shape).softmax(-1);
      Tensor go = Tensor.rand(g, DType.FLOAT64, shape).sub(0.5);
      double scale = 0.3;
      Tensor expected = y.mul(go.sub(go.mul(y).sum(new int[] {-1}, true))).mul(scale);
      assertClose("float64 " + java.util.Arrays.toString(shape), expected, Fused.softmaxBackward(go, y, scale), 1e-15);
      assertClose("float32 " + java.util.Arrays.toString(shape), expected,
          Fused.softmaxBackward(go.to(DType.FLOAT32), y.to(DType.FLOAT32), scale), 1e-6);
    }
  }

  @Test
  void badArgumentsAreNamed() {
    Tensor x = Tensor.zeros(DType.FLOAT32, 3, 3);
    assertMessage("offset must be >= 0", () -> Fused.causalSoftmax(x, 1.0, -1));
    assertMessage("at least 2 dims", () -> Fused.causalSoftmax(Tensor.zeros(DType.FLOAT32, 3), 1.0, 0));
    assertMessage("scale must be finite", () -> Fused.causalSoftmax(x, Double.NaN, 0));
    assertMessage("float32 or float64 x", () -> Fused.causalSoftmax(Tensor.zeros(DType.INT64, 3, 3), 1.0, 0));
    assertMessage("gradOut has shape (3, 4)", () -> Fused.softmaxBackward(Tensor.zeros(DType.FLOAT32, 3, 4), x, 1.0));
  }

  private static void assertClose(String what, Tensor expected, Tensor actual, double tol) {
    assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), what + ": shape");
    double[] e = expected.to(DType.FLOAT64).contiguous().toDoubleArray();
    double[] a = actual.to(DType.FLOAT64).contiguous().toDoubleArray();
    for (int i = 0; i < e.length; i++) {
      if (!(Math.abs(a[i] - e[i]) <= tol * (1 + Math.abs(e[i])))) fail(what + ": element " + i + " is " + a[i] + ", expected " + e[i]);
    }
  }

  private static void assertMessage(String fragment, Runnable r) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
  }
}
