package io.frontier.optim.bayes.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * log h(u), d log h/du and log Φ(u) against mpmath at 800 digits
 * ({@code golden/log_ei.json} from {@code make_logei_fixtures.py}), from u = 6 down to u = -1e100.
 */
class NormalTailTest {
  private static List<Map<String, Double>> rows() throws IOException {
    List<Map<String, Double>> rows = new ArrayList<>();
    try (InputStream in = NormalTailTest.class.getResourceAsStream("/golden/log_ei.json");
        JsonParser p = new JsonFactory().createParser(in)) {
      Map<String, Double> row = null;
      String field = null;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.START_OBJECT) row = new HashMap<>();
        else if (t == JsonToken.FIELD_NAME) field = p.currentName();
        else if (t.isNumeric() && row != null) row.put(field, p.getDoubleValue());
        else if (t == JsonToken.END_OBJECT && row != null && row.containsKey("u")) {
          rows.add(row);
          row = null;
        }
      }
    }
    return rows;
  }

  private static void close(double want, double got, double u, String what) {
    assertEquals(want, got, 4e-15 * Math.abs(want) + 1e-300, what + " at u = " + u);
  }

  @Test
  void logHMatchesHighPrecisionFromTheBodyToTheFarTail() throws IOException {
    List<Map<String, Double>> rows = rows();
    assertEquals(30, rows.size());
    for (Map<String, Double> r : rows) close(r.get("log_h"), Normal.logH(r.get("u")), r.get("u"), "log h");
  }

  @Test
  void logHSlopeMatchesHighPrecision() throws IOException {
    for (Map<String, Double> r : rows()) {
      double u = r.get("u");
      assertEquals(r.get("dlog_h"), Normal.dLogH(u), 1e-13 * Math.abs(r.get("dlog_h")), "d log h at u = " + u);
    }
  }

  @Test
  void logCdfMatchesHighPrecision() throws IOException {
    for (Map<String, Double> r : rows()) {
      double u = r.get("u");
      assertEquals(r.get("log_cdf"), Normal.logCdf(u), 1e-13 * Math.abs(r.get("log_cdf")) + 1e-24, "log Phi at u = " + u);
    }
  }
}
