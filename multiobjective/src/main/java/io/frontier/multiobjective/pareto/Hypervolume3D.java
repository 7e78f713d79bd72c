package io.frontier.multiobjective.pareto;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Three-objective hypervolume by the sweep of Beume, Fonseca, Lopez-Ibanez, Paquete and Vahrenhold
 * (2009): points in increasing f2; between consecutive f2 values the dominated volume grows by the
 * area of the current (f0, f1) staircase times the f2 step. The staircase is a TreeMap from f0 to
 * f1 (f1 decreasing as f0 increases) and its area is kept up to date on each insertion, so the
 * whole sweep is O(n log n). Points must be strictly below the reference point.
 */
final class Hypervolume3D {

  private Hypervolume3D() {}

  static double of(double[][] pts, double[] ref) {
    double[][] sorted = pts.clone();
    Arrays.sort(sorted, (a, b) -> Double.compare(a[2], b[2]));
    TreeMap<Double, Double> stairs = new TreeMap<>();
    double area = 0;
    double volume = 0;
    double lastZ = sorted[0][2];
    for (double[] p : sorted) {
      volume += area * (p[2] - lastZ);
      lastZ = p[2];
      area += insert(stairs, p[0], p[1], ref);
    }
    return volume + area * (ref[2] - lastZ);
  }

  /**
   * Adds (x, y) to the staircase unless a step weakly dominates it, removes the steps it
   * dominates and returns the area it adds below (ref0, ref1).
   */
  static double insert(TreeMap<Double, Double> stairs, double x, double y, double[] ref) {
    Map.Entry<Double, Double> floor = stairs.floorEntry(x);
    if (floor != null && floor.getValue() <= y) return 0;
    Map.Entry<Double, Double> lower = stairs.lowerEntry(x);
    double height = lower == null ? ref[1] : lower.getValue();
    double x0 = x;
    double added = 0;
    Map.Entry<Double, Double> e = stairs.ceilingEntry(x);
    while (e != null && e.getValue() >= y) {
      added += (e.getKey() - x0) * (height - y);
      x0 = e.getKey();
      height = e.getValue();
      stairs.remove(e.getKey());
      e = stairs.higherEntry(x0);
    }
    double right = e == null ? ref[0] : e.getKey();
    added += (right - x0) * (height - y);
    stairs.put(x, y);
    return added;
  }
}
