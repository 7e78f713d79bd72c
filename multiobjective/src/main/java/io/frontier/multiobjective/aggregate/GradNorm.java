package io.frontier.multiobjective.aggregate;

import java.util.Arrays;

/**
 * GradNorm (Chen et al. 2018). Task weights w (initially 1) are trained so that the weighted
 * gradient norms G_i = w_i |grad_W L_i| on the shared layer W approach the target
 * mean_j(G_j) r_i^alpha, where r_i = Ltilde_i / mean_j Ltilde_j is the relative inverse training
 * rate and Ltilde_i = L_i(t) / L_i(0) (paper eq. 1-2). The targets are held constant, so the
 * gradient of L_grad = sum_i |G_i - target_i| is sign(G_i - target_i) |grad_W L_i|; one gradient
 * step of size {@code learningRate} is taken and the weights are renormalised to sum to K (paper
 * Sec. 3.2). A weight pushed to or below zero is floored at 1e-8 K before renormalising.
 *
 * <p>{@link #update} returns the weights w(t) to use in step t (the first call also records
 * L(0)) and then moves them to w(t + 1).
 */
public final class GradNorm implements LossWeighting {
  private static final double FLOOR = 1e-8;

  private final double alpha;
  private final double learningRate;
  private final double[] weights;
  private double[] initial;

  /**
   * @param k            number of tasks
   * @param alpha        restoring-force strength (>= 0; 0 equalises the gradient norms)
   * @param learningRate step size for the weights (> 0)
   */
  public GradNorm(int k, double alpha, double learningRate) {
    if (k < 1) throw new IllegalArgumentException("GradNorm: need at least one task, got " + k);
    if (!(alpha >= 0) || !Double.isFinite(alpha)) throw new IllegalArgumentException("GradNorm: alpha must be finite and >= 0, got " + alpha);
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException("GradNorm: learningRate must be finite and > 0, got " + learningRate);
    }
    this.alpha = alpha;
    this.learningRate = learningRate;
    this.weights = new double[k];
    Arrays.fill(weights, 1);
  }

  @Override
  public double[] update(double[] losses, double[] gradientNorms) {
    int k = weights.length;
    LossWeighting.checkPositive("GradNorm", "losses", losses, k);
    if (gradientNorms == null || gradientNorms.length != k) {
      throw new IllegalArgumentException("GradNorm: needs " + k + " gradient norms, got " + (gradientNorms == null ? "null" : gradientNorms.length));
    }
    for (double g : gradientNorms) {
      if (!(g >= 0) || !Double.isFinite(g)) throw new IllegalArgumentException("GradNorm: gradient norms must be finite and >= 0, got " + g);
    }
    if (initial == null) initial = losses.clone();
    double[] current = weights.clone();
    double[] ratio = new double[k];
    double meanRatio = 0;
    double meanNorm = 0;
    for (int i = 0; i < k; i++) {
      ratio[i] = losses[i] / initial[i];
      meanRatio += ratio[i] / k;
      meanNorm += current[i] * gradientNorms[i] / k;
    }
    double sum = 0;
    for (int i = 0; i < k; i++) {
      double target = meanNorm * Math.pow(ratio[i] / meanRatio, alpha);
      double gradient = Math.signum(current[i] * gradientNorms[i] - target) * gradientNorms[i];
      weights[i] = Math.max(current[i] - learningRate * gradient, FLOOR * k);
      sum += weights[i];
    }
    for (int i = 0; i < k; i++) weights[i] *= k / sum;
    return current;
  }
}
