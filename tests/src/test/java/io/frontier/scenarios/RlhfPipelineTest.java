package io.frontier.scenarios;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.nn.GPT;
import io.frontier.nn.GPTConfig;
import io.frontier.nn.Module;
import io.frontier.nn.Sampling;
import io.frontier.optim.Adam;
import io.frontier.rl.online.Ppo;
import io.frontier.rl.online.Rollout;
import io.frontier.rl.policy.FixedKlController;
import io.frontier.rl.reward.BradleyTerryLoss;
import io.frontier.rl.reward.GptRewardModel;
import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The RLHF pipeline of Stiennon et al. 2020 and Ouyang et al. 2022 end to end, through autograd,
 * optim and rl: a reward model (a GPT with a value head) is fitted to noisy human-like preferences
 * (Bradley-Terry labels of a hidden gold reward), then PPO optimises a policy against the learned
 * reward model alone, with a KL penalty to the reference. The policy never sees the gold reward;
 * the test checks that it nevertheless improves on it, and that the reward model ranks held-out
 * pairs as the gold reward does.
 *
 * <p>The gold reward of a 4-token response counts token 2 (+1 each) and token 4 (-1 each), so the
 * reward model must learn two features and their signs from pairwise labels.
 */
class RlhfPipelineTest {
  private static final int LENGTH = 4;
  private static final int BOS = 5;

  private static double[] gold(long[] tokens) {
    double[] g = new double[tokens.length / LENGTH];
    for (int i = 0; i < tokens.length; i++) {
      if (tokens[i] == 2) g[i / LENGTH] += 1;
      if (tokens[i] == 4) g[i / LENGTH] -= 1;
    }
    return g;
  }

  private static Tensor randomResponses(Random rnd, int n) {
    long[] t = new long[n * LENGTH];
    for (int i = 0; i < t.length; i++) t[i] = rnd.nextInt(5);
    return Tensor.fromArray(t, n, LENGTH);
  }

  @Test
  void ppoAgainstALearnedRewardModelImprovesTheGoldReward() {
    Random rnd = new Random(10);
    GptRewardModel rm = new GptRewardModel(new GPT(new GPTConfig(6, LENGTH + 1, 16, 2, 1, 0.0, true, true), new Generator(8)));
    Adam rmOpt = new Adam(rm.model().parameters(), Adam.Options.defaults().lr(3e-3));
    BradleyTerryLoss bt = new BradleyTerryLoss(0.0);
    int batch = 64;
    Tensor prompts = Tensor.full(new int[] {batch, 1}, BOS, DType.INT64);
    Tensor mask = Tensor.ones(DType.FLOAT32, batch, LENGTH);
    for (int step = 0; step < 200; step++) {
      Tensor a = randomResponses(rnd, batch);
      Tensor b = randomResponses(rnd, batch);
      double[] ga = gold(a.toLongArray());
      double[] gb = gold(b.toLongArray());
      // a rater prefers a with the Bradley-Terry probability of the gold rewards: noisy labels
      boolean[] aWins = new boolean[batch];
      for (int i = 0; i < batch; i++) aWins[i] = rnd.nextDouble() < 1 / (1 + Math.exp(-(ga[i] - gb[i])));
      Tensor wins = Tensor.fromArray(aWins, batch, 1);
      Tensor chosen = Tensor.where(wins, a, b);
      Tensor rejected = Tensor.where(wins, b, a);
      rmOpt.zeroGrad();
      bt.loss(rm.score(prompts, chosen, mask), rm.score(prompts, rejected, mask), null).backward();
      rmOpt.step();
    }
    double accuracy = heldOutAccuracy(rm, new Random(99), prompts, mask);
    System.out.printf("RlhfPipelineTest: reward model's held-out pair accuracy against the gold ranking %.3f%n", accuracy);
    assertTrue(accuracy > 0.85, "reward model accuracy " + accuracy);

    GPTConfig policyConfig = new GPTConfig(6, LENGTH + 1, 16, 2, 1, 0.0, true, true);
    GPT policy = new GPT(policyConfig, new Generator(17));
    GPT reference = new GPT(policyConfig, new Generator(17));
    Ppo ppo = new Ppo(policy, reference, new Adam(policy.parameters(), Adam.Options.defaults().lr(5e-3)), rm, new FixedKlController(0.05),
        Ppo.Config.defaults(LENGTH).withTemperature(1.0));
    Generator g = new Generator(5);
    double before = meanGold(policy, g);
    for (int step = 0; step < 30; step++) ppo.step(prompts.narrow(0, 0, 32), g);
    double after = meanGold(policy, g);
    System.out.printf("RlhfPipelineTest: gold reward per response %.2f -> %.2f (max %d)%n", before, after, LENGTH);
    assertTrue(after > before + 2.0, "gold reward " + before + " -> " + after);
  }

  /** How often the reward model orders 512 fresh pairs with different gold rewards as the gold reward does. */
  private static double heldOutAccuracy(GptRewardModel rm, Random rnd, Tensor prompts, Tensor mask) {
    int right = 0;
    int counted = 0;
    for (int round = 0; round < 8; round++) {
      Tensor a = randomResponses(rnd, prompts.size(0));
      Tensor b = randomResponses(rnd, prompts.size(0));
      double[] ga = gold(a.toLongArray());
      double[] gb = gold(b.toLongArray());
      float[] sa = Module.noGrad(() -> rm.score(prompts, a, mask)).toFloatArray();
      float[] sb = Module.noGrad(() -> rm.score(prompts, b, mask)).toFloatArray();
      for (int i = 0; i < ga.length; i++) {
        if (ga[i] == gb[i]) continue;
        counted++;
        if ((ga[i] > gb[i]) == (sa[i] > sb[i])) right++;
      }
    }
    return (double) right / counted;
  }

  private static double meanGold(GPT policy, Generator g) {
    Rollout r = Rollout.sample(policy, Tensor.full(new int[] {256, 1}, BOS, DType.INT64), LENGTH, Sampling.sample(1.0), g, Rollout.NO_EOS);
    double sum = 0;
    for (double v : gold(r.responses().toLongArray())) sum += v;
    return sum / 256;
  }
}
