package io.frontier.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ForkOutputFilterTest {

  @Test
  void dropsOnlyTheIncubatorWarningLine() throws IOException {
    String in = "first\nWARNING: Using incubator modules: jdk.incubator.vector\nWARNING: something else\n"
        + "WARNING: Using incubator\nlast";
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (ForkOutputFilter f = new ForkOutputFilter(sink)) {
      f.write(in.getBytes(StandardCharsets.UTF_8));
    }
    assertEquals("first\nWARNING: something else\nWARNING: Using incubator\nlast", sink.toString(StandardCharsets.UTF_8));
  }
}
