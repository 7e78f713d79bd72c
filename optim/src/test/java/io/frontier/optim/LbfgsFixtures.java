package io.frontier.optim;

import java.util.List;
import java.util.Map;

/** Reads the JSON fixtures under src/test/resources/golden/ (written by make_lbfgs_fixtures.py). */
final class LbfgsFixtures {
  private LbfgsFixtures() {}

  static List<Map<String, Object>> cases(String file) {
    return GoldenJson.cases(file, "make_lbfgs_fixtures.py");
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
}
