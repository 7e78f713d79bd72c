package io.frontier.rl.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.autograd.Autograd;
import io.frontier.rl.policy.PpoLoss;
import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MirrorLossTest {

  /** A right-padded bool mask (B, T) whose row b has lengths[b] real tokens. */
  static Tensor mask(int t, int... lengths) {
    boolean[] m = new boolean[lengths.length * t];
    for (int b = 0; b < lengths.length; b++) for (int i = 0; i < lengths[b]; i++) m[b * t + i] = true;
    return Tensor.fromArray(m, lengths.length, t);
  }

  static Tensor gaussian(Random rng, double scale, int b, int t) {
    double[] x = new double[b * t];
    for (int i = 0; i < x.length; i++) x[i] = scale * rng.nextGaussian();
    return Tensor.fromArray(x, b, t);
  }

  static double maxAbsDiff(Tensor x, Tensor y) {
    return x.sub(y).abs().max().item();
  }

  @Test
  void ppoClipDriftGivesPpoLossValuesAndGradientsOnRandomInputs() {
    Random rng = new Random(29);
    double worstValue = 0;
    double worstGrad = 0;
    int clippedSomewhere = 0;
    int[][] shapes = {{1, 1}, {3, 7}, {5, 13}, {2, 31}};
    for (int[] s : shapes) {
      for (double[] clip : new double[][] {{0.2, 0.2}, {0.2, 0.28}, {0.1, 0.5}}) {
        int b = s[0];
        int t = s[1];
        int[] lengths = new int[b];
        for (int i = 0; i < b; i++) lengths[i] = 1 + rng.nextInt(t);
        Tensor m = mask(t, lengths);
        Tensor old = gaussian(rng, 1.0, b, t);
        // log-ratios of spread 0.4 put ratios both inside and beyond the clip range
        Tensor lp = old.add(gaussian(rng, 0.4, b, t));
        Tensor adv = gaussian(rng, 1.0, b, t);

        Tensor leafPpo = lp.clone().requiresGrad_(true);
        PpoLoss.Policy ppo = PpoLoss.policy(leafPpo, old, adv, m, clip[0], clip[1]);
        Tensor gPpo = Autograd.grad(ppo.loss(), leafPpo)[0];
        Tensor leafMirror = lp.clone().requiresGrad_(true);
        MirrorLoss.Policy mirror = MirrorLoss.policy(leafMirror, old, adv, m, new PpoClipDrift(clip[0], clip[1]), 0.37);
        Tensor gMirror = Autograd.grad(mirror.loss(), leafMirror)[0];

        worstValue = Math.max(worstValue, Math.abs(ppo.loss().item() - mirror.loss().item()));
        worstGrad = Math.max(worstGrad, maxAbsDiff(gPpo, gMirror));
        if (ppo.clipFraction().item() > 0) clippedSomewhere++;
        // the drift is positive exactly where PPO's clipped term wins
        assertEquals(ppo.clipFraction().item() > 0, mirror.driftMean().item() > 0);
        assertEquals(ppo.ratioMean().item(), mirror.ratioMean().item(), 1e-15);
      }
    }
    // r·A − ReLU((r − c)·A) and min(r·A, c·A) are the same number up to rounding, and so are their gradients
    assertTrue(worstValue <= 1e-15, "value differs by " + worstValue);
    assertTrue(worstGrad <= 1e-15, "gradient differs by " + worstGrad);
    assertTrue(clippedSomewhere >= 9, "the clip bound in only " + clippedSomewhere + " of 12 cases");
    System.out.printf("PPO as a drift: max |Δloss| = %.3g, max |Δgrad| = %.3g over 12 cases%n", worstValue, worstGrad);
  }

  @Test
  void perSequenceAdvantagesMatchPpoLossToo() {
    Random rng = new Random(5);
    Tensor m = mask(9, 9, 4, 1);
    Tensor old = gaussian(rng, 1.0, 3, 9);
    Tensor lp = old.add(gaussian(rng, 0.5, 3, 9)).requiresGrad_(true);
    Tensor adv = gaussian(rng, 1.0, 3, 1);
    Tensor ppo = PpoLoss.policy(lp, old, adv, m, 0.2).loss();
    Tensor mirror = MirrorLoss.policy(lp, old, adv, m, PpoClipDrift.of(0.2), 0).loss();
    assertEquals(ppo.item(), mirror.item(), 1e-15);
    assertTrue(maxAbsDiff(Autograd.grad(ppo, lp)[0], Autograd.grad(mirror, lp)[0]) <= 1e-15);
  }

  @Test
  void lossIsMinusTheMaskedMeanOfRatioTimesAdvantageMinusDrift() {
    // one row, three real tokens and one padded: ratios e^0.3, e^-0.5, 1; advantages 1, -2, 0.5; DPO drift
    Tensor lp = Tensor.of(new double[][] {{0.3, -0.5, 0.0, 7.0}});
    Tensor old = Tensor.zeros(DType.FLOAT64, 1, 4);
    Tensor adv = Tensor.of(new double[][] {{1.0, -2.0, 0.5, 3.0}});
    Tensor m = Tensor.of(new double[][] {{1, 1, 1, 0}});
    MirrorLoss.Policy p = MirrorLoss.policy(lp, old, adv, m, DpoDrift.DEFAULT, 0);
    double r0 = Math.exp(0.3);
    double r1 = Math.exp(-0.5);
    double f0 = Math.max(0, (r0 - 1) * 1 - 2 * Math.tanh((r0 - 1) / 2));
    double x1 = -0.5 * -2.0;
    double f1 = Math.max(0, x1 - 0.6 * Math.tanh(x1 / 0.6));
    double objective = (r0 * 1 - f0 + r1 * -2 - f1 + 1 * 0.5 - 0) / 3;
    assertEquals(-objective, p.loss().item(), 1e-15);
    assertEquals((f0 + f1) / 3, p.driftMean().item(), 1e-15);
    assertEquals((r0 + r1 + 1) / 3, p.ratioMean().item(), 1e-15);
    assertTrue(f1 > 0, "the rollback branch is exercised");
  }

  @Test
  void nanAndInfInPaddingNeverReachTheLossOrItsGradient() {
    double nan = Double.NaN;
    Tensor lp = Tensor.of(new double[][] {{0.1, nan}, {-0.2, Double.POSITIVE_INFINITY}}).requiresGrad_(true);
    Tensor old = Tensor.of(new double[][] {{0.0, nan}, {0.0, 1.0}});
    Tensor adv = Tensor.of(new double[][] {{1.0, nan}, {-1.0, Double.NEGATIVE_INFINITY}});
    Tensor m = mask(2, 1, 1);
    for (Drift d : new Drift[] {PpoClipDrift.of(0.2), DpoDrift.DEFAULT, new ClipScheduleDrift(0.1, 0.2)}) {
      Tensor loss = MirrorLoss.policy(lp, old, adv, m, d, 1).loss();
      assertFalse(Double.isNaN(loss.item()), d.toString());
      double[] g = Autograd.grad(loss, lp)[0].toDoubleArray();
      assertEquals(0.0, g[1]);
      assertEquals(0.0, g[3]);
      assertTrue(Double.isFinite(g[0]) && Double.isFinite(g[2]));
    }
  }

  @Test
  void float32InputsGiveAFloat32Loss() {
    Random rng = new Random(1);
    Tensor old = gaussian(rng, 1.0, 2, 5).to(DType.FLOAT32);
    Tensor lp = old.add(gaussian(rng, 0.3, 2, 5).to(DType.FLOAT32)).requiresGrad_(true);
    Tensor adv = gaussian(rng, 1.0, 2, 5).to(DType.FLOAT32);
    Tensor loss = MirrorLoss.policy(lp, old, adv, mask(5, 5, 3), DpoDrift.DEFAULT, 0.5).loss();
    assertEquals(DType.FLOAT32, loss.dtype());
    assertEquals(DType.FLOAT32, Autograd.grad(loss, lp)[0].dtype());
  }

  static void throwsNaming(org.junit.jupiter.api.function.Executable body, String... words) {
    String message = assertThrows(IllegalArgumentException.class, body).getMessage();
    for (String w : words) assertTrue(message.contains(w), () -> "'" + message + "' does not mention '" + w + "'");
  }

  @Test
  void errorsNameTheProblem() {
    Tensor x = Tensor.zeros(DType.FLOAT64, 2, 3);
    Tensor m = mask(3, 3, 3);
    Drift d = PpoClipDrift.of(0.2);
    throwsNaming(() -> MirrorLoss.policy(x, Tensor.zeros(DType.FLOAT64, 2, 4), x, m, d, 0), "oldLogProbs", "[2, 4]");
    throwsNaming(() -> MirrorLoss.policy(x, x, Tensor.zeros(DType.FLOAT64, 3, 1), m, d, 0), "advantages", "(2, 1)");
    throwsNaming(() -> MirrorLoss.policy(x, x, x, mask(3, 0, 0), d, 0), "mask sums to 0.0");
    throwsNaming(() -> MirrorLoss.policy(x, x, x, m, d, 1.5), "progress", "1.5");
    throwsNaming(() -> MirrorLoss.policy(x, x, x, m, null, 0), "drift is null");
    throwsNaming(() -> MirrorLoss.policy(x, x, x, m, (r, a, t) -> r.sum(), 0), "returned shape []");
    throwsNaming(() -> MirrorLoss.policy(x, x.to(DType.FLOAT32), x, m, d, 0), "oldLogProbs is float32");
  }
}
