package io.frontier.optim;

import io.frontier.tensor.Tensor;
import java.util.List;
import java.util.Map;

/** Reads the golden fixtures written by optim/src/test/python/make_schedule_fixtures.py. */
public final class ScheduleFixtures {
  private ScheduleFixtures() {}

  /** The cases of {@code golden/<file>}. */
  public static List<Map<String, Object>> cases(String file) {
    return GoldenJson.cases(file, "make_schedule_fixtures.py");
  }

  /** A {"shape", "values"} float64 tensor, or null for JSON null. */
  public static Tensor tensor(Object spec) {
    if (spec == null) return null;
    Map<?, ?> m = (Map<?, ?>) spec;
    List<?> s = (List<?>) m.get("shape");
    int[] shape = new int[s.size()];
    for (int i = 0; i < shape.length; i++) shape[i] = ((Number) s.get(i)).intValue();
    return Tensor.fromArray(doubles(m.get("values")), shape);
  }

  public static double[] doubles(Object list) {
    List<?> l = (List<?>) list;
    double[] d = new double[l.size()];
    for (int i = 0; i < d.length; i++) d[i] = ((Number) l.get(i)).doubleValue();
    return d;
  }

  /** |actual - expected| <= rtol * |expected| for every element (so an expected 0 must be exactly 0). */
  public static void assertClose(double[] expected, double[] actual, double rtol, String what) {
    if (expected.length != actual.length) throw new AssertionError(what + ": " + actual.length + " values, expected " + expected.length);
    for (int i = 0; i < expected.length; i++) {
      if (!(Math.abs(actual[i] - expected[i]) <= rtol * Math.abs(expected[i]))) {
        throw new AssertionError(what + "[" + i + "]: " + actual[i] + ", expected " + expected[i] + " (relative error "
            + Math.abs(actual[i] - expected[i]) / Math.abs(expected[i]) + ")");
      }
    }
  }
}
