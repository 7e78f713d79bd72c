package io.frontier.tensor.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** erf, erfc and erfcx against 40-digit mpmath values (fixture made by make_special_fixture.py). */
class SpecialFunctionsTest {

  private static List<Map<String, Double>> rows() throws IOException {
    List<Map<String, Double>> rows = new ArrayList<>();
    try (InputStream in = SpecialFunctionsTest.class.getResourceAsStream("/special/erf.json");
        JsonParser p = new JsonFactory().createParser(in)) {
      Map<String, Double> row = null;
      String field = null;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.START_OBJECT) row = new HashMap<>();
        else if (t == JsonToken.FIELD_NAME) field = p.currentName();
        else if (t == JsonToken.VALUE_STRING && row != null && !"generator".equals(field)) row.put(field, Double.parseDouble(p.getText()));
        else if (t == JsonToken.END_OBJECT && row != null && row.containsKey("x")) {
          rows.add(row);
          row = null;
        }
      }
    }
    return rows;
  }

  private static void assertUlps(double expected, double actual, double ulps, String what) {
    if (expected == 0) {
      assertEquals(0.0, actual, 1e-300, what);
      return;
    }
    double err = Math.abs(actual - expected) / Math.ulp(expected);
    assertTrue(err <= ulps, what + ": expected " + expected + " got " + actual + " (" + err + " ulp)");
  }

  @Test
  void erfIsWithinTwoUlpsEverywhere() throws IOException {
    List<Map<String, Double>> rows = rows();
    assertTrue(rows.size() > 500);
    for (Map<String, Double> r : rows) {
      double x = r.get("x");
      assertUlps(r.get("erf"), SpecialFunctions.erf(x), 2, "erf(" + x + ")");
    }
  }

  @Test
  void erfcKeepsItsRelativeAccuracyInTheRightTail() throws IOException {
    for (Map<String, Double> r : rows()) {
      double x = r.get("x");
      double expected = r.get("erfc");
      if (expected < Double.MIN_NORMAL) continue; // subnormal results carry fewer bits
      assertUlps(expected, SpecialFunctions.erfc(x), x < 1 ? 3 : 4, "erfc(" + x + ")");
    }
  }

  @Test
  void erfcxStaysFiniteAndAccurateWhereErfcUnderflows() throws IOException {
    for (Map<String, Double> r : rows()) {
      double x = r.get("x");
      double expected = r.get("erfcx");
      if (x < 0 && expected > 1e300) continue;
      if (Double.isInfinite(expected)) continue;
      assertUlps(expected, SpecialFunctions.erfcx(x), x < 1 ? 16 : 4, "erfcx(" + x + ")");
    }
    assertEquals(0.5641895835477563 / 1e9, SpecialFunctions.erfcx(1e9), 1e-25);
  }

  @Test
  void specialArgumentsBehave() {
    assertTrue(Double.isNaN(SpecialFunctions.erf(Double.NaN)));
    assertEquals(1.0, SpecialFunctions.erf(Double.POSITIVE_INFINITY));
    assertEquals(-1.0, SpecialFunctions.erf(Double.NEGATIVE_INFINITY));
    assertEquals(0.0, SpecialFunctions.erfc(Double.POSITIVE_INFINITY));
    assertEquals(2.0, SpecialFunctions.erfc(Double.NEGATIVE_INFINITY));
    assertEquals(-0.0, SpecialFunctions.erf(-0.0));
  }
}
