package io.frontier.multiobjective.aggregate;

/**
 * Solvers for the MGDA sub-problem: the weights alpha on the simplex minimising alpha^T M alpha,
 * i.e. the min-norm element of the convex hull of the gradients whose Gram matrix is M. The
 * iterative solvers stop on the Frank-Wolfe duality gap alpha^T M alpha - min_t (M alpha)_t,
 * which bounds half the objective's distance to its minimum, measured relative to max_i M_ii.
 */
public final class MinNorm {
  private MinNorm() {}

  /**
   * Exact two-objective solution: the weight gamma in [0, 1] on the first gradient minimising
   * |gamma g1 + (1 - gamma) g2|^2, from m11 = |g1|^2, m12 = g1.g2, m22 = |g2|^2. Identical
   * gradients (any gamma is optimal) give 1/2.
   */
  public static double twoObjective(double m11, double m12, double m22) {
    double denominator = m11 + m22 - 2 * m12; // |g1 - g2|^2
    if (!(denominator > 1e-15 * Math.max(m11, m22))) return 0.5;
    return Math.min(1, Math.max(0, (m22 - m12) / denominator));
  }

  /**
   * Frank-Wolfe as in Sener and Koltun's MGDA solver: start at the best pair (two-objective closed
   * form over all pairs), then repeatedly move towards the vertex t minimising (M alpha)_t with the
   * exact line search of {@link #twoObjective}.
   */
  public static double[] frankWolfe(double[][] m, int maxIterations, double relativeTolerance) {
    Jacobians.checkGram(m);
    int k = m.length;
    if (k == 1) return new double[] {1};
    double[] alpha = bestPair(m);
    double tolerance = relativeTolerance * maxDiagonal(m);
    for (int it = 0; it < maxIterations; it++) {
      double[] ma = Jacobians.times(m, alpha);
      int t = argmin(ma);
      double value = Jacobians.dot(alpha, ma);
      if (value - ma[t] <= tolerance) break;
      double gamma = twoObjective(value, ma[t], m[t][t]);
      for (int i = 0; i < k; i++) alpha[i] *= gamma;
      alpha[t] += 1 - gamma;
    }
    return alpha;
  }

  /**
   * Accelerated projected gradient on the simplex (FISTA with function-value restart), step
   * 1/L with L = 2 max_i sum_j |M_ij| (a Gershgorin bound on the Hessian's largest eigenvalue).
   */
  public static double[] projectedGradient(double[][] m, int maxIterations, double relativeTolerance) {
    Jacobians.checkGram(m);
    int k = m.length;
    if (k == 1) return new double[] {1};
    double lipschitz = 0;
    for (double[] row : m) {
      double s = 0;
      for (double v : row) s += Math.abs(v);
      lipschitz = Math.max(lipschitz, 2 * s);
    }
    double[] alpha = Simplex.uniform(k);
    if (lipschitz == 0) return alpha; // all gradients are zero
    double tolerance = relativeTolerance * maxDiagonal(m);
    double[] y = alpha.clone();
    double momentum = 1;
    double value = Jacobians.quad(m, alpha);
    for (int it = 0; it < maxIterations; it++) {
      double[] my = Jacobians.times(m, y);
      double[] step = new double[k];
      for (int i = 0; i < k; i++) step[i] = y[i] - 2 * my[i] / lipschitz;
      double[] next = Simplex.project(step);
      double nextValue = Jacobians.quad(m, next);
      double nextMomentum = (1 + Math.sqrt(1 + 4 * momentum * momentum)) / 2;
      if (nextValue > value) { // restart: drop the momentum, step from the last iterate
        y = alpha.clone();
        momentum = 1;
        continue;
      }
      for (int i = 0; i < k; i++) y[i] = next[i] + (momentum - 1) / nextMomentum * (next[i] - alpha[i]);
      momentum = nextMomentum;
      alpha = next;
      value = nextValue;
      double[] ma = Jacobians.times(m, alpha);
      if (value - ma[argmin(ma)] <= tolerance) break;
    }
    return alpha;
  }

  private static double[] bestPair(double[][] m) {
    int k = m.length;
    double best = Double.POSITIVE_INFINITY;
    double[] alpha = new double[k];
    for (int i = 0; i < k; i++) {
      for (int j = i + 1; j < k; j++) {
        double g = twoObjective(m[i][i], m[i][j], m[j][j]);
        double v = g * g * m[i][i] + 2 * g * (1 - g) * m[i][j] + (1 - g) * (1 - g) * m[j][j];
        if (v < best) {
          best = v;
          java.util.Arrays.fill(alpha, 0);
          alpha[i] = g;
          alpha[j] = 1 - g;
        }
      }
    }
    return alpha;
  }

  static int argmin(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) if (v[i] < v[best]) best = i;
    return best;
  }

  static double maxDiagonal(double[][] m) {
    double d = 0;
    for (int i = 0; i < m.length; i++) d = Math.max(d, m[i][i]);
    return d;
  }
}
