package io.frontier.multiobjective.continual;

/**
 * One continual-learning task: data for y = x theta + noise with Gaussian noise of known variance.
 *
 * @param x (n, d) inputs
 * @param y (n) targets
 */
public record RegressionTask(double[][] x, double[] y) {

  public RegressionTask {
    if (x.length == 0) throw new IllegalArgumentException("RegressionTask: no rows");
    if (x.length != y.length) {
      throw new IllegalArgumentException("RegressionTask: x has " + x.length + " rows but y has " + y.length);
    }
    for (int i = 1; i < x.length; i++) {
      if (x[i].length != x[0].length) {
        throw new IllegalArgumentException("RegressionTask: row " + i + " has " + x[i].length + " columns, row 0 has " + x[0].length);
      }
    }
  }

  public int dimension() {
    return x[0].length;
  }

  /** ||y - x theta||^2 / (2 noiseVariance): the negative log-likelihood up to a constant. */
  public double negLogLikelihood(double[] theta, double noiseVariance) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double r = y[i] - dot(x[i], theta);
      s += r * r;
    }
    return s / (2 * noiseVariance);
  }

  /**
   * The task's loss l_i(theta) = ||y - x theta||^2 / (2 sigma^2) + (lambda / 2) ||theta||^2, the
   * negative log posterior under the prior N(0, I / lambda) up to a constant; its minimiser is that
   * posterior's mean, the single-task optimum.
   */
  public double loss(double[] theta, double noiseVariance, double priorPrecision) {
    return negLogLikelihood(theta, noiseVariance) + 0.5 * priorPrecision * dot(theta, theta);
  }

  /** Gradient of {@link #loss} at theta, (d). */
  public double[] lossGradient(double[] theta, double noiseVariance, double priorPrecision) {
    int d = theta.length;
    double[] g = new double[d];
    for (int i = 0; i < x.length; i++) {
      double r = (dot(x[i], theta) - y[i]) / noiseVariance;
      for (int k = 0; k < d; k++) g[k] += r * x[i][k];
    }
    for (int k = 0; k < d; k++) g[k] += priorPrecision * theta[k];
    return g;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) s += a[k] * b[k];
    return s;
  }
}
