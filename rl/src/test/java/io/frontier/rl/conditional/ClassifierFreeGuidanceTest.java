package io.frontier.rl.conditional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Classifier-free guidance: the per-step mix against a float64 hand computation, its two ends
 * (gamma 1 decodes as the conditional model, gamma 0 as the unconditional one), and the paper's
 * trade-off on a tiny conditional GPT (row 21 of the experiments table).
 */
class ClassifierFreeGuidanceTest {
  @Test
  void guideIsTheNormalisedMixOfAFloat64HandComputation() {
    double[][] cond = logs(new double[][] {{0.7, 0.2, 0.06, 0.04}, {0.1, 0.1, 0.3, 0.5}});
    double[][] uncond = logs(new double[][] {{0.4, 0.4, 0.1, 0.1}, {0.25, 0.25, 0.25, 0.25}});
    double gamma = 2.5;
    double[] expected = new double[8];
    for (int b = 0; b < 2; b++) {
      double[] mixed = new double[4];
      double z = 0;
      for (int t = 0; t < 4; t++) {
        mixed[t] = uncond[b][t] + gamma * (cond[b][t] - uncond[b][t]);
        z += Math.exp(mixed[t]);
      }
      for (int t = 0; t < 4; t++) expected[b * 4 + t] = mixed[t] - Math.log(z);
    }
    Tensor guided = ClassifierFreeGuidance.guide(Tensor.of(cond), Tensor.of(uncond), gamma);
    assertEquals(DType.FLOAT64, guided.dtype());
    assertArrayEquals(expected, guided.toDoubleArray(), 1e-12);
    // the specific token of row 0 (0.7 vs 0.4 unconditionally) gains, the common one (0.2 vs 0.4) loses
    assertTrue(expected[0] > Math.log(0.7) && expected[1] < Math.log(0.2), Arrays.toString(expected));
  }

  private static double[][] logs(double[][] probs) {
    return Arrays.stream(probs).map(row -> Arrays.stream(row).map(Math::log).toArray()).toArray(double[][]::new);
  }

  @Test
  void gammaOneGivesTheConditionalAndGammaZeroTheUnconditionalDistribution() {
    Tensor logitsC = Tensor.of(new double[][] {{2.0, -1.0, 0.5}, {0.0, 3.0, 1.0}});
    Tensor logitsU = Tensor.of(new double[][] {{0.3, 0.2, 0.1}, {-2.0, 0.0, 2.0}});
    Tensor cond = logitsC.logSoftmax(-1);
    Tensor uncond = logitsU.logSoftmax(-1);
    assertArrayEquals(cond.toDoubleArray(), ClassifierFreeGuidance.guide(cond, uncond, 1).toDoubleArray(), 1e-12);
    assertArrayEquals(uncond.toDoubleArray(), ClassifierFreeGuidance.guide(cond, uncond, 0).toDoubleArray(), 1e-12);
    // logits give the same guided distribution: per-row constants cancel in the normalisation
    assertArrayEquals(ClassifierFreeGuidance.guide(cond, uncond, 2).toDoubleArray(),
        ClassifierFreeGuidance.guide(logitsC, logitsU, 2).toDoubleArray(), 1e-12);
  }

  @Test
  void dropConditionNullsWholeRowsAtTheDropRate() {
    int rows = 4000;
    Tensor condition = Tensor.full(new int[] {rows, 2}, 3, DType.INT64);
    Tensor dropped = ClassifierFreeGuidance.dropCondition(condition, 9, 0.15, new Generator(1));
    long[] d = dropped.toLongArray();
    int nulled = 0;
    for (int r = 0; r < rows; r++) {
      assertEquals(d[2 * r], d[2 * r + 1], "row " + r + " is dropped as a whole");
      assertTrue(d[2 * r] == 3 || d[2 * r] == 9, "row " + r + ": " + d[2 * r]);
      if (d[2 * r] == 9) nulled++;
    }
    // binomial(4000, 0.15): standard deviation 0.0056
    assertEquals(0.15, nulled / (double) rows, 0.02);
    assertTrue(ClassifierFreeGuidance.dropCondition(condition, 9, 0, new Generator(1)).equal(condition));
    assertTrue(ClassifierFreeGuidance.dropCondition(condition, 9, 1, new Generator(1)).eq(9).all().item() != 0);
  }

  private static final int RANDOM_VOCAB = 12;
  private static final long RANDOM_NULL = 11;

  /** Two condition tokens per row, from {8, 9, 10}, and a two-token prefix of content tokens. */
  private static Tensor[] conditionAndPrefix(int rows) {
    long[] c = new long[rows * 2];
    long[] p = new long[rows * 2];
    Random rnd = new Random(5);
    for (int i = 0; i < rows * 2; i++) {
      c[i] = 8 + rnd.nextInt(3);
      p[i] = rnd.nextInt(8);
    }
    return new Tensor[] {Tensor.fromArray(c, rows, 2), Tensor.fromArray(p, rows, 2)};
  }

  @Test
  void greedyDecodingAtGammaOneIsPlainConditionalDecoding() {
    GPT model = RandomGpt.of(RANDOM_VOCAB, 10);
    Tensor[] cp = conditionAndPrefix(6);
    GPT.Generation guided = ClassifierFreeGuidance.generate(model, cp[0], RANDOM_NULL, cp[1], 6, 1.0, Sampling.GREEDY, new Generator(1));
    // the reference re-runs the whole sequence at every step (no cache)
    GPT.Generation plain = model.generate(Tensor.cat(List.of(cp[0], cp[1]), 1), 6, Sampling.GREEDY, new Generator(1), false);
    assertArrayEquals(plain.tokens().toLongArray(), guided.tokens().toLongArray());
    assertArrayEquals(plain.logProbs().toFloatArray(), guided.logProbs().toFloatArray(), 1e-5f);
  }

  @Test
  void sampledDecodingAtGammaOneDrawsTheConditionalModelsTokens() {
    GPT model = RandomGpt.of(RANDOM_VOCAB, 10);
    Tensor[] cp = conditionAndPrefix(6);
    Tensor guided = ClassifierFreeGuidance.generate(model, cp[0], RANDOM_NULL, cp[1], 6, 1.0, Sampling.sample(1.0), new Generator(3)).tokens();
    Tensor plain = model.generate(Tensor.cat(List.of(cp[0], cp[1]), 1), 6, Sampling.sample(1.0), new Generator(3), false).tokens();
    assertArrayEquals(plain.toLongArray(), guided.toLongArray());
  }

  @Test
  void greedyDecodingAtGammaZeroIsUnconditionalDecoding() {
    GPT model = RandomGpt.of(RANDOM_VOCAB, 10);
    Tensor[] cp = conditionAndPrefix(6);
    Tensor nulls = Tensor.fullLike(cp[0], RANDOM_NULL);
    Tensor guided = ClassifierFreeGuidance.generate(model, cp[0], RANDOM_NULL, cp[1], 6, 0.0, Sampling.GREEDY, new Generator(1)).tokens();
    Tensor plain = model.generate(Tensor.cat(List.of(nulls, cp[1]), 1), 6, Sampling.GREEDY, new Generator(1), false).tokens();
    // the rows keep their own condition; what follows it is the unconditional model's
    assertArrayEquals(cp[0].toLongArray(), guided.narrow(1, 0, 2).contiguous().toLongArray());
    assertArrayEquals(plain.narrow(1, 2, 8).contiguous().toLongArray(), guided.narrow(1, 2, 8).contiguous().toLongArray());
    Tensor conditional = ClassifierFreeGuidance.generate(model, cp[0], RANDOM_NULL, cp[1], 6, 1.0, Sampling.GREEDY, new Generator(1)).tokens();
    assertFalse(conditional.equal(guided), "the condition changes this model's greedy continuations");
  }

  @Test
  void guidedLogProbsMatchAFullRescoreOfBothBranches() {
    GPT model = RandomGpt.of(RANDOM_VOCAB, 10);
    Tensor[] cp = conditionAndPrefix(6);
    double gamma = 2.0;
    GPT.Generation gen = ClassifierFreeGuidance.generate(model, cp[0], RANDOM_NULL, cp[1], 6, gamma, Sampling.sample(1.0), new Generator(4));
    Tensor tokens = gen.tokens(); // (6, 2 + 2 + 6)
    Tensor unconditional = Tensor.cat(List.of(Tensor.fullLike(cp[0], RANDOM_NULL), tokens.narrow(1, 2, 8)), 1);
    // without the cache: each branch in one forward pass, the positions that predicted the 6 new tokens
    Tensor condLogProbs = Module.noGrad(() -> model.forward(tokens.narrow(1, 0, 9)).logSoftmax(-1).narrow(1, 3, 6));
    Tensor uncondLogProbs = Module.noGrad(() -> model.forward(unconditional.narrow(1, 0, 9)).logSoftmax(-1).narrow(1, 3, 6));
    Tensor guided = ClassifierFreeGuidance.guide(condLogProbs.reshape(-1, RANDOM_VOCAB), uncondLogProbs.reshape(-1, RANDOM_VOCAB), gamma)
        .reshape(6, 6, RANDOM_VOCAB);
    Tensor expected = guided.gather(2, tokens.narrow(1, 4, 6).unsqueeze(2)).squeeze(2);
    assertArrayEquals(expected.contiguous().toFloatArray(), gen.logProbs().toFloatArray(), 1e-5f);
  }

  // ---- Row 21: a tiny conditional GPT over K classes whose sequences share two common tokens.

  private static final int K = 4;
  private static final int COMMON = 2;
  private static final int CONTENT = COMMON + K; // tokens 0..5: two common, then one specific to each class
  private static final int CLASS0 = CONTENT; // class tokens 6..9
  private static final long NULL = CONTENT + K; // 10
  private static final int LENGTH = 4;

  /**
   * p(t | c), the same at every position: each common token 0.4, c's own token 0.15, another class's
   * token 0.01, normalised (0.408, 0.408, 0.153, 0.0102 x 3). Many sequences carry no class evidence
   * (only common tokens), so a sample from p(. | c) names c only about 58% of the time; the
   * implicit classifier p(t | c) / p(t | null) is 3.3 for c's own token and 1 for the common ones.
   */
  private static final double[][] P = new double[K][CONTENT];

  static {
    for (int c = 0; c < K; c++) {
      double z = 0;
      for (int t = 0; t < CONTENT; t++) {
        P[c][t] = t < COMMON ? 0.4 : t - COMMON == c ? 0.15 : 0.01;
        z += P[c][t];
      }
      for (int t = 0; t < CONTENT; t++) P[c][t] /= z;
    }
  }

  /**
   * Trains the conditional GPT with 15% condition dropout, then samples (temperature 1) 512
   * sequences at each gamma. As gamma rises, the Bayes-optimal classifier under the true p(seq | c)
   * retrieves the class from the sample more often (more specific sequences) while the samples
   * grow less likely under the gamma-1 model (further from typical data): the paper's
   * CLIPScore/recall-versus-CIDEr trade-off.
   *
   * <p>A model that had learned p exactly, with p(t | null) the class average, would give accuracy
   * 0.25 / 0.577 / 0.885 / 0.991 and expected log p(seq | c) -5.80 / -4.64 / -5.16 / -6.24 at gamma
   * 0 / 1 / 2 / 3 (enumerating the 6^4 sequences). This 400-step model, seed 3, gave 0.26 / 0.57 to
   * 0.59 / 0.94 / 0.99 and -5.2 to -5.5 / -4.9 / -5.6 to -5.9 / -6.5 to -6.8 over repeated runs
   * (float results differ slightly from run to run). Over seeds 1..8, accuracy rose by 0.26 to 0.36
   * from gamma 1 to 2 and by 0.06 to 0.15 more to gamma 3; log p fell by 0.30 to 0.94 nats from
   * gamma 1 to 2 and by 0.66 to 1.41 more to gamma 3; gamma 0 stayed at 0.23 to 0.28.
   */
  @Test
  void guidanceTradesLikelihoodForSpecificity() {
    GPT model = new GPT(new GPTConfig(CONTENT + K + 1, LENGTH + 1, 16, 2, 1, 0.0, true, false), new Generator(3));
    Adam adam = new Adam(model.parameters(), Adam.Options.defaults().lr(2e-2));
    Random rnd = new Random(3);
    Generator dropout = new Generator(103);
    int batch = 64;
    for (int step = 0; step < 400; step++) {
      long[] classes = new long[batch];
      long[] content = new long[batch * LENGTH];
      for (int i = 0; i < batch; i++) {
        int c = rnd.nextInt(K);
        classes[i] = CLASS0 + c;
        for (int j = 0; j < LENGTH; j++) content[i * LENGTH + j] = draw(rnd, P[c]);
      }
      Tensor condition = ClassifierFreeGuidance.dropCondition(Tensor.fromArray(classes, batch, 1), NULL, 0.15, dropout);
      Tensor seq = Tensor.cat(List.of(condition, Tensor.fromArray(content, batch, LENGTH)), 1);
      Tensor loss = GPT.loss(model.forward(seq.narrow(1, 0, LENGTH)), seq.narrow(1, 1, LENGTH));
      adam.zeroGrad();
      loss.backward();
      adam.step();
    }

    int n = 512;
    long[] classes = new long[n];
    for (int i = 0; i < n; i++) classes[i] = CLASS0 + i % K;
    Tensor condition = Tensor.fromArray(classes, n, 1);
    double[] gammas = {0, 1, 2, 3};
    double[] accuracy = new double[gammas.length];
    double[] logLikelihood = new double[gammas.length];
    for (int k = 0; k < gammas.length; k++) {
      Tensor seqs = ClassifierFreeGuidance.generate(model, condition, NULL, Tensor.zeros(DType.INT64, n, 0), LENGTH, gammas[k],
          Sampling.sample(1.0), new Generator(10)).tokens();
      accuracy[k] = bayesRetrievalAccuracy(seqs.toLongArray(), n);
      // log p(seq | c) under the conditional (gamma 1) model
      logLikelihood[k] = Module.noGrad(() -> model.forward(seqs.narrow(1, 0, LENGTH)).logSoftmax(-1)
          .gather(2, seqs.narrow(1, 1, LENGTH).unsqueeze(2)).sum(new int[] {1, 2}, false).mean()).item();
    }
    System.out.printf("ClassifierFreeGuidanceTest: gamma %s: Bayes retrieval accuracy %s, log p(seq | c) %s%n", Arrays.toString(gammas),
        Arrays.toString(round(accuracy)), Arrays.toString(round(logLikelihood)));
    String report = "accuracy " + Arrays.toString(accuracy) + ", log p " + Arrays.toString(logLikelihood);
    assertEquals(0.25, accuracy[0], 0.06, "gamma 0 samples the unconditional model: chance retrieval; " + report);
    assertTrue(accuracy[1] > accuracy[0] + 0.15, "the model has learned its condition; " + report);
    assertTrue(accuracy[2] > accuracy[1] + 0.15, "gamma 2 is more specific than gamma 1; " + report);
    assertTrue(accuracy[3] > accuracy[2], "gamma 3 is more specific still; " + report);
    assertTrue(logLikelihood[2] < logLikelihood[1] - 0.25, "gamma 2 is less likely under the conditional model; " + report);
    assertTrue(logLikelihood[3] < logLikelihood[2] - 0.25, "gamma 3 less likely still; " + report);
  }

  /**
   * The fraction of rows (class i mod K, then LENGTH tokens) that the Bayes-optimal classifier,
   * argmax_c prod_t p(t | c) under a uniform prior, assigns to their own class; a tie among m
   * classes counts 1/m. A token outside the content (a class or null token) has probability 0 under
   * every class, so such a row ties all K.
   */
  private static double bayesRetrievalAccuracy(long[] rows, int n) {
    double correct = 0;
    for (int i = 0; i < n; i++) {
      double[] logLik = new double[K];
      for (int c = 0; c < K; c++) {
        for (int j = 1; j <= LENGTH; j++) {
          int t = (int) rows[i * (LENGTH + 1) + j];
          logLik[c] += t < CONTENT ? Math.log(P[c][t]) : Double.NEGATIVE_INFINITY;
        }
      }
      double best = Arrays.stream(logLik).max().getAsDouble();
      long ties = Arrays.stream(logLik).filter(l -> l == best).count();
      if (logLik[i % K] == best) correct += 1.0 / ties;
    }
    return correct / n;
  }

  private static int draw(Random rnd, double[] p) {
    double u = rnd.nextDouble();
    for (int t = 0; t < p.length; t++) {
      u -= p[t];
      if (u < 0) return t;
    }
    return p.length - 1;
  }

  private static double[] round(double[] xs) {
    return Arrays.stream(xs).map(x -> Math.round(x * 1000) / 1000.0).toArray();
  }

  @Test
  void argumentErrorsAreNamed() {
    GPT model = RandomGpt.of(RANDOM_VOCAB, 10);
    Tensor[] cp = conditionAndPrefix(2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ClassifierFreeGuidance.guide(Tensor.zeros(DType.FLOAT64, 2, 3), Tensor.zeros(DType.FLOAT64, 2, 4), 1));
    assertTrue(e.getMessage().contains("must both be (B, V), got [2, 3] and [2, 4]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ClassifierFreeGuidance.guide(Tensor.zeros(DType.FLOAT64, 2, 3), Tensor.zeros(DType.FLOAT64, 2, 3), -0.5));
    assertTrue(e.getMessage().contains("gamma must be finite and >= 0, got -0.5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ClassifierFreeGuidance.generate(model, cp[0], RANDOM_NULL, cp[1], 7, 2.0, Sampling.GREEDY, new Generator(1)));
    assertTrue(e.getMessage().contains("condition 2 + prefix 2 + 7 new tokens exceed the context of 10"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ClassifierFreeGuidance.generate(model, cp[0], 12, cp[1], 2, 2.0, Sampling.GREEDY, new Generator(1)));
    assertTrue(e.getMessage().contains("nullToken 12 is outside the vocabulary of 12"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ClassifierFreeGuidance.generate(model, cp[0], RANDOM_NULL, cp[1].narrow(0, 0, 1), 2, 2.0, Sampling.GREEDY, new Generator(1)));
    assertTrue(e.getMessage().contains("prefix must be int64 (2, P), got int64 [1, 2]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ClassifierFreeGuidance.dropCondition(cp[0], 11, 1.5, new Generator(1)));
    assertTrue(e.getMessage().contains("dropProbability must be in [0, 1], got 1.5"), e.getMessage());
  }
}
