package io.frontier.multiobjective.aggregate;

/**
 * EPO search (Mahapatra and Rajan 2020): a descent direction d = sum_k beta_k g_k (beta on the
 * simplex) that drives positive losses L to the exact Pareto-optimal point of the preference ray
 * r, where r_1 L_1 = ... = r_K L_K. With lhat = r.L / sum(r.L) the non-uniformity is
 * mu_r = KL(lhat || 1/K) = sum_i lhat_i log(K lhat_i) and the adjustment is
 * a = r.(log(K lhat) - mu_r) (paper eq. 9-10). With C = G G^T (the Gram matrix):
 * <ul>
 *   <li>balance mode (mu_r > epsilon): maximise beta^T C a subject to (C beta)_j >= 0 for the
 *       tasks j of largest r_j L_j and (C beta)_j >= (C a)_j for the j with (C a)_j <= 0 (the
 *       others are free); when no (C a)_j > 0, every (C beta)_j >= 0 (paper eq. 11-13);</li>
 *   <li>descent mode (mu_r <= epsilon): maximise 1^T C beta subject to C beta >= 0 and
 *       beta^T C a >= min(0, max_j (C a)_j).</li>
 * </ul>
 * These LPs follow the authors' code; they are solved exactly by vertex enumeration over the
 * simplex, no external solver. If the LP of the mode is infeasible, the relaxed descent LP
 * (maximise 1^T C beta subject to C beta >= 0, always feasible: the MGDA min-norm weights satisfy
 * it) is used. The optimiser subtracts d. Every objective is minimised and must be positive.
 */
public final class EPOSearch {
  private final double[] preference;
  private final double epsilon;

  /**
   * @param preference the ray r (K positive entries; the target has L_i proportional to 1 / r_i)
   * @param epsilon    the non-uniformity below which the search switches to descent (authors' 1e-4)
   */
  public EPOSearch(double[] preference, double epsilon) {
    LossWeighting.checkPositive("EPOSearch", "preference", preference, preference == null ? 0 : preference.length);
    if (preference.length == 0) throw new IllegalArgumentException("EPOSearch: empty preference");
    if (!(epsilon >= 0)) throw new IllegalArgumentException("EPOSearch: epsilon must be >= 0, got " + epsilon);
    this.preference = preference.clone();
    this.epsilon = epsilon;
  }

  /** epsilon = 1e-4. */
  public EPOSearch(double... preference) {
    this(preference, 1e-4);
  }

  /** mu_r(L) = KL(lhat || uniform) with lhat = r.L / sum(r.L); zero exactly on the ray. */
  public static double nonUniformity(double[] losses, double[] preference) {
    double[] lhat = normalised(losses, preference);
    double mu = 0;
    for (double v : lhat) if (v > 0) mu += v * Math.log(lhat.length * v);
    return mu;
  }

  /** The simplex weights beta for losses {@code losses} and Gram matrix {@code gram}. */
  public double[] weights(double[] losses, double[][] gram) {
    Jacobians.checkGram(gram);
    int k = preference.length;
    if (gram.length != k) throw new IllegalArgumentException("EPOSearch: Gram matrix of " + gram.length + " objectives, preference of " + k);
    LossWeighting.checkPositive("EPOSearch", "losses", losses, k);
    double[] lhat = normalised(losses, preference);
    double mu = nonUniformity(losses, preference);
    double[] adjustment = new double[k];
    for (int i = 0; i < k; i++) adjustment[i] = preference[i] * (Math.log(k * lhat[i]) - mu);
    double[] ca = Jacobians.times(gram, adjustment);
    double[] ones = new double[k];
    java.util.Arrays.fill(ones, 1);
    double[] solution;
    if (mu > epsilon) {
      double maxRl = 0;
      for (double v : lhat) maxRl = Math.max(maxRl, v);
      boolean anyPositive = false;
      for (double v : ca) anyPositive |= v > 0;
      double[] rhs = new double[k];
      for (int j = 0; j < k; j++) {
        if (!anyPositive || lhat[j] == maxRl) rhs[j] = 0;
        else rhs[j] = ca[j] > 0 ? Double.NEGATIVE_INFINITY : ca[j];
      }
      solution = SimplexLP.maximise(ca, gram, rhs);
    } else {
      double maxCa = Double.NEGATIVE_INFINITY;
      for (double v : ca) maxCa = Math.max(maxCa, v);
      double[][] rows = new double[k + 1][];
      double[] rhs = new double[k + 1];
      System.arraycopy(gram, 0, rows, 0, k);
      rows[k] = ca; // C symmetric: beta^T C a = (C a) . beta
      rhs[k] = Math.min(0, maxCa);
      solution = SimplexLP.maximise(Jacobians.times(gram, ones), rows, rhs);
    }
    if (solution == null) solution = SimplexLP.maximise(Jacobians.times(gram, ones), gram, new double[k]);
    return solution;
  }

  /** Weights and direction for the K x n Jacobian {@code gradients}. */
  public Aggregation aggregate(double[] losses, double[][] gradients) {
    double[] w = weights(losses, Jacobians.gram(gradients));
    return new Aggregation(w, Jacobians.combine(w, gradients));
  }

  private static double[] normalised(double[] losses, double[] preference) {
    int k = preference.length;
    LossWeighting.checkPositive("EPOSearch", "losses", losses, k);
    double[] rl = new double[k];
    double sum = 0;
    for (int i = 0; i < k; i++) sum += rl[i] = preference[i] * losses[i];
    for (int i = 0; i < k; i++) rl[i] /= sum;
    return rl;
  }
}
