package io.frontier.rl.reward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class RewardTest {
  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  @Test
  void bradleyTerryLossAndGradientAreTheClosedForm() {
    double[] w = {1.0, -0.5, 2.0};
    double[] l = {0.0, 0.5, 2.5};
    double[] m = {0.25, 0.0, -1.0};
    double eta = 0.01;
    Tensor chosen = Tensor.of(w.clone()).requiresGrad_(true);
    Tensor rejected = Tensor.of(l.clone()).requiresGrad_(true);
    Tensor loss = new BradleyTerryLoss(eta).loss(chosen, rejected, Tensor.of(m));
    double expected = 0;
    double[] gw = new double[3];
    double[] gl = new double[3];
    for (int i = 0; i < 3; i++) {
      double gap = w[i] - l[i] - m[i];
      expected += (-Math.log(sigmoid(gap)) + eta * (w[i] + l[i]) * (w[i] + l[i])) / 3;
      gw[i] = (-sigmoid(-gap) + 2 * eta * (w[i] + l[i])) / 3;
      gl[i] = (sigmoid(-gap) + 2 * eta * (w[i] + l[i])) / 3;
    }
    assertEquals(expected, loss.item(), 1e-15);
    loss.backward();
    assertArrayEquals(gw, chosen.grad().toDoubleArray(), 1e-15);
    assertArrayEquals(gl, rejected.grad().toDoubleArray(), 1e-15);
    assertEquals(1.0 / 3, BradleyTerryLoss.accuracy(Tensor.of(w), Tensor.of(l)), 0.0);
  }

  @Test
  void logSigmoidTransformSaturatesAboveTheReference() {
    Tensor r = Tensor.of(-4.0, 0.0, 4.0, 8.0);
    double[] u = RewardTransforms.logSigmoidCentered(r, Tensor.scalar(1.0)).toDoubleArray();
    for (int i = 0; i < 4; i++) assertEquals(Math.log(sigmoid(r.toDoubleArray()[i] - 1.0)), u[i], 1e-15);
    // equal raw steps of 4: the gain shrinks once above the reference
    assertTrue(u[1] - u[0] > 3.5 && u[3] - u[2] < 0.05, java.util.Arrays.toString(u));
    Tensor both = RewardTransforms.conjunction(List.of(r, r.neg()), List.of(Tensor.scalar(0.0), Tensor.scalar(0.0)));
    assertEquals(Math.log(sigmoid(4)) + Math.log(sigmoid(-4)), both.toDoubleArray()[2], 1e-15);
  }

  /**
   * The paper's claim, on its closed form: for K responses with two properties, the KL-regularised
   * optimum {@code pi ~ pi_ref exp(u / beta)} of the summed transformed rewards puts more mass on
   * responses good on both properties than the optimum of the summed raw rewards does, at the same
   * KL from the reference (beta bisected for each). Checked over several random instances.
   */
  @Test
  void transformedConjunctionFindsResponsesGoodOnBothAtMatchedKl() {
    int instances = 20;
    int wins = 0;
    double meanGain = 0;
    java.util.Random rnd = new java.util.Random(12);
    for (int s = 0; s < instances; s++) {
      int k = 64;
      double[] logRef = new double[k];
      double[] r1 = new double[k];
      double[] r2 = new double[k];
      for (int i = 0; i < k; i++) {
        logRef[i] = rnd.nextGaussian();
        r1[i] = rnd.nextGaussian();
        r2[i] = rnd.nextGaussian() * 2; // the second property's reward model has a larger scale
      }
      Tensor ref = Tensor.of(logRef).logSoftmax(0);
      double ref1 = weightedMedian(r1, ref.exp().toDoubleArray());
      double ref2 = weightedMedian(r2, ref.exp().toDoubleArray());
      Tensor raw = Tensor.of(r1).add(Tensor.of(r2));
      Tensor lsc = RewardTransforms.conjunction(List.of(Tensor.of(r1), Tensor.of(r2)), List.of(Tensor.scalar(ref1), Tensor.scalar(ref2)));
      double[] good = new double[k];
      for (int i = 0; i < k; i++) good[i] = r1[i] > ref1 && r2[i] > ref2 ? 1 : 0;
      double kl = 1.0;
      double pRaw = massOn(good, tilt(ref, raw, kl));
      double pLsc = massOn(good, tilt(ref, lsc, kl));
      if (pLsc > pRaw) wins++;
      meanGain += (pLsc - pRaw) / instances;
    }
    System.out.printf("RewardTest: transformed sum better in %d of %d instances, mean gain %.3f%n", wins, instances, meanGain);
    assertTrue(wins >= 15 && meanGain > 0.05, "transformed sum better in " + wins + " of " + instances + ", mean gain " + meanGain);
  }

  @Test
  void ensembleAggregatesAreMeanMinimumAndPenalisedMean() {
    Tensor r = Tensor.of(new double[][] {{1.0, 2.0, -1.0}, {3.0, 2.0, 1.0}});
    assertArrayEquals(new double[] {2.0, 2.0, 0.0}, RewardEnsemble.mean(r).toDoubleArray(), 0.0);
    assertArrayEquals(new double[] {1.0, 2.0, -1.0}, RewardEnsemble.worstCase(r).toDoubleArray(), 0.0);
    // member variance (1/k): 1, 0, 1
    assertArrayEquals(new double[] {1.5, 2.0, -0.5}, RewardEnsemble.uncertaintyWeighted(r, 0.5).toDoubleArray(), 0.0);
    assertThrows(IllegalArgumentException.class, () -> RewardEnsemble.mean(Tensor.of(1.0, 2.0)));
  }

  /**
   * {@code log n - (n - 1)/n} is the KL of best-of-n from a continuous policy; for a fine discrete
   * one (K equiprobable responses, distinct rewards) the exact best-of-n distribution,
   * {@code P(rank j is best) = (j/K)^n - ((j-1)/K)^n}, has nearly that KL.
   */
  @Test
  void bestOfNKlIsTheAnalyticFormula() {
    int k = 100_000;
    for (int n : new int[] {1, 2, 4, 16, 64}) {
      double kl = 0;
      for (int j = 1; j <= k; j++) {
        double p = Math.pow((double) j / k, n) - Math.pow((double) (j - 1) / k, n);
        if (p > 0) kl += p * Math.log(p * k);
      }
      assertEquals(BestOfN.klDivergence(n), kl, 2e-3, "n = " + n);
    }
    Tensor picked = BestOfN.select(Tensor.of(new double[][] {{0.1, 0.9, 0.3}, {2.0, -1.0, 2.0}}));
    assertArrayEquals(new long[] {1, 0}, picked.toLongArray());
  }

  /** pi ~ ref exp(u / beta) with beta bisected (on log beta) so that KL(pi || ref) = kl. */
  private static Tensor tilt(Tensor logRef, Tensor u, double kl) {
    double lo = Math.log(1e-4);
    double hi = Math.log(1e4);
    Tensor logPi = logRef;
    for (int it = 0; it < 200; it++) {
      double mid = 0.5 * (lo + hi);
      logPi = logRef.add(u.div(Math.exp(mid))).logSoftmax(0);
      double d = logPi.exp().mul(logPi.sub(logRef)).sum().item();
      if (d > kl) lo = mid;
      else hi = mid;
    }
    return logPi.exp();
  }

  private static double massOn(double[] indicator, Tensor pi) {
    return pi.mul(Tensor.of(indicator)).sum().item();
  }

  private static double weightedMedian(double[] values, double[] weights) {
    Integer[] order = new Integer[values.length];
    for (int i = 0; i < order.length; i++) order[i] = i;
    java.util.Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
    double c = 0;
    for (int i : order) {
      c += weights[i];
      if (c >= 0.5) return values[i];
    }
    return values[order[order.length - 1]];
  }
}
