package io.frontier.rl.conditional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.nn.GPT;
import io.frontier.nn.GPTConfig;
import io.frontier.nn.Module;
import io.frontier.nn.Sampling;
import io.frontier.optim.Adam;
import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Conditional training: the data step on hand values, control tokens blocked at decoding, and row
 * 16 of the experiments table on a tiny GPT: a corpus in which 20% of the sequences contain a bad
 * token, trained by plain MLE with and without control tokens.
 */
class ConditionalTrainingTest {
  private static final int CONTENT = 5; // tokens 0..4
  private static final long GOOD = 5;
  private static final long BAD = 6;
  private static final long BOS = 7; // the MLE baseline's first token
  private static final int VOCAB = 8;
  private static final int LENGTH = 6;
  private static final long BAD_WORD = 4;
  /** The bad word's probability at each position: 1 - 0.8^(1/6), so that 20% of the sequences say it. */
  private static final double BAD_WORD_PROBABILITY = 1 - Math.pow(0.8, 1.0 / LENGTH);

  @Test
  void prependPutsGoodAtOrBelowTheThresholdAndBadAbove() {
    ConditionalTraining ct = new ConditionalTraining(GOOD, BAD, 0.2);
    Tensor tokens = Tensor.fromArray(new long[] {1, 2, 3, 4, 0, 0, 2, 2}, 4, 2);
    Tensor scores = Tensor.of(0.0, 0.5, 0.2, 0.2000001);
    Tensor x = ct.prepend(tokens, scores);
    assertArrayEquals(new int[] {4, 3}, x.shape());
    assertArrayEquals(new long[] {GOOD, 1, 2, BAD, 3, 4, GOOD, 0, 0, BAD, 2, 2}, x.toLongArray());
    assertArrayEquals(new long[] {BAD, GOOD}, new ConditionalTraining(GOOD, BAD, -1).controlTokens(Tensor.of(0.0, -3.0)).toLongArray());
  }

  @Test
  void blockTokensSetsOnlyTheBlockedLogitsToMinusInfinity() {
    Tensor logits = Tensor.of(new double[][] {{0.5, 1.0, -2.0, 3.0}, {0.0, 0.0, 0.0, 0.0}});
    double inf = Double.NEGATIVE_INFINITY;
    assertArrayEquals(new double[] {0.5, inf, -2.0, inf, 0.0, inf, 0.0, inf}, ConditionalTraining.blockTokens(logits, 1, 3).toDoubleArray());
  }

  /** An untrained GPT is near uniform over the 8 tokens, so unblocked it says a control token about 2 times in 8. */
  @Test
  void controlTokensAreNeverGenerated() {
    GPT model = new GPT(new GPTConfig(VOCAB, 9, 16, 2, 1, 0.0, true, false), new Generator(4));
    ConditionalTraining ct = new ConditionalTraining(GOOD, BAD, 0);
    int rows = 125;
    int length = 8; // 1000 sampled tokens
    Tensor blocked = ct.generate(model, Tensor.zeros(DType.INT64, rows, 0), length, Sampling.sample(1.0), new Generator(8)).tokens()
        .narrow(1, 1, length);
    Tensor good = Tensor.full(new int[] {rows, 1}, GOOD, DType.INT64);
    Tensor unblocked = model.generate(good, length, Sampling.sample(1.0), new Generator(8)).tokens().narrow(1, 1, length);
    long unblockedControl = countControl(unblocked);
    System.out.printf("ConditionalTrainingTest: control tokens in 1000 sampled tokens: %d unblocked, %d blocked%n", unblockedControl,
        countControl(blocked));
    assertEquals(1000, blocked.numel());
    assertEquals(0, countControl(blocked), "a blocked control token was generated");
    assertTrue(unblockedControl > 150, "without blocking, the same model says control tokens: " + unblockedControl);
  }

  private static long countControl(Tensor tokens) {
    return (long) tokens.eq(GOOD).logicalOr(tokens.eq(BAD)).to(DType.INT64).sum().item();
  }

  @Test
  void generatedLogProbsAreThoseOfTheBlockedRenormalisedDistribution() {
    GPT model = RandomGpt.of(VOCAB, LENGTH + 4);
    ConditionalTraining ct = new ConditionalTraining(GOOD, BAD, 0);
    Tensor prompts = Tensor.fromArray(new long[] {0, 1, 2, 3, 4, 0}, 3, 2);
    GPT.Generation gen = ct.generate(model, prompts, 5, Sampling.sample(1.0), new Generator(2));
    assertArrayEquals(new long[] {GOOD, 0, 1, GOOD, 2, 3, GOOD, 4, 0}, gen.tokens().narrow(1, 0, 3).contiguous().toLongArray());
    // rescored without the cache, in one forward pass: log_softmax over the unblocked tokens
    Tensor tokens = gen.tokens();
    Tensor expected = Module.noGrad(() -> ConditionalTraining.blockTokens(model.forward(tokens.narrow(1, 0, 7)).reshape(-1, VOCAB), GOOD, BAD)
        .logSoftmax(-1).reshape(3, 7, VOCAB).narrow(1, 2, 5).gather(2, tokens.narrow(1, 3, 5).unsqueeze(2)).squeeze(2));
    assertArrayEquals(expected.contiguous().toFloatArray(), gen.logProbs().toFloatArray(), 1e-5f);
  }

  /**
   * Row 16: six tokens to a sequence, each the bad word 4 with probability 0.0365 and else uniform
   * over 0..3, so that 20% of the sequences are bad (a curse word in a toxicity corpus). The
   * misalignment score is the bad word's count, the threshold 0. The conditional model and the MLE
   * baseline (a BOS token in place of the control token) share the architecture, initialisation,
   * data and 300 Adam steps. Over seeds 1..10 the model conditioned on good said the bad word in 0%
   * to 0.6% of 1000 samples against 17% to 27% for the baseline (seed 1: 0.2% against 21%);
   * conditioned on bad it said it in 58% to 99% (seed 1: 69%); and its loss on held-out good
   * sequences was 1.8% to 3.3% below the baseline's (it has learned what good data looks like).
   *
   * <p>A bad bigram (3, 4) in uniform data was the first design: the rule "not 4 after 3, under
   * good" is a conjunction that the one-layer GPT learned anywhere from step 100 to past step 400
   * depending on the seed, and on run-to-run float differences at a fixed seed, so no step count in
   * the budget made it reliable.
   */
  @Test
  void conditioningOnGoodAvoidsTheBadWordAtNoCostInLikelihood() {
    GPTConfig config = new GPTConfig(VOCAB, LENGTH + 1, 16, 2, 1, 0.0, true, false);
    GPT conditional = new GPT(config, new Generator(1));
    GPT mle = new GPT(config, new Generator(1));
    Adam adamC = new Adam(conditional.parameters(), Adam.Options.defaults().lr(2e-2));
    Adam adamM = new Adam(mle.parameters(), Adam.Options.defaults().lr(2e-2));
    ConditionalTraining ct = new ConditionalTraining(GOOD, BAD, 0);
    Random rnd = new Random(1);
    int batch = 64;
    for (int step = 0; step < 300; step++) {
      long[] content = new long[batch * LENGTH];
      double[] scores = new double[batch];
      for (int i = 0; i < batch; i++) {
        for (int j = 0; j < LENGTH; j++) content[i * LENGTH + j] = draw(rnd);
        scores[i] = badWords(content, i * LENGTH);
      }
      Tensor x = Tensor.fromArray(content, batch, LENGTH);
      train(conditional, adamC, ct.prepend(x, Tensor.fromArray(scores, batch)));
      train(mle, adamM, Tensor.cat(List.of(Tensor.full(new int[] {batch, 1}, BOS, DType.INT64), x), 1));
    }

    int n = 1000;
    Tensor fromGood = ct.generate(conditional, Tensor.zeros(DType.INT64, n, 0), LENGTH, Sampling.sample(1.0), new Generator(10)).tokens();
    Tensor fromMle = mle.generate(Tensor.full(new int[] {n, 1}, BOS, DType.INT64), LENGTH, Sampling.sample(1.0), new Generator(10)).tokens();
    double badRateGood = badRate(fromGood.toLongArray(), n);
    double badRateMle = badRate(fromMle.toLongArray(), n);
    // the bad segments were not wasted: they taught the model what follows the bad token
    Tensor fromBad = conditional.generate(Tensor.full(new int[] {n, 1}, BAD, DType.INT64), LENGTH, Sampling.sample(1.0), new Generator(10)).tokens();
    double badRateBad = badRate(fromBad.toLongArray(), n);

    // held-out good sequences (rejection sampling)
    Random held = new Random(1001);
    long[] good = new long[n * LENGTH];
    for (int i = 0; i < n;) {
      for (int j = 0; j < LENGTH; j++) good[i * LENGTH + j] = draw(held);
      if (badWords(good, i * LENGTH) == 0) i++;
    }
    Tensor g = Tensor.fromArray(good, n, LENGTH);
    double lossGood = heldOutLoss(conditional, GOOD, g);
    double lossMle = heldOutLoss(mle, BOS, g);
    System.out.printf("ConditionalTrainingTest: bad-word rate conditioned on good %.3f, on bad %.3f, MLE %.3f; held-out good loss %.4f vs MLE %.4f%n",
        badRateGood, badRateBad, badRateMle, lossGood, lossMle);
    assertTrue(badRateMle > 0.12, "the MLE baseline says the bad word about as often as the data (20%): " + badRateMle);
    assertTrue(badRateGood < 0.05, "conditioned on good, the bad word is rare: " + badRateGood);
    assertTrue(badRateBad > 0.4, "conditioned on bad, the model says the bad word far more often than the data: " + badRateBad);
    assertTrue(lossGood < 1.05 * lossMle, "held-out loss on good data " + lossGood + " vs MLE " + lossMle);
  }

  /** One Adam step of next-token cross-entropy on rows (B, 1 + LENGTH), the first token given. */
  private static void train(GPT model, Adam adam, Tensor rows) {
    Tensor loss = GPT.loss(model.forward(rows.narrow(1, 0, LENGTH)), rows.narrow(1, 1, LENGTH));
    adam.zeroGrad();
    loss.backward();
    adam.step();
  }

  /** Mean next-token cross-entropy of {@code content} (B, LENGTH) after the {@code first} token. */
  private static double heldOutLoss(GPT model, long first, Tensor content) {
    Tensor rows = Tensor.cat(List.of(Tensor.full(new int[] {content.size(0), 1}, first, DType.INT64), content), 1);
    return Module.noGrad(() -> GPT.loss(model.forward(rows.narrow(1, 0, LENGTH)), content)).item();
  }

  private static long draw(Random rnd) {
    return rnd.nextDouble() < BAD_WORD_PROBABILITY ? BAD_WORD : rnd.nextInt(CONTENT - 1);
  }

  /** The misalignment score: how many times the LENGTH tokens from {@code offset} say the bad word. */
  private static int badWords(long[] tokens, int offset) {
    int count = 0;
    for (int j = 0; j < LENGTH; j++) if (tokens[offset + j] == BAD_WORD) count++;
    return count;
  }

  /** The fraction of rows (one first token, then LENGTH tokens) that say the bad word. */
  private static double badRate(long[] rows, int n) {
    int bad = 0;
    for (int i = 0; i < n; i++) if (badWords(rows, i * (LENGTH + 1) + 1) > 0) bad++;
    return bad / (double) n;
  }

  @Test
  void argumentErrorsAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ConditionalTraining(GOOD, GOOD, 0));
    assertTrue(e.getMessage().contains("must be distinct non-negative ids, got 5 and 5"), e.getMessage());
    ConditionalTraining ct = new ConditionalTraining(GOOD, BAD, 0);
    e = assertThrows(IllegalArgumentException.class, () -> ct.prepend(Tensor.zeros(DType.INT64, 3, 2), Tensor.of(0.0, 1.0)));
    assertTrue(e.getMessage().contains("expected one score per row, 3, got shape [2]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ct.controlTokens(Tensor.of(0.0, Double.NaN)));
    assertTrue(e.getMessage().contains("a score is NaN"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ConditionalTraining.blockTokens(Tensor.zeros(DType.FLOAT32, 2, 4), 4));
    assertTrue(e.getMessage().contains("blocked token 4 is outside the vocabulary of 4"), e.getMessage());
    GPT small = new GPT(new GPTConfig(6, 4, 8, 2, 1, 0.0, true, false), new Generator(1));
    e = assertThrows(IllegalArgumentException.class, () -> ct.generate(small, Tensor.zeros(DType.INT64, 2, 0), 2, Sampling.GREEDY, new Generator(1)));
    assertTrue(e.getMessage().contains("control tokens 5 and 6 must be inside the vocabulary of 6"), e.getMessage());
    GPT model = new GPT(new GPTConfig(VOCAB, 4, 8, 2, 1, 0.0, true, false), new Generator(1));
    e = assertThrows(IllegalArgumentException.class, () -> ct.generate(model, Tensor.zeros(DType.INT64, 2, 1), 3, Sampling.GREEDY, new Generator(1)));
    assertTrue(e.getMessage().contains("control token + prompt 1 + 3 new tokens exceed the context of 4"), e.getMessage());
  }
}
