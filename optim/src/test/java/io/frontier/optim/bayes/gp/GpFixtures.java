package io.frontier.optim.bayes.gp;

import io.frontier.optim.GoldenJson;
import io.frontier.tensor.Tensor;
import java.util.List;
import java.util.Map;

/** Reads {@code golden/gp_sklearn.json} (from {@code make_gp_fixtures.py}; its docstring lists the fields). */
final class GpFixtures {
  private GpFixtures() {}

  private static List<Map<String, Object>> cases;

  static synchronized List<Map<String, Object>> cases() {
    if (cases == null) cases = GoldenJson.cases("gp_sklearn.json", "make_gp_fixtures.py");
    return cases;
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
}
