package io.frontier.multiobjective.aggregate;

import java.util.random.RandomGenerator;

/**
 * PCGrad (Yu et al. 2020): for each objective i, in a random order over j != i, if g_i' . g_j < 0
 * replace g_i' by g_i' - (g_i' . g_j / |g_j|^2) g_j (projecting against the original g_j); the
 * direction is sum_i g_i'. Each g_i' is tracked as a combination of the original gradients, so
 * only the Gram matrix is needed. A fresh order is drawn per objective and per call from the
 * given generator; the deterministic mode uses j = 0, 1, ..., K-1 instead.
 */
public final class PCGrad implements Aggregator {
  private final RandomGenerator random;

  private PCGrad(RandomGenerator random) {
    this.random = random;
  }

  /** Random projection order drawn from {@code random} (seed it for reproducible runs). */
  public static PCGrad random(RandomGenerator random) {
    if (random == null) throw new IllegalArgumentException("PCGrad: random generator is null");
    return new PCGrad(random);
  }

  /** Projection order j = 0, 1, ..., K-1 (skipping i) for every objective i. */
  public static PCGrad deterministic() {
    return new PCGrad(null);
  }

  @Override
  public double[] weights(double[][] gram) {
    Jacobians.checkGram(gram);
    int k = gram.length;
    double[] total = new double[k];
    for (int i = 0; i < k; i++) {
      double[] c = new double[k]; // g_i' = sum_l c[l] g_l
      c[i] = 1;
      for (int j : order(k)) {
        if (j == i || gram[j][j] == 0) continue;
        double dot = 0; // g_i' . g_j
        for (int l = 0; l < k; l++) dot += c[l] * gram[l][j];
        if (dot < 0) c[j] -= dot / gram[j][j];
      }
      for (int l = 0; l < k; l++) total[l] += c[l];
    }
    return total;
  }

  private int[] order(int k) {
    int[] p = new int[k];
    for (int i = 0; i < k; i++) p[i] = i;
    if (random != null) {
      for (int i = k - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = p[i];
        p[i] = p[j];
        p[j] = t;
      }
    }
    return p;
  }
}
