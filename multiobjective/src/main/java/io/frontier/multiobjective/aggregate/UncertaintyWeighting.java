package io.frontier.multiobjective.aggregate;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.List;

/**
 * Homoscedastic-uncertainty weighting (Kendall et al. 2018), in the log-variance form of the
 * authors' practice: learnable s_i = log sigma_i^2 (a float64 tensor of K zeros that requires
 * grad) and total loss sum_i exp(-s_i) L_i + s_i, to be minimised jointly over the model and s
 * (hand {@link #logVariances()} to the optimizer). For fixed L_i > 0 the optimum is
 * s_i = log L_i, where every weighted loss exp(-s_i) L_i equals 1. (The paper's regression form
 * has an extra factor 1/2 on the losses; with it the optimum is s_i = log L_i - log 2.)
 */
public final class UncertaintyWeighting {
  private final Tensor logVariances;

  /** @param k number of tasks; all s_i start at 0 (weights 1) */
  public UncertaintyWeighting(int k) {
    if (k < 1) throw new IllegalArgumentException("UncertaintyWeighting: need at least one task, got " + k);
    this.logVariances = Tensor.zeros(DType.FLOAT64, k).requiresGrad_(true);
  }

  /** The learnable log-variances s (shape [K]). */
  public Tensor logVariances() {
    return logVariances;
  }

  /** The scalar sum_i exp(-s_i) L_i + s_i for K scalar task losses. */
  public Tensor totalLoss(List<Tensor> losses) {
    int k = logVariances.numel();
    if (losses == null || losses.size() != k) {
      throw new IllegalArgumentException("UncertaintyWeighting: expected " + k + " losses, got " + (losses == null ? "null" : losses.size()));
    }
    for (int i = 0; i < k; i++) {
      if (losses.get(i).numel() != 1) throw new IllegalArgumentException("UncertaintyWeighting: loss " + i + " is not a scalar");
    }
    Tensor stacked = Tensor.cat(losses.stream().map(l -> l.reshape(1).to(DType.FLOAT64)).toList(), 0);
    return logVariances.neg().exp().mul(stacked).add(logVariances).sum();
  }

  /** The current loss weights exp(-s_i). */
  public double[] weights() {
    double[] s = logVariances.detach().toDoubleArray();
    for (int i = 0; i < s.length; i++) s[i] = Math.exp(-s[i]);
    return s;
  }
}
