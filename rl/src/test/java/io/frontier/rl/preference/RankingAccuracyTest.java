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

class RankingAccuracyTest {

  @Test
  void countsStrictlyMoreLikelyChosenCompletions() {
    assertEquals(0.5, RankingAccuracy.of(Tensor.of(-1.0, -2.0, -3.0, -4.0), Tensor.of(-2.0, -2.0, -1.0, -5.0)), 0.0);
    SequenceLogProbs chosen = new SequenceLogProbs(Tensor.of(-6.0, -2.0), Tensor.of(6.0, 1.0));
    SequenceLogProbs rejected = new SequenceLogProbs(Tensor.of(-3.0, -3.0), Tensor.of(2.0, 1.0));
    // summed: -6 < -3 and -2 > -3; per token: -1 > -1.5 and -2 > -3
    assertEquals(0.5, RankingAccuracy.of(chosen.logProbs(), rejected.logProbs()), 0.0);
    assertEquals(1.0, RankingAccuracy.lengthNormalised(chosen, rejected), 0.0);
  }

  @Test
  void idealisedAccuracyFlipsAMisrankedPairOnlyForAStrongEnoughPreference() {
    // the reference misranks the pair by c = 1 nat; logit(0.9) = 2.197
    Tensor w = Tensor.of(-5.0);
    Tensor l = Tensor.of(-4.0);
    Tensor alpha = Tensor.of(0.9);
    assertEquals(1.0, RankingAccuracy.idealised(w, l, alpha, 0.1), 0.0);
    assertEquals(0.0, RankingAccuracy.idealised(w, l, alpha, 10.0), 0.0);
    assertEquals(-1 + Math.log(9) / 2.0, RankingAccuracy.idealisedMargin(w, l, alpha, 2.0).item(), 1e-15);
    assertEquals(Double.POSITIVE_INFINITY, RankingAccuracy.idealisedMargin(w, l, Tensor.of(1.0), 100.0).item());
  }

  /**
   * The formula against the thing it describes: pairs with preference probabilities alpha, each
   * DPO objective {@code -alpha log sigmoid(beta m) - (1 - alpha) log sigmoid(-beta m)} minimised
   * exactly; the optimum's margins and ranking accuracy are the idealised ones.
   */
  @Test
  void idealisedAccuracyIsTheExactDpoOptimumsAccuracy() {
    int pairs = 40;
    double beta = 0.5;
    Random rnd = new Random(8);
    double[] refW = new double[pairs];
    double[] refL = new double[pairs];
    double[] alpha = new double[pairs];
    for (int p = 0; p < pairs; p++) {
      refW[p] = -5 + 2 * rnd.nextGaussian();
      refL[p] = -5 + 2 * rnd.nextGaussian();
      alpha[p] = 0.5 + 0.49 * rnd.nextDouble();
    }
    Tensor a = Tensor.of(alpha);
    Tensor rw = Tensor.of(refW);
    Tensor rl = Tensor.of(refL);
    Tensor shift = Tensor.zeros(io.frontier.tensor.DType.FLOAT64, pairs).requiresGrad_(true); // rho_w - rho_l of each pair
    DpoLoss dpo = new DpoLoss(DpoConfig.defaults().withBeta(beta));
    LBFGS opt = new LBFGS(List.of(shift), LbfgsOptions.defaults().withMaxIter(1000).withToleranceGrad(1e-12).withToleranceChange(0));
    opt.step(() -> {
      opt.zeroGrad();
      Tensor won = dpo.compute(PreferenceBatch.of(rw.add(shift), rl, rw, rl)).perPair();
      Tensor lost = dpo.compute(PreferenceBatch.of(rl, rw.add(shift), rl, rw)).perPair();
      Tensor loss = won.mul(a).add(lost.mul(a.rsub(1.0))).sum();
      loss.backward();
      return loss;
    });
    Tensor optimumW = rw.add(shift.detach());
    double[] margins = optimumW.sub(rl).toDoubleArray();
    double[] idealMargins = RankingAccuracy.idealisedMargin(rw, rl, a, beta).toDoubleArray();
    for (int p = 0; p < pairs; p++) assertEquals(idealMargins[p], margins[p], 1e-6, "pair " + p);
    double ideal = RankingAccuracy.idealised(rw, rl, a, beta);
    assertEquals(ideal, RankingAccuracy.of(optimumW, rl), 0.0);
    assertTrue(ideal > 0.5 && ideal < 1.0, "the sample should hold misranked pairs the optimum keeps: " + ideal);
  }

  @Test
  void aMisrankedPairIsRankedRightExactlyWhenItsDpoLossIsUnderTheThreshold() {
    double beta = 0.1;
    double c = 3.0; // the reference prefers the rejected completion by 3 nats
    Tensor refW = Tensor.of(-8.0);
    Tensor refL = Tensor.of(-5.0);
    double threshold = RankingAccuracy.flipLossThreshold(refW, refL, beta).item();
    assertEquals(-Math.log(1 / (1 + Math.exp(-beta * c))), threshold, 1e-15);
    assertTrue(threshold < Math.log(2));
    DpoLoss dpo = new DpoLoss(DpoConfig.defaults().withBeta(beta));
    for (double delta : new double[] {-0.01, 0.01}) {
      Tensor policyW = refW.add(c + delta); // rho_w = c + delta, rho_l = 0
      double loss = dpo.compute(PreferenceBatch.of(policyW, refL, refW, refL)).loss().item();
      assertEquals(delta > 0, loss < threshold, "delta " + delta);
      assertEquals(delta > 0 ? 1.0 : 0.0, RankingAccuracy.of(policyW, refL), 0.0);
    }
  }

  @Test
  void badInputsAreNamed() {
    Tensor x = Tensor.of(-1.0, -2.0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RankingAccuracy.idealised(x, x, Tensor.of(0.5, 1.5), 0.1));
    assertTrue(e.getMessage().contains("alpha must lie in (0, 1], got values in [0.5, 1.5]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> RankingAccuracy.of(x, Tensor.of(1.0)));
    assertTrue(e.getMessage().contains("expected two (B) tensors of one shape, got [2] and [1]"), e.getMessage());
  }
}
