package io.frontier.multiobjective.pareto;

import java.util.Arrays;

/**
 * One front of a three-objective {@link NonDominatedSorting}, reduced to what later points need:
 * points arrive in lexicographic order, so a member q dominates a later point p iff
 * {@code (q1, q2) <= (p1, p2)} componentwise and {@code q != p}. The front keeps the staircase of
 * its members' (f1, f2) projections, f1 strictly increasing and f2 strictly decreasing, with the
 * smallest f0 of the members projecting onto each step (which decides between equal projections).
 * A query and an insertion take a binary search plus, for an insertion, an array shift.
 */
final class Staircase3D {

  private double[] f0 = new double[8];
  private double[] f1 = new double[8];
  private double[] f2 = new double[8];
  private int size;

  /** Whether a member dominates {@code p}, which is lexicographically no smaller than every member. */
  boolean dominates(double[] p) {
    int j = lastAtMost(p[1]);
    if (j < 0 || f2[j] > p[2]) return false;
    return f1[j] < p[1] || f2[j] < p[2] || f0[j] < p[0];
  }

  /** Adds {@code p}, which no member dominates and which is lexicographically no smaller than every member. */
  void add(double[] p) {
    int j = lastAtMost(p[1]);
    if (j >= 0 && f1[j] == p[1] && f2[j] == p[2]) return; // same projection, f0[j] <= p0 already
    // Members whose projection p's weakly dominates: f1 >= p1 (from j if f1[j] == p1) and f2 >= p2.
    int from = j >= 0 && f1[j] == p[1] ? j : j + 1;
    int to = from;
    while (to < size && f2[to] >= p[2]) to++;
    int newSize = size - (to - from) + 1;
    if (newSize > f0.length) {
      f0 = Arrays.copyOf(f0, 2 * newSize);
      f1 = Arrays.copyOf(f1, 2 * newSize);
      f2 = Arrays.copyOf(f2, 2 * newSize);
    }
    System.arraycopy(f0, to, f0, from + 1, size - to);
    System.arraycopy(f1, to, f1, from + 1, size - to);
    System.arraycopy(f2, to, f2, from + 1, size - to);
    f0[from] = p[0];
    f1[from] = p[1];
    f2[from] = p[2];
    size = newSize;
  }

  /** The last step with f1 <= x, or -1. */
  private int lastAtMost(double x) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (f1[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }
}
