package io.frontier.optim;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.frontier.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the golden fixtures written by optim/src/test/python/make_schedule_fixtures.py. */
public final class ScheduleFixtures {
  private ScheduleFixtures() {}

  /** The cases of {@code golden/<file>}. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> cases(String file) {
    String resource = "/golden/" + file;
    try (InputStream in = ScheduleFixtures.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("missing fixture " + resource + "; run make_schedule_fixtures.py");
      JsonParser parser = new JsonFactory().createParser(in);
      parser.nextToken();
      Map<String, Object> doc = (Map<String, Object>) read(parser);
      List<Map<String, Object>> cases = (List<Map<String, Object>>) doc.get("cases");
      if (cases == null || cases.isEmpty()) throw new IllegalStateException("fixture " + resource + " holds no cases");
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixture " + resource, e);
    }
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

  private static Object read(JsonParser p) throws IOException {
    JsonToken token = p.currentToken();
    switch (token) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() != JsonToken.END_OBJECT) {
          String key = p.currentName();
          p.nextToken();
          map.put(key, read(p));
        }
        return map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) list.add(read(p));
        return list;
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return p.getBooleanValue();
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_NUMBER_INT -> {
        return p.getLongValue();
      }
      case VALUE_NUMBER_FLOAT -> {
        return p.getDoubleValue();
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new IOException("unexpected JSON token " + token);
    }
  }
}
