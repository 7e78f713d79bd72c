package io.frontier.multiobjective.pareto;

import java.util.Arrays;

/**
 * Two-objective hypervolume by a sweep: sort on f0 (ties on f1), walk left to right keeping the
 * lowest f1 seen; each improvement adds the rectangle {@code (ref0 - f0) x (best f1 - f1)}.
 * O(n log n). Points must be strictly below the reference point (see {@link Hypervolume}).
 */
final class Hypervolume2D {

  private Hypervolume2D() {}

  static double of(double[][] pts, double[] ref) {
    double[][] sorted = pts.clone();
    Arrays.sort(sorted, (a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
    double volume = 0;
    double bestY = ref[1];
    for (double[] p : sorted) {
      if (p[1] < bestY) {
        volume += (ref[0] - p[0]) * (bestY - p[1]);
        bestY = p[1];
      }
    }
    return volume;
  }
}
