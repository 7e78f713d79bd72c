package io.frontier.rl.preference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.optim.LBFGS;
import io.frontier.optim.LbfgsOptions;
import io.frontier.tensor.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModpoLossTest {
  private static final LbfgsOptions TIGHT =
      LbfgsOptions.defaults().withMaxIter(2000).withMaxEval(10000).withToleranceGrad(1e-13).withToleranceChange(0);

  /**
   * MODPO's claim: trained on preferences of objective 0 alone (Bradley-Terry in r_0), with r_1 as
   * a margin, its optimum is the RLHF optimum of the scalarised reward,
   * {@code pi* ~ pi_ref exp((w_0 r_0 + w_1 r_1) / beta)}, for every weighting.
   */
  @Test
  void optimumIsTheReferenceTiltedByTheScalarisedReward() {
    int k = 5;
    double beta = 0.3;
    Random rnd = new Random(21);
    double[] r0 = new double[k];
    double[] r1 = new double[k];
    double[] refLogits = new double[k];
    for (int i = 0; i < k; i++) {
      r0[i] = rnd.nextGaussian();
      r1[i] = rnd.nextGaussian();
      refLogits[i] = rnd.nextGaussian();
    }
    OrderedPairs pairs = OrderedPairs.bradleyTerry(r0);
    Tensor marginChosen = pairs.chosenOf(Tensor.of(r1)).unsqueeze(1);
    Tensor marginRejected = pairs.rejectedOf(Tensor.of(r1)).unsqueeze(1);
    Tensor logRef = Tensor.of(refLogits).logSoftmax(0);
    for (double w0 : new double[] {0.2, 0.5, 0.8}) {
      ModpoLoss modpo = new ModpoLoss(beta, new double[] {w0, 1 - w0}, false);
      Tensor theta = Tensor.of(refLogits.clone()).requiresGrad_(true);
      LBFGS opt = new LBFGS(List.of(theta), TIGHT);
      opt.step(() -> {
        opt.zeroGrad();
        Tensor logPi = theta.logSoftmax(0);
        PreferenceBatch b = PreferenceBatch.of(pairs.chosenOf(logPi), pairs.rejectedOf(logPi), pairs.chosenOf(logRef), pairs.rejectedOf(logRef));
        Tensor loss = modpo.compute(b, marginChosen, marginRejected).perPair().mul(pairs.weights()).sum();
        loss.backward();
        return loss;
      });
      double[] expected = logRef.add(Tensor.of(r0).mul(w0).add(Tensor.of(r1).mul(1 - w0)).div(beta)).logSoftmax(0).toDoubleArray();
      double[] actual = theta.detach().logSoftmax(0).toDoubleArray();
      for (int i = 0; i < k; i++) assertEquals(expected[i], actual[i], 1e-6, "w_0 = " + w0 + ", log pi*(" + i + ")");
    }
  }

  @Test
  void withZeroMarginWeightItIsDpoWithBetaOverW0() {
    Tensor pc = Tensor.of(-3.0, -5.0, -2.0);
    Tensor pr = Tensor.of(-4.0, -1.0, -2.5);
    Tensor rc = Tensor.of(-3.5, -4.0, -2.0);
    Tensor rr = Tensor.of(-3.0, -2.0, -3.0);
    Tensor margins = Tensor.of(new double[][] {{1.0}, {-2.0}, {0.5}});
    double modpo = new ModpoLoss(0.2, new double[] {0.5, 0.0}, false).compute(PreferenceBatch.of(pc, pr, rc, rr), margins, margins.neg()).loss().item();
    double dpo = new DpoLoss(DpoConfig.defaults().withBeta(0.4)).compute(PreferenceBatch.of(pc, pr, rc, rr)).loss().item();
    assertEquals(dpo, modpo, 1e-15);
  }

  @Test
  void badWeightsAndMarginsAreNamed() {
    Tensor x = Tensor.of(-1.0, -2.0);
    PreferenceBatch b = PreferenceBatch.of(x, x, x, x);
    assertMessage("at least one margin objective", () -> new ModpoLoss(0.1, new double[] {1.0}, false));
    assertMessage("w_0 must be positive, got 0.0", () -> new ModpoLoss(0.1, new double[] {0.0, 1.0}, false));
    assertMessage("marginChosen must be (B, m) = (2, 2), got [2, 1]",
        () -> new ModpoLoss(0.1, new double[] {0.5, 0.3, 0.2}, false).compute(b, Tensor.of(new double[][] {{1}, {2}}), null));
  }

  private static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    assertTrue(ex.getMessage().contains(part), () -> "message '" + ex.getMessage() + "' lacks '" + part + "'");
  }
}
