package io.frontier.multiobjective.continual;

/**
 * The closed-form Bayes update of linear regression with known noise variance sigma^2: prior
 * N(mu_0, Sigma_0) and data (X, y) give the posterior with
 *
 * <pre>
 *   Lambda = Sigma_0^{-1} + X^T X / sigma^2,   eta = Sigma_0^{-1} mu_0 + X^T y / sigma^2,
 *   Sigma = Lambda^{-1},                         mu = Sigma eta.
 * </pre>
 *
 * This is the exact counterpart of the variational posterior each IBCL extreme point is trained to,
 * so the knowledge base here holds no approximation error.
 */
public final class BayesianLinearRegression {
  private BayesianLinearRegression() {}

  public static GaussianPosterior posterior(GaussianPosterior prior, RegressionTask task, double noiseVariance) {
    int d = prior.dimension();
    if (task.dimension() != d) {
      throw new IllegalArgumentException("posterior: prior has dimension " + d + " but task has " + task.dimension() + " columns");
    }
    if (!(noiseVariance > 0)) throw new IllegalArgumentException("posterior: noise variance " + noiseVariance + " must be > 0");
    double[][] lambda = new double[d][d];
    double[] eta = new double[d];
    double[][] p0 = prior.precision();
    for (int i = 0; i < d; i++) {
      lambda[i] = p0[i].clone();
      eta[i] = RegressionTask.dot(p0[i], prior.mean());
    }
    double[][] x = task.x();
    double[] y = task.y();
    for (int n = 0; n < x.length; n++) {
      for (int i = 0; i < d; i++) {
        eta[i] += x[n][i] * y[n] / noiseVariance;
        for (int j = 0; j < d; j++) lambda[i][j] += x[n][i] * x[n][j] / noiseVariance;
      }
    }
    return GaussianPosterior.fromNatural(eta, lambda);
  }
}
