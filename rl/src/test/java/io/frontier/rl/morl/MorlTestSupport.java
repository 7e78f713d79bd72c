package io.frontier.rl.morl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

final class MorlTestSupport {

  private MorlTestSupport() {}

  /** Rows sorted lexicographically (copies), so that two fronts compare as sets. */
  static double[][] sorted(double[][] rows) {
    double[][] out = Arrays.stream(rows).map(double[]::clone).toArray(double[][]::new);
    Arrays.sort(out, Arrays::compare);
    return out;
  }

  /** The two point sets are equal (as sets of rows, to 1e-12). */
  static void assertSameSet(double[][] expected, double[][] actual) {
    double[][] e = sorted(expected);
    double[][] a = sorted(actual);
    assertEquals(e.length, a.length, () -> "expected " + Arrays.deepToString(e) + " got " + Arrays.deepToString(a));
    for (int i = 0; i < e.length; i++) assertArrayEquals(e[i], a[i], 1e-12, "row " + i + " of " + Arrays.deepToString(a));
  }

  /** Distinct rows, to 1e-9 (solvers return one row per weight or budget, with repeats). */
  static double[][] distinct(double[][] rows) {
    return Arrays.stream(rows)
        .map(r -> Arrays.stream(r).map(v -> Math.round(v * 1e9) / 1e9).toArray())
        .map(r -> Arrays.stream(r).boxed().toList())
        .distinct()
        .map(l -> l.stream().mapToDouble(Double::doubleValue).toArray())
        .toArray(double[][]::new);
  }

  /** The vector return of playing {@code actions} through the step API from a reset; asserts the episode ends on the last one. */
  static double[] replay(DeepSeaTreasure env, int[] actions) {
    env.reset();
    double[] total = new double[2];
    for (int i = 0; i < actions.length; i++) {
      DeepSeaTreasure.Step step = env.step(actions[i]);
      total[0] += step.reward()[0];
      total[1] += step.reward()[1];
      assertEquals(i == actions.length - 1, step.terminated(), "step " + i + " of " + actions.length);
    }
    return total;
  }
}
