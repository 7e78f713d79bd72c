package io.frontier.rl.policy;

import static io.frontier.rl.policy.TestSupport.throwsNaming;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KlEstimatorTest {
  final Tensor logP = Tensor.of(-1.0, -2.0, -0.5);
  final Tensor refLogP = Tensor.of(-1.5, -1.0, -0.5);

  @Test
  void k1IsTheLogRatioOfPolicyToReference() {
    assertArrayEquals(new double[] {0.5, -1.0, 0.0}, KlEstimator.K1.perToken(logP, refLogP).toDoubleArray(), 1e-15);
  }

  @Test
  void k2IsHalfTheSquaredLogRatio() {
    assertArrayEquals(new double[] {0.125, 0.5, 0.0}, KlEstimator.K2.perToken(logP, refLogP).toDoubleArray(), 1e-15);
  }

  @Test
  void k3IsRatioMinusOneMinusLogRatio() {
    // log r = (-0.5, 1, 0): k3 = e^-0.5 - 1 + 0.5, e - 1 - 1, 0
    double[] expected = {Math.exp(-0.5) - 0.5, Math.E - 2, 0.0};
    assertArrayEquals(expected, KlEstimator.K3.perToken(logP, refLogP).toDoubleArray(), 1e-15);
  }

  @Test
  void k3IsNonNegativeEverywhereEvenForTinyAndHugeLogRatiosInFloat32() {
    Random rng = new Random(2);
    float[] a = new float[4000];
    float[] c = new float[4000];
    for (int i = 0; i < a.length; i++) {
      double scale = Math.pow(10, rng.nextInt(10) - 7); // log ratios from 1e-7 to 100
      a[i] = (float) (-5 * rng.nextDouble());
      c[i] = (float) (a[i] + scale * rng.nextGaussian());
    }
    for (double k : KlEstimator.K3.perToken(Tensor.of(a), Tensor.of(c)).toDoubleArray()) assertTrue(k >= 0, "k3 = " + k);
    for (double k : KlEstimator.K2.perToken(Tensor.of(a), Tensor.of(c)).toDoubleArray()) assertTrue(k >= 0, "k2 = " + k);
  }

  @Test
  void k1AndK3AreUnbiasedForTheKlOfACategoricalAndK3VariesLess() {
    double[] p = softmax(0.3, -0.2, 0.5, 0.0);
    double[] q = softmax(0.1, 0.1, 0.3, 0.2);
    double kl = 0;
    for (int a = 0; a < p.length; a++) kl += p[a] * Math.log(p[a] / q[a]);

    Random rng = new Random(7);
    int n = 100_000;
    double[] logPi = new double[n];
    double[] logRef = new double[n];
    for (int i = 0; i < n; i++) {
      int a = sample(p, rng.nextDouble());
      logPi[i] = Math.log(p[a]);
      logRef[i] = Math.log(q[a]);
    }
    double[] sd = new double[2];
    int slot = 0;
    for (KlEstimator e : new KlEstimator[] {KlEstimator.K1, KlEstimator.K3}) {
      double[] k = e.perToken(Tensor.of(logPi), Tensor.of(logRef)).toDoubleArray();
      double mean = 0;
      for (double v : k) mean += v / n;
      double var = 0;
      for (double v : k) var += (v - mean) * (v - mean) / (n - 1);
      double se = Math.sqrt(var / n);
      assertEquals(kl, mean, 4 * se, e + ": mean " + mean + " vs KL " + kl + " (standard error " + se + ")");
      sd[slot++] = Math.sqrt(var);
    }
    assertTrue(sd[1] < sd[0], "k3's spread " + sd[1] + " is not below k1's " + sd[0]);
  }

  @Test
  void mismatchedOperandsAreNamed() {
    throwsNaming(() -> KlEstimator.K3.perToken(logP, Tensor.of(1.0, 2.0)), "KlEstimator.K3.perToken", "refLogProbs", "[2]", "[3]");
    throwsNaming(() -> KlEstimator.K1.perToken(logP, refLogP.to(DType.FLOAT32)), "refLogProbs", "float32", "float64");
    throwsNaming(() -> KlEstimator.K2.perToken(Tensor.of(1L, 2L), refLogP), "logProbs", "floating");
  }

  static double[] softmax(double... logits) {
    double z = 0;
    double[] p = new double[logits.length];
    for (int i = 0; i < p.length; i++) z += p[i] = Math.exp(logits[i]);
    for (int i = 0; i < p.length; i++) p[i] /= z;
    return p;
  }

  /** The action whose cumulative probability first exceeds u. */
  static int sample(double[] p, double u) {
    double c = 0;
    for (int a = 0; a < p.length - 1; a++) {
      c += p[a];
      if (u < c) return a;
    }
    return p.length - 1;
  }
}
