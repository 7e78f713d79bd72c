package io.frontier.optim;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the JSON fixtures under src/test/resources/golden/ (written by make_lbfgs_fixtures.py). */
final class LbfgsFixtures {
  private LbfgsFixtures() {}

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> cases(String file) {
    String resource = "/golden/" + file;
    try (InputStream in = LbfgsFixtures.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("missing fixture " + resource + "; run make_lbfgs_fixtures.py");
      JsonParser parser = new JsonFactory().createParser(in);
      parser.nextToken();
      Map<String, Object> doc = (Map<String, Object>) readValue(parser);
      List<Map<String, Object>> cases = new ArrayList<>();
      for (Object c : (List<?>) doc.get("cases")) cases.add((Map<String, Object>) c);
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixture " + resource, e);
    }
  }

  static Map<String, Object> named(String file, String name) {
    for (Map<String, Object> c : cases(file)) if (name.equals(c.get("name"))) return c;
    throw new IllegalStateException("no case " + name + " in " + file);
  }

  static double[] vector(Object list) {
    List<?> l = (List<?>) list;
    double[] out = new double[l.size()];
    for (int i = 0; i < out.length; i++) out[i] = ((Number) l.get(i)).doubleValue();
    return out;
  }

  static double[][] matrix(Object list) {
    List<?> l = (List<?>) list;
    double[][] out = new double[l.size()][];
    for (int i = 0; i < out.length; i++) out[i] = vector(l.get(i));
    return out;
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
      default -> throw new IOException("unexpected JSON token " + token);
    }
  }
}
