package io.frontier.multiobjective.aggregate;

/**
 * Combines K per-objective gradients of shared parameters into one direction. Every method here
 * needs only the K x K Gram matrix M = G G^T of the gradients (M[i][j] = g_i . g_j) to choose
 * its weights, so large parameter vectors never enter the solver.
 */
public interface Aggregator {

  /**
   * Weights w (length K) for the gradients whose Gram matrix is {@code gram}; the combined
   * direction is sum_k w_k g_k.
   *
   * @throws IllegalArgumentException if {@code gram} is not a finite, symmetric, non-empty square matrix
   */
  double[] weights(double[][] gram);

  /** Aggregates the K x n Jacobian {@code gradients} (row k = gradient of objective k). */
  default Aggregation aggregate(double[][] gradients) {
    double[] w = weights(Jacobians.gram(gradients));
    return new Aggregation(w, Jacobians.combine(w, gradients));
  }
}
