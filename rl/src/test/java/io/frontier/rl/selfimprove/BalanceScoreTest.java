package io.frontier.rl.selfimprove;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.rl.selfimprove.BalanceScore.Choice;
import io.frontier.rl.selfimprove.BalanceScore.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The balance score on hand-counted selections, against the authors' code, and the configuration search it drives. */
class BalanceScoreTest {
  private static final Set<String> CORRECT = Set.of("a", "b", "c", "d", "e", "f");

  private static boolean correct(String response) {
    return CORRECT.contains(response);
  }

  @Test
  void perQueryScoreIsTheCappedCountTimesTheCorrectRatio() {
    // 3 distinct correct of 4 selected, n* = 4: (3/4) (3/4)
    assertEquals(0.5625, BalanceScore.perQuery(List.of("a", "b", "c", "x"), BalanceScoreTest::correct, 4), 0.0);
    // 6 distinct correct of 8 selected: the count term is capped at 1, leaving the ratio 6/8
    assertEquals(0.75, BalanceScore.perQuery(List.of("a", "b", "c", "d", "e", "f", "x", "y"), BalanceScoreTest::correct, 4), 0.0);
    assertEquals(1.0, BalanceScore.perQuery(List.of("a", "b", "c", "d", "e"), BalanceScoreTest::correct, 4), 0.0);
    assertEquals(0.0, BalanceScore.perQuery(List.of("x", "y"), BalanceScoreTest::correct, 4), 0.0, "nothing correct");
    assertEquals(0.5625, BalanceScore.perQuery(3, 4, 4), 0.0);
  }

  @Test
  void duplicateCorrectResponsesCountOnceAsCorrectAndEveryTimeAsSelected() {
    // n' = |{a, b}| = 2, n = 4: (2/4) (2/4)
    assertEquals(0.25, BalanceScore.perQuery(List.of("a", "a", "b", "x"), BalanceScoreTest::correct, 4), 0.0);
    // the same solution four times is one correct response diluted four-fold: (1/4) (1/4)
    assertEquals(0.0625, BalanceScore.perQuery(List.of("a", "a", "a", "a"), BalanceScoreTest::correct, 4), 0.0);
    // duplicate wrong responses dilute the ratio too: (1/4) (1/3)
    assertEquals(1.0 / 12, BalanceScore.perQuery(List.of("a", "x", "x"), BalanceScoreTest::correct, 4), 1e-17);
  }

  @Test
  void aQueryWithNothingSelectedScoresZeroAndCountsInTheMean() {
    assertEquals(0.0, BalanceScore.perQuery(List.<String>of(), BalanceScoreTest::correct, 4), 0.0);
    assertEquals(0.0, BalanceScore.perQuery(0, 0, 4), 0.0);
    List<List<String>> queries = List.of(List.of("a", "b", "c", "x"), List.of("a", "a", "b", "x"), List.of(), List.of("a", "b", "c", "d"));
    assertEquals((0.5625 + 0.25 + 0 + 1) / 4, BalanceScore.mean(queries, BalanceScoreTest::correct, 4), 0.0);
  }

  /**
   * Section 3.1's example with the paper's own n* = ceil(67,500 / 11,500) = 6 (MATH: N samples
   * per iteration over M queries): two correct responses selected keep a perfect ratio but score
   * 2/6; all 64 candidates with 16 correct have the count but score the ratio 16/64.
   */
  @Test
  void thePapersExampleAndTargetCount() {
    int nStar = BalanceScore.targetCount(67_500, 11_500);
    assertEquals(6, nStar);
    assertEquals(6, BalanceScore.targetCount(13_500, 2_627), "APPS: ceil(5.14)");
    assertEquals(2, BalanceScore.targetCount(10, 5), "an exact quotient is not rounded up");
    assertEquals(1.0 / 3, BalanceScore.perQuery(2, 2, nStar), 1e-16);
    assertEquals(0.25, BalanceScore.perQuery(16, 64, nStar), 0.0);
  }

  /**
   * hkust-nlp/B-STaR {@code train_code/determine_hyper.py, cal_modi_acc_soft}: per query
   * {@code ratio = num / len}, and the score is {@code ratio} when {@code num >= 8}, otherwise
   * {@code num * ratio / 8}, over deduplicated selections. The same as Eq. 3 with n* = 8.
   */
  @Test
  void matchesTheAuthorsCodeWithTheirTargetOfEight() {
    Random rnd = new Random(7);
    for (int trial = 0; trial < 500; trial++) {
      int len = 1 + rnd.nextInt(40);
      int num = rnd.nextInt(len + 1);
      double ratio = (double) num / len;
      double reference = num >= 8 ? ratio : (num * ratio) / 8;
      assertEquals(reference, BalanceScore.perQuery(num, len, 8), 1e-15, num + " of " + len);
    }
  }

  @Test
  void selectionKeepsRewardsStrictlyAboveTheThreshold() {
    List<Double> rewards = List.of(0.5, -0.1, 0.0, 1.2, 0.0001);
    assertEquals(List.of(0.5, 1.2, 0.0001), BalanceScore.aboveThreshold(rewards, r -> r, 0.0));
    assertEquals(rewards, BalanceScore.aboveThreshold(rewards, r -> r, Double.NEGATIVE_INFINITY));
  }

  @Test
  void searchReturnsTheHighestScoringConfigurationAndTheFirstOnTies() {
    List<Config> grid = BalanceScore.grid(new double[] {0.5, 1.0}, new double[] {-0.1, 0.0, 0.2});
    assertEquals(List.of(new Config(0.5, -0.1), new Config(0.5, 0.0), new Config(0.5, 0.2), new Config(1.0, -0.1), new Config(1.0, 0.0),
        new Config(1.0, 0.2)), grid);
    // a hand-made score surface with its peak at (1.0, 0.0) and a tie there with (0.5, 0.2)
    Choice<Config> choice = BalanceScore.select(grid, c -> c.temperature() == 1.0 && c.rewardThreshold() == 0.0 ? 0.7
        : c.temperature() == 0.5 && c.rewardThreshold() == 0.2 ? 0.7 : 0.1 * c.temperature());
    assertEquals(new Config(0.5, 0.2), choice.best(), "ties go to the first candidate, as the authors' list.index(max)");
    assertEquals(2, choice.bestIndex());
    assertEquals(0.7, choice.bestScore());
    assertArrayEquals(new double[] {0.05, 0.05, 0.7, 0.1, 0.7, 0.1}, choice.scores(), 0.0);
  }

  /**
   * The search on a synthetic self-training step: each of 200 queries has 6 distinct correct
   * solutions and 14 wrong ones; a noisy reward model scores correct + N(0, 1) (fixed per
   * response); K = 16 samples at temperature t from a policy's logits, kept when the reward exceeds
   * tau; n* = 4. The early policy puts logit 1 on the correct solutions and 0 on the wrong ones
   * (plus N(0, 0.3^2)); the late one has collapsed onto one solution (logit 3). As the paper
   * reports for its checkpoints (Section 3.2), the best temperature rises as training proceeds:
   * sampling colder cleans the early policy's selection where the reward model cannot, sampling
   * hotter restores the late one's diversity. Measured on 3 worlds: early 0.7, late 1.3-1.5 (of
   * 0.3..1.5). With a sharper reward model (noise 0.5) the early optimum is hot too: the claim
   * needs a reward that cannot clean the selection alone.
   */
  @Test
  void theBestTemperatureRisesWhenThePolicyCollapses() {
    List<Config> grid = BalanceScore.grid(new double[] {0.3, 0.5, 0.7, 0.9, 1.1, 1.3, 1.5}, new double[] {-0.5, -0.25, 0.0, 0.25, 0.5, 0.75, 1.0});
    for (long world = 1; world <= 3; world++) {
      long w = world;
      Choice<Config> early = BalanceScore.select(grid, c -> simulatedBalanceScore(c, false, w));
      Choice<Config> late = BalanceScore.select(grid, c -> simulatedBalanceScore(c, true, w));
      String report = "world " + world + ": early " + early.best() + " " + early.bestScore() + ", late " + late.best() + " " + late.bestScore();
      System.out.println("BalanceScoreTest search, " + report);
      assertTrue(early.best().temperature() < 1.0 && late.best().temperature() > 1.0, report);
    }
  }

  private static double simulatedBalanceScore(Config config, boolean collapsed, long world) {
    int queries = 200;
    int solutions = 20;
    int correctSolutions = 6;
    int k = 16;
    // the same world and the same sampler draws for every configuration: a paired comparison
    Random worldRandom = new Random(world);
    Random sampler = new Random(world + 100);
    List<List<Integer>> selected = new ArrayList<>();
    for (int q = 0; q < queries; q++) {
      double[] logits = new double[solutions];
      double[] reward = new double[solutions];
      for (int y = 0; y < solutions; y++) {
        boolean isCorrect = y < correctSolutions;
        logits[y] = collapsed ? (y == 0 ? 3.0 : isCorrect ? 1.0 : 0.0) : (isCorrect ? 1.0 : 0.0) + 0.3 * worldRandom.nextGaussian();
        reward[y] = (isCorrect ? 1 : 0) + worldRandom.nextGaussian();
      }
      double[] p = new double[solutions];
      double max = Double.NEGATIVE_INFINITY;
      for (double l : logits) max = Math.max(max, l / config.temperature());
      double z = 0;
      for (int y = 0; y < solutions; y++) z += p[y] = Math.exp(logits[y] / config.temperature() - max);
      List<Integer> samples = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        double u = sampler.nextDouble() * z;
        int y = 0;
        while (y < solutions - 1 && (u -= p[y]) > 0) y++;
        samples.add(y);
      }
      selected.add(BalanceScore.aboveThreshold(samples, y -> reward[y], config.rewardThreshold()));
    }
    return BalanceScore.mean(selected, y -> y < correctSolutions, 4);
  }

  @Test
  void badArgumentsAreNamed() {
    assertMessage("BalanceScore.perQuery: targetCount n* must be positive, got 0", () -> BalanceScore.perQuery(1, 2, 0));
    assertMessage("BalanceScore.perQuery: uniqueCorrect must be in [0, selected = 2], got 3", () -> BalanceScore.perQuery(3, 2, 4));
    assertMessage("BalanceScore.perQuery: selected must be >= 0, got -1", () -> BalanceScore.perQuery(0, -1, 4));
    assertMessage("BalanceScore.mean: no queries", () -> BalanceScore.mean(List.<List<String>>of(), BalanceScoreTest::correct, 4));
    assertMessage("BalanceScore.Config: temperature must be positive and finite, got 0.0", () -> new Config(0, 0));
    assertMessage("BalanceScore.Config: rewardThreshold is NaN", () -> new Config(1, Double.NaN));
    assertMessage("BalanceScore.targetCount: N and M must be positive, got N = 10, M = 0", () -> BalanceScore.targetCount(10, 0));
    assertMessage("BalanceScore.select: candidate 1 (Config[temperature=1.0, rewardThreshold=0.0]) scored NaN",
        () -> BalanceScore.select(List.of(new Config(0.5, 0), new Config(1, 0)), c -> c.temperature() == 1 ? Double.NaN : 0.5));
    assertMessage("BalanceScore.select: no candidates", () -> BalanceScore.select(List.<Config>of(), c -> 0));
    assertMessage("BalanceScore.grid: need at least one temperature and one threshold", () -> BalanceScore.grid(new double[0], new double[] {0}));
  }

  private static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    assertTrue(ex.getMessage().contains(part), () -> "message '" + ex.getMessage() + "' lacks '" + part + "'");
  }
}
