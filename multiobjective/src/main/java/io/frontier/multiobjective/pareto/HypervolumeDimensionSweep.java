package io.frontier.multiobjective.pareto;

import java.util.Arrays;

/**
 * Hypervolume for four or more objectives by a recursive sweep over the last objective (the HSO
 * slicing scheme): with points sorted on f_{d-1}, the slab between the i-th and (i+1)-th value
 * (the last one up to the reference) is the (d-1)-dimensional hypervolume of the first i+1 points
 * projected, times the slab's thickness. Projections are reduced to their non-dominated points
 * before recursing; three objectives end in {@link Hypervolume3D}. O(n^{d-2} log n) time.
 */
final class HypervolumeDimensionSweep {

  private HypervolumeDimensionSweep() {}

  static double of(double[][] pts, double[] ref) {
    int d = ref.length;
    if (d <= 3) return Hypervolume.ofChecked(pts, ref);
    double[][] sorted = pts.clone();
    Arrays.sort(sorted, (a, b) -> Double.compare(a[d - 1], b[d - 1]));
    double[] subRef = Arrays.copyOf(ref, d - 1);
    double volume = 0;
    for (int i = 0; i < sorted.length; i++) {
      double top = i + 1 < sorted.length ? sorted[i + 1][d - 1] : ref[d - 1];
      double thickness = top - sorted[i][d - 1];
      if (thickness == 0) continue;
      double[][] slice = new double[i + 1][];
      for (int j = 0; j <= i; j++) slice[j] = Arrays.copyOf(sorted[j], d - 1);
      if (d > 4) slice = NonDominatedFilter.filter(slice);
      volume += of(slice, subRef) * thickness;
    }
    return volume;
  }
}
