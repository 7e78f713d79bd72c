package io.frontier.multiobjective.polar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RiskMetricsTest {

  /**
   * Bins of width 0.1: {0.05} (error rate 0) adds 1/4 * 0.05; {0.15, 0.15} (rate 1/2) adds
   * 2/4 * 0.35; {0.95} (rate 1) adds 1/4 * 0.05. Total 0.0125 + 0.175 + 0.0125 = 0.2.
   */
  @Test
  void eceMatchesAHandComputedExample() {
    double[] scores = {0.05, 0.15, 0.15, 0.95};
    boolean[] errors = {false, true, false, true};
    assertEquals(0.2, RiskMetrics.expectedCalibrationError(scores, errors, 10), 1e-15);
  }

  /** With 2 bins, 0.5 opens the upper bin and 1.0 stays in it: {0.2, 0.4} vs 0, {0.5, 1.0} vs 1/2. */
  @Test
  void eceBinsAreLeftClosedAndTheLastHoldsOne() {
    double[] scores = {0.2, 0.4, 0.5, 1.0};
    boolean[] errors = {false, false, true, false};
    // lower bin: |0.3 - 0| * 2/4 = 0.15; upper bin: |0.75 - 0.5| * 2/4 = 0.125
    assertEquals(0.275, RiskMetrics.expectedCalibrationError(scores, errors, 2), 1e-15);
  }

  @Test
  void eceIsZeroExactlyWhenEachBinsScoreEqualsItsErrorRate() {
    // bin [0.2, 0.3): score 0.25, one error in four; bin [0.7, 0.8): 0.75, three in four
    double[] scores = {0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75};
    boolean[] errors = {true, false, false, false, true, true, true, false};
    assertEquals(0, RiskMetrics.expectedCalibrationError(scores, errors, 10), 1e-15);
    // a score of 0.5 on answers that are all wrong is off by 0.5
    double[] flat = {0.5, 0.5, 0.5, 0.5};
    assertEquals(0.5, RiskMetrics.expectedCalibrationError(flat, new boolean[] {true, true, true, true}, 10), 1e-15);
  }

  /** scikit-learn's roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) = 0.75: 3 of the 4 (error, right) pairs ordered. */
  @Test
  void aurocMatchesAHandComputedExample() {
    assertEquals(0.75, RiskMetrics.auroc(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true}), 1e-15);
    assertEquals(1.0, RiskMetrics.auroc(new double[] {0.1, 0.2, 0.9}, new boolean[] {false, false, true}), 1e-15);
    assertEquals(0.0, RiskMetrics.auroc(new double[] {0.9, 0.2, 0.1}, new boolean[] {false, true, true}), 1e-15);
  }

  /** A tie between an error and a right answer counts one half: pairs (0.5 vs 0.5) = 1/2, (0.5 vs 0.2) = 1. */
  @Test
  void aurocCountsTiesAsOneHalf() {
    assertEquals(0.5, RiskMetrics.auroc(new double[] {0.5, 0.5}, new boolean[] {true, false}), 1e-15);
    assertEquals(0.75, RiskMetrics.auroc(new double[] {0.5, 0.5, 0.2}, new boolean[] {true, false, false}), 1e-15);
  }

  /** The rank formula against counting every (error, right) pair, on scores with many ties. */
  @Test
  void aurocEqualsThePairCount() {
    SplittableRandom random = new SplittableRandom(5);
    for (int trial = 0; trial < 50; trial++) {
      int n = 2 + random.nextInt(60);
      double[] s = new double[n];
      boolean[] e = new boolean[n];
      for (int i = 0; i < n; i++) {
        s[i] = random.nextInt(7) / 6.0;
        e[i] = random.nextDouble() < 0.3;
      }
      e[0] = true;
      e[1] = false;
      double pairs = 0;
      int count = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          if (!e[i] || e[j]) continue;
          pairs += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
          count++;
        }
      }
      assertEquals(pairs / count, RiskMetrics.auroc(s, e), 1e-12);
    }
  }

  @Test
  void highestRiskListsTheLargestScoresFirstAndBreaksTiesByIndex() {
    double[] scores = {0.3, 0.9, 0.1, 0.9, 0.5};
    assertArrayEquals(new int[] {1, 3, 4}, RiskMetrics.highestRisk(scores, 3));
    assertArrayEquals(new int[0], RiskMetrics.highestRisk(scores, 0));
  }

  @Test
  void rejectsBadInput() {
    assertThrows(IllegalArgumentException.class, () -> RiskMetrics.expectedCalibrationError(new double[] {0.5}, new boolean[] {true, false}, 10));
    assertThrows(IllegalArgumentException.class, () -> RiskMetrics.expectedCalibrationError(new double[] {1.5}, new boolean[] {true}, 10));
    assertThrows(IllegalArgumentException.class, () -> RiskMetrics.expectedCalibrationError(new double[] {0.5}, new boolean[] {true}, 0));
    assertThrows(IllegalArgumentException.class, () -> RiskMetrics.auroc(new double[] {0.1, 0.2}, new boolean[] {true, true}));
    assertThrows(IllegalArgumentException.class, () -> RiskMetrics.auroc(new double[0], new boolean[0]));
    assertThrows(IllegalArgumentException.class, () -> RiskMetrics.highestRisk(new double[] {0.1}, 2));
  }
}
