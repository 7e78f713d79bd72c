package io.frontier.rl.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.nn.GPT;
import io.frontier.nn.GPTConfig;
import io.frontier.optim.Adam;
import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** GRPO, Dr.GRPO and RLOO on the tiny-GPT task of {@link OnlineRlhfTest}: say token 2 as often as possible in 4 tokens. */
class GroupRelativeTest {
  private static final int LENGTH = 4;
  private static final RewardFunction COUNT_GOOD = (prompts, responses, mask) -> responses.eq(2).to(mask.dtype()).mul(mask).sum(1);

  private static GPT gpt() {
    return new GPT(new GPTConfig(6, LENGTH + 1, 16, 2, 1, 0.0, true, false), new Generator(17));
  }

  private static double train(GroupRelative.Config config, int steps) {
    GPT policy = gpt();
    GroupRelative trainer = new GroupRelative(policy, config.beta() > 0 ? gpt() : null,
        new Adam(policy.parameters(), Adam.Options.defaults().lr(5e-3)), COUNT_GOOD, config);
    Generator g = new Generator(6);
    Tensor prompts = Tensor.full(new int[] {4, 1}, 5, DType.INT64);
    GroupRelative.Stats first = trainer.step(prompts, g);
    GroupRelative.Stats last = first;
    for (int s = 1; s < steps; s++) last = trainer.step(prompts, g);
    System.out.printf("GroupRelativeTest %s: score %.2f -> %.2f, KL %.3f%n", config.advantage(), first.score(), last.score(), last.kl());
    assertTrue(first.score() < 1.5, "a random GPT says the token about once: " + first);
    return last.score();
  }

  @Test
  void grpoRaisesTheReward() {
    assertTrue(train(GroupRelative.Config.grpo(LENGTH).withGroupSize(4), 60) > 3.0);
  }

  @Test
  void drGrpoRaisesTheReward() {
    assertTrue(train(GroupRelative.Config.drGrpo(LENGTH).withGroupSize(4), 60) > 3.0);
  }

  @Test
  void rlooWithItsKlInTheRewardRaisesTheReward() {
    assertTrue(train(GroupRelative.Config.rloo(LENGTH).withGroupSize(4), 60) > 3.0);
  }

  @Test
  void sequenceMeanWeightsAverageEachResponseThenTheResponses() {
    GPT policy = gpt();
    GroupRelative grpo = new GroupRelative(policy, null, new Adam(policy.parameters(), Adam.Options.defaults()), COUNT_GOOD,
        GroupRelative.Config.grpo(LENGTH));
    Tensor mask = Tensor.fromArray(new double[] {1, 1, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1}, 3, 4);
    Tensor x = Tensor.fromArray(new double[] {1, 2, 3, 99, 5, 99, 99, 99, 1, 1, 1, 5}, 3, 4);
    Tensor w = grpo.tokenWeights(mask);
    double weighted = x.mul(w).sum().item() / w.sum().item();
    assertEquals((2.0 + 5.0 + 2.0) / 3, weighted, 1e-15);
  }

  @Test
  void configurationErrorsAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GroupRelative.Config.grpo(4).withGroupSize(1));
    assertTrue(e.getMessage().contains("groupSize must be >= 2, got 1"), e.getMessage());
    GPT policy = gpt();
    e = assertThrows(IllegalArgumentException.class, () -> new GroupRelative(policy, null, new Adam(policy.parameters(), Adam.Options.defaults()),
        COUNT_GOOD, GroupRelative.Config.rloo(4)));
    assertTrue(e.getMessage().contains("beta 0.05 needs a reference model"), e.getMessage());
  }
}
