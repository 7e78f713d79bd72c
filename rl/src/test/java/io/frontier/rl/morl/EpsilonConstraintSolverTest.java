package io.frontier.rl.morl;

import static io.frontier.rl.morl.MorlTestSupport.assertSameSet;
import static io.frontier.rl.morl.MorlTestSupport.distinct;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.rl.morl.DeepSeaTreasure.SeaMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class EpsilonConstraintSolverTest {

  static final double[] DST_REF = {0, -25};

  static EpsilonConstraintSolver solver(SeaMap map) {
    return new EpsilonConstraintSolver(new DeepSeaTreasure(map), 0, 1);
  }

  /** The richest treasure within b steps, for b = 1 .. 19, read off the concave front by hand. */
  @Test
  void onTheConcaveMapEachBudgetGetsTheRichestTreasureItCanAfford() {
    double[][] expected = {
      {1, -1}, {1, -1}, {2, -3}, {2, -3}, {3, -5}, {3, -5}, {5, -7}, {8, -8}, {16, -9}, {16, -9},
      {16, -9}, {16, -9}, {24, -13}, {50, -14}, {50, -14}, {50, -14}, {74, -17}, {74, -17}, {124, -19},
    };
    List<MoSolution> found = solver(SeaMap.CONCAVE).solveAll(1, 19);
    assertEquals(19, found.size());
    for (int b = 1; b <= 19; b++) assertArrayEquals(expected[b - 1], found.get(b - 1).vectorReturn(), "budget " + b);
  }

  @Test
  void onTheConcaveMapBudgetsOneToNineteenRecoverTheWholeFrontAndItsHypervolume() {
    double[][] front = distinct(MoSolution.returns(solver(SeaMap.CONCAVE).solveAll(1, 19)));
    assertSameSet(SeaMap.CONCAVE.paretoFront(), front);
    assertEquals(10, MorlMetrics.cardinality(front));
    assertEquals(1155.0, MorlMetrics.hypervolume(front, DST_REF), 1e-9);
  }

  @Test
  void onTheConvexMapBudgetsOneToNineteenRecoverTheWholeFrontAndItsHypervolume() {
    double[][] front = distinct(MoSolution.returns(solver(SeaMap.DEFAULT).solveAll(1, 19)));
    assertSameSet(SeaMap.DEFAULT.paretoFront(), front);
    assertEquals(401.8, MorlMetrics.hypervolume(front, DST_REF), 1e-9);
  }

  /**
   * The concave front's inner points sit below the hull of its ends, so linear utilities cannot
   * see them: expected utility and maximum utility loss score the two ends as the whole front, and
   * only hypervolume tells them apart.
   */
  @Test
  void linearUtilityMetricsCannotTellTheConcaveFrontFromItsTwoEnds() {
    double[][] full = distinct(MoSolution.returns(solver(SeaMap.CONCAVE).solveAll(1, 19)));
    double[][] ends = {{1, -1}, {124, -19}};
    double[][] weights = MorlMetrics.evenlySpacedWeights(2, 100);
    assertEquals(MorlMetrics.expectedUtility(full, weights), MorlMetrics.expectedUtility(ends, weights), 1e-9);
    assertEquals(0.0, MorlMetrics.maximumUtilityLoss(ends, full, weights), 1e-9);
    assertEquals(1155.0 - 762.0, MorlMetrics.hypervolume(full, DST_REF) - MorlMetrics.hypervolume(ends, DST_REF), 1e-9);
  }

  @Test
  void aTieInTreasureGoesToTheShorterEpisode() {
    // Budget 2 affords treasure 1 in 1 step or, after a wasted move, in 2; only the first is Pareto-optimal.
    MoSolution s = solver(SeaMap.CONCAVE).solve(2).orElseThrow();
    assertArrayEquals(new double[] {1, -1}, s.vectorReturn());
    assertArrayEquals(new int[] {DeepSeaTreasure.DOWN}, s.actions());
  }

  @Test
  void aBudgetTooSmallToEndTheEpisodeIsInfeasible() {
    assertTrue(solver(SeaMap.CONCAVE).solve(0).isEmpty());
  }

  @Test
  void aBudgetBeyondTheLongestFrontPathStillTakesTheRichestTreasure() {
    assertArrayEquals(new double[] {124, -19}, solver(SeaMap.CONCAVE).solve(40).orElseThrow().vectorReturn());
  }

  @Test
  void everySolutionReplaysThroughTheStepApiToItsReturn() {
    for (SeaMap map : SeaMap.values()) {
      DeepSeaTreasure env = new DeepSeaTreasure(map);
      for (MoSolution s : new EpsilonConstraintSolver(env, 0, 1).solveAll(1, 19)) {
        assertArrayEquals(s.vectorReturn(), MorlTestSupport.replay(env, s.actions()), 1e-12);
      }
    }
  }

  @Test
  void aConstrainedObjectiveThatIsNotAWholeCostPerStepIsRejectedByName() {
    // Treasure is 0 on most steps, so it cannot be the step-counting constraint.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new EpsilonConstraintSolver(new DeepSeaTreasure(SeaMap.DEFAULT), 1, 0));
    assertTrue(e.getMessage().contains("must be a negative whole number"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new EpsilonConstraintSolver(new DeepSeaTreasure(SeaMap.DEFAULT), 0, 0));
  }
}
