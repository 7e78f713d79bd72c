package io.frontier.rl.online;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.nn.GPT;
import io.frontier.nn.GPTConfig;
import io.frontier.nn.Module;
import io.frontier.nn.Sampling;
import io.frontier.optim.Adam;
import io.frontier.rl.policy.FixedKlController;
import io.frontier.rl.policy.KlEstimator;
import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * ReMax and PPO end to end on a tiny GPT: the prompt is a BOS token, the response 4 tokens, the
 * reward the number of times the response says {@link #GOOD} (a gold reward the policy starts
 * knowing nothing about: a random GPT says it about once in 4 tokens of 5). Step counts are the
 * budget (about a second each on one core).
 */
class OnlineRlhfTest {
  private static final int VOCAB = 6;
  private static final int BOS = 5;
  private static final int GOOD = 2;
  private static final int LENGTH = 4;
  private static final RewardFunction COUNT_GOOD = (prompts, responses, mask) -> responses.eq(GOOD).to(mask.dtype()).mul(mask).sum(1);

  private static GPT gpt(boolean valueHead) {
    return new GPT(new GPTConfig(VOCAB, LENGTH + 1, 16, 2, 1, 0.0, true, valueHead), new Generator(17));
  }

  private static Tensor prompts(int b) {
    return Tensor.full(new int[] {b, 1}, BOS, DType.INT64);
  }

  @Test
  void theMaskRunsThroughTheFirstEndToken() {
    Tensor responses = Tensor.fromArray(new long[] {1, 3, 0, 3, 2, 2, 2, 2, 0, 1, 3, 1}, 3, 4);
    Tensor mask = Rollout.maskThroughEos(responses, 3);
    assertArrayEquals(new boolean[] {true, true, false, false, true, true, true, true, true, true, true, false}, mask.toBooleanArray());
    assertTrue(Rollout.maskThroughEos(responses, Rollout.NO_EOS).all().item() != 0);
  }

  @Test
  void rescoringASampleGivesTheLogProbabilitiesItWasSampledWith() {
    GPT policy = gpt(true);
    Generator g = new Generator(5);
    GPT.Generation gen = policy.generate(prompts(8), LENGTH, Sampling.sample(1.0), g);
    Rollout r = new Rollout(prompts(8), gen.tokens().narrow(1, 1, LENGTH), Tensor.ones(DType.FLOAT32, 8, LENGTH));
    PolicyScores s = Module.noGrad(() -> PolicyScores.of(policy, r, 1.0));
    assertArrayEquals(gen.logProbs().toFloatArray(), s.logProbs().toFloatArray(), 1e-5f);
    assertArrayEquals(new int[] {8, LENGTH}, s.values().shape());
  }

  @Test
  void reMaxRaisesTheGoldReward() {
    GPT policy = gpt(false);
    ReMax remax = new ReMax(policy, null, new Adam(policy.parameters(), Adam.Options.defaults().lr(1e-2)), COUNT_GOOD,
        ReMax.Config.defaults(LENGTH));
    Generator g = new Generator(3);
    ReMax.Stats first = null;
    ReMax.Stats last = null;
    for (int step = 0; step < 40; step++) {
      last = remax.step(prompts(32), g);
      if (first == null) first = last;
    }
    System.out.printf("OnlineRlhfTest ReMax: score %.2f -> %.2f, greedy %.2f -> %.2f%n", first.score(), last.score(), first.greedyScore(),
        last.greedyScore());
    assertTrue(first.score() < 1.5, "a random GPT says GOOD about once: " + first);
    assertTrue(last.score() > 3.0 && last.greedyScore() == 4.0, "after 40 ReMax steps: " + last);
  }

  @Test
  void ppoRaisesTheGoldRewardAgainstItsKlPenalty() {
    GPT policy = gpt(true);
    GPT reference = gpt(true);
    Ppo ppo = new Ppo(policy, reference, new Adam(policy.parameters(), Adam.Options.defaults().lr(1e-2)), COUNT_GOOD,
        new FixedKlController(0.05), Ppo.Config.defaults(LENGTH).withTemperature(1.0));
    Generator g = new Generator(3);
    Ppo.Stats first = null;
    Ppo.Stats last = null;
    for (int step = 0; step < 25; step++) {
      last = ppo.step(prompts(32), g);
      if (first == null) first = last;
    }
    System.out.printf("OnlineRlhfTest PPO: score %.2f -> %.2f, KL %.3f -> %.3f, clipfrac %.3f, value loss %.4f%n", first.score(), last.score(),
        first.kl(), last.kl(), last.clipFraction(), last.valueLoss());
    assertEquals(0.0, first.kl(), 1e-5, "the first rollout comes from the reference's weights");
    assertTrue(first.score() < 1.5, "a random GPT says GOOD about once: " + first);
    assertTrue(last.score() > 3.0, "after 25 PPO steps: " + last);
    assertTrue(last.kl() > 0.5, "the policy has moved away from the reference: " + last);
    assertEquals(last.score() - 0.05 * last.kl(), last.rlhfReward(), 1e-4, "rlhf reward = score - beta KL");
  }

  /** A larger KL coefficient keeps the policy nearer the reference (and its reward lower or equal). */
  @Test
  void ppoKlToTheReferenceFallsAsTheCoefficientRises() {
    double[] betas = {0.05, 0.5, 2.0};
    double[] kl = new double[betas.length];
    for (int i = 0; i < betas.length; i++) {
      GPT policy = gpt(true);
      Ppo ppo = new Ppo(policy, gpt(true), new Adam(policy.parameters(), Adam.Options.defaults().lr(1e-2)), COUNT_GOOD,
          new FixedKlController(betas[i]), Ppo.Config.defaults(LENGTH).withTemperature(1.0));
      Generator g = new Generator(8);
      double sum = 0;
      for (int step = 0; step < 25; step++) {
        Ppo.Stats s = ppo.step(prompts(32), g);
        if (step >= 20) sum += s.kl() / 5;
      }
      kl[i] = sum;
    }
    System.out.printf("OnlineRlhfTest PPO: KL over the last 5 of 25 steps at beta %s: %s%n", java.util.Arrays.toString(betas),
        java.util.Arrays.toString(kl));
    assertTrue(kl[0] > kl[1] && kl[1] > kl[2], "KL " + java.util.Arrays.toString(kl) + " for beta " + java.util.Arrays.toString(betas));
  }

  @Test
  void configurationErrorsAreNamed() {
    GPT noValue = gpt(false);
    Adam adam = new Adam(noValue.parameters(), Adam.Options.defaults());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Ppo(noValue, noValue, adam, COUNT_GOOD, new FixedKlController(0.1), Ppo.Config.defaults(4)));
    assertTrue(e.getMessage().contains("the policy needs a value head"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new ReMax(noValue, null, adam, COUNT_GOOD, ReMax.Config.defaults(4).withKl(0.1, KlEstimator.K1)));
    assertTrue(e.getMessage().contains("needs a reference model"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Rollout.sample(noValue, prompts(2), 5, Sampling.GREEDY, new Generator(1), -1));
    assertTrue(e.getMessage().contains("prompt 1 + response 5 tokens exceed the context of 5"), e.getMessage());
  }
}
