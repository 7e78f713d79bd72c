package io.frontier.rl.morl.tuning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.rl.morl.DeepSeaTreasure;
import io.frontier.rl.morl.DeepSeaTreasure.SeaMap;
import io.frontier.rl.morl.LinearScalarisationSolver;
import io.frontier.rl.morl.MoSolution;
import io.frontier.rl.morl.MorlMetrics;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ParetoQLearningTest {

  static final double[] DST_REF = {0, -25};

  /** Uniformly random exploration throughout, no discount, a budget that covers the grid. */
  static final PqlConfig EXPLORE_EVERYWHERE = new PqlConfig(1.0, 1.0, 1.0, 1, 60_000, 200);

  static ParetoQLearning.Result learn(PqlConfig config, long seed) {
    return ParetoQLearning.learn(SeaMap.DEFAULT, config, DST_REF, seed);
  }

  static void assertSameRows(double[][] expected, double[][] actual) {
    double[][] e = Arrays.stream(expected).sorted(Arrays::compare).toArray(double[][]::new);
    double[][] a = Arrays.stream(actual).sorted(Arrays::compare).toArray(double[][]::new);
    assertEquals(e.length, a.length, () -> "expected " + Arrays.deepToString(e) + " got " + Arrays.deepToString(a));
    for (int i = 0; i < e.length; i++) assertArrayEquals(e[i], a[i], 1e-9, "row " + i + " of " + Arrays.deepToString(a));
  }

  @Test
  void withGoodHyperparametersItLearnsTheWholeConvexFrontOfHypervolume401Point8() {
    assertEquals(401.8, MorlMetrics.hypervolume(SeaMap.DEFAULT.paretoFront(), DST_REF), 1e-9);
    for (long seed = 0; seed < 3; seed++) {
      ParetoQLearning.Result r = learn(EXPLORE_EVERYWHERE, seed);
      assertSameRows(SeaMap.DEFAULT.paretoFront(), r.front());
      assertEquals(401.8, r.hypervolume(DST_REF), 1e-9, "seed " + seed);
    }
  }

  /**
   * Greedy on hypervolume from sets that all start at {0}: every action scores 0 until a treasure is
   * seen, and the first one seen is the 0.7 one step down; from then on going down scores 0.7 * 24
   * and nothing else scores above 0, so nothing deeper is ever tried.
   */
  @Test
  void withoutExplorationItFindsOnlyTheNearestTreasure() {
    PqlConfig greedy = EXPLORE_EVERYWHERE.withEpsilon(0, 0, 1).withTotalTimesteps(5_000);
    for (long seed = 0; seed < 3; seed++) {
      ParetoQLearning.Result r = learn(greedy, seed);
      assertSameRows(new double[][] {{0.7, -1}}, r.front());
      assertEquals(16.8, r.hypervolume(DST_REF), 1e-9);
    }
  }

  /**
   * With morl-baselines' gamma 0.8 the discounted value of a treasure t reached in n steps,
   * t 0.8^(n-1), peaks at 8.2 (5.25; 11.5 is worth 4.71), so the discounted front keeps two points
   * and PQL's undiscounted returns follow: 0.7 * 2 + 8.2 * 22 = 181.8.
   */
  @Test
  void morlBaselinesDefaultGammaDiscountsAwayAllButTheTwoNearestTreasures() {
    ParetoQLearning.Result r = learn(PqlConfig.defaults(20_000), 0);
    assertSameRows(new double[][] {{0.7, -1}, {8.2, -3}}, r.front());
    assertEquals(181.8, r.hypervolume(DST_REF), 1e-9);
  }

  /** (20.3, -14) lies on the hull edge from (19.6, -13) to (22.4, -17): 19.6 * 4 replaces 19.6 + 20.3 * 3. */
  @Test
  void linearScalarisationEvenSolvedExactlyStopsAt399Point7() {
    double[][] weights = MorlMetrics.evenlySpacedWeights(2, 200);
    double[][] found = MoSolution.returns(new LinearScalarisationSolver(new DeepSeaTreasure(SeaMap.DEFAULT), 100).solveAll(weights));
    assertEquals(399.7, MorlMetrics.hypervolume(found, DST_REF), 1e-9);
    assertTrue(learn(EXPLORE_EVERYWHERE, 0).hypervolume(DST_REF) > 399.7 + 2);
  }

  @Test
  void everyPlayedBackPolicyReplaysThroughTheStepApiToItsReturn() {
    ParetoQLearning.Result r = learn(EXPLORE_EVERYWHERE.withTotalTimesteps(10_000), 4);
    DeepSeaTreasure env = new DeepSeaTreasure(SeaMap.DEFAULT);
    for (MoSolution s : r.policies()) {
      env.reset();
      double[] total = new double[2];
      DeepSeaTreasure.Step step = null;
      for (int a : s.actions()) {
        step = env.step(a);
        total[0] += step.reward()[0];
        total[1] += step.reward()[1];
      }
      assertArrayEquals(s.vectorReturn(), total, 1e-12);
      assertTrue(step != null && step.terminated(), "policy " + s + " ends on a treasure");
    }
  }

  /** One step down from the start ends on the 0.7 treasure: R = (0.7, -1), ND = {0}. */
  @Test
  void theQSetOfAStepOntoATreasureIsItsReward() {
    ParetoQLearning pql = new ParetoQLearning(new DeepSeaTreasure(SeaMap.DEFAULT), EXPLORE_EVERYWHERE.withTotalTimesteps(2_000), DST_REF, 0);
    pql.train();
    assertSameRows(new double[][] {{0.7, -1}}, pql.qSet(0, DeepSeaTreasure.DOWN));
    assertSameRows(new double[][] {{0.7, -1}, {8.2, -3}, {11.5, -5}}, Arrays.stream(pql.localParetoSet(0)).limit(3).toArray(double[][]::new));
  }

  @Test
  void theSameSeedReproducesTheRunAndAnotherChangesIt() {
    PqlConfig c = EXPLORE_EVERYWHERE.withTotalTimesteps(3_000);
    ParetoQLearning.Result a = learn(c, 7);
    ParetoQLearning.Result b = learn(c, 7);
    assertSameRows(a.front(), b.front());
    assertEquals(a.policies(), b.policies());
    assertEquals(a.episodes(), b.episodes());
    // Seeds 7 and 8 play 264 and 359 episodes in 3 000 steps.
    assertNotEquals(a.episodes(), learn(c, 8).episodes());
  }

  @Test
  void epsilonMovesLinearlyOverTheDecayStepsThenStays() {
    PqlConfig c = new PqlConfig(1, 1.0, 0.2, 100, 1_000, 50);
    assertEquals(1.0, c.epsilon(0), 1e-15);
    assertEquals(0.6, c.epsilon(50), 1e-15);
    assertEquals(0.2, c.epsilon(100), 1e-15);
    assertEquals(0.2, c.epsilon(900), 1e-15);
    assertEquals(0.5, new PqlConfig(1, 0.0, 1.0, 10, 1_000, 50).epsilon(5), 1e-15);
  }

  @Test
  void badHyperparametersAreRejectedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PqlConfig(1.5, 1, 0.1, 10, 100, 10));
    assertTrue(e.getMessage().contains("gamma must be in (0, 1], got 1.5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new PqlConfig(1, 1, -0.1, 10, 100, 10));
    assertTrue(e.getMessage().contains("finalEpsilon must be in [0, 1], got -0.1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new ParetoQLearning(new DeepSeaTreasure(SeaMap.DEFAULT), EXPLORE_EVERYWHERE, new double[] {0}, 0));
    assertTrue(e.getMessage().contains("reference point needs 2 entries, got 1"), e.getMessage());
  }
}
