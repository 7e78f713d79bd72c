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

/**
 * Reads the golden fixtures under src/test/resources/golden/: each is a JSON object whose "cases"
 * array holds the cases, returned as plain trees (maps, lists, strings, longs, doubles, booleans,
 * null) for each fixture's own reader to interpret.
 */
public final class GoldenJson {
  private GoldenJson() {}

  /** The cases of {@code golden/<file>}; {@code script} names the generator in the error for a missing file. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> cases(String file, String script) {
    String resource = "/golden/" + file;
    try (InputStream in = GoldenJson.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("missing fixture " + resource + "; run " + script);
      JsonParser parser = new JsonFactory().createParser(in);
      parser.nextToken();
      Map<String, Object> doc = (Map<String, Object>) read(parser);
      List<?> raw = (List<?>) doc.get("cases");
      if (raw == null || raw.isEmpty()) throw new IllegalStateException("fixture " + resource + " holds no cases");
      List<Map<String, Object>> cases = new ArrayList<>();
      for (Object c : raw) cases.add((Map<String, Object>) c);
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixture " + resource, e);
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
