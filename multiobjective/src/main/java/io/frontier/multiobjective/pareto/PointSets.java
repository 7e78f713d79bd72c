package io.frontier.multiobjective.pareto;

/**
 * Argument checks shared by the Pareto and indicator code. A point set is a {@code double[n][d]}
 * array, one row per point, one column per objective (every objective is minimised); rows must all
 * have the same length and hold finite values.
 */
public final class PointSets {

  private PointSets() {}

  /**
   * Checks that {@code points} is a non-empty rectangular array of finite values with at least
   * one objective, and returns its number of objectives.
   *
   * @param name what the points are, for the message
   */
  public static int checkPoints(double[][] points, String name) {
    if (points == null || points.length == 0) throw new IllegalArgumentException(name + ": needs at least one point");
    if (points[0] == null || points[0].length == 0) throw new IllegalArgumentException(name + ": points need at least one objective");
    int d = points[0].length;
    for (int i = 0; i < points.length; i++) {
      if (points[i] == null || points[i].length != d) {
        throw new IllegalArgumentException(name + ": point " + i + " has " + (points[i] == null ? "no" : points[i].length)
            + " objectives, point 0 has " + d);
      }
      for (int k = 0; k < d; k++) {
        if (!Double.isFinite(points[i][k])) throw new IllegalArgumentException(name + ": point " + i + " objective " + k + " is " + points[i][k]);
      }
    }
    return d;
  }

  /** Checks that {@code v} is a finite vector of length {@code d}. */
  public static void checkVector(double[] v, int d, String name) {
    if (v == null || v.length != d) {
      throw new IllegalArgumentException(name + ": needs " + d + " values, got " + (v == null ? "null" : v.length));
    }
    for (int k = 0; k < d; k++) {
      if (!Double.isFinite(v[k])) throw new IllegalArgumentException(name + ": value " + k + " is " + v[k]);
    }
  }
}
