package io.frontier.rl.preference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.optim.Adam;
import io.frontier.optim.LBFGS;
import io.frontier.optim.LbfgsOptions;
import io.frontier.rl.preference.DpoConfig.WeightedLoss;
import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The behaviours DPO's derivation promises, checked on tabular policies where the answer is known in closed form. */
class DpoLossTest {
  private static final LbfgsOptions TIGHT =
      LbfgsOptions.defaults().withMaxIter(2000).withMaxEval(10000).withToleranceGrad(1e-13).withToleranceChange(0);

  @Test
  void firstStepLossIsLn2AndEveryMetricIsZeroWhenThePolicyIsTheReference() {
    for (DType dtype : List.of(DType.FLOAT32, DType.FLOAT64)) {
      Tensor chosen = Tensor.of(-3.5, -12.0, -0.25, -40.0).to(dtype);
      Tensor rejected = Tensor.of(-7.0, -2.0, -9.5, -41.0).to(dtype);
      DpoOutput out = new DpoLoss(DpoConfig.defaults()).compute(PreferenceBatch.of(chosen, rejected, chosen, rejected));
      assertEquals(Math.log(2), out.loss().item(), dtype == DType.FLOAT32 ? 1e-7 : 1e-15, dtype.toString());
      Map<String, Double> m = out.metrics();
      assertEquals(0.0, m.get("rewards/chosen"));
      assertEquals(0.0, m.get("rewards/rejected"));
      assertEquals(0.0, m.get("rewards/accuracies"), "accuracy counts strictly larger rewards only");
      assertEquals(0.0, m.get("rewards/margins"));
      assertEquals(-13.9375, m.get("logps/chosen"), 1e-5);
    }
  }

  @Test
  void metricsAreTrlsMeansOfTheImplicitRewards() {
    Tensor pc = Tensor.of(-1.0, -2.0, -3.0);
    Tensor pr = Tensor.of(-2.0, -1.0, -5.0);
    Tensor rc = Tensor.of(-1.5, -2.0, -2.0);
    Tensor rr = Tensor.of(-1.0, -1.0, -4.0);
    Map<String, Double> m = new DpoLoss(DpoConfig.defaults().withBeta(0.5)).compute(PreferenceBatch.of(pc, pr, rc, rr)).metrics();
    // beta rho_w = 0.5 (0.5, 0, -1) and beta rho_l = 0.5 (-1, 0, -1)
    assertEquals(0.5 * (0.5 + 0 - 1) / 3, m.get("rewards/chosen"), 1e-15);
    assertEquals(0.5 * (-1 + 0 - 1) / 3, m.get("rewards/rejected"), 1e-15);
    assertEquals(1.0 / 3, m.get("rewards/accuracies"), 1e-15);
    assertEquals(0.5 * (1.5 + 0 + 0) / 3, m.get("rewards/margins"), 1e-15);
    assertEquals(-2.0, m.get("logps/chosen"), 1e-15);
    assertEquals(-8.0 / 3, m.get("logps/rejected"), 1e-15);
  }

  @Test
  void contrastiveLossesFallWhenTheChosenLogProbabilityRisesAndTheRejectedFalls() {
    // SFT ignores the rejected completion, APO-down lowers both by design, DiscoPOP is not monotone at 0 (next test)
    EnumSet<PreferenceLossType> contrastive =
        EnumSet.complementOf(EnumSet.of(PreferenceLossType.SFT, PreferenceLossType.APO_DOWN, PreferenceLossType.DISCOPOP));
    for (PreferenceLossType type : contrastive) {
      Tensor pc = Tensor.of(-4.0, -6.0).requiresGrad_(true);
      Tensor pr = Tensor.of(-5.0, -3.0).requiresGrad_(true);
      DpoConfig config = DpoConfig.defaults().withLoss(type).withLabelSmoothing(type == PreferenceLossType.EXO_PAIR ? 1e-3 : 0.1);
      Tensor ones = Tensor.of(1.0, 1.0);
      new DpoLoss(config).compute(new PreferenceBatch(pc, pr, pc.detach(), pr.detach(), ones, ones)).loss().backward();
      for (double g : pc.grad().toDoubleArray()) assertTrue(g < 0, type + ": dL/dlog pi(y_w) = " + g + " at the reference");
      for (double g : pr.grad().toDoubleArray()) assertTrue(g > 0, type + ": dL/dlog pi(y_l) = " + g + " at the reference");
    }
  }

  /**
   * DiscoPOP's loss {@code f(x) = (1 - m) softplus(-x) + m exp(-x)}, {@code m = sigmoid(x / tau)},
   * rises through the reference point: {@code f'(0) = (1 - ln 2) / (4 tau) - 3/4}, 0.784 at TRL's
   * tau = 0.05 (the non-convex bump Lu et al. report), so its first steps push the margin down.
   */
  @Test
  void discopopGradientAtTheReferenceIsItsClosedForm() {
    double beta = 0.1;
    for (double tau : new double[] {0.05, 0.5}) {
      Tensor pc = Tensor.of(-4.0, -6.0).requiresGrad_(true);
      Tensor pr = Tensor.of(-5.0, -3.0);
      DpoConfig config = DpoConfig.defaults().withLoss(PreferenceLossType.DISCOPOP).withDiscopopTau(tau).withBeta(beta);
      new DpoLoss(config).compute(PreferenceBatch.of(pc, pr, pc.detach(), pr)).loss().backward();
      double slope = (1 - Math.log(2)) / (4 * tau) - 0.75;
      for (double g : pc.grad().toDoubleArray()) assertEquals(beta * slope / 2, g, 1e-15, "tau " + tau);
    }
  }

  @Test
  void robustDpoIsLn2AtTheReferenceForAnyFlipRate() {
    Tensor x = Tensor.of(-3.0, -8.0);
    for (double eps : new double[] {0.0, 0.1, 0.3, 0.49}) {
      DpoConfig config = DpoConfig.defaults().withLoss(PreferenceLossType.ROBUST).withLabelSmoothing(eps);
      assertEquals(Math.log(2), new DpoLoss(config).compute(PreferenceBatch.of(x, x, x, x)).loss().item(), 1e-14, "eps " + eps);
    }
  }

  @Test
  void aWeightedCombinationIsTheWeightedSumOfItsParts() {
    Random rnd = new Random(3);
    PreferenceBatch batch = randomBatch(rnd, 7);
    double sigmoid = new DpoLoss(DpoConfig.defaults().withLoss(PreferenceLossType.SIGMOID)).compute(batch).loss().item();
    double ipo = new DpoLoss(DpoConfig.defaults().withLoss(PreferenceLossType.IPO)).compute(batch).loss().item();
    double sft = new DpoLoss(DpoConfig.defaults().withLoss(PreferenceLossType.SFT)).compute(batch).loss().item();
    DpoConfig mix = DpoConfig.defaults().withLosses(List.of(new WeightedLoss(PreferenceLossType.SIGMOID, 0.7),
        new WeightedLoss(PreferenceLossType.IPO, -0.2), new WeightedLoss(PreferenceLossType.SFT, 1.5)));
    assertEquals(0.7 * sigmoid - 0.2 * ipo + 1.5 * sft, new DpoLoss(mix).compute(batch).loss().item(), 1e-12);
  }

  @Test
  void referenceFreeMeansAUniformReference() {
    Random rnd = new Random(5);
    PreferenceBatch b = randomBatch(rnd, 4);
    Tensor zeros = Tensor.zeros(DType.FLOAT64, 4);
    DpoLoss dpo = new DpoLoss(DpoConfig.defaults().withLoss(PreferenceLossType.IPO));
    double free = dpo.compute(PreferenceBatch.referenceFree(b.policyChosen(), b.policyRejected(), b.chosenTokens(), b.rejectedTokens()))
        .loss().item();
    double explicit = dpo.compute(new PreferenceBatch(b.policyChosen(), b.policyRejected(), zeros, zeros, b.chosenTokens(), b.rejectedTokens()))
        .loss().item();
    assertEquals(explicit, free, 0.0);
  }

  /**
   * DPO's population optimum is the RLHF optimum {@code pi* ~ pi_ref exp(r / beta)}: with every
   * ordered pair (i, j) of K responses weighted by its Bradley-Terry probability
   * {@code sigmoid(r_i - r_j)}, each pair's expected loss is a cross-entropy minimised where
   * {@code sigmoid(beta (rho_i - rho_j)) = sigmoid(r_i - r_j)}, which the tilted reference meets
   * for all pairs at once.
   */
  @Test
  void dpoPopulationOptimumIsTheReferenceTiltedByTheReward() {
    int k = 6;
    double beta = 0.4;
    Random rnd = new Random(11);
    double[] reward = new double[k];
    double[] refLogits = new double[k];
    for (int i = 0; i < k; i++) {
      reward[i] = rnd.nextGaussian();
      refLogits[i] = rnd.nextGaussian();
    }
    OrderedPairs pairs = OrderedPairs.bradleyTerry(reward);
    Tensor logRef = Tensor.of(refLogits).logSoftmax(0);
    Tensor theta = Tensor.of(refLogits.clone()).requiresGrad_(true);
    DpoLoss dpo = new DpoLoss(DpoConfig.defaults().withBeta(beta));
    LBFGS opt = new LBFGS(List.of(theta), TIGHT);
    opt.step(() -> {
      opt.zeroGrad();
      Tensor logPi = theta.logSoftmax(0);
      DpoOutput out = dpo.compute(PreferenceBatch.of(pairs.chosenOf(logPi), pairs.rejectedOf(logPi), pairs.chosenOf(logRef), pairs.rejectedOf(logRef)));
      Tensor loss = out.perPair().mul(pairs.weights()).sum();
      loss.backward();
      return loss;
    });
    double[] expected = logRef.add(Tensor.of(reward).div(beta)).logSoftmax(0).toDoubleArray();
    double[] actual = theta.detach().logSoftmax(0).toDoubleArray();
    for (int i = 0; i < k; i++) assertEquals(expected[i], actual[i], 1e-6, "log pi*(" + i + ")");
  }

  /**
   * Azar et al.'s point against DPO: with a deterministic preference the DPO loss has no
   * minimiser and the margin grows without bound, while IPO regresses the (per-token) gap to
   * {@code 1 / (2 beta)}.
   */
  @Test
  void ipoGapSettlesAtHalfInverseBetaWhereDpoMarginKeepsGrowing() {
    double beta = 0.5;
    Tensor one = Tensor.of(1.0);
    Tensor logRef = Tensor.of(Math.log(0.5), Math.log(0.5));

    Tensor ipoTheta = Tensor.zeros(DType.FLOAT64, 2).requiresGrad_(true);
    DpoLoss ipo = new DpoLoss(DpoConfig.defaults().withLoss(PreferenceLossType.IPO).withBeta(beta));
    LBFGS lbfgs = new LBFGS(List.of(ipoTheta), TIGHT);
    lbfgs.step(() -> {
      lbfgs.zeroGrad();
      Tensor loss = ipo.compute(pair(ipoTheta, logRef, one)).loss();
      loss.backward();
      return loss;
    });
    double ipoGap = margin(ipoTheta);
    assertEquals(1 / (2 * beta), ipoGap, 1e-6);

    Tensor dpoTheta = Tensor.zeros(DType.FLOAT64, 2).requiresGrad_(true);
    DpoLoss dpo = new DpoLoss(DpoConfig.defaults().withBeta(beta));
    Adam adam = new Adam(List.of(dpoTheta), Adam.Options.defaults().lr(0.05));
    double[] margins = new double[3];
    for (int step = 1; step <= 600; step++) {
      adam.zeroGrad();
      dpo.compute(pair(dpoTheta, logRef, one)).loss().backward();
      adam.step();
      if (step % 200 == 0) margins[step / 200 - 1] = margin(dpoTheta);
    }
    assertTrue(margins[0] > 3 * ipoGap, "DPO margin " + margins[0] + " after 200 steps");
    assertTrue(margins[1] > margins[0] + 1 && margins[2] > margins[1] + 1, "DPO margin keeps growing: " + java.util.Arrays.toString(margins));
  }

  @Test
  void badConfigurationsAndBatchesAreNamed() {
    Tensor x = Tensor.of(-1.0, -2.0);
    assertMessage("DpoConfig: beta must be positive, got 0.0", () -> DpoConfig.defaults().withBeta(0));
    assertMessage("exo_pair needs labelSmoothing in (0, 1)", () -> new DpoLoss(DpoConfig.defaults().withLoss(PreferenceLossType.EXO_PAIR)));
    assertMessage("robust needs labelSmoothing in [0, 0.5), got 0.5",
        () -> new DpoLoss(DpoConfig.defaults().withLoss(PreferenceLossType.ROBUST).withLabelSmoothing(0.5)));
    assertMessage("DpoConfig: labelSmoothing must be in [0, 1), got 1.0", () -> DpoConfig.defaults().withLabelSmoothing(1.0));
    assertMessage("DpoConfig: no loss type", () -> DpoConfig.defaults().withLosses(List.of()));
    assertMessage("ipo averages over tokens; the batch needs chosenTokens and rejectedTokens",
        () -> new DpoLoss(DpoConfig.defaults().withLoss(PreferenceLossType.IPO)).compute(PreferenceBatch.of(x, x, x, x)));
    assertMessage("PreferenceBatch: refRejected has 3 pairs, policyChosen 2", () -> PreferenceBatch.of(x, x, x, Tensor.of(1.0, 2.0, 3.0)));
    assertMessage("PreferenceBatch: policyRejected is float32, policyChosen float64", () -> PreferenceBatch.of(x, x.to(DType.FLOAT32), x, x));
    assertMessage("PreferenceBatch: policyChosen must be (B), got shape [1, 2]", () -> PreferenceBatch.of(x.reshape(1, 2), x, x, x));
    assertMessage("PreferenceBatch: refChosen must be floating, got int64", () -> PreferenceBatch.of(x, x, Tensor.of(1L, 2L), x));
    assertMessage("PreferenceBatch: policyChosen holds no pairs", () -> PreferenceBatch.of(Tensor.zeros(DType.FLOAT64, 0), x, x, x));
    assertMessage("unknown preference loss type 'dpo'; known: sigmoid, hinge", () -> PreferenceLossType.fromTrlName("dpo"));
    assertEquals(PreferenceLossType.SIGMOID_NORM, PreferenceLossType.fromTrlName("sigmoid_norm"));
  }

  @Test
  void theReferenceNeverReceivesAGradient() {
    Tensor refChosen = Tensor.of(-1.0, -2.0).requiresGrad_(true);
    Tensor pc = Tensor.of(-1.5, -2.5).requiresGrad_(true);
    new DpoLoss(DpoConfig.defaults()).compute(PreferenceBatch.of(pc, pc.detach().sub(1.0), refChosen, refChosen.detach())).loss().backward();
    assertEquals(null, refChosen.grad());
    assertTrue(pc.grad() != null);
  }

  private static PreferenceBatch pair(Tensor theta, Tensor logRef, Tensor tokens) {
    Tensor logPi = theta.logSoftmax(0);
    return new PreferenceBatch(logPi.narrow(0, 0, 1), logPi.narrow(0, 1, 1), logRef.narrow(0, 0, 1), logRef.narrow(0, 1, 1), tokens, tokens);
  }

  /** rho_w - rho_l of the pair (response 0 chosen over 1) against the uniform reference. */
  private static double margin(Tensor theta) {
    double[] t = theta.detach().toDoubleArray();
    return t[0] - t[1];
  }

  private static PreferenceBatch randomBatch(Random rnd, int b) {
    double[][] v = new double[6][b];
    for (int i = 0; i < b; i++) {
      v[4][i] = 1 + rnd.nextInt(9);
      v[5][i] = 1 + rnd.nextInt(9);
      v[2][i] = -v[4][i] * (0.5 + rnd.nextDouble());
      v[3][i] = -v[5][i] * (0.5 + rnd.nextDouble());
      v[0][i] = v[2][i] + rnd.nextGaussian();
      v[1][i] = v[3][i] + rnd.nextGaussian();
    }
    return new PreferenceBatch(Tensor.of(v[0]), Tensor.of(v[1]), Tensor.of(v[2]), Tensor.of(v[3]), Tensor.of(v[4]), Tensor.of(v[5]));
  }

  private static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    assertTrue(ex.getMessage().contains(part), () -> "message '" + ex.getMessage() + "' lacks '" + part + "'");
  }
}
