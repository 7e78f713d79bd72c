package io.frontier.multiobjective.aggregate;

/** Fixed task weights: direction = sum_k w_k g_k (equal weights 1/K give the mean gradient). */
public final class LinearScalarisation implements Aggregator {
  private final double[] taskWeights;

  /** @param taskWeights one finite weight per objective */
  public LinearScalarisation(double... taskWeights) {
    if (taskWeights.length == 0) throw new IllegalArgumentException("LinearScalarisation: no weights");
    for (double w : taskWeights) {
      if (!Double.isFinite(w)) throw new IllegalArgumentException("LinearScalarisation: non-finite weight " + w);
    }
    this.taskWeights = taskWeights.clone();
  }

  /** Equal weights 1/K. */
  public static LinearScalarisation mean(int k) {
    return new LinearScalarisation(Simplex.uniform(k));
  }

  @Override
  public double[] weights(double[][] gram) {
    Jacobians.checkGram(gram);
    if (gram.length != taskWeights.length) {
      throw new IllegalArgumentException("LinearScalarisation: " + taskWeights.length + " weights for " + gram.length + " objectives");
    }
    return taskWeights.clone();
  }
}
