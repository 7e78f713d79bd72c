package io.frontier.multiobjective.indicators;

import io.frontier.multiobjective.pareto.PointSets;
import java.util.ArrayList;
import java.util.List;

/**
 * The unary R2 indicator (Hansen and Jaszkiewicz 1998; Brockhoff et al. 2012) with the weighted
 * Tchebycheff utility, minimisation: {@code R2(A) = mean over w of min over a of
 * max_k w_k |a_k - z_k|}, z the ideal (utopia) point. Lower is better; raw values. The weight set
 * is fixed and reproducible: the simplex lattice of Das and Dennis, all vectors with entries
 * {@code i / h}, i = 0..h, summing to 1 ({@code C(h + d - 1, d - 1)} vectors).
 */
public final class R2Indicator {

  private R2Indicator() {}

  /** R2 of {@code points} with ideal point {@code ideal} and the simplex lattice with {@code divisions} steps. */
  public static double of(double[][] points, double[] ideal, int divisions) {
    int d = PointSets.checkPoints(points, "R2");
    return of(points, ideal, simplexLattice(d, divisions));
  }

  /** R2 of {@code points} with ideal point {@code ideal} and the given weight vectors. */
  public static double of(double[][] points, double[] ideal, double[][] weights) {
    int d = PointSets.checkPoints(points, "R2");
    PointSets.checkVector(ideal, d, "R2 ideal point");
    if (PointSets.checkPoints(weights, "R2 weights") != d) throw new IllegalArgumentException("R2: weights need " + d + " components");
    double sum = 0;
    for (double[] w : weights) {
      double best = Double.POSITIVE_INFINITY;
      for (double[] a : points) {
        double u = 0;
        for (int k = 0; k < d; k++) u = Math.max(u, w[k] * Math.abs(a[k] - ideal[k]));
        best = Math.min(best, u);
      }
      sum += best;
    }
    return sum / weights.length;
  }

  /** The Das-Dennis simplex lattice: every d-vector of multiples of 1/h that sums to 1, in lexicographic order of the counts. */
  public static double[][] simplexLattice(int d, int h) {
    if (d < 1) throw new IllegalArgumentException("simplex lattice: needs at least one objective, got " + d);
    if (h < 1) throw new IllegalArgumentException("simplex lattice: needs at least one division, got " + h);
    List<double[]> out = new ArrayList<>();
    fill(new int[d], 0, h, h, out);
    return out.toArray(new double[0][]);
  }

  private static void fill(int[] counts, int k, int left, int h, List<double[]> out) {
    if (k == counts.length - 1) {
      counts[k] = left;
      double[] w = new double[counts.length];
      for (int i = 0; i < w.length; i++) w[i] = (double) counts[i] / h;
      out.add(w);
      return;
    }
    for (int c = 0; c <= left; c++) {
      counts[k] = c;
      fill(counts, k + 1, left - c, h, out);
    }
  }
}
