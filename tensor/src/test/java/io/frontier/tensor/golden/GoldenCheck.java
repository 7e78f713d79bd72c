package io.frontier.tensor.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Replays golden cases through Frontier and compares with torch: dtype and shape exactly, int64 and
 * bool values exactly, floats within {@code atol + rtol * |expected|} (rtol 1e-12 for float64 and
 * 1e-6 for float32 unless the case says otherwise, with its reason), NaN only against NaN and
 * infinities only against the same infinity. A case that torch refuses, or that the fixture marks as
 * a documented difference that Frontier refuses, must make Frontier throw an argument error.
 */
final class GoldenCheck {
  static final double FLOAT64_RTOL = 1e-12;
  static final double FLOAT32_RTOL = 1e-6;

  private GoldenCheck() {}

  /**
   * One dynamic test per case of the topic, named by the case's sentence, and a second one that
   * feeds the same values through non-contiguous views (torch's answer does not depend on layout).
   */
  static Stream<DynamicTest> topic(String topic) {
    return GoldenCase.load(topic).stream()
        .flatMap(c -> {
          DynamicTest plain = DynamicTest.dynamicTest(c.name(), () -> check(c));
          if (!c.hasStridableInput()) return Stream.of(plain);
          GoldenCase s = c.withStridedInputs();
          return Stream.of(plain, DynamicTest.dynamicTest(c.name() + ", with strided inputs", () -> check(s)));
        });
  }

  static void check(GoldenCase c) {
    if (c.error() != null || c.frontierRefuses()) {
      checkRefused(c);
      return;
    }
    List<Tensor> actual = GoldenOps.run(c);
    List<Map<String, Object>> expected = c.outputs();
    assertEquals(expected.size(), actual.size(), () -> c + ": number of outputs");
    for (int i = 0; i < expected.size(); i++) compare(c, i, expected.get(i), actual.get(i));
  }

  private static void checkRefused(GoldenCase c) {
    List<Tensor> result;
    try {
      result = GoldenOps.run(c);
    } catch (IllegalArgumentException | ArithmeticException | IndexOutOfBoundsException e) {
      return; // the messages differ from torch's by design
    }
    String expected = c.error() != null ? "torch raises '" + c.error() + "'" : "Frontier documents that it refuses this call";
    fail(c + ": " + expected + " but Frontier returned " + result);
  }

  private static void compare(GoldenCase c, int output, Map<String, Object> spec, Tensor actual) {
    String where = c + ", output " + output;
    DType dtype = GoldenCase.dtype((String) spec.get("dtype"));
    assertEquals(dtype, actual.dtype(), () -> where + ": dtype");
    assertArrayEquals(GoldenCase.shape(spec), actual.shape(), () -> where + ": shape " + Arrays.toString(actual.shape()));
    List<?> values = GoldenCase.values(spec);
    switch (dtype) {
      case INT64 -> {
        long[] a = actual.toLongArray();
        for (int i = 0; i < a.length; i++) {
          long e = (Long) values.get(i);
          if (a[i] != e) fail(where + ": element " + i + " is " + a[i] + ", torch gives " + e + "\n  actual " + Arrays.toString(a));
        }
      }
      case BOOL -> {
        boolean[] a = actual.toBooleanArray();
        for (int i = 0; i < a.length; i++) {
          boolean e = (Boolean) values.get(i);
          if (a[i] != e) fail(where + ": element " + i + " is " + a[i] + ", torch gives " + e + "\n  actual " + Arrays.toString(a));
        }
      }
      case FLOAT32, FLOAT64 -> {
        double rtol = c.rtol() != null ? c.rtol() : dtype == DType.FLOAT64 ? FLOAT64_RTOL : FLOAT32_RTOL;
        double atol = c.atol() != null ? c.atol() : 0.0;
        double[] a = actual.toDoubleArray();
        for (int i = 0; i < a.length; i++) {
          double e = GoldenCase.number(values.get(i));
          if (!close(a[i], e, rtol, atol, c.zeroSign())) {
            fail(where + ": element " + i + " is " + a[i] + ", torch gives " + e + " (rtol " + rtol + ", atol " + atol + ")"
                + "\n  actual " + Arrays.toString(a));
          }
        }
      }
    }
  }

  static boolean close(double actual, double expected, double rtol, double atol, boolean zeroSign) {
    if (Double.isNaN(expected) || Double.isNaN(actual)) return Double.isNaN(expected) && Double.isNaN(actual);
    if (Double.isInfinite(expected) || Double.isInfinite(actual)) return actual == expected;
    if (zeroSign && expected == 0 && Double.compare(actual, expected) != 0) return false;
    return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
  }
}
