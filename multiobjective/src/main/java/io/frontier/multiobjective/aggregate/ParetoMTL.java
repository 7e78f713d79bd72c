package io.frontier.multiobjective.aggregate;

/**
 * Pareto MTL (Lin et al. 2019): one of P models, the one for preference vector u_k, is confined to
 * the sub-region of loss space closer in angle to u_k than to the other u_j, i.e. the constraints
 * G_j(L) = (u_j - u_k) . L / |L| <= 0 for j != k (preference vectors normalised to unit length;
 * the authors' code divides by |L| as here). A constraint is active when G_j > 0, as in that code.
 * Its gradient is sum_i (u_j - u_k)_i g_i, so everything is read off the Gram matrix M of the
 * loss gradients; the results are weights on the K loss gradients (direction sum_i w_i g_i, which
 * the optimiser subtracts).
 * <ul>
 *   <li>{@link #initialWeights} (phase 1, paper eq. 13): the min-norm element of the convex hull of
 *       the active constraint gradients, or all zeros when the losses are already in the region;</li>
 *   <li>{@link #weights} (phase 2, eq. 14-15): the min-norm element of the convex hull of the K loss
 *       gradients and the active constraint gradients (constrained MGDA).</li>
 * </ul>
 * The min-norm problems are solved by Frank-Wolfe ({@link MGDA#frankWolfe()}, the Sener and Koltun
 * setting); the projected-gradient solver converges slowly on the rank-deficient Gram matrices of
 * constraint gradients, which are combinations of the loss gradients. The authors' code rescales the
 * weights to sum to K; this class returns them unscaled.
 */
public final class ParetoMTL {
  private final double[][] preferences;
  private final int index;

  /**
   * @param preferences P preference vectors of the K objectives (non-zero, finite)
   * @param index       which sub-problem k this model solves (0-based)
   */
  public ParetoMTL(double[][] preferences, int index) {
    if (preferences == null || preferences.length == 0) throw new IllegalArgumentException("ParetoMTL: no preference vectors");
    int k = preferences[0].length;
    if (k == 0) throw new IllegalArgumentException("ParetoMTL: empty preference vector");
    if (index < 0 || index >= preferences.length) {
      throw new IllegalArgumentException("ParetoMTL: index " + index + " outside 0.." + (preferences.length - 1));
    }
    this.preferences = new double[preferences.length][];
    for (int p = 0; p < preferences.length; p++) {
      if (preferences[p].length != k) throw new IllegalArgumentException("ParetoMTL: preference " + p + " has length " + preferences[p].length + ", expected " + k);
      double norm = 0;
      for (double v : preferences[p]) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException("ParetoMTL: non-finite entry in preference " + p);
        norm += v * v;
      }
      if (norm == 0) throw new IllegalArgumentException("ParetoMTL: preference " + p + " is zero");
      this.preferences[p] = new double[k];
      for (int i = 0; i < k; i++) this.preferences[p][i] = preferences[p][i] / Math.sqrt(norm);
    }
    this.index = index;
  }

  /** Whether no constraint is active: the losses lie in this model's sub-region. */
  public boolean isFeasible(double[] losses) {
    return activeConstraints(losses).length == 0;
  }

  /** Phase-1 weights (zeros when the losses are already in the sub-region). */
  public double[] initialWeights(double[] losses, double[][] gram) {
    checkGram(gram);
    double[][] active = activeConstraints(losses);
    if (active.length == 0) return new double[gram.length];
    return minNormCombination(active, gram);
  }

  /** Phase-2 weights: constrained MGDA over the loss gradients and the active constraints. */
  public double[] weights(double[] losses, double[][] gram) {
    checkGram(gram);
    int k = gram.length;
    double[][] active = activeConstraints(losses);
    double[][] vectors = new double[k + active.length][];
    for (int i = 0; i < k; i++) {
      vectors[i] = new double[k];
      vectors[i][i] = 1;
    }
    System.arraycopy(active, 0, vectors, k, active.length);
    return minNormCombination(vectors, gram);
  }

  /** Rows u_j - u_k of the active constraints. */
  private double[][] activeConstraints(double[] losses) {
    int k = preferences[0].length;
    if (losses == null || losses.length != k) throw new IllegalArgumentException("ParetoMTL: expected " + k + " losses");
    double norm = 0;
    for (double l : losses) {
      if (!Double.isFinite(l)) throw new IllegalArgumentException("ParetoMTL: non-finite loss " + l);
      norm += l * l;
    }
    if (norm == 0) throw new IllegalArgumentException("ParetoMTL: all losses are zero, so the loss vector has no direction");
    java.util.List<double[]> active = new java.util.ArrayList<>();
    for (int j = 0; j < preferences.length; j++) {
      if (j == index) continue;
      double[] row = new double[k];
      for (int i = 0; i < k; i++) row[i] = preferences[j][i] - preferences[index][i];
      if (Jacobians.dot(row, losses) / Math.sqrt(norm) > 0) active.add(row);
    }
    return active.toArray(new double[0][]);
  }

  /** Loss weights E^T lambda, lambda the min-norm weights of the vectors E g (Gram E M E^T). */
  private static double[] minNormCombination(double[][] e, double[][] gram) {
    int p = e.length;
    int k = gram.length;
    double[][] ext = new double[p][p];
    for (int a = 0; a < p; a++) {
      double[] me = Jacobians.times(gram, e[a]);
      for (int b = 0; b < p; b++) ext[b][a] = Jacobians.dot(e[b], me);
    }
    for (int a = 0; a < p; a++) for (int b = 0; b < a; b++) ext[a][b] = ext[b][a] = (ext[a][b] + ext[b][a]) / 2;
    double[] lambda = MGDA.frankWolfe().weights(ext);
    double[] w = new double[k];
    for (int a = 0; a < p; a++) for (int i = 0; i < k; i++) w[i] += lambda[a] * e[a][i];
    return w;
  }

  private void checkGram(double[][] gram) {
    Jacobians.checkGram(gram);
    if (gram.length != preferences[0].length) {
      throw new IllegalArgumentException("ParetoMTL: Gram matrix of " + gram.length + " objectives, preferences of " + preferences[0].length);
    }
  }
}
