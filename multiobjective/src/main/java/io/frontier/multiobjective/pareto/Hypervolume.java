package io.frontier.multiobjective.pareto;

import java.util.ArrayList;
import java.util.List;

/**
 * Exact hypervolume (minimisation): the Lebesgue measure of the region dominated by the points and
 * bounded above by the reference point, {@code { x : p <= x <= ref for some point p }}. Values are
 * raw, not normalised. Points that do not strictly beat the reference point in every objective
 * add nothing and are dropped; dominated and duplicate points are allowed.
 *
 * <p>Algorithms by dimension: 1-D the best value; 2-D a sort and sweep, O(n log n); 3-D the
 * Beume et al. (2009) sweep over the third objective with a balanced tree (TreeMap) holding the
 * 2-D staircase, O(n log n); 4-D and more a recursive dimension sweep over the last objective
 * (slices computed with the 3-D algorithm at the base), O(n^{d-2} log n).
 */
public final class Hypervolume {

  private Hypervolume() {}

  /** The hypervolume of {@code points} (n x d) with respect to {@code reference} (length d). */
  public static double of(double[][] points, double[] reference) {
    int d = PointSets.checkPoints(points, "hypervolume");
    PointSets.checkVector(reference, d, "hypervolume reference point");
    return ofChecked(inside(points, reference), reference);
  }

  /** Hypervolume of points already checked and strictly below the reference point. */
  static double ofChecked(double[][] pts, double[] ref) {
    if (pts.length == 0) return 0;
    return switch (ref.length) {
      case 1 -> {
        double best = ref[0];
        for (double[] p : pts) best = Math.min(best, p[0]);
        yield ref[0] - best;
      }
      case 2 -> Hypervolume2D.of(pts, ref);
      case 3 -> Hypervolume3D.of(pts, ref);
      default -> HypervolumeDimensionSweep.of(pts, ref);
    };
  }

  /** The points strictly below {@code reference} in every objective. */
  static double[][] inside(double[][] points, double[] reference) {
    List<double[]> in = new ArrayList<>(points.length);
    outer:
    for (double[] p : points) {
      for (int k = 0; k < reference.length; k++) if (!(p[k] < reference[k])) continue outer;
      in.add(p);
    }
    return in.toArray(new double[0][]);
  }
}
