package io.frontier.multiobjective.aggregate;

/**
 * CAGrad (Liu et al. 2021): the direction d maximising min_i g_i . d over the ball
 * |d - g0| <= c |g0| around the mean gradient g0. Its dual, solved here over the simplex by
 * projected gradient with backtracking, is min_w g_w . g0 + c |g0| |g_w| (g_w = sum w_i g_i),
 * giving d = g0 + c |g0| g_w / |g_w|. The iteration stops when the dual value minus the primal
 * value min_i g_i . d(w) is at most the tolerance times max_i |g_i|^2. c = 0 gives the mean.
 */
public final class CAGrad implements Aggregator {

  /** Final scaling of d, as in the authors' code: none, 1/(1 + c^2) (their default) or 1/(1 + c). */
  public enum Rescale { NONE, ONE_PLUS_C_SQUARED, ONE_PLUS_C }

  private static final int MAX_ITERATIONS = 20_000;
  private static final double RELATIVE_TOLERANCE = 1e-12;

  private final double c;
  private final Rescale rescale;

  public CAGrad(double c, Rescale rescale) {
    if (!(c >= 0) || !Double.isFinite(c)) throw new IllegalArgumentException("CAGrad: c must be finite and >= 0, got " + c);
    if (rescale == null) throw new IllegalArgumentException("CAGrad: rescale is null");
    this.c = c;
    this.rescale = rescale;
  }

  /** No rescaling: the direction is exactly the maximiser above. */
  public CAGrad(double c) {
    this(c, Rescale.NONE);
  }

  @Override
  public double[] weights(double[][] gram) {
    Jacobians.checkGram(gram);
    int k = gram.length;
    double[] b = Jacobians.times(gram, Simplex.uniform(k)); // b_i = g_i . g0
    double radius = c * Math.sqrt(Math.max(0, Jacobians.dot(Simplex.uniform(k), b)));
    double[] weights = Simplex.uniform(k);
    if (radius > 0) {
      double[] w = solveDual(gram, b, radius);
      double norm = Math.sqrt(Math.max(0, Jacobians.quad(gram, w)));
      if (norm > 0) {
        for (int i = 0; i < k; i++) weights[i] += radius * w[i] / norm;
      }
    }
    double scale = switch (rescale) {
      case NONE -> 1;
      case ONE_PLUS_C_SQUARED -> 1 / (1 + c * c);
      case ONE_PLUS_C -> 1 / (1 + c);
    };
    for (int i = 0; i < k; i++) weights[i] *= scale;
    return weights;
  }

  private static double[] solveDual(double[][] m, double[] b, double radius) {
    int k = m.length;
    double tolerance = RELATIVE_TOLERANCE * MinNorm.maxDiagonal(m);
    double[] w = Simplex.uniform(k);
    double value = dual(m, b, radius, w);
    double step = 1 / Math.max(MinNorm.maxDiagonal(m), Double.MIN_NORMAL);
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      double[] mw = Jacobians.times(m, w);
      double norm = Math.sqrt(Math.max(0, Jacobians.dot(w, mw)));
      if (norm == 0) return w;
      double primal = Double.POSITIVE_INFINITY;
      for (int i = 0; i < k; i++) primal = Math.min(primal, b[i] + radius * mw[i] / norm);
      if (value - primal <= tolerance) return w;
      double[] gradient = new double[k];
      for (int i = 0; i < k; i++) gradient[i] = b[i] + radius * mw[i] / norm;
      step *= 2;
      while (true) { // backtracking on the projected path (sufficient-decrease test)
        double[] trial = new double[k];
        for (int i = 0; i < k; i++) trial[i] = w[i] - step * gradient[i];
        trial = Simplex.project(trial);
        double trialValue = dual(m, b, radius, trial);
        double decrease = 0;
        double distance = 0;
        for (int i = 0; i < k; i++) {
          decrease += gradient[i] * (trial[i] - w[i]);
          distance += (trial[i] - w[i]) * (trial[i] - w[i]);
        }
        if (trialValue <= value + decrease + distance / (2 * step) || step < 1e-300) {
          w = trial;
          value = trialValue;
          break;
        }
        step /= 2;
      }
    }
    return w;
  }

  private static double dual(double[][] m, double[] b, double radius, double[] w) {
    return Jacobians.dot(w, b) + radius * Math.sqrt(Math.max(0, Jacobians.quad(m, w)));
  }
}
