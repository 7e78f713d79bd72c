package io.frontier.multiobjective.continual;

/**
 * A Gaussian N(mean, covariance) over the d regression weights, with its precision (the inverse
 * covariance) kept beside it so that natural-parameter combinations need no further inversion.
 *
 * @param mean (d)
 * @param covariance (d, d)
 * @param precision (d, d), covariance^{-1}
 */
public record GaussianPosterior(double[] mean, double[][] covariance, double[][] precision) {

  /** N(0, std^2 I) in dimension d: the isotropic prior of {@link Ibcl.Config#priorStds()}. */
  public static GaussianPosterior isotropic(int d, double std) {
    if (d < 1) throw new IllegalArgumentException("isotropic: dimension " + d + " < 1");
    if (!(std > 0)) throw new IllegalArgumentException("isotropic: std " + std + " must be > 0");
    double[][] cov = new double[d][d];
    double[][] prec = new double[d][d];
    for (int i = 0; i < d; i++) {
      cov[i][i] = std * std;
      prec[i][i] = 1 / (std * std);
    }
    return new GaussianPosterior(new double[d], cov, prec);
  }

  /** N(precision^{-1} eta, precision^{-1}): the Gaussian with natural parameters (eta, precision). */
  public static GaussianPosterior fromNatural(double[] eta, double[][] precision) {
    double[][] l = Cholesky.factor(precision, "fromNatural");
    return new GaussianPosterior(Cholesky.solve(l, eta), Cholesky.inverse(precision, "fromNatural"), precision);
  }

  public int dimension() {
    return mean.length;
  }

  /** sqrt(covariance[k][k]), the marginal standard deviation of coordinate k. */
  public double marginalStd(int k) {
    return Math.sqrt(covariance[k][k]);
  }
}
