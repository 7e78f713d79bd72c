package io.frontier.multiobjective.bayes;

import io.frontier.multiobjective.pareto.NonDominatedFilter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The observed Pareto front strictly inside the reference point (minimisation), which bounds every improvement. */
final class ParetoFronts {
  private ParetoFronts() {}

  static double[][] insideReference(double[][] points, double[] reference) {
    List<double[]> inside = new ArrayList<>();
    for (double[] p : points) {
      if (p.length != reference.length) {
        throw new IllegalArgumentException("front point has " + p.length + " objectives, the reference point " + reference.length);
      }
      boolean below = true;
      for (int k = 0; k < p.length; k++) below &= p[k] < reference[k];
      if (below) inside.add(p.clone());
    }
    if (inside.isEmpty()) return new double[0][];
    double[][] all = inside.toArray(new double[0][]);
    int[] keep = NonDominatedFilter.indices(all);
    double[][] front = new double[keep.length][];
    for (int i = 0; i < keep.length; i++) front[i] = all[keep[i]];
    return front;
  }

  static void checkReference(String name, double[] reference, int objectives) {
    if (reference == null || reference.length != objectives) {
      throw new IllegalArgumentException(name + ": the reference point needs " + objectives + " entries, got " + (reference == null ? "null" : reference.length));
    }
    for (double r : reference) if (!Double.isFinite(r)) throw new IllegalArgumentException(name + ": reference point " + Arrays.toString(reference) + " is not finite");
  }
}
