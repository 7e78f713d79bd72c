package io.frontier.multiobjective.aggregate;

/**
 * FAMO, fast adaptive multitask optimisation (Liu et al. 2023). Task logits xi (initially 0) give
 * z = softmax(xi); the shared-parameter update descends sum_i z_i log L_i, scaled by
 * c = (sum_j z_j / L_j)^{-1}, i.e. (paper eq. 6 with L_i^* = 0) the task weights are
 * w_i = c z_i / L_i, which sum to 1 in units of the log-loss gradients. After a step changed the
 * losses from L(t) to L(t+1), the logits follow the paper's eq. 7 with decay (Sec. 3.2):
 * delta_i = log L_i(t) - log L_i(t+1), xi <- xi - beta (J_z(xi)^T delta + gamma xi), where
 * J_z = diag(z) - z z^T is the softmax Jacobian: tasks whose log-loss fell less gain weight.
 * The authors' code applies the same gradient with Adam (lr 0.025, weight decay 0.001); this class
 * takes the plain gradient step of the paper. No per-task gradients are needed.
 *
 * <p>{@link #update} with the losses of step t first updates the logits from the decrease since
 * the previous call (none on the first call), then returns w(t). Losses must be positive (subtract
 * known lower bounds L_i^* beforehand).
 */
public final class FAMO implements LossWeighting {
  private final double beta;
  private final double gamma;
  private final double[] logits;
  private double[] previous;

  /**
   * @param k     number of tasks
   * @param beta  logit step size (> 0)
   * @param gamma logit decay (>= 0)
   */
  public FAMO(int k, double beta, double gamma) {
    if (k < 1) throw new IllegalArgumentException("FAMO: need at least one task, got " + k);
    if (!(beta > 0) || !Double.isFinite(beta)) throw new IllegalArgumentException("FAMO: beta must be finite and > 0, got " + beta);
    if (!(gamma >= 0) || !Double.isFinite(gamma)) throw new IllegalArgumentException("FAMO: gamma must be finite and >= 0, got " + gamma);
    this.beta = beta;
    this.gamma = gamma;
    this.logits = new double[k];
  }

  /** {@inheritDoc} {@code gradientNorms} is ignored. */
  @Override
  public double[] update(double[] losses, double[] gradientNorms) {
    int k = logits.length;
    LossWeighting.checkPositive("FAMO", "losses", losses, k);
    if (previous != null) {
      double[] z = softmax();
      double[] delta = new double[k];
      double zDelta = 0;
      for (int i = 0; i < k; i++) {
        delta[i] = Math.log(previous[i]) - Math.log(losses[i]);
        zDelta += z[i] * delta[i];
      }
      for (int i = 0; i < k; i++) logits[i] -= beta * (z[i] * (delta[i] - zDelta) + gamma * logits[i]);
    }
    previous = losses.clone();
    double[] z = softmax();
    double inverseC = 0;
    for (int i = 0; i < k; i++) inverseC += z[i] / losses[i];
    double[] w = new double[k];
    for (int i = 0; i < k; i++) w[i] = z[i] / losses[i] / inverseC;
    return w;
  }

  /** The current task distribution z = softmax(xi). */
  public double[] softmax() {
    double max = Double.NEGATIVE_INFINITY;
    for (double x : logits) max = Math.max(max, x);
    double[] z = new double[logits.length];
    double sum = 0;
    for (int i = 0; i < z.length; i++) sum += z[i] = Math.exp(logits[i] - max);
    for (int i = 0; i < z.length; i++) z[i] /= sum;
    return z;
  }
}
