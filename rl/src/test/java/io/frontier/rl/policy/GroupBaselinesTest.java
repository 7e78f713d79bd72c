package io.frontier.rl.policy;

import static io.frontier.rl.policy.TestSupport.throwsNaming;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GroupBaselinesTest {
  // Two prompts, four responses each.
  final Tensor rewards = Tensor.of(new double[][] {{1, 2, 3, 6}, {0, 0, 1, 1}});

  @Test
  void rlooSubtractsTheMeanOfTheOtherResponses() {
    // row 0: 1 - (2+3+6)/3 = -8/3, 2 - 10/3 = -4/3, 3 - 9/3 = 0, 6 - 6/3 = 4
    // row 1: 0 - 2/3, 0 - 2/3, 1 - 1/3, 1 - 1/3
    double[] expected = {-8.0 / 3, -4.0 / 3, 0, 4, -2.0 / 3, -2.0 / 3, 2.0 / 3, 2.0 / 3};
    assertArrayEquals(expected, GroupBaselines.rloo(rewards).toDoubleArray(), 1e-15);
    assertArrayEquals(expected, GroupBaselines.rloo(rewards.reshape(8), 4).toDoubleArray(), 1e-15);
  }

  @Test
  void rlooAdvantagesSumToZeroInEveryGroup() {
    Random rng = new Random(4);
    double[][] r = TestSupport.gaussian(rng, 5, 3, 10.0);
    for (double s : GroupBaselines.rloo(Tensor.of(r)).sum(1).toDoubleArray()) assertEquals(0.0, s, 1e-12);
  }

  @Test
  void grpoDividesTheCenteredRewardByTheBesselCorrectedGroupStdPlusEps() {
    // row 0: mean 3, Σ(r - 3)² = 4 + 1 + 0 + 9 = 14, std √(14/3); row 1: mean 0.5, std √(1/3)
    double s0 = Math.sqrt(14.0 / 3) + 1e-4;
    double s1 = Math.sqrt(1.0 / 3) + 1e-4;
    double[] expected = {-2 / s0, -1 / s0, 0, 3 / s0, -0.5 / s1, -0.5 / s1, 0.5 / s1, 0.5 / s1};
    assertArrayEquals(expected, GroupBaselines.grpo(rewards, true).toDoubleArray(), 1e-14);
    assertArrayEquals(expected, GroupBaselines.grpo(rewards.reshape(8), 4, true).toDoubleArray(), 1e-14);
  }

  @Test
  void drGrpoOnlyCentersOnTheGroupMean() {
    assertArrayEquals(new double[] {-2, -1, 0, 3, -0.5, -0.5, 0.5, 0.5}, GroupBaselines.grpo(rewards, false).toDoubleArray(), 1e-15);
  }

  @Test
  void aGroupWhoseRewardsTieGetsZeroAdvantageNotNaN() {
    // the mean of three 0.7s rounds, leaving ~1e-16 that ε = 1e-4 turns into ~1e-12, as in PyTorch
    assertArrayEquals(new double[] {0, 0, 0}, GroupBaselines.grpo(Tensor.of(new double[][] {{0.7, 0.7, 0.7}}), true).toDoubleArray(), 1e-10);
  }

  @Test
  void remaxSubtractsTheGreedyResponsesReward() {
    assertArrayEquals(new double[] {0.3, -0.2}, GroupBaselines.remax(Tensor.of(1.0, 0.5), Tensor.of(0.7, 0.7)).toDoubleArray(), 1e-15);
  }

  @Test
  void groupsOfOneAndBadLayoutsAreRefused() {
    Tensor single = Tensor.of(new double[][] {{1}, {2}});
    throwsNaming(() -> GroupBaselines.grpo(single, true), "GroupBaselines.grpo", "at least 2", "K = 1");
    throwsNaming(() -> GroupBaselines.rloo(single), "GroupBaselines.rloo", "K = 1");
    throwsNaming(() -> GroupBaselines.grpo(rewards, true, 0.0), "eps", "0.0");
    throwsNaming(() -> GroupBaselines.rloo(rewards.reshape(8), 3), "8 rewards", "groups of 3");
    throwsNaming(() -> GroupBaselines.rloo(rewards.reshape(8), 1), "groupSize", "1");
    throwsNaming(() -> GroupBaselines.rloo(rewards.reshape(8)), "rewards", "(P, K)");
    throwsNaming(() -> GroupBaselines.remax(Tensor.of(1.0, 2.0), Tensor.of(1.0)), "greedyRewards", "[1]", "[2]");
    throwsNaming(() -> GroupBaselines.rloo(rewards.to(DType.INT64)), "rewards", "floating", "int64");
  }
}
