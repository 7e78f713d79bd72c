package io.frontier.multiobjective.continual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BayesianLinearRegressionTest {

  /**
   * Reference by the other closed form (the Kalman / Woodbury one, which inverts the n x n matrix
   * S = sigma^2 I + X Sigma_0 X^T instead of the d x d precision):
   * mu = mu_0 + Sigma_0 X^T S^{-1} (y - X mu_0), Sigma = Sigma_0 - Sigma_0 X^T S^{-1} X Sigma_0.
   */
  @Test
  void posteriorMatchesTheKalmanFormForACorrelatedPriorWithNonzeroMean() {
    SplittableRandom random = new SplittableRandom(3);
    for (int trial = 0; trial < 20; trial++) {
      int d = 1 + trial % 5;
      int n = 1 + (trial * 7) % 9;
      RegressionTask task = ConflictingTasks.make(100 + trial, 1, d, n).get(0);
      double[][] a = new double[d][d];
      for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) a[i][j] = ConflictingTasks.gaussian(random);
      double[][] sigma0 = new double[d][d];
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          for (int l = 0; l < d; l++) sigma0[i][j] += a[i][l] * a[j][l];
          if (i == j) sigma0[i][j] += 0.3;
        }
      }
      double[] mu0 = new double[d];
      for (int i = 0; i < d; i++) mu0[i] = ConflictingTasks.gaussian(random);
      GaussianPosterior prior = new GaussianPosterior(mu0, sigma0, Cholesky.inverse(sigma0, "test"));
      double s2 = 0.7;

      GaussianPosterior got = BayesianLinearRegression.posterior(prior, task, s2);

      double[][] x = task.x();
      double[][] xs = new double[n][d]; // X Sigma_0
      for (int r = 0; r < n; r++) for (int j = 0; j < d; j++) for (int l = 0; l < d; l++) xs[r][j] += x[r][l] * sigma0[l][j];
      double[][] s = new double[n][n];
      for (int r = 0; r < n; r++) {
        for (int q = 0; q < n; q++) s[r][q] = RegressionTask.dot(xs[r], x[q]);
        s[r][r] += s2;
      }
      double[][] sInv = Cholesky.inverse(s, "test");
      double[] resid = new double[n];
      for (int r = 0; r < n; r++) resid[r] = task.y()[r] - RegressionTask.dot(x[r], mu0);
      double scale = 1;
      for (int i = 0; i < d; i++) {
        double mu = mu0[i];
        for (int r = 0; r < n; r++) for (int q = 0; q < n; q++) mu += xs[r][i] * sInv[r][q] * resid[q];
        assertEquals(mu, got.mean()[i], 1e-9 * (scale + Math.abs(mu)), "trial " + trial + " mean[" + i + "]");
        for (int j = 0; j < d; j++) {
          double c = sigma0[i][j];
          for (int r = 0; r < n; r++) for (int q = 0; q < n; q++) c -= xs[r][i] * sInv[r][q] * xs[q][j];
          assertEquals(c, got.covariance()[i][j], 1e-9 * (scale + Math.abs(sigma0[i][j])), "trial " + trial + " cov[" + i + "][" + j + "]");
        }
      }
    }
  }

  @Test
  void posteriorMeanZeroesTheGradientOfTheTaskLoss() {
    RegressionTask task = ConflictingTasks.make(5, 1, 4, 30).get(0);
    double std = 0.8;
    GaussianPosterior q = BayesianLinearRegression.posterior(GaussianPosterior.isotropic(4, std), task, ConflictingTasks.NOISE_VARIANCE);
    double[] g = task.lossGradient(q.mean(), ConflictingTasks.NOISE_VARIANCE, 1 / (std * std));
    for (double gc : g) assertEquals(0, gc, 1e-10);
  }

  /** With chained priors q_k^j is p(theta | D_1..D_k) under prior j: one batch update on all data. */
  @Test
  void chainedExtremePointEqualsTheBatchPosteriorOnAllTasks() {
    List<RegressionTask> tasks = ConflictingTasks.make(9, 3, 3, 12);
    Ibcl ibcl = new Ibcl(Ibcl.Config.paperDefaults(ConflictingTasks.NOISE_VARIANCE));
    tasks.forEach(ibcl::update);
    int n = 36;
    double[][] x = new double[n][];
    double[] y = new double[n];
    for (int i = 0; i < 3; i++) {
      for (int r = 0; r < 12; r++) {
        x[12 * i + r] = tasks.get(i).x()[r];
        y[12 * i + r] = tasks.get(i).y()[r];
      }
    }
    double[] stds = {0.25, 0.3, 0.35};
    for (int j = 0; j < 3; j++) {
      GaussianPosterior batch = BayesianLinearRegression.posterior(GaussianPosterior.isotropic(3, stds[j]), new RegressionTask(x, y), ConflictingTasks.NOISE_VARIANCE);
      GaussianPosterior chained = ibcl.extremePoints().get(2).get(j);
      for (int c = 0; c < 3; c++) {
        assertEquals(batch.mean()[c], chained.mean()[c], 1e-12, "prior " + j + " mean[" + c + "]");
        for (int e = 0; e < 3; e++) assertEquals(batch.covariance()[c][e], chained.covariance()[c][e], 1e-12);
      }
    }
  }

  @Test
  void mismatchedDimensionIsNamed() {
    RegressionTask task = ConflictingTasks.make(1, 1, 3, 5).get(0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BayesianLinearRegression.posterior(GaussianPosterior.isotropic(2, 1), task, 1));
    assertEquals("posterior: prior has dimension 2 but task has 3 columns", e.getMessage());
  }
}
