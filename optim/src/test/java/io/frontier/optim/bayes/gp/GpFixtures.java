package io.frontier.optim.bayes.gp;

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

/** Reads {@code golden/gp_sklearn.json} (from {@code make_gp_fixtures.py}; its docstring lists the fields). */
final class GpFixtures {
  private GpFixtures() {}

  private static List<Map<String, Object>> cases;

  @SuppressWarnings("unchecked")
  static synchronized List<Map<String, Object>> cases() {
    if (cases != null) return cases;
    String resource = "/golden/gp_sklearn.json";
    try (InputStream in = GpFixtures.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("missing fixture " + resource + "; run make_gp_fixtures.py");
      JsonParser parser = new JsonFactory().createParser(in);
      parser.nextToken();
      Map<String, Object> doc = (Map<String, Object>) readValue(parser);
      List<Map<String, Object>> out = new ArrayList<>();
      for (Object c : (List<?>) doc.get("cases")) out.add((Map<String, Object>) c);
      cases = out;
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixture " + resource, e);
    }
  }

  static List<Map<String, Object>> ofKind(String kind) {
    return cases().stream().filter(c -> kind.equals(c.get("kind"))).toList();
  }

  static Map<String, Object> named(String name) {
    return cases().stream().filter(c -> name.equals(c.get("name"))).findFirst().orElseThrow();
  }

  static double[] vector(Object list) {
    List<?> l = (List<?>) list;
    double[] out = new double[l.size()];
    for (int i = 0; i < out.length; i++) out[i] = ((Number) l.get(i)).doubleValue();
    return out;
  }

  static Tensor matrix(Object list) {
    List<?> l = (List<?>) list;
    double[][] rows = new double[l.size()][];
    for (int i = 0; i < rows.length; i++) rows[i] = vector(l.get(i));
    return Tensor.of(rows);
  }

  static double number(Object v) {
    return ((Number) v).doubleValue();
  }

  private static Object readValue(JsonParser p) throws IOException {
    JsonToken token = p.currentToken();
    switch (token) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() != JsonToken.END_OBJECT) {
          String key = p.currentName();
          p.nextToken();
          map.put(key, readValue(p));
        }
        return map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) list.add(readValue(p));
        return list;
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
      case VALUE_TRUE, VALUE_FALSE -> {
        return p.getBooleanValue();
      }
      default -> throw new IOException("unexpected JSON token " + token);
    }
  }
}
