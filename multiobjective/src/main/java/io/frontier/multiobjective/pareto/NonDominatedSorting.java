package io.frontier.multiobjective.pareto;

import java.util.Arrays;

/**
 * Non-dominated sorting (minimisation, {@link Dominance}): rank 0 is the non-dominated front; a
 * point has rank r + 1 when every point that dominates it has rank at most r and one has rank r.
 * Equal points do not dominate each other, so duplicates share a rank.
 *
 * <p>The points are first sorted lexicographically (objective 0, then 1, ...; -0.0 and 0.0 compare
 * equal, as in {@link Dominance}), so a point can only be dominated by points before it, and are
 * then placed one at a time, in that order, into the first front none of whose members dominates
 * them. Whether front r holds a dominator is monotone in r (a dominator in front r + 1 is dominated
 * by a member of front r, which then dominates the point too), so the front is found by binary
 * search:
 * <ul>
 *   <li>two objectives: within a front the second objective is non-increasing in that order, so
 *       only the front's last member decides, and the sort takes O(n log n);</li>
 *   <li>three objectives: a front dominates p iff a member's (f1, f2) projection does, so each
 *       front is kept as its 2-D staircase ({@link Staircase3D}), probed by binary search: about
 *       O(n log n log(fronts)), plus array shifts on insertion;</li>
 *   <li>one or four and more objectives: ENS-BS (Zhang, Tian, Cheng and Jin, "An Efficient
 *       Approach to Nondominated Sorting for Evolutionary Multiobjective Optimization", IEEE TEVC
 *       19(2), 2015), each probed front scanned from its newest member, O(d n^2) worst case
 *       (one front), O(d n log(fronts) * front size) in general.</li>
 * </ul>
 * Memory is O(n).
 */
public final class NonDominatedSorting {

  /**
   * The result: {@code rank[i]} is point i's front (0-based), {@code fronts[r]} the indices of the
   * points of rank r in increasing order.
   */
  public record Fronts(int[] rank, int[][] fronts) {}

  private NonDominatedSorting() {}

  /**
   * Sorts {@code points} (n x d, minimisation, n and d at least 1, finite values) into fronts.
   *
   * @throws IllegalArgumentException when {@code points} is empty, ragged or not finite
   */
  public static Fronts sort(double[][] points) {
    int d = PointSets.checkPoints(points, "non-dominated sorting");
    int n = points.length;
    int[] order = lexicographicOrder(points);
    int[] rank = new int[n];
    int frontCount = switch (d) {
      case 2 -> sweep2d(points, order, rank);
      case 3 -> sweep3d(points, order, rank);
      default -> ensBinarySearch(points, order, rank);
    };
    return fronts(rank, frontCount);
  }

  /** Two objectives: front r holds a dominator of p iff its last member q has q1 < p1, or q1 == p1 and q0 < p0. */
  private static int sweep2d(double[][] points, int[] order, int[] rank) {
    int n = order.length;
    double[] last0 = new double[n];
    double[] last1 = new double[n];
    int fronts = 0;
    for (int i : order) {
      double p0 = points[i][0];
      double p1 = points[i][1];
      int lo = 0;
      int hi = fronts; // first front without a dominator lies in [lo, hi]
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (last1[mid] < p1 || (last1[mid] == p1 && last0[mid] < p0)) lo = mid + 1;
        else hi = mid;
      }
      if (lo == fronts) fronts++;
      last0[lo] = p0;
      last1[lo] = p1;
      rank[i] = lo;
    }
    return fronts;
  }

  /** Three objectives: each front reduced to a {@link Staircase3D}. */
  private static int sweep3d(double[][] points, int[] order, int[] rank) {
    Staircase3D[] staircases = new Staircase3D[order.length];
    int fronts = 0;
    for (int i : order) {
      double[] p = points[i];
      int lo = 0;
      int hi = fronts;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (staircases[mid].dominates(p)) lo = mid + 1;
        else hi = mid;
      }
      if (lo == fronts) staircases[fronts++] = new Staircase3D();
      staircases[lo].add(p);
      rank[i] = lo;
    }
    return fronts;
  }

  /**
   * ENS-BS: binary search over the fronts, each probed by comparison with its members, newest
   * first. Each front keeps its members' coordinates in one array, row after row.
   */
  private static int ensBinarySearch(double[][] points, int[] order, int[] rank) {
    int n = order.length;
    int d = points[0].length;
    double[][] coordinates = new double[n][];
    int[] sizes = new int[n];
    int fronts = 0;
    for (int i : order) {
      double[] p = points[i];
      int lo = 0;
      int hi = fronts;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (dominated(coordinates[mid], sizes[mid], p)) lo = mid + 1;
        else hi = mid;
      }
      if (lo == fronts) coordinates[fronts++] = new double[8 * d];
      if ((sizes[lo] + 1) * d > coordinates[lo].length) coordinates[lo] = Arrays.copyOf(coordinates[lo], 2 * coordinates[lo].length);
      System.arraycopy(p, 0, coordinates[lo], sizes[lo]++ * d, d);
      rank[i] = lo;
    }
    return fronts;
  }

  /**
   * Whether one of the {@code size} points in {@code front} (rows of p's length, each
   * lexicographically no greater than {@code p}) dominates {@code p}.
   */
  private static boolean dominated(double[] front, int size, double[] p) {
    int d = p.length;
    for (int s = size - 1; s >= 0; s--) {
      int row = s * d;
      // q <= p lexicographically, so q0 <= p0: q dominates p iff q <= p in every other objective and q != p.
      boolean better = front[row] < p[0];
      int k = 1;
      for (; k < d; k++) {
        double q = front[row + k];
        if (q > p[k]) break;
        if (q < p[k]) better = true;
      }
      if (k == d && better) return true;
    }
    return false;
  }

  /** Indices sorted lexicographically by objective value ({@code <}, so -0.0 == 0.0), ties by index. */
  private static int[] lexicographicOrder(double[][] points) {
    int n = points.length;
    Integer[] boxed = new Integer[n];
    for (int i = 0; i < n; i++) boxed[i] = i;
    Arrays.sort(boxed, NonDominatedFilter.lexicographic(points));
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = boxed[i];
    return order;
  }

  /** Groups the indices by rank, increasing within each front. */
  private static Fronts fronts(int[] rank, int frontCount) {
    int[] sizes = new int[frontCount];
    for (int r : rank) sizes[r]++;
    int[][] fronts = new int[frontCount][];
    for (int r = 0; r < frontCount; r++) fronts[r] = new int[sizes[r]];
    int[] filled = new int[frontCount];
    for (int i = 0; i < rank.length; i++) fronts[rank[i]][filled[rank[i]]++] = i;
    return new Fronts(rank, fronts);
  }
}
