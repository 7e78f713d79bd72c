package io.frontier.optim.bayes;

import java.util.SplittableRandom;
import org.apache.commons.math3.random.SobolSequenceGenerator;

/**
 * A space-filling stream of points in a box: commons-math3's Sobol sequence (skipping the origin)
 * with a seeded Cranley–Patterson random shift modulo 1, so different seeds give different but
 * equally uniform designs. Used for the initial design and for the acquisition optimiser's raw
 * samples.
 */
public final class SobolDesign {
  private final Bounds bounds;
  private final SobolSequenceGenerator sobol;
  private final double[] shift;

  public SobolDesign(Bounds bounds, long seed) {
    this(bounds, bounds.dim(), seed);
  }

  /** A {@code dim}-dimensional Sobol stream (dim = q·d when it is read as sets of q points). */
  private SobolDesign(Bounds bounds, int dim, long seed) {
    this.bounds = bounds;
    this.sobol = new SobolSequenceGenerator(dim);
    sobol.skipTo(1);
    SplittableRandom random = new SplittableRandom(seed);
    this.shift = new double[dim];
    for (int j = 0; j < dim; j++) shift[j] = random.nextDouble();
  }

  /** The next {@code n} points of the box. */
  public double[][] next(int n) {
    double[][] out = new double[n][];
    for (int i = 0; i < n; i++) out[i] = bounds.fromUnit(nextUnit());
    return out;
  }

  /** {@code n} sets of {@code q} points, {@code [n][q][d]}, from one {@code q·d}-dimensional Sobol stream. */
  public static double[][][] sets(Bounds bounds, int n, int q, long seed) {
    int d = bounds.dim();
    SobolDesign joint = new SobolDesign(bounds, q * d, seed);
    double[][][] out = new double[n][q][];
    for (int i = 0; i < n; i++) {
      double[] u = joint.nextUnit();
      for (int j = 0; j < q; j++) out[i][j] = bounds.fromUnit(java.util.Arrays.copyOfRange(u, j * d, (j + 1) * d));
    }
    return out;
  }

  private double[] nextUnit() {
    double[] u = sobol.nextVector();
    for (int j = 0; j < u.length; j++) {
      u[j] += shift[j];
      u[j] -= Math.floor(u[j]);
    }
    return u;
  }
}
