package io.frontier.multiobjective.pareto;

/**
 * Exclusive hypervolume contributions (minimisation): point i's contribution is
 * {@code HV(S) - HV(S without i)}, the volume only it dominates. Dominated points, points outside
 * the reference box and each of two equal points contribute 0. Computed with the exact
 * {@link Hypervolume} once per point: O(n) hypervolume calls (O(n^2 log n) in 2-D and 3-D).
 */
public final class HypervolumeContributions {

  private HypervolumeContributions() {}

  /** Contributions of each point, in the order of {@code points}. */
  public static double[] of(double[][] points, double[] reference) {
    int d = PointSets.checkPoints(points, "hypervolume contributions");
    PointSets.checkVector(reference, d, "hypervolume contributions reference point");
    double total = Hypervolume.of(points, reference);
    double[] out = new double[points.length];
    double[][] others = new double[points.length - 1][];
    for (int i = 0; i < points.length; i++) {
      for (int j = 0, c = 0; j < points.length; j++) if (j != i) others[c++] = points[j];
      double without = others.length == 0 ? 0 : Hypervolume.ofChecked(Hypervolume.inside(others, reference), reference);
      out[i] = Math.max(0, total - without); // rounding can leave -1e-17 for a zero contribution
    }
    return out;
  }
}
