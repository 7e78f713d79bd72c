package io.frontier.rl.policy;

import static io.frontier.rl.policy.TestSupport.mask;
import static io.frontier.rl.policy.TestSupport.throwsNaming;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.Arrays;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class PpoLossTest {
  final int b = 3;
  final int t = 6;
  final int[] lengths = {6, 2, 4};
  final Tensor m = mask(t, lengths);
  final Random rng = new Random(17);
  final double[][] oldLp = TestSupport.gaussian(rng, b, t, 1.0);
  final double[][] newLp = new double[b][t];
  final double[][] adv = TestSupport.gaussian(rng, b, t, 1.0);

  {
    // log-ratios of spread 0.3 put some ratios beyond 1 ± 0.2 and some inside
    for (int i = 0; i < b; i++) for (int j = 0; j < t; j++) newLp[i][j] = oldLp[i][j] + 0.3 * rng.nextGaussian();
  }

  /** L^CLIP, clip fraction, ½ mean Δ², mean (ρ - 1 - Δ), mean ρ over real tokens, by plain loops. */
  double[] naivePolicy(double[][] lp, double lo, double hi) {
    double loss = 0;
    double clipped = 0;
    double kl = 0;
    double k3 = 0;
    double ratios = 0;
    int n = 0;
    for (int i = 0; i < b; i++) {
      for (int j = 0; j < lengths[i]; j++, n++) {
        double d = lp[i][j] - oldLp[i][j];
        double ratio = Math.exp(d);
        double plain = -adv[i][j] * ratio;
        double clip = -adv[i][j] * Math.min(Math.max(ratio, 1 - lo), 1 + hi);
        loss += Math.max(plain, clip);
        clipped += clip > plain ? 1 : 0;
        kl += d * d;
        k3 += ratio - 1 - d;
        ratios += ratio;
      }
    }
    return new double[] {loss / n, clipped / n, 0.5 * kl / n, k3 / n, ratios / n};
  }

  @Test
  void policyLossAndDiagnosticsMatchPlainLoopsWithAsymmetricClip() {
    PpoLoss.Policy p = PpoLoss.policy(Tensor.of(newLp), Tensor.of(oldLp), Tensor.of(adv), m, 0.2, 0.28);
    double[] ref = naivePolicy(newLp, 0.2, 0.28);
    assertEquals(ref[0], p.loss().item(), 1e-12);
    assertEquals(ref[1], p.clipFraction().item(), 1e-12);
    assertEquals(ref[2], p.approxKl().item(), 1e-12);
    assertEquals(ref[3], p.approxKlK3().item(), 1e-12);
    assertEquals(ref[4], p.ratioMean().item(), 1e-12);
    // the random case does clip somewhere and not everywhere, so the comparison above sees both branches
    assertTrue(ref[1] > 0 && ref[1] < 1, "clip fraction " + ref[1]);
  }

  @Test
  void policyGradientMatchesCentralDifferencesOfThePlainLoop() {
    Tensor leaf = Tensor.of(newLp).requiresGrad_(true);
    PpoLoss.policy(leaf, Tensor.of(oldLp), Tensor.of(adv), m, 0.2, 0.28).loss().backward();
    double[][] grad = TestSupport.rows(leaf.grad(), b, t);
    assertGradient(grad, newLp, lp -> naivePolicy(lp, 0.2, 0.28)[0]);
  }

  @Test
  void clipFractionCountsExactlyTheTokensWhereTheClippedTermWins() {
    // ε = 0.2. Real tokens (ratio, A): (1.5, +1) clipped: max(-1.5, -1.2) = -1.2; (0.5, +1) not: max(-0.5, -0.8) = -0.5;
    // (1.5, -1) not: max(1.5, 1.2) = 1.5; (0.5, -1) clipped: max(0.5, 0.8) = 0.8; (1.1, +1) inside: -1.1.
    // The padded token (3.0, +1) would clip. Loss (-1.2 - 0.5 + 1.5 + 0.8 - 1.1) / 5 = -0.1; clip fraction 2/5.
    double[] ratios = {1.5, 0.5, 1.5, 0.5, 1.1, 3.0};
    double[] lp = new double[6];
    for (int i = 0; i < 6; i++) lp[i] = Math.log(ratios[i]);
    Tensor leaf = Tensor.of(new double[][] {lp}).requiresGrad_(true);
    Tensor a = Tensor.of(new double[][] {{1, 1, -1, -1, 1, 1}});
    PpoLoss.Policy p = PpoLoss.policy(leaf, Tensor.zeros(DType.FLOAT64, 1, 6), a, mask(6, 5), 0.2);
    assertEquals(-0.1, p.loss().item(), 1e-15);
    assertEquals(0.4, p.clipFraction().item(), 1e-15);
    p.loss().backward();
    // d/dlogπ of -A ρ / n is -A ρ / n where unclipped, 0 where clipped or padded
    assertArrayEquals(new double[] {0, -0.5 / 5, 1.5 / 5, 0, -1.1 / 5, 0}, leaf.grad().toDoubleArray(), 1e-15);
  }

  @Test
  void atRatioOneTheLossIsMinusTheMeanAdvantageAndTheGradientMinusAOverN() {
    Tensor leaf = Tensor.of(oldLp).requiresGrad_(true);
    PpoLoss.Policy p = PpoLoss.policy(leaf, Tensor.of(oldLp), Tensor.of(adv), m, 0.2);
    int n = 12;
    double sum = 0;
    double[] expectedGrad = new double[b * t];
    for (int i = 0; i < b; i++) {
      for (int j = 0; j < lengths[i]; j++) {
        sum += adv[i][j];
        expectedGrad[i * t + j] = -adv[i][j] / n;
      }
    }
    assertEquals(-sum / n, p.loss().item(), 1e-14);
    assertEquals(0.0, p.clipFraction().item());
    assertEquals(0.0, p.approxKl().item());
    assertEquals(1.0, p.ratioMean().item(), 1e-15);
    p.loss().backward();
    assertArrayEquals(expectedGrad, leaf.grad().toDoubleArray(), 1e-15);
  }

  @Test
  void gradientsFlowIntoTheNewLogProbsOnly() {
    Tensor newLeaf = Tensor.of(newLp).requiresGrad_(true);
    Tensor oldLeaf = Tensor.of(oldLp).requiresGrad_(true);
    Tensor advLeaf = Tensor.of(adv).requiresGrad_(true);
    PpoLoss.Policy p = PpoLoss.policy(newLeaf, oldLeaf, advLeaf, m, 0.2);
    p.loss().backward();
    assertNull(oldLeaf.grad());
    assertNull(advLeaf.grad());
    assertFalse(p.clipFraction().requiresGrad() || p.approxKl().requiresGrad() || p.approxKlK3().requiresGrad()
        || p.ratioMean().requiresGrad());
  }

  @Test
  void oneAdvantagePerSequenceBroadcastsOverItsTokens() {
    double[][] perSeq = {{0.7}, {-1.2}, {0.3}};
    double[][] expanded = new double[b][t];
    for (int i = 0; i < b; i++) Arrays.fill(expanded[i], perSeq[i][0]);
    double a = PpoLoss.policy(Tensor.of(newLp), Tensor.of(oldLp), Tensor.of(perSeq), m, 0.2).loss().item();
    double e = PpoLoss.policy(Tensor.of(newLp), Tensor.of(oldLp), Tensor.of(expanded), m, 0.2).loss().item();
    assertEquals(e, a, 1e-15);
  }

  @Test
  void float32PolicyLossAgreesWithFloat64() {
    double l64 = PpoLoss.policy(Tensor.of(newLp), Tensor.of(oldLp), Tensor.of(adv), m, 0.2).loss().item();
    Tensor l32 = PpoLoss.policy(Tensor.of(newLp).to(DType.FLOAT32), Tensor.of(oldLp).to(DType.FLOAT32), Tensor.of(adv).to(DType.FLOAT32), m,
        0.2).loss();
    assertEquals(DType.FLOAT32, l32.dtype());
    assertEquals(l64, l32.item(), 1e-6);
  }

  /** ½ mean max((V - R)², (clip(V, V_old ± ε) - R)²) and its clip fraction, by plain loops. */
  double[] naiveValue(double[][] v, double[][] old, double[][] ret, double eps) {
    double loss = 0;
    double clipped = 0;
    int n = 0;
    for (int i = 0; i < b; i++) {
      for (int j = 0; j < lengths[i]; j++, n++) {
        double plain = (v[i][j] - ret[i][j]) * (v[i][j] - ret[i][j]);
        double vc = Math.min(Math.max(v[i][j], old[i][j] - eps), old[i][j] + eps);
        double clip = (vc - ret[i][j]) * (vc - ret[i][j]);
        loss += Math.max(plain, clip);
        clipped += clip > plain ? 1 : 0;
      }
    }
    return new double[] {0.5 * loss / n, clipped / n};
  }

  @Test
  void valueLossMatchesPlainLoopsAndItsGradientCentralDifferences() {
    double[][] old = TestSupport.gaussian(rng, b, t, 1.0);
    double[][] ret = TestSupport.gaussian(rng, b, t, 1.0);
    double[][] v = new double[b][t];
    for (int i = 0; i < b; i++) for (int j = 0; j < t; j++) v[i][j] = old[i][j] + 0.3 * rng.nextGaussian();
    Tensor leaf = Tensor.of(v).requiresGrad_(true);
    PpoLoss.Value value = PpoLoss.value(leaf, Tensor.of(old), Tensor.of(ret), m, 0.2);
    double[] ref = naiveValue(v, old, ret, 0.2);
    assertEquals(ref[0], value.loss().item(), 1e-12);
    assertEquals(ref[1], value.clipFraction().item(), 1e-12);
    assertTrue(ref[1] > 0 && ref[1] < 1, "clip fraction " + ref[1]);
    value.loss().backward();
    assertGradient(TestSupport.rows(leaf.grad(), b, t), v, x -> naiveValue(x, old, ret, 0.2)[0]);
  }

  @Test
  void valueClipTakesTheWorseOfTheClippedAndUnclippedErrors() {
    // ε = 0.2, V_old = 0, R = 1. V = 0.5 clips to 0.2: max(0.25, 0.64) = 0.64, clipped (no gradient);
    // V = 0.1 is inside: 0.81; V = -0.5 clips to -0.2: max(2.25, 1.44) = 2.25, unclipped.
    // Loss ½ (0.64 + 0.81 + 2.25) / 3 = 0.61666..; clip fraction 1/3; gradient (V - R) / 3 where unclipped.
    Tensor leaf = Tensor.of(new double[][] {{0.5, 0.1, -0.5}}).requiresGrad_(true);
    PpoLoss.Value value = PpoLoss.value(leaf, Tensor.zeros(DType.FLOAT64, 1, 3), Tensor.ones(DType.FLOAT64, 1, 3), mask(3, 3), 0.2);
    assertEquals(0.5 * 3.7 / 3, value.loss().item(), 1e-15);
    assertEquals(1.0 / 3, value.clipFraction().item(), 1e-15);
    value.loss().backward();
    assertArrayEquals(new double[] {0, -0.9 / 3, -1.5 / 3}, leaf.grad().toDoubleArray(), 1e-15);
  }

  @Test
  void atTheOldValuesTheValueLossIsHalfTheMaskedSquaredErrorAndTheGradientOnlyReachesNewValues() {
    double[][] ret = TestSupport.gaussian(rng, b, t, 1.0);
    Tensor leaf = Tensor.of(oldLp).requiresGrad_(true);
    Tensor oldLeaf = Tensor.of(oldLp).requiresGrad_(true);
    Tensor retLeaf = Tensor.of(ret).requiresGrad_(true);
    PpoLoss.Value value = PpoLoss.value(leaf, oldLeaf, retLeaf, m, 0.2);
    int n = 12;
    double sum = 0;
    double[] expectedGrad = new double[b * t];
    for (int i = 0; i < b; i++) {
      for (int j = 0; j < lengths[i]; j++) {
        double d = oldLp[i][j] - ret[i][j];
        sum += d * d;
        expectedGrad[i * t + j] = d / n;
      }
    }
    assertEquals(0.5 * sum / n, value.loss().item(), 1e-14);
    value.loss().backward();
    assertArrayEquals(expectedGrad, leaf.grad().toDoubleArray(), 1e-15);
    assertNull(oldLeaf.grad());
    assertNull(retLeaf.grad());
  }

  @Test
  void badArgumentsAreNamed() {
    Tensor x = Tensor.of(newLp);
    Tensor o = Tensor.of(oldLp);
    Tensor a = Tensor.of(adv);
    throwsNaming(() -> PpoLoss.policy(x, o, a, m, 0.0), "PpoLoss.policy", "clipLow", "0.0");
    throwsNaming(() -> PpoLoss.policy(x, o, a, m, 0.2, -0.1), "clipHigh", "-0.1");
    throwsNaming(() -> PpoLoss.policy(x, o, a, mask(t, 0, 0, 0), 0.2), "PpoLoss.policy", "mask sums to 0.0");
    throwsNaming(() -> PpoLoss.policy(x, o, a.narrow(1, 0, 2), m, 0.2), "advantages", "[3, 2]", "[3, 6]", "(3, 1)");
    throwsNaming(() -> PpoLoss.policy(x, o.to(DType.FLOAT32), a, m, 0.2), "oldLogProbs", "float32");
    throwsNaming(() -> PpoLoss.policy(x.reshape(18), o.reshape(18), a.reshape(18), null, 0.2), "newLogProbs", "(B, T)");
    throwsNaming(() -> PpoLoss.value(x, o, a, m, 0.0), "PpoLoss.value", "clipRange", "0.0");
    throwsNaming(() -> PpoLoss.value(x, o, a.narrow(0, 0, 2), m, 0.2), "returns", "[2, 6]");
    throwsNaming(() -> PpoLoss.value(x, o, a, Tensor.ones(DType.INT64, b, t), 0.2), "mask", "int64");
  }

  /** Each entry of grad against (f(x + h e) - f(x - h e)) / 2h. */
  static void assertGradient(double[][] grad, double[][] x, ToDoubleFunction<double[][]> f) {
    double h = 1e-6;
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x[i].length; j++) {
        double keep = x[i][j];
        x[i][j] = keep + h;
        double plus = f.applyAsDouble(x);
        x[i][j] = keep - h;
        double minus = f.applyAsDouble(x);
        x[i][j] = keep;
        assertEquals((plus - minus) / (2 * h), grad[i][j], 1e-7, "d loss / d x[" + i + "][" + j + "]");
      }
    }
  }
}
