package io.frontier.multiobjective.pareto;

import java.util.Arrays;
import java.util.Comparator;

/**
 * NSGA-II crowding distance (Deb et al. 2002) of the points of one front. For each objective the
 * front is sorted; the two extreme points get {@code +infinity}, every other point adds
 * {@code (f[next] - f[prev]) / (max - min)} of its neighbours in that order. An objective whose
 * values are all equal adds nothing. Fronts of one or two points are all infinite.
 */
public final class CrowdingDistance {

  private CrowdingDistance() {}

  /**
   * Crowding distances of {@code points[front[0]], points[front[1]], ...}, in the order of
   * {@code front}. Ties in an objective keep the order of {@code front} (a stable sort).
   */
  public static double[] of(double[][] points, int[] front) {
    int d = PointSets.checkPoints(points, "crowding distance");
    if (front == null || front.length == 0) throw new IllegalArgumentException("crowding distance: the front is empty");
    for (int i : front) {
      if (i < 0 || i >= points.length) throw new IllegalArgumentException("crowding distance: index " + i + " is outside 0.." + (points.length - 1));
    }
    int m = front.length;
    double[] distance = new double[m];
    if (m <= 2) {
      Arrays.fill(distance, Double.POSITIVE_INFINITY);
      return distance;
    }
    Integer[] order = new Integer[m];
    for (int k = 0; k < d; k++) {
      for (int i = 0; i < m; i++) order[i] = i;
      final int obj = k;
      Arrays.sort(order, Comparator.comparingDouble(i -> points[front[i]][obj]));
      double min = points[front[order[0]]][k];
      double max = points[front[order[m - 1]]][k];
      distance[order[0]] = Double.POSITIVE_INFINITY;
      distance[order[m - 1]] = Double.POSITIVE_INFINITY;
      if (max == min) continue;
      for (int s = 1; s < m - 1; s++) {
        distance[order[s]] += (points[front[order[s + 1]]][k] - points[front[order[s - 1]]][k]) / (max - min);
      }
    }
    return distance;
  }

  /** Crowding distances of all of {@code points}, taken as one front. */
  public static double[] of(double[][] points) {
    PointSets.checkPoints(points, "crowding distance");
    int[] all = new int[points.length];
    for (int i = 0; i < all.length; i++) all[i] = i;
    return of(points, all);
  }
}
