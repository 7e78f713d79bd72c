package io.frontier.rl.preference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.rl.preference.KtoConfig.LossType;
import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The behaviours KTO's definition promises, each against a value worked out by hand or in plain Java. */
class KtoLossTest {
  private static final Tensor EMPTY = Tensor.zeros(DType.FLOAT64, 0);

  @Test
  void atTheReferenceEveryExampleLosesHalfItsWeight() {
    for (DType dtype : List.of(DType.FLOAT32, DType.FLOAT64)) {
      Tensor chosen = Tensor.of(-3.5, -12.0, -0.25).to(dtype);
      Tensor rejected = Tensor.of(-7.0, -2.0).to(dtype);
      Tensor mismatched = Tensor.of(-9.0, -4.0, -15.0, -1.5, -6.0).to(dtype);
      Tensor z0 = KtoLoss.klEstimate(mismatched, mismatched);
      KtoOutput out = new KtoLoss(KtoConfig.defaults()).compute(new KtoBatch(chosen, rejected, chosen, rejected), z0);
      double tol = dtype == DType.FLOAT32 ? 1e-7 : 1e-15;
      assertEquals(0.5, out.loss().item(), tol, dtype + ": 1 - sigmoid(0)");
      assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5, 0.5}, out.losses().toDoubleArray(), tol, dtype.toString());

      KtoOutput weighted = new KtoLoss(KtoConfig.defaults().withWeights(1.0, 1.5)).compute(new KtoBatch(chosen, rejected, chosen, rejected), z0);
      assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.75, 0.75}, weighted.losses().toDoubleArray(), tol, dtype + ", weights (1, 1.5)");
    }
  }

  @Test
  void descentRaisesDesirableLogProbabilitiesAndLowersUndesirableOnes() {
    for (LossType type : LossType.values()) {
      Tensor pc = Tensor.of(-4.0, -6.0, -1.0).requiresGrad_(true);
      Tensor pr = Tensor.of(-5.0, -3.0).requiresGrad_(true);
      KtoLoss kto = new KtoLoss(KtoConfig.defaults().withLossType(type));
      KtoBatch batch = new KtoBatch(pc, pr, pc.detach().add(0.5), pr.detach().sub(0.5));
      KtoOutput out = type == LossType.KTO ? kto.compute(batch, Tensor.of(0.7).reshape()) : kto.compute(batch);
      out.loss().backward();
      for (double g : pc.grad().toDoubleArray()) assertTrue(g < 0, type + ": dL/dlog pi(y_desirable) = " + g);
      for (double g : pr.grad().toDoubleArray()) assertTrue(g > 0, type + ": dL/dlog pi(y_undesirable) = " + g);
    }
  }

  /**
   * The loss is the mean over all n_D + n_U examples of TRL's concatenated losses (not the mean of
   * the two kinds' means), each example written out here with its own sigmoid.
   */
  @Test
  void lossIsTheMeanOverAllExamplesOfTheWeightedPerExampleLosses() {
    double beta = 0.25;
    double wd = 1.2;
    double wu = 0.7;
    double[] pc = {-2.0, -9.0, -4.5};
    double[] rc = {-3.0, -7.5, -4.0};
    double[] pr = {-8.0};
    double[] rr = {-6.0};
    double z0 = 0.4;
    double sum = 0;
    for (int i = 0; i < pc.length; i++) sum += wd * (1 - sigmoid(beta * (pc[i] - rc[i] - z0)));
    sum += wu * (1 - sigmoid(beta * (z0 - (pr[0] - rr[0]))));
    KtoOutput out = new KtoLoss(new KtoConfig(beta, wd, wu, LossType.KTO))
        .compute(new KtoBatch(Tensor.of(pc), Tensor.of(pr), Tensor.of(rc), Tensor.of(rr)), Tensor.of(z0));
    assertEquals(sum / 4, out.loss().item(), 1e-15);
    assertArrayEquals(new double[] {beta * 1.0, beta * -1.5, beta * -0.5}, out.chosenRewards().toDoubleArray(), 1e-15);
    assertArrayEquals(new double[] {beta * -2.0}, out.rejectedRewards().toDoubleArray(), 1e-15);
  }

  @Test
  void klEstimateIsTheMeanMismatchedLogRatioClampedAtZeroWithoutGradient() {
    Tensor policy = Tensor.of(-3.0, -5.0, -2.0, -7.0).requiresGrad_(true);
    Tensor reference = Tensor.of(-4.0, -5.5, -1.0, -9.0);
    Tensor z0 = KtoLoss.klEstimate(policy, reference);
    assertEquals(0, z0.dim());
    assertEquals((1.0 + 0.5 - 1.0 + 2.0) / 4, z0.item(), 1e-15);
    assertFalse(z0.requiresGrad(), "z_0 is detached");
    assertEquals(0.0, KtoLoss.klEstimate(reference, policy.detach()).item(), 0.0, "a negative mean is clamped at 0");

    Tensor pc = Tensor.of(-2.0, -3.0).requiresGrad_(true);
    new KtoLoss(KtoConfig.defaults()).compute(new KtoBatch(pc, EMPTY, pc.detach(), EMPTY), z0).loss().backward();
    assertNull(policy.grad(), "no gradient reaches the mismatched completions");
  }

  @Test
  void aDesirableExampleWhoseLogRatioEqualsTheReferencePointLosesHalfItsWeight() {
    double z0 = 1.3;
    Tensor pc = Tensor.of(-4.0 + z0);
    Tensor pr = Tensor.of(-6.0 + z0);
    KtoOutput out = new KtoLoss(KtoConfig.defaults().withBeta(0.7).withWeights(2.0, 3.0))
        .compute(new KtoBatch(pc, pr, Tensor.of(-4.0), Tensor.of(-6.0)), Tensor.of(z0));
    assertArrayEquals(new double[] {1.0, 1.5}, out.losses().toDoubleArray(), 1e-15);
  }

  @Test
  void apoZeroUnpairedIgnoresTheReferencePoint() {
    double beta = 0.3;
    Tensor pc = Tensor.of(-1.0, -5.0);
    Tensor rc = Tensor.of(-2.0, -4.0);
    Tensor pr = Tensor.of(-3.0);
    Tensor rr = Tensor.of(-1.0);
    KtoOutput out = new KtoLoss(KtoConfig.defaults().withBeta(beta).withLossType(LossType.APO_ZERO_UNPAIRED))
        .compute(new KtoBatch(pc, pr, rc, rr));
    double expected = ((1 - sigmoid(beta * 1.0)) + (1 - sigmoid(beta * -1.0)) + sigmoid(beta * -2.0)) / 3;
    assertEquals(expected, out.loss().item(), 1e-15);
    assertEquals(0.0, out.kl().item(), 0.0);
  }

  @Test
  void eitherSideMayBeEmpty() {
    Tensor pc = Tensor.of(-2.0, -3.0);
    Tensor rc = Tensor.of(-2.5, -2.0);
    KtoLoss kto = new KtoLoss(KtoConfig.defaults());
    KtoOutput onlyChosen = kto.compute(new KtoBatch(pc, EMPTY, rc, EMPTY), Tensor.of(0.0));
    assertEquals(((1 - sigmoid(0.05)) + (1 - sigmoid(-0.1))) / 2, onlyChosen.loss().item(), 1e-15);
    assertEquals(0, onlyChosen.rejectedRewards().size(0));
    KtoOutput onlyRejected = kto.compute(new KtoBatch(EMPTY, pc, EMPTY, rc), Tensor.of(0.0));
    assertEquals(((1 - sigmoid(-0.05)) + (1 - sigmoid(0.1))) / 2, onlyRejected.loss().item(), 1e-15);
    assertFalse(onlyRejected.metrics().containsKey("rewards/chosen"));
    assertFalse(onlyRejected.metrics().containsKey("rewards/margins"));
  }

  @Test
  void metricsAreTrlsPerBatchMeans() {
    Tensor pc = Tensor.of(-1.0, -2.5);
    Tensor rc = Tensor.of(-2.0, -2.0);
    Tensor pr = Tensor.of(-6.0, -4.0, -4.4);
    Tensor rr = Tensor.of(-5.0, -5.0, -5.0);
    Map<String, Double> m = new KtoLoss(KtoConfig.defaults().withBeta(0.5))
        .compute(new KtoBatch(pc, pr, rc, rr), Tensor.of(0.25)).metrics();
    assertEquals(0.25, m.get("kl"));
    assertEquals(0.5 * (1.0 - 0.5) / 2, m.get("rewards/chosen"), 1e-15);
    assertEquals(0.5 * (-1.0 + 1.0 + 0.6) / 3, m.get("rewards/rejected"), 1e-15);
    assertEquals(0.125 - 0.1, m.get("rewards/margins"), 1e-15);
    assertEquals(-1.75, m.get("logps/chosen"), 1e-15);
    assertEquals(-14.4 / 3, m.get("logps/rejected"), 1e-15);
    assertEquals(2.0, m.get("count/chosen"));
    assertEquals(3.0, m.get("count/rejected"));
  }

  @Test
  void theReferenceNeverReceivesAGradient() {
    Tensor ref = Tensor.of(-1.0, -2.0).requiresGrad_(true);
    Tensor pc = Tensor.of(-1.5, -2.5).requiresGrad_(true);
    new KtoLoss(KtoConfig.defaults()).compute(new KtoBatch(pc, EMPTY, ref, EMPTY), Tensor.of(0.1)).loss().backward();
    assertNull(ref.grad());
    assertTrue(pc.grad() != null);
  }

  @Test
  void badConfigurationsAndBatchesAreNamed() {
    Tensor x = Tensor.of(-1.0, -2.0);
    KtoBatch batch = new KtoBatch(x, x, x, x);
    assertMessage("KtoConfig: beta must be positive, got 0.0", () -> KtoConfig.defaults().withBeta(0));
    assertMessage("KtoConfig: undesirableWeight must be >= 0, got -1.0", () -> KtoConfig.defaults().withWeights(1, -1));
    assertMessage("KtoConfig: lossType is null", () -> KtoConfig.defaults().withLossType(null));
    assertMessage("KtoLoss: kto needs the KL estimate z_0", () -> new KtoLoss(KtoConfig.defaults()).compute(batch));
    assertMessage("KtoLoss: apo_zero_unpaired does not read a KL estimate",
        () -> new KtoLoss(KtoConfig.defaults().withLossType(LossType.APO_ZERO_UNPAIRED)).compute(batch, Tensor.of(0.0)));
    assertMessage("KtoLoss: kl must hold one value, got shape [2]", () -> new KtoLoss(KtoConfig.defaults()).compute(batch, x));
    assertMessage("KtoBatch: no examples (chosen and rejected are both empty)", () -> new KtoBatch(EMPTY, EMPTY, EMPTY, EMPTY));
    assertMessage("KtoBatch: refRejected has 1 examples, policyRejected 2", () -> new KtoBatch(x, x, x, Tensor.of(-1.0)));
    assertMessage("KtoBatch: policyRejected is float32, policyChosen float64", () -> new KtoBatch(x, x.to(DType.FLOAT32), x, x));
    assertMessage("KtoBatch: policyChosen must be (n), got shape [1, 2]", () -> new KtoBatch(x.reshape(1, 2), x, x, x));
    assertMessage("KtoLoss.klEstimate: expected two (B) tensors of one shape, got [2] and [3]",
        () -> KtoLoss.klEstimate(x, Tensor.of(1.0, 2.0, 3.0)));
    assertMessage("KtoLoss.klEstimate: no mismatched completions", () -> KtoLoss.klEstimate(EMPTY, EMPTY));
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  private static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    assertTrue(ex.getMessage().contains(part), () -> "message '" + ex.getMessage() + "' lacks '" + part + "'");
  }
}
