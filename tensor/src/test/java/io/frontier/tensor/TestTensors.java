package io.frontier.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;

/**
 * Test helpers: random inputs drawn with {@link java.util.Random} (independent of Frontier's
 * generator), views of several layouts, row-major index arithmetic for naive float64 references,
 * and a closeness check of the form {@code |actual - expected| <= atol + rtol * |expected|} with
 * NaN matching NaN.
 */
final class TestTensors {
  private TestTensors() {}

  /** Layouts in which a test input can arrive. */
  enum Layout {
    CONTIGUOUS,
    /** Stored with the dims reversed, then permuted back: every stride differs from row-major. */
    TRANSPOSED,
    /** Every other element of a last dim twice as long: inner stride 2 and an offset. */
    STEPPED
  }

  static double[] randomValues(Random rng, int n, double scale) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = rng.nextGaussian() * scale;
    return v;
  }

  /** A tensor of the given shape, dtype and layout holding {@code values} in row-major order. */
  static Tensor tensor(double[] values, int[] shape, DType dtype, Layout layout) {
    Tensor t = Tensor.fromArray(values.clone(), shape).to(dtype);
    switch (layout) {
      case CONTIGUOUS:
        return t;
      case TRANSPOSED: {
        int n = shape.length;
        int[] rev = new int[n];
        for (int i = 0; i < n; i++) rev[i] = n - 1 - i;
        Tensor stored = t.permute(rev).contiguous();
        return stored.permute(rev);
      }
      case STEPPED: {
        if (shape.length == 0) return t;
        int[] wide = shape.clone();
        wide[wide.length - 1] = shape[shape.length - 1] * 2 + 1;
        Tensor base = Tensor.full(wide, 7.0, dtype); // garbage the view must never read
        Tensor view = base.slice(-1, 1, wide[wide.length - 1], 2);
        view.copy_(t);
        return view;
      }
      default:
        throw new AssertionError(layout);
    }
  }

  static int numel(int[] shape) {
    int n = 1;
    for (int s : shape) n *= s;
    return n;
  }

  /** Row-major multi-index of flat position {@code flat}. */
  static int[] unravel(int flat, int[] shape) {
    int[] idx = new int[shape.length];
    for (int d = shape.length - 1; d >= 0; d--) {
      if (shape[d] == 0) return idx;
      idx[d] = flat % shape[d];
      flat /= shape[d];
    }
    return idx;
  }

  static int ravel(int[] idx, int[] shape) {
    int flat = 0;
    for (int d = 0; d < shape.length; d++) flat = flat * shape[d] + idx[d];
    return flat;
  }

  /** Index into a broadcast operand: dims of size 1 map to 0, missing leading dims are dropped. */
  static int broadcastIndex(int[] outIdx, int[] shape) {
    int lead = outIdx.length - shape.length;
    int flat = 0;
    for (int d = 0; d < shape.length; d++) flat = flat * shape[d] + (shape[d] == 1 ? 0 : outIdx[lead + d]);
    return flat;
  }

  static void assertClose(double[] expected, Tensor actual, double rtol, double atol, String what) {
    double[] got = actual.toDoubleArray();
    assertEquals(expected.length, got.length, what + ": element count");
    for (int i = 0; i < got.length; i++) {
      double e = expected[i];
      double g = got[i];
      if (Double.isNaN(e) || Double.isNaN(g)) {
        if (Double.isNaN(e) != Double.isNaN(g)) fail(what + ": element " + i + " expected " + e + " but was " + g);
        continue;
      }
      if (Double.isInfinite(e) || Double.isInfinite(g)) {
        if (e != g) fail(what + ": element " + i + " expected " + e + " but was " + g);
        continue;
      }
      if (Math.abs(g - e) > atol + rtol * Math.abs(e)) {
        fail(what + ": element " + i + " expected " + e + " but was " + g + " (|diff| " + Math.abs(g - e) + ")");
      }
    }
  }

  static void assertShape(int[] expected, Tensor t) {
    assertArrayEquals(expected, t.shape(), () -> "shape " + Shapes.str(t.shape()) + " != " + Shapes.str(expected));
  }
}
