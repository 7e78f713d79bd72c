package io.frontier.rl.morl;

import static io.frontier.rl.morl.MorlTestSupport.assertSameSet;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.rl.morl.DeepSeaTreasure.SeaMap;
import org.junit.jupiter.api.Test;

class MorlMetricsTest {

  static final double[] DST_REF = {0, -25};

  /**
   * A 2-D maximisation front's hypervolume above (0, -25) by horizontal strips: between the
   * step counts n_i and n_{i+1} of consecutive front points (n_11 = 25), the dominated width is the
   * treasure t_i of the point with n_i steps.
   */
  static double stripHypervolume(double[][] frontByIncreasingSteps) {
    double hv = 0;
    for (int i = 0; i < frontByIncreasingSteps.length; i++) {
      double nextSteps = i + 1 < frontByIncreasingSteps.length ? -frontByIncreasingSteps[i + 1][1] : 25;
      hv += frontByIncreasingSteps[i][0] * (nextSteps + frontByIncreasingSteps[i][1]);
    }
    return hv;
  }

  @Test
  void hypervolumeOfOnePointIsTheBoxBetweenItAndTheReference() {
    assertEquals(9.0, MorlMetrics.hypervolume(new double[][] {{3, -2}}, new double[] {0, -5}), 1e-12);
  }

  @Test
  void hypervolumeOfTheConcaveFrontIs1155() {
    // 1*2 + 2*2 + 3*2 + 5*1 + 8*1 + 16*4 + 24*1 + 50*3 + 74*2 + 124*6 = 1155
    double[][] front = SeaMap.CONCAVE.paretoFront();
    assertEquals(1155.0, stripHypervolume(front), 1e-12);
    assertEquals(1155.0, MorlMetrics.hypervolume(front, DST_REF), 1e-9);
  }

  @Test
  void hypervolumeOfTheConvexFrontIs401Point8() {
    // 0.7*2 + 8.2*2 + 11.5*2 + 14*1 + 15.1*1 + 16.1*4 + 19.6*1 + 20.3*3 + 22.4*2 + 23.7*6 = 401.8
    double[][] front = SeaMap.DEFAULT.paretoFront();
    assertEquals(401.8, stripHypervolume(front), 1e-9);
    assertEquals(401.8, MorlMetrics.hypervolume(front, DST_REF), 1e-9);
  }

  @Test
  void hypervolumeOfTheConcaveFrontsTwoEndsIs762() {
    // 1 * (19 - 1) + 124 * (25 - 19)
    assertEquals(762.0, MorlMetrics.hypervolume(new double[][] {{1, -1}, {124, -19}}, DST_REF), 1e-12);
  }

  @Test
  void hypervolumeIgnoresPointsThatDoNotBeatTheReferenceAndDominatedPoints() {
    assertEquals(0.0, MorlMetrics.hypervolume(new double[][] {{0, -1}, {5, -30}}, DST_REF));
    assertEquals(762.0, MorlMetrics.hypervolume(new double[][] {{1, -1}, {124, -19}, {50, -20}, {1, -1}}, DST_REF), 1e-12);
    assertEquals(0.0, MorlMetrics.hypervolume(new double[0][], DST_REF));
  }

  @Test
  void sparsityIsTheSumOfSquaredSortedGapsOverTheNumberOfGaps() {
    // objective 0 sorted 1, 2, 4: 1 + 4; objective 1 sorted -4, -3, -1: 1 + 4; (5 + 5) / 2
    assertEquals(5.0, MorlMetrics.sparsity(new double[][] {{1, -1}, {2, -3}, {4, -4}}), 1e-12);
    assertEquals(0.0, MorlMetrics.sparsity(new double[][] {{7, -2}}));
    assertEquals(0.0, MorlMetrics.sparsity(new double[0][]));
  }

  @Test
  void sparsityOfTheConcaveFront() {
    // treasure gaps 1,1,2,3,8,8,26,24,50 -> 3895; step gaps 2,3,1,4,1,1,2,2,2 -> 44; / 9
    assertEquals(3939.0 / 9, MorlMetrics.sparsity(SeaMap.CONCAVE.paretoFront()), 1e-9);
  }

  @Test
  void expectedUtilityIsTheMeanOverWeightsOfTheBestLinearUtility() {
    double[][] front = {{1, 0}, {0, 1}};
    double[][] weights = {{1, 0}, {0.5, 0.5}, {0, 1}};
    assertEquals((1 + 0.5 + 1) / 3.0, MorlMetrics.expectedUtility(front, weights), 1e-12);
  }

  @Test
  void expectedUtilityOfOnePointIsItsUtilityUnderTheMeanWeight() {
    double[][] weights = MorlMetrics.evenlySpacedWeights(2, 4);
    assertEquals(0.5 * 3 + 0.5 * -2, MorlMetrics.expectedUtility(new double[][] {{3, -2}}, weights), 1e-12);
  }

  @Test
  void cardinalityCountsTheRowsGivenAsMorlBaselinesDoes() {
    assertEquals(10, MorlMetrics.cardinality(SeaMap.CONCAVE.paretoFront()));
    assertEquals(2, MorlMetrics.cardinality(new double[][] {{1, -1}, {1, -1}}));
  }

  @Test
  void maximumUtilityLossIsTheWorstGapToTheReferenceSetsBestUtility() {
    double[][] reference = SeaMap.CONCAVE.paretoFront();
    double[][] weights = {{1, 0}, {0, 1}};
    // w = (1, 0): 124 - 1; w = (0, 1): -1 - (-1)
    assertEquals(123.0, MorlMetrics.maximumUtilityLoss(new double[][] {{1, -1}}, reference, weights), 1e-12);
    assertEquals(0.0, MorlMetrics.maximumUtilityLoss(reference, reference, weights), 1e-12);
  }

  @Test
  void paretoFrontKeepsTheNonDominatedMaximisationPointsOnceEach() {
    double[][] points = {{124, -19}, {1, -1}, {50, -20}, {1, -1}, {1, -2}, {124, -19}};
    assertSameSet(new double[][] {{1, -1}, {124, -19}}, MorlMetrics.paretoFront(points));
    assertArrayEquals(new double[] {1, -1}, MorlMetrics.paretoFront(points)[0]);
  }

  @Test
  void evenlySpacedWeightsForTwoObjectivesAreTheElevenTenths() {
    double[][] w = MorlMetrics.evenlySpacedWeights(2, 10);
    assertEquals(11, w.length);
    for (int i = 0; i <= 10; i++) assertArrayEquals(new double[] {i / 10.0, 1 - i / 10.0}, w[i], 1e-12);
  }

  @Test
  void weightsOfTheWrongLengthAreRejectedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MorlMetrics.expectedUtility(new double[][] {{1, 2}}, new double[][] {{1, 0, 0}}));
    assertTrue(e.getMessage().contains("weights have 3 components, points 2"), e.getMessage());
  }
}
