package io.frontier.bench.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes results as {@code {"meta": {...}, "rows": [...]}}. Each row is exactly one measurement:
 * <pre>{"op": "matmul", "backend": "cpu", "impl": "frontier", "dtype": "float32",
 *  "shape": [1024, 1024, 1024], "threads": 2, "value": 148.2, "unit": "GFLOP/s"}</pre>
 * where {@code value} is the median over the measurement iterations.
 */
public final class JsonReport {

  private JsonReport() {}

  static void write(RunMeta meta, List<Row> rows, Writer out) throws IOException {
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeFieldName("meta");
      writeMeta(g, meta);
      g.writeFieldName("rows");
      g.writeStartArray();
      for (Row r : rows) writeRow(g, r);
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  /** One row object in the schema above (also used by the GPU report, whose meta differs). */
  public static void writeRow(JsonGenerator g, Row r) throws IOException {
    g.writeStartObject();
    g.writeStringField("op", r.op());
    g.writeStringField("backend", r.backend());
    g.writeStringField("impl", r.impl());
    g.writeStringField("dtype", r.dtype());
    g.writeFieldName("shape");
    g.writeStartArray();
    for (int d : r.shape()) g.writeNumber(d);
    g.writeEndArray();
    g.writeNumberField("threads", r.threads());
    g.writeNumberField("value", r.value());
    g.writeStringField("unit", r.unit());
    g.writeEndObject();
  }

  private static void writeMeta(JsonGenerator g, RunMeta m) throws IOException {
    g.writeStartObject();
    g.writeStringField("date", m.date());
    g.writeStringField("java_version", m.javaVersion());
    g.writeStringField("java_vendor", m.javaVendor());
    g.writeStringField("cpu_model", m.cpuModel());
    g.writeNumberField("cores", m.cores());
    g.writeNumberField("vector_bits", m.vectorBits());
    g.writeStringField("mode", m.mode());
    g.writeStringField("jmh", m.jmh());
    g.writeEndObject();
  }
}
