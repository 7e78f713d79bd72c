package io.frontier.rl.nash;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.nn.GPT;
import io.frontier.nn.GPTConfig;
import io.frontier.nn.Sampling;
import io.frontier.optim.Adam;
import io.frontier.rl.online.Rollout;
import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * DNO on a tiny GPT with an oracle that prefers the response saying token 2 more often (a
 * Bradley-Terry judge, sigmoid of the count difference): every iteration's policy is preferred to
 * the previous one, and after a few iterations the policy beats the initial one almost always.
 * The preference of one policy over another is measured by the oracle on 256 independent pairs.
 */
class DnoGptTest {
  private static final int LENGTH = 4;
  private static final PreferenceOracle MORE_TWOS = (prompts, a, aMask, b, bMask) ->
      a.eq(2).to(DType.FLOAT32).mul(aMask).sum(1).sub(b.eq(2).to(DType.FLOAT32).mul(bMask).sum(1)).sigmoid();

  @Test
  void eachIterationIsPreferredToTheLastAndTheLastBeatsTheFirst() {
    GPT policy = new GPT(new GPTConfig(6, LENGTH + 1, 16, 2, 1, 0.0, true, false), new Generator(17));
    Dno dno = new Dno(policy, new Adam(policy.parameters(), Adam.Options.defaults().lr(5e-3)), MORE_TWOS, Dno.Config.defaults(LENGTH));
    Generator g = new Generator(4);
    Tensor prompts = Tensor.full(new int[] {16, 1}, 5, DType.INT64);
    Rollout first = samples(policy, g);
    Rollout previous = first;
    for (int t = 0; t < 4; t++) {
      Dno.Stats s = dno.iterate(prompts, g);
      Rollout now = samples(policy, g);
      double[] improvement = preference(now, previous);
      System.out.printf("DnoGptTest iteration %d: %d pairs of %d prompts, margin %.2f; P(pi_%d > pi_%d) = %.3f +- %.3f%n", t + 1, s.pairs(),
          s.prompts(), s.meanMargin(), t + 1, t, improvement[0], improvement[1]);
      assertTrue(s.pairs() > 0, "iteration " + (t + 1) + " kept no pair");
      // monotone improvement, up to the Monte Carlo error of 256 pairs (3 standard errors)
      assertTrue(improvement[0] > 0.5 - 3 * improvement[1], "iteration " + (t + 1) + ": P(pi_t+1 > pi_t) = " + improvement[0]);
      previous = now;
    }
    double overall = preference(previous, first)[0];
    System.out.printf("DnoGptTest: P(pi_4 > pi_0) = %.3f%n", overall);
    assertTrue(overall > 0.8, "P(pi_4 > pi_0) = " + overall);
  }

  private static Rollout samples(GPT policy, Generator g) {
    return Rollout.sample(policy, Tensor.full(new int[] {256, 1}, 5, DType.INT64), LENGTH, Sampling.sample(1.0), g, Rollout.NO_EOS);
  }

  /** The oracle's mean preference of a's responses over b's, pair by pair, and its standard error. */
  private static double[] preference(Rollout a, Rollout b) {
    Tensor p = MORE_TWOS.prefer(a.prompts(), a.responses(), a.mask(), b.responses(), b.mask());
    double mean = p.mean().item();
    double sd = Math.sqrt(p.sub(mean).square().sum().item() / (p.size(0) - 1));
    return new double[] {mean, sd / Math.sqrt(p.size(0))};
  }
}
