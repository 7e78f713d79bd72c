package io.frontier.rl.morl;

import static io.frontier.rl.morl.MorlTestSupport.assertSameSet;
import static io.frontier.rl.morl.MorlTestSupport.distinct;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.rl.morl.DeepSeaTreasure.SeaMap;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinearScalarisationSolverTest {

  static final int HORIZON = 100;
  static final double[] DST_REF = {0, -25};
  static final double[][] ELEVEN_WEIGHTS = MorlMetrics.evenlySpacedWeights(2, 10);
  static final double[][] DENSE_WEIGHTS = MorlMetrics.evenlySpacedWeights(2, 200);

  static double[][] returns(SeaMap map, double[][] weights) {
    return MoSolution.returns(new LinearScalarisationSolver(new DeepSeaTreasure(map), HORIZON).solveAll(weights));
  }

  /**
   * The concave front's hull is the segment from (1, -1) to (124, -19): w0 t - w1 n ties at
   * w0 / w1 = 18 / 123, i.e. w0 = 18 / 141 = 0.128, so the tenths 0 and 0.1 pick the nearest
   * treasure and 0.2 .. 1 the deepest.
   */
  @Test
  void onTheConcaveMapElevenWeightsFindOnlyTheFrontsTwoEnds() {
    double[][] found = returns(SeaMap.CONCAVE, ELEVEN_WEIGHTS);
    for (int i = 0; i <= 10; i++) {
      double[] expected = i <= 1 ? new double[] {1, -1} : new double[] {124, -19};
      assertArrayEquals(expected, found[i], "weight " + Arrays.toString(ELEVEN_WEIGHTS[i]));
    }
    double[][] front = distinct(found);
    assertSameSet(new double[][] {{1, -1}, {124, -19}}, front);
    assertEquals(762.0, MorlMetrics.hypervolume(front, DST_REF), 1e-9);
    assertTrue(MorlMetrics.hypervolume(front, DST_REF) < MorlMetrics.hypervolume(SeaMap.CONCAVE.paretoFront(), DST_REF));
  }

  @Test
  void onTheConcaveMapTwoHundredAndOneWeightsStillFindOnlyTheTwoEnds() {
    assertSameSet(new double[][] {{1, -1}, {124, -19}}, distinct(returns(SeaMap.CONCAVE, DENSE_WEIGHTS)));
  }

  /**
   * Hull breakpoints on the convex front, w0 = dn / (dt + dn) between neighbours: 0.21, 0.38, 0.44,
   * 0.48, 0.5, 0.53, 0.588 (twice: (20.3, -14) lies on the edge from (19.6, -13) to (22.4, -17)),
   * 0.61. The tenths land in 6 of the 9 intervals; at exactly 0.5 (15.1, -8) and (16.1, -9) tie and
   * the tie-break takes the larger treasure.
   */
  @Test
  void onTheConvexMapElevenWeightsFindSixPoints() {
    double[][] found = distinct(returns(SeaMap.DEFAULT, ELEVEN_WEIGHTS));
    assertSameSet(new double[][] {{0.7, -1}, {8.2, -3}, {11.5, -5}, {16.1, -9}, {22.4, -17}, {23.7, -19}}, found);
  }

  @Test
  void onTheConvexMapDenseWeightsFindEveryPointExceptTheOneInsideAHullEdge() {
    double[][] found = distinct(returns(SeaMap.DEFAULT, DENSE_WEIGHTS));
    double[][] expected = Arrays.stream(SeaMap.DEFAULT.paretoFront()).filter(p -> p[0] != 20.3).toArray(double[][]::new);
    assertEquals(9, expected.length);
    assertSameSet(expected, found);
  }

  @Test
  void aZeroTimeWeightStillTakesTheShortestPathToTheBestTreasure() {
    MoSolution s = new LinearScalarisationSolver(new DeepSeaTreasure(SeaMap.CONCAVE), HORIZON).solve(new double[] {1, 0});
    assertArrayEquals(new double[] {124, -19}, s.vectorReturn());
  }

  @Test
  void theEpisodeCapLimitsWhichTreasuresCanBeReached() {
    // Within 10 steps the richest concave treasure is 16, 9 steps away.
    MoSolution s = new LinearScalarisationSolver(new DeepSeaTreasure(SeaMap.CONCAVE), 10).solve(new double[] {1, 0});
    assertArrayEquals(new double[] {16, -9}, s.vectorReturn());
  }

  @Test
  void everySolutionReplaysThroughTheStepApiToItsReturn() {
    for (SeaMap map : SeaMap.values()) {
      DeepSeaTreasure env = new DeepSeaTreasure(map);
      List<MoSolution> solutions = new LinearScalarisationSolver(env, HORIZON).solveAll(ELEVEN_WEIGHTS);
      for (MoSolution s : solutions) {
        assertArrayEquals(s.vectorReturn(), MorlTestSupport.replay(env, s.actions()), 1e-12);
        assertEquals(-s.vectorReturn()[1], s.length());
      }
    }
  }

  @Test
  void aNegativeOrMisSizedWeightIsRejectedByName() {
    LinearScalarisationSolver solver = new LinearScalarisationSolver(new DeepSeaTreasure(SeaMap.DEFAULT), HORIZON);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> solver.solve(new double[] {1.5, -0.5}));
    assertTrue(e.getMessage().contains("weight entry 1 is -0.5"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> solver.solve(new double[] {1}));
  }
}
