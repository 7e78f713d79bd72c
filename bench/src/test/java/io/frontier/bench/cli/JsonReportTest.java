package io.frontier.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReportTest {

  private static final RunMeta META = new RunMeta("2026-11-27", "17.0.15", "Debian", "AMD EPYC", 2, 512, "quick", "1 fork");

  @Test
  void eachRowHasExactlyTheSchemaFieldsInOrder() throws IOException {
    Row row = new Row("matmul", "cpu", "frontier", "float32", List.of(1024, 1024, 1024), 2, 148.2, "GFLOP/s", 140, 150);

    Map<String, Object> parsed = parseRows(write(List.of(row))).get(0);

    assertEquals(List.of("op", "backend", "impl", "dtype", "shape", "threads", "value", "unit"), List.copyOf(parsed.keySet()));
    assertEquals("matmul", parsed.get("op"));
    assertEquals("cpu", parsed.get("backend"));
    assertEquals("frontier", parsed.get("impl"));
    assertEquals("float32", parsed.get("dtype"));
    assertEquals(List.of(1024L, 1024L, 1024L), parsed.get("shape"));
    assertEquals(2L, parsed.get("threads"));
    assertEquals(148.2, (Double) parsed.get("value"), 0.0);
    assertEquals("GFLOP/s", parsed.get("unit"));
  }

  @Test
  void theFileHoldsMetaThenOneRowPerMeasurement() throws IOException {
    List<Row> rows = List.of(
        new Row("add", "cpu", "frontier", "float32", List.of(1048576), 1, 20.5, "GB/s", 20, 21),
        new Row("add", "cpu", "arraycopy", "float32", List.of(1048576), 1, 25.0, "GB/s", 24, 26));
    String json = write(rows);

    try (JsonParser p = new JsonFactory().createParser(json)) {
      assertEquals(JsonToken.START_OBJECT, p.nextToken());
      assertEquals("meta", p.nextFieldName());
      Map<String, Object> meta = readObject(p);
      assertEquals("2026-11-27", meta.get("date"));
      assertEquals("17.0.15", meta.get("java_version"));
      assertEquals("AMD EPYC", meta.get("cpu_model"));
      assertEquals(2L, meta.get("cores"));
      assertEquals("rows", p.nextFieldName());
    }
    List<Map<String, Object>> parsed = parseRows(json);
    assertEquals(2, parsed.size());
    assertEquals("arraycopy", parsed.get(1).get("impl"));
    assertEquals(25.0, (Double) parsed.get(1).get("value"), 0.0);
  }

  private static String write(List<Row> rows) throws IOException {
    StringWriter w = new StringWriter();
    JsonReport.write(META, rows, w);
    return w.toString();
  }

  private static List<Map<String, Object>> parseRows(String json) throws IOException {
    try (JsonParser p = new JsonFactory().createParser(json)) {
      while (p.nextToken() != null) {
        if (p.currentToken() == JsonToken.FIELD_NAME && p.currentName().equals("rows")) {
          assertEquals(JsonToken.START_ARRAY, p.nextToken());
          List<Map<String, Object>> rows = new ArrayList<>();
          while (p.nextToken() == JsonToken.START_OBJECT) rows.add(readObjectBody(p));
          return rows;
        }
      }
      throw new AssertionError("no rows array in " + json);
    }
  }

  private static Map<String, Object> readObject(JsonParser p) throws IOException {
    assertEquals(JsonToken.START_OBJECT, p.nextToken());
    return readObjectBody(p);
  }

  /** Reads fields up to the END_OBJECT of an object whose START_OBJECT is the current token. */
  private static Map<String, Object> readObjectBody(JsonParser p) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      out.put(name, readValue(p, p.nextToken()));
    }
    return out;
  }

  private static Object readValue(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT -> p.getLongValue();
      case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) list.add(readValue(p, e));
        yield list;
      }
      case START_OBJECT -> readObjectBody(p);
      default -> throw new AssertionError("unexpected token " + t);
    };
  }
}
