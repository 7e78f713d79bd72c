package io.frontier.optim;

import io.frontier.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shared plumbing of the optimizers' hyperparameters: filling a group's missing ones from the
 * optimizer's defaults (as torch's {@code add_param_group} does) and the checks behind each
 * {@code validate}. Booleans travel as 0 or 1, since a group's hyperparameters are numbers.
 */
final class Hyper {
  private Hyper() {}

  /** One group of {@code params} with exactly {@code hyper}. */
  static List<ParamGroup> single(List<Tensor> params, Map<String, Double> hyper) {
    return List.of(new ParamGroup(params, hyper));
  }

  /**
   * The groups, each given every default it lacks (in place, so the caller's groups are the
   * optimizer's); a key that is not one of the defaults' is rejected as a likely typo.
   */
  static List<ParamGroup> withDefaults(String optimizer, List<ParamGroup> groups, Map<String, Double> defaults) {
    List<ParamGroup> out = new ArrayList<>(groups.size());
    for (ParamGroup g : groups) {
      Set<String> given = g.hyperparameters().keySet();
      for (String k : given) {
        if (!defaults.containsKey(k)) {
          throw new IllegalArgumentException(optimizer + ": unknown hyperparameter '" + k + "' (known: " + defaults.keySet() + ")");
        }
      }
      for (Map.Entry<String, Double> d : defaults.entrySet()) if (!given.contains(d.getKey())) g.set(d.getKey(), d.getValue());
      out.add(g);
    }
    return out;
  }

  static double flag(boolean b) {
    return b ? 1.0 : 0.0;
  }

  /** A boolean hyperparameter: 0 or 1. */
  static boolean isSet(ParamGroup g, String name) {
    return g.get(name) != 0.0;
  }

  static void requireFlag(ParamGroup g, String name) {
    double v = g.get(name);
    if (v != 0.0 && v != 1.0) throw new IllegalArgumentException("invalid " + name + ": " + v + " (a flag: must be 0 or 1)");
  }

  /** A finite value {@code >= 0}. */
  static void requireNonNegative(ParamGroup g, String name) {
    double v = g.get(name);
    if (!(v >= 0 && v < Double.POSITIVE_INFINITY)) throw new IllegalArgumentException("invalid " + name + ": " + v + " (must be >= 0 and finite)");
  }

  /** A finite value {@code > 0}. */
  static void requirePositive(ParamGroup g, String name) {
    double v = g.get(name);
    if (!(v > 0 && v < Double.POSITIVE_INFINITY)) throw new IllegalArgumentException("invalid " + name + ": " + v + " (must be > 0 and finite)");
  }

  /** A coefficient in {@code [0, 1)}: a beta, an alpha, a momentum. */
  static void requireUnitInterval(ParamGroup g, String name) {
    double v = g.get(name);
    if (!(v >= 0 && v < 1)) throw new IllegalArgumentException("invalid " + name + ": " + v + " (must be in [0, 1))");
  }
}
