package io.frontier.optim.bayes.acquisition;

import io.frontier.optim.bayes.Bounds;
import io.frontier.optim.bayes.SobolDesign;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Fixed quasi-Monte-Carlo base samples of a standard normal vector, as BoTorch's
 * {@code SobolQMCNormalSampler}: the randomly shifted Sobol points of {@link SobolDesign} on the unit
 * cube (a Cranley–Patterson shift in place of Owen scrambling), mapped through Φ⁻¹. Fixing the
 * samples makes a Monte-Carlo acquisition a deterministic, smooth function of x (sample average
 * approximation), so L-BFGS-B can optimise it.
 */
public final class QmcNormal {
  private QmcNormal() {}

  /** The largest dimension commons-math3's bundled direction numbers support. */
  public static final int MAX_DIM = 1000;

  /** {@code n} samples of a {@code dim}-dimensional standard normal, {@code [n][dim]}. */
  public static double[][] samples(int n, int dim, long seed) {
    if (n < 1) throw new IllegalArgumentException("QmcNormal: need n >= 1 samples, got " + n);
    if (dim < 1 || dim > MAX_DIM) throw new IllegalArgumentException("QmcNormal: dim must be in [1, " + MAX_DIM + "], got " + dim);
    double[][] u = new SobolDesign(Bounds.unitCube(dim), seed).next(n);
    NormalDistribution normal = new NormalDistribution(null, 0, 1);
    double[][] out = new double[n][dim];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < dim; j++) out[i][j] = normal.inverseCumulativeProbability(Math.min(Math.max(u[i][j], 1e-16), 1 - 1e-16));
    }
    return out;
  }
}
