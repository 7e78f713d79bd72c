package io.frontier.multiobjective.pde;

import java.util.ArrayList;
import java.util.List;

/**
 * Measures of a two-objective front given as pairs {f0, f1} (both minimised), read as the curve
 * f0(f1): its lower convex hull (what the weighted sum can reach), how far it rises above that
 * hull (its non-convexity), and the widest gap between consecutive f1 values.
 */
public final class FrontGeometry {
  private FrontGeometry() {}

  /** The lower convex hull, in the (f1, f0) plane, of points sorted by increasing f1 (Andrew's monotone chain). */
  public static List<double[]> lowerHull(List<double[]> points) {
    checkSorted(points, "lowerHull");
    List<double[]> hull = new ArrayList<>();
    for (double[] q : points) {
      while (hull.size() >= 2) {
        double[] o = hull.get(hull.size() - 2);
        double[] a = hull.get(hull.size() - 1);
        double cross = (a[1] - o[1]) * (q[0] - o[0]) - (a[0] - o[0]) * (q[1] - o[1]);
        if (cross <= 0) hull.remove(hull.size() - 1);
        else break;
      }
      hull.add(q);
    }
    return hull;
  }

  /** f0 of the piecewise-linear curve through points sorted by f1, at {@code f1} within the curve's range. */
  public static double interpolate(List<double[]> curve, double f1) {
    for (int k = 0; k + 1 < curve.size(); k++) {
      double[] a = curve.get(k);
      double[] b = curve.get(k + 1);
      if (a[1] <= f1 && f1 <= b[1]) return b[1] == a[1] ? Math.min(a[0], b[0]) : a[0] + (f1 - a[1]) / (b[1] - a[1]) * (b[0] - a[0]);
    }
    throw new IllegalArgumentException("interpolate: f1 = " + f1 + " lies outside the curve");
  }

  /** max over the points of f0 minus their lower hull at the same f1 (0 for a convex front); points sorted by f1. */
  public static double maxGapAboveHull(List<double[]> front) {
    List<double[]> hull = lowerHull(front);
    double gap = 0;
    for (double[] q : front) gap = Math.max(gap, q[0] - interpolate(hull, q[1]));
    return gap;
  }

  /** The widest interval {lo, hi} between consecutive f1 values of the points (any order, at least two). */
  public static double[] widestGap(List<double[]> points) {
    if (points == null || points.size() < 2) throw new IllegalArgumentException("widestGap: at least two points are needed");
    List<double[]> byF1 = new ArrayList<>(points);
    byF1.sort((a, b) -> Double.compare(a[1], b[1]));
    double lo = 0;
    double hi = 0;
    for (int k = 0; k + 1 < byF1.size(); k++) {
      if (byF1.get(k + 1)[1] - byF1.get(k)[1] > hi - lo) {
        lo = byF1.get(k)[1];
        hi = byF1.get(k + 1)[1];
      }
    }
    return new double[] {lo, hi};
  }

  private static void checkSorted(List<double[]> points, String method) {
    if (points == null || points.isEmpty()) throw new IllegalArgumentException(method + ": no points");
    for (int k = 0; k < points.size(); k++) {
      double[] p = points.get(k);
      if (p == null || p.length != 2) throw new IllegalArgumentException(method + ": point " + k + " is not a pair {f0, f1}");
      if (k > 0 && p[1] < points.get(k - 1)[1]) throw new IllegalArgumentException(method + ": points must be sorted by f1 (point " + k + ")");
    }
  }
}
