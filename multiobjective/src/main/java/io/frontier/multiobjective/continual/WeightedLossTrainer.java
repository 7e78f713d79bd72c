package io.frontier.multiobjective.continual;

import java.util.List;

/**
 * The expensive baseline IBCL avoids: for each preference w, train a model by minimising the
 * w-weighted loss f_w(theta) = sum_i w_i l_i(theta) ({@link RegressionTask#loss}) with gradient
 * descent on all tasks' data. Each preference costs a training run; {@link Trained#steps()} counts
 * its optimizer steps.
 *
 * <p>Step size 1 / L with L = sum_i w_i ||X_i||_F^2 / sigma^2 + lambda, an upper bound on the
 * Hessian's largest eigenvalue, so every step decreases f_w; it stops when ||grad f_w|| falls below
 * {@code gradTol}.
 */
public final class WeightedLossTrainer {

  /** @param theta (d) the trained parameter @param steps gradient steps taken */
  public record Trained(double[] theta, long steps) {}

  private final List<RegressionTask> tasks;
  private final double noiseVariance;
  private final double priorPrecision;

  public WeightedLossTrainer(List<RegressionTask> tasks, double noiseVariance, double priorPrecision) {
    if (tasks.isEmpty()) throw new IllegalArgumentException("WeightedLossTrainer: no tasks");
    this.tasks = List.copyOf(tasks);
    this.noiseVariance = noiseVariance;
    this.priorPrecision = priorPrecision;
  }

  /** f_w(theta). */
  public double weightedLoss(double[] preference, double[] theta) {
    check(preference);
    double s = 0;
    for (int i = 0; i < tasks.size(); i++) s += preference[i] * tasks.get(i).loss(theta, noiseVariance, priorPrecision);
    return s;
  }

  /** Per-task losses (l_1(theta), .., l_k(theta)): the objective vector of the trade-off. */
  public double[] taskLosses(double[] theta) {
    double[] l = new double[tasks.size()];
    for (int i = 0; i < l.length; i++) l[i] = tasks.get(i).loss(theta, noiseVariance, priorPrecision);
    return l;
  }

  public Trained train(double[] preference, double gradTol, long maxSteps) {
    check(preference);
    int d = tasks.get(0).dimension();
    double lipschitz = priorPrecision;
    for (int i = 0; i < tasks.size(); i++) {
      double f = 0;
      for (double[] row : tasks.get(i).x()) f += RegressionTask.dot(row, row);
      lipschitz += preference[i] * f / noiseVariance;
    }
    double eta = 1 / lipschitz;
    double[] theta = new double[d];
    long steps = 0;
    while (steps < maxSteps) {
      double[] g = new double[d];
      for (int i = 0; i < tasks.size(); i++) {
        if (preference[i] == 0) continue;
        double[] gi = tasks.get(i).lossGradient(theta, noiseVariance, priorPrecision);
        for (int c = 0; c < d; c++) g[c] += preference[i] * gi[c];
      }
      if (Math.sqrt(RegressionTask.dot(g, g)) <= gradTol) break;
      for (int c = 0; c < d; c++) theta[c] -= eta * g[c];
      steps++;
    }
    return new Trained(theta, steps);
  }

  private void check(double[] preference) {
    if (preference.length != tasks.size()) {
      throw new IllegalArgumentException("WeightedLossTrainer: preference has " + preference.length + " entries but there are " + tasks.size() + " tasks");
    }
  }
}
