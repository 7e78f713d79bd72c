package io.frontier.multiobjective.aggregate;

/**
 * Aligned-MTL (Senushkin et al. 2023): makes the gradient system perfectly conditioned. With
 * M = G G^T = V diag(lambda) V^T, only the eigenpairs with lambda > K eps max(lambda) are kept
 * (rank r, lambda_r the smallest kept), B = sqrt(lambda_r) V_r diag(lambda^{-1/2}) V_r^T and the
 * weights are the column sums of B, as in the authors' and LibMTL's code. The aligned Jacobian
 * B G has r orthogonal rows of norm sqrt(lambda_r), so the direction sum_k w_k g_k is the sum of
 * aligned gradients whose condition number is 1; orthogonal gradients of equal norm keep weights
 * 1. All-zero gradients get weight zero. Task preference weights are not applied (as in the
 * official code).
 */
public final class AlignedMTL implements Aggregator {

  @Override
  public double[] weights(double[][] gram) {
    Jacobians.checkGram(gram);
    int k = gram.length;
    SymmetricEigen eig = SymmetricEigen.of(gram);
    double[] lambda = eig.values();
    double tolerance = lambda[0] * k * Math.ulp(1.0);
    int rank = 0;
    while (rank < k && lambda[rank] > tolerance) rank++;
    double[] w = new double[k];
    if (rank == 0) return w;
    double scale = Math.sqrt(lambda[rank - 1]);
    double[][] v = eig.vectors();
    for (int c = 0; c < rank; c++) {
      double columnSum = 0; // (V_r^T 1)_c
      for (int i = 0; i < k; i++) columnSum += v[i][c];
      double factor = scale / Math.sqrt(lambda[c]) * columnSum;
      for (int i = 0; i < k; i++) w[i] += factor * v[i][c];
    }
    return w;
  }
}
