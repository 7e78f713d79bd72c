package io.frontier.multiobjective.polar;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * How good a risk score is at predicting errors: {@link #expectedCalibrationError} (is a score of
 * 0.3 wrong 30% of the time?), {@link #auroc} (does it rank the wrong answers above the right
 * ones?), and {@link #highestRisk}, the items to send for correction first.
 */
public final class RiskMetrics {

  private RiskMetrics() {}

  /**
   * Expected calibration error with {@code bins} equal-width bins on {@code [0, 1]}:
   * {@code sum_b (n_b / N) |mean(score in b) - mean(error in b)|}. Bin b holds the scores in
   * {@code [b / bins, (b + 1) / bins)}; the last bin also holds 1. Empty bins add nothing.
   *
   * @param scores predicted error probabilities, each in [0, 1]
   * @param errors whether each answer was actually wrong
   */
  public static double expectedCalibrationError(double[] scores, boolean[] errors, int bins) {
    check("expectedCalibrationError", scores, errors);
    if (bins <= 0) throw new IllegalArgumentException("expectedCalibrationError: bins must be positive, got " + bins);
    double[] scoreSum = new double[bins];
    double[] errorSum = new double[bins];
    int[] count = new int[bins];
    for (int i = 0; i < scores.length; i++) {
      if (!(scores[i] >= 0 && scores[i] <= 1)) {
        throw new IllegalArgumentException("expectedCalibrationError: score " + i + " is " + scores[i] + ", outside [0, 1]");
      }
      int b = Math.min((int) (scores[i] * bins), bins - 1);
      scoreSum[b] += scores[i];
      errorSum[b] += errors[i] ? 1 : 0;
      count[b]++;
    }
    double ece = 0;
    for (int b = 0; b < bins; b++) {
      if (count[b] > 0) ece += Math.abs(scoreSum[b] - errorSum[b]) / scores.length;
    }
    return ece;
  }

  /**
   * Area under the ROC curve of {@code scores} for detecting the {@code errors}, by ranks (the
   * Mann-Whitney U statistic): the probability that a random wrong answer scores above a random
   * right one, ties counting one half. Tied scores share their average rank.
   *
   * @throws IllegalArgumentException when all answers are wrong or all are right
   */
  public static double auroc(double[] scores, boolean[] errors) {
    check("auroc", scores, errors);
    int n = scores.length;
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(scores[i])) throw new IllegalArgumentException("auroc: score " + i + " is NaN");
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
    double positiveRankSum = 0;
    long positives = 0;
    for (int start = 0; start < n;) {
      int end = start;
      while (end + 1 < n && scores[order[end + 1]] == scores[order[start]]) end++;
      double averageRank = (start + end) / 2.0 + 1; // ranks are 1-based
      for (int k = start; k <= end; k++) {
        if (errors[order[k]]) {
          positiveRankSum += averageRank;
          positives++;
        }
      }
      start = end + 1;
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      throw new IllegalArgumentException("auroc: need both wrong and right answers, got " + positives + " wrong of " + n);
    }
    return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  /**
   * The indices of the {@code count} highest scores, highest first (on a tie the lower index first):
   * the items to re-prompt or send to a costlier oracle.
   */
  public static int[] highestRisk(double[] scores, int count) {
    if (scores == null) throw new IllegalArgumentException("highestRisk: scores are null");
    if (count < 0 || count > scores.length) throw new IllegalArgumentException("highestRisk: count " + count + " is out of [0, " + scores.length + "]");
    return IntStream.range(0, scores.length).boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> i))
        .limit(count).mapToInt(Integer::intValue).toArray();
  }

  private static void check(String op, double[] scores, boolean[] errors) {
    if (scores == null || errors == null) throw new IllegalArgumentException(op + ": scores or errors are null");
    if (scores.length != errors.length) throw new IllegalArgumentException(op + ": " + scores.length + " scores for " + errors.length + " outcomes");
    if (scores.length == 0) throw new IllegalArgumentException(op + ": no scores");
  }
}
