package io.frontier.rl.averaging;

import java.util.Arrays;

/**
 * One point of an averaging curve: the ratios used (one for uniform averaging, one per block for
 * HMA) and the two scores of the averaged model, both to be maximised (e.g. accuracy on the task
 * that fine-tuning erodes, and the reward or accuracy of the task it learns).
 */
public record AveragingPoint(double[] alphas, double scoreA, double scoreB) {

  public AveragingPoint {
    alphas = alphas.clone();
  }

  @Override
  public double[] alphas() {
    return alphas.clone();
  }

  /** {@code (scoreA, scoreB)}, a row for {@link io.frontier.rl.morl.MorlMetrics#hypervolume} (which maximises both). */
  public double[] scores() {
    return new double[] {scoreA, scoreB};
  }

  /** The mean ratio over blocks, {@code (1/K) sum_k alpha_k}: HMA's "tax budget", equal to alpha for uniform averaging. */
  public double meanAlpha() {
    return Arrays.stream(alphas).sum() / alphas.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AveragingPoint p && Arrays.equals(alphas, p.alphas)
        && Double.compare(scoreA, p.scoreA) == 0 && Double.compare(scoreB, p.scoreB) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(alphas) + Double.hashCode(scoreA)) + Double.hashCode(scoreB);
  }

  @Override
  public String toString() {
    return "AveragingPoint[alphas=" + Arrays.toString(alphas) + ", scoreA=" + scoreA + ", scoreB=" + scoreB + "]";
  }
}
