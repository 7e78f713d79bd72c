package io.frontier.optim.bayes.gp;

import io.frontier.tensor.DType;
import io.frontier.tensor.LinAlg;
import io.frontier.tensor.Tensor;

/**
 * The log marginal likelihood of GP regression (Rasmussen and Williams, Algorithm 2.1):
 * with {@code L = chol(K + σ_n² I)} and {@code α = L^T \ (L \ y)},
 * {@code log p(y | X) = -½ yᵀα - Σ_i log L_ii - (n/2) log 2π}, the full sum as scikit-learn's
 * {@code log_marginal_likelihood} (GPyTorch divides it by n).
 *
 * <p>Every step is a tensor op (Cholesky, triangular solves), so autograd differentiates it with
 * respect to the kernel hyperparameters, the noise and the inputs.
 */
public final class MarginalLikelihood {
  private MarginalLikelihood() {}

  /**
   * @param x inputs {@code (n, d)} in the kernel's space (already normalised)
   * @param y targets {@code (n)} (already standardised)
   * @param noise Gaussian noise variance, 0-d
   */
  public static Tensor logMarginalLikelihood(Kernel kernel, Tensor x, Tensor y, Tensor noise) {
    int n = x.size(0);
    Tensor k = kernel.covariance(x, x).add(Tensor.eye(n, n, DType.FLOAT64).mul(noise));
    Tensor l = JitteredCholesky.factor(k);
    Tensor z = LinAlg.solveTriangular(l, y.unsqueeze(1), false, true, false);
    Tensor dataFit = z.square().sum().mul(-0.5);
    Tensor complexity = l.diagonal().log().sum().neg();
    return dataFit.add(complexity).sub(0.5 * n * Math.log(2 * Math.PI));
  }
}
