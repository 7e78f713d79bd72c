package io.frontier.multiobjective.polar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.multiobjective.polar.Harmonizer.Normalization;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HarmonizerTest {
  private static final int A = PolarDataset.ABSTAIN;

  /**
   * Three inputs, h = (0.5, 0.5), (0.8, 0.2), (0.1, 0.9); the LLM says 0, 1, 1 and the labelling
   * function says 1, -, 1. LLM: -(ln .5 + ln .2 + ln .9) / 3. Labelling function: -(ln .5 + ln .9)
   * over its 2 firings (FIRED) or over all 3 inputs (ALL).
   */
  @Test
  void objectiveLossesAreCrossEntropiesOverWhereEachSourceFires() {
    PolarDataset data = new PolarDataset(new double[][] {{0}, {1}, {2}}, new int[] {0, 1, 1}, new int[][] {{1, A, 1}}, 2);
    double[][] h = {{0.5, 0.5}, {0.8, 0.2}, {0.1, 0.9}};
    double llm = -(Math.log(0.5) + Math.log(0.2) + Math.log(0.9)) / 3;
    double lf = -(Math.log(0.5) + Math.log(0.9));
    assertArrayEquals(new double[] {llm, lf / 2}, Harmonizer.objectiveLosses(h, data, Normalization.FIRED), 1e-15);
    assertArrayEquals(new double[] {llm, lf / 3}, Harmonizer.objectiveLosses(h, data, Normalization.ALL), 1e-15);
  }

  /**
   * With one constant feature h is one distribution p, and the linear G's minimiser is the mixture
   * of the sources' label frequencies: the LLM (0.6, 0.3, 0.1) on all 10 inputs, lambda_1
   * (0, 0.8, 0.2) on 5, lambda_2 (0, 0, 1) on 2. FIRED weights the sources equally, giving
   * (0.2, 0.3667, 0.4333); ALL weights them by coverage 1 : 0.5 : 0.2, giving (0.6, 0.7, 0.4) / 1.7.
   */
  @Test
  void constantFeaturesGiveTheMixtureOfTheSourcesLabelFrequencies() {
    double[][] x = new double[10][1];
    int[] llm = {0, 0, 0, 0, 0, 0, 1, 1, 1, 2};
    int[][] weak = {{1, 1, 1, 1, 2, A, A, A, A, A}, {A, A, A, A, A, A, A, A, 2, 2}};
    PolarDataset data = new PolarDataset(x, llm, weak, 3);
    double[][] expected = {{0.2, 1.1 / 3, 1.3 / 3}, {0.6 / 1.7, 0.7 / 1.7, 0.4 / 1.7}};
    for (Normalization norm : Normalization.values()) {
      Harmonizer h = Harmonizer.fit(data, Harmonizer.Options.defaults().scalarizer(ParetoScalarizer.LINEAR).normalization(norm).epochs(800));
      assertArrayEquals(expected[norm.ordinal()], h.probabilities(new double[][] {{0}})[0], 1e-4, norm.name());
    }
  }

  @Test
  void polarScoreIsOneMinusTheHarmonizersProbabilityOfTheAnswer() {
    NoisyLlmTask task = NoisyLlmTask.sample(300, 2);
    Harmonizer h = Harmonizer.fit(task.data(), Harmonizer.Options.defaults().epochs(50));
    double[][] p = h.probabilities(task.data().features());
    double[] zeta = h.polarScores(task.data());
    for (int i = 0; i < p.length; i++) {
      assertEquals(1, p[i][0] + p[i][1] + p[i][2], 1e-12);
      assertEquals(1 - p[i][task.data().llmAnswers()[i]], zeta[i], 1e-15);
    }
    int[] other = new int[p.length];
    assertEquals(1 - p[7][0], h.polarScores(task.data().features(), other)[7], 1e-15);
  }

  /** A labelling function that fires once in 60 inputs is absent from most batches of 8: its loss is 0 there, not NaN. */
  @Test
  void minibatchesWhereASourceNeverFiresStayFinite() {
    SplittableRandom random = new SplittableRandom(4);
    int n = 60;
    double[][] x = new double[n][2];
    int[] llm = new int[n];
    int[] rare = new int[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = random.nextGaussian();
      x[i][1] = random.nextGaussian();
      llm[i] = x[i][0] > 0 ? 1 : 0;
      rare[i] = A;
    }
    rare[17] = 1;
    PolarDataset data = new PolarDataset(x, llm, new int[][] {rare}, 2);
    for (ParetoScalarizer g : ParetoScalarizer.values()) {
      Harmonizer h = Harmonizer.fit(data, Harmonizer.Options.defaults().scalarizer(g).batchSize(8).epochs(20));
      for (double z : h.polarScores(data)) assertTrue(Double.isFinite(z), g.name());
    }
  }

  /** The LLM says 1 exactly when |x| > 1: no linear logit separates that, one tanh hidden layer does. */
  @Test
  void mlpHarmonizerFitsAnAnswerPatternLogisticRegressionCannot() {
    SplittableRandom random = new SplittableRandom(8);
    int n = 200;
    double[][] x = new double[n][1];
    int[] llm = new int[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = -2 + 4 * random.nextDouble();
      llm[i] = Math.abs(x[i][0]) > 1 ? 1 : 0;
    }
    PolarDataset data = new PolarDataset(x, llm, null, 2);
    double logistic = agreement(Harmonizer.fit(data, Harmonizer.Options.defaults()), data);
    double mlp = agreement(Harmonizer.fit(data, Harmonizer.Options.defaults().hidden(8).epochs(600)), data);
    assertTrue(logistic < 0.8, "logistic regression agrees on " + logistic);
    assertTrue(mlp > 0.95, "the MLP agrees on " + mlp);
  }

  @Test
  void rejectsBadInput() {
    double[][] x = {{0}, {1}};
    assertThrows(IllegalArgumentException.class, () -> new PolarDataset(x, new int[] {0, 1}, null, 1));
    assertThrows(IllegalArgumentException.class, () -> new PolarDataset(x, new int[] {0}, null, 2));
    assertThrows(IllegalArgumentException.class, () -> new PolarDataset(x, new int[] {0, 2}, null, 2));
    assertThrows(IllegalArgumentException.class, () -> new PolarDataset(new double[][] {{0}, {1, 2}}, new int[] {0, 1}, null, 2));
    assertThrows(IllegalArgumentException.class, () -> new PolarDataset(new double[][] {{0}, {Double.NaN}}, new int[] {0, 1}, null, 2));
    assertThrows(IllegalArgumentException.class, () -> new PolarDataset(x, new int[] {0, 1}, new int[][] {{0}}, 2));
    assertThrows(IllegalArgumentException.class, () -> new PolarDataset(x, new int[] {0, 1}, new int[][] {{0, -2}}, 2));
    Harmonizer.Options o = Harmonizer.Options.defaults();
    assertThrows(IllegalArgumentException.class, () -> o.lr(0));
    assertThrows(IllegalArgumentException.class, () -> o.epochs(0));
    assertThrows(IllegalArgumentException.class, () -> o.batchSize(-1));
    assertThrows(IllegalArgumentException.class, () -> o.hidden(4, 0));
    assertThrows(IllegalArgumentException.class, () -> o.scalarizer(null));
    Harmonizer h = Harmonizer.fit(new PolarDataset(x, new int[] {0, 1}, null, 2), o.epochs(1));
    assertThrows(IllegalArgumentException.class, () -> h.probabilities(new double[][] {{0, 1}}));
    assertThrows(IllegalArgumentException.class, () -> h.polarScores(x, new int[] {0}));
    assertThrows(IllegalArgumentException.class, () -> h.polarScores(x, new int[] {0, 2}));
  }

  private static double agreement(Harmonizer h, PolarDataset data) {
    double[][] p = h.probabilities(data.features());
    int agree = 0;
    for (int i = 0; i < p.length; i++) {
      int arg = p[i][1] > p[i][0] ? 1 : 0;
      if (arg == data.llmAnswers()[i]) agree++;
    }
    return (double) agree / p.length;
  }
}
