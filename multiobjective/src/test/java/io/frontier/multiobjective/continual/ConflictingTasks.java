package io.frontier.multiobjective.continual;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * k linear-regression tasks that conflict: each has its own true weights and its own input scales
 * (so the posteriors' precisions differ and the moment and natural combinations part ways).
 */
final class ConflictingTasks {
  static final double NOISE_VARIANCE = 0.25;

  private ConflictingTasks() {}

  static List<RegressionTask> make(long seed, int k, int d, int n) {
    SplittableRandom random = new SplittableRandom(seed);
    List<RegressionTask> tasks = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      double[] truth = new double[d];
      double[] scale = new double[d];
      for (int c = 0; c < d; c++) {
        truth[c] = gaussian(random);
        scale[c] = Math.exp(random.nextDouble(-1.2, 1.2));
      }
      double[][] x = new double[n][d];
      double[] y = new double[n];
      for (int r = 0; r < n; r++) {
        for (int c = 0; c < d; c++) x[r][c] = scale[c] * gaussian(random);
        y[r] = RegressionTask.dot(x[r], truth) + Math.sqrt(NOISE_VARIANCE) * gaussian(random);
      }
      tasks.add(new RegressionTask(x, y));
    }
    return tasks;
  }

  static double gaussian(SplittableRandom random) {
    double u = random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
  }
}
