package io.frontier.rl.preference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.nn.GPT;
import io.frontier.nn.GPTConfig;
import io.frontier.nn.Module;
import io.frontier.nn.Sampling;
import io.frontier.optim.Adam;
import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * DPO end to end on a tiny GPT: pairs of random completions labelled by a gold reward (the number
 * of times the completion says token {@link #GOOD}), the reference's log-probabilities computed
 * once (TRL's {@code precompute_ref_log_probs}), the policy trained from the reference's weights.
 * The step count is the budget (about a second on one core).
 */
class DpoGptTest {
  private static final int VOCAB = 6;
  private static final int BOS = 5;
  private static final int GOOD = 2;
  private static final int LENGTH = 4;
  private static final GPTConfig CONFIG = new GPTConfig(VOCAB, LENGTH + 1, 16, 2, 1, 0.0, true, false);

  @Test
  void dpoTeachesATinyGptTheGoldPreference() {
    GPT reference = new GPT(CONFIG, new Generator(17));
    GPT policy = new GPT(CONFIG, new Generator(17));
    Random rnd = new Random(4);
    int batch = 32;
    DpoLoss dpo = new DpoLoss(DpoConfig.defaults().withBeta(0.1));
    Adam adam = new Adam(policy.parameters(), Adam.Options.defaults().lr(1e-2));

    Pairs heldOut = Pairs.sample(rnd, 256);
    double goldBefore = meanGold(policy, new Generator(99));
    double firstLoss = 0;
    for (int step = 0; step < 60; step++) {
      Pairs train = Pairs.sample(rnd, batch);
      SequenceLogProbs.Pair ref = Module.noGrad(() -> train.logProbs(reference));
      DpoOutput out = dpo.compute(PreferenceBatch.of(train.logProbs(policy), ref));
      if (step == 0) firstLoss = out.loss().item();
      adam.zeroGrad();
      out.loss().backward();
      adam.step();
    }
    assertEquals(Math.log(2), firstLoss, 1e-6, "the policy starts as the reference");

    SequenceLogProbs.Pair ref = Module.noGrad(() -> heldOut.logProbs(reference));
    Map<String, Double> metrics = Module.noGrad(() -> dpo.compute(PreferenceBatch.of(heldOut.logProbs(policy), ref)).metrics());
    assertTrue(metrics.get("rewards/accuracies") > 0.9, "held-out implicit-reward accuracy " + metrics);
    double goldAfter = meanGold(policy, new Generator(99));
    System.out.printf("DpoGptTest: held-out accuracy %.3f, margin %.2f; GOOD tokens per completion %.2f -> %.2f%n",
        metrics.get("rewards/accuracies"), metrics.get("rewards/margins"), goldBefore, goldAfter);
    // the reference says GOOD about once in a 4-token completion; the policy must say it far more
    assertTrue(goldAfter > goldBefore + 1.0, "gold reward per completion " + goldBefore + " -> " + goldAfter);
  }

  /** The mean number of GOOD tokens in 256 sampled completions. */
  private static double meanGold(GPT model, Generator g) {
    Tensor prompt = Tensor.full(new int[] {256, 1}, BOS, DType.INT64);
    Tensor tokens = model.generate(prompt, LENGTH, Sampling.sample(1.0), g).tokens().narrow(1, 1, LENGTH);
    return tokens.eq(GOOD).to(DType.FLOAT64).sum(1).mean().item();
  }

  /** B preference pairs of BOS-prompted completions: chosen has strictly more GOOD tokens than rejected. */
  private record Pairs(Tensor ids, int size) {
    static Pairs sample(Random rnd, int size) {
      long[] ids = new long[2 * size * (LENGTH + 1)];
      for (int p = 0; p < size; p++) {
        long[] a, b;
        do {
          a = completion(rnd);
          b = completion(rnd);
        } while (gold(a) == gold(b));
        long[] chosen = gold(a) > gold(b) ? a : b;
        long[] rejected = chosen == a ? b : a;
        write(ids, p, chosen);
        write(ids, size + p, rejected);
      }
      return new Pairs(Tensor.fromArray(ids, 2 * size, LENGTH + 1), size);
    }

    /** The chosen and rejected completions' log-probabilities under {@code model}, in one forward pass. */
    SequenceLogProbs.Pair logProbs(GPT model) {
      Tensor completion = Tensor.ones(DType.BOOL, 2 * size, LENGTH + 1);
      return SequenceLogProbs.ofCausal(model.forward(ids), ids, completion).splitChosenRejected();
    }

    private static long[] completion(Random rnd) {
      long[] c = new long[LENGTH];
      for (int i = 0; i < LENGTH; i++) c[i] = rnd.nextInt(VOCAB - 1);
      return c;
    }

    private static int gold(long[] c) {
      int n = 0;
      for (long t : c) if (t == GOOD) n++;
      return n;
    }

    private static void write(long[] ids, int row, long[] completion) {
      ids[row * (LENGTH + 1)] = BOS;
      System.arraycopy(completion, 0, ids, row * (LENGTH + 1) + 1, LENGTH);
    }
  }
}
