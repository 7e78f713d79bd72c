package io.frontier.rl.gflownet;

/**
 * The preference-conditioned reward of MOGFN-PC (Jain et al., ICML 2023): the weighted-sum
 * scalarisation raised to a reward exponent,
 * {@code R(x | w) = (sum_k w_k R_k(x))^beta}, so {@code log R(x | w) = beta log(w^T R(x))}. This is
 * the scalarisation the paper uses by default and the one its released code applies
 * ({@code MultiObjectiveWeightedPreferences.transform} sums {@code flat_reward * preferences}, and
 * the exponent multiplies the log-reward). Weighted sums reach only the supported (convex-hull)
 * points of a front as maximisers, but a GFlowNet samples {@code R(x | w)} in proportion rather
 * than maximising it, so unsupported points keep mass too.
 *
 * <p>Preferences must have non-negative components and at least one positive one; they are used as
 * given, not renormalised.
 */
public final class ScalarisedReward {
  private final GridObjectives objectives;
  private final double beta;

  public ScalarisedReward(GridObjectives objectives, double beta) {
    if (!(beta > 0) || !Double.isFinite(beta)) throw new IllegalArgumentException("ScalarisedReward: beta must be positive and finite, got " + beta);
    this.objectives = objectives;
    this.beta = beta;
  }

  public GridObjectives objectives() {
    return objectives;
  }

  public Hypergrid grid() {
    return objectives.grid();
  }

  /** The reward exponent. */
  public double beta() {
    return beta;
  }

  /** {@code log R(x | w) = beta log(w^T R(x))}. */
  public double logReward(int index, double[] w) {
    checkPreference(w);
    double s = 0;
    for (int k = 0; k < w.length; k++) s += w[k] * objectives.value(index, k);
    return beta * Math.log(s);
  }

  /** {@code log Z(w) = log sum_x R(x | w)} over every state, by log-sum-exp. */
  public double logPartition(double[] w) {
    double[] logR = logRewards(w);
    double max = Double.NEGATIVE_INFINITY;
    for (double v : logR) max = Math.max(max, v);
    double sum = 0;
    for (double v : logR) sum += Math.exp(v - max);
    return max + Math.log(sum);
  }

  /** The target {@code R(x | w) / Z(w)} over every state. */
  public double[] targetDistribution(double[] w) {
    double[] logR = logRewards(w);
    double logZ = logPartition(w);
    double[] p = new double[logR.length];
    for (int s = 0; s < p.length; s++) p[s] = Math.exp(logR[s] - logZ);
    return p;
  }

  /** {@code R(x | w)} for every state (may underflow for large beta; use {@link #logReward} then). */
  public double[] rewards(double[] w) {
    double[] logR = logRewards(w);
    double[] r = new double[logR.length];
    for (int s = 0; s < r.length; s++) r[s] = Math.exp(logR[s]);
    return r;
  }

  private double[] logRewards(double[] w) {
    double[] logR = new double[grid().numStates()];
    for (int s = 0; s < logR.length; s++) logR[s] = logReward(s, w);
    return logR;
  }

  void checkPreference(double[] w) {
    if (w.length != objectives.numObjectives()) {
      throw new IllegalArgumentException("ScalarisedReward: preference has " + w.length + " components, there are " + objectives.numObjectives() + " objectives");
    }
    double total = 0;
    for (double v : w) {
      if (!(v >= 0) || !Double.isFinite(v)) throw new IllegalArgumentException("ScalarisedReward: preference component " + v + " is not a finite non-negative number");
      total += v;
    }
    if (total == 0) throw new IllegalArgumentException("ScalarisedReward: the preference is all zero");
  }
}
