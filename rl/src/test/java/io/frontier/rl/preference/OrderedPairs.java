package io.frontier.rl.preference;

import io.frontier.tensor.Tensor;

/**
 * Every ordered pair (i, j), i != j, of K responses, weighted by its Bradley-Terry probability
 * {@code sigmoid(r_i - r_j)} under a reward: the population of preference data whose expected loss
 * the closed-form optimum tests minimise.
 */
record OrderedPairs(Tensor chosen, Tensor rejected, Tensor weights) {
  static OrderedPairs bradleyTerry(double[] reward) {
    int k = reward.length;
    int pairs = k * (k - 1);
    long[] chosen = new long[pairs];
    long[] rejected = new long[pairs];
    double[] weight = new double[pairs];
    for (int i = 0, p = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        if (i == j) continue;
        chosen[p] = i;
        rejected[p] = j;
        weight[p++] = 1 / (1 + Math.exp(-(reward[i] - reward[j])));
      }
    }
    return new OrderedPairs(Tensor.of(chosen), Tensor.of(rejected), Tensor.of(weight));
  }

  /** The chosen and rejected responses' entries of a per-response tensor {@code (K)}, as a batch over the pairs. */
  Tensor chosenOf(Tensor perResponse) {
    return perResponse.gather(0, chosen);
  }

  Tensor rejectedOf(Tensor perResponse) {
    return perResponse.gather(0, rejected);
  }
}
