package io.frontier.multiobjective.pareto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The test oracle for {@link NonDominatedSorting}: Deb's fast non-dominated sorting (Deb, Pratap,
 * Agarwal and Meyarivan, NSGA-II, 2002), the library's former implementation, O(d n^2) time and
 * O(n^2) memory. Every pair is compared both ways with {@link Dominance#compare}, so it shares no
 * presort or sweep with the fast code; fronts hold increasing indices. Accepts n = 0.
 */
final class DebNonDominatedSorting {

  private DebNonDominatedSorting() {}

  static NonDominatedSorting.Fronts sort(double[][] points) {
    int n = points.length;
    int[] dominatedCount = new int[n];
    int[][] dominates = new int[n][];
    int[] sizes = new int[n];
    for (int i = 0; i < n; i++) dominates[i] = new int[4];
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        int c = Dominance.compare(points[i], points[j]);
        if (c < 0) {
          dominates[i] = add(dominates[i], sizes[i]++, j);
          dominatedCount[j]++;
        } else if (c > 0) {
          dominates[j] = add(dominates[j], sizes[j]++, i);
          dominatedCount[i]++;
        }
      }
    }
    int[] rank = new int[n];
    List<int[]> fronts = new ArrayList<>();
    int[] current = new int[n];
    int size = 0;
    for (int i = 0; i < n; i++) if (dominatedCount[i] == 0) current[size++] = i;
    for (int r = 0; size > 0; r++) {
      int[] front = Arrays.copyOf(current, size);
      Arrays.sort(front);
      fronts.add(front);
      int[] next = new int[n];
      int nextSize = 0;
      for (int i : front) {
        rank[i] = r;
        for (int k = 0; k < sizes[i]; k++) {
          int j = dominates[i][k];
          if (--dominatedCount[j] == 0) next[nextSize++] = j;
        }
      }
      current = next;
      size = nextSize;
    }
    return new NonDominatedSorting.Fronts(rank, fronts.toArray(new int[0][]));
  }

  private static int[] add(int[] list, int at, int value) {
    if (at == list.length) list = Arrays.copyOf(list, 2 * list.length);
    list[at] = value;
    return list;
  }
}
