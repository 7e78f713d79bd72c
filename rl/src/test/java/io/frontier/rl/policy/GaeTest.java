package io.frontier.rl.policy;

import static io.frontier.rl.policy.TestSupport.mask;
import static io.frontier.rl.policy.TestSupport.throwsNaming;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GaeTest {
  // One response of 4 tokens and a padded fifth column whose reward and value must be ignored:
  // r = (0, 0, 0, 1), V = (0.5, 0.6, 0.7, 0.8), V_4 = 0.
  final Tensor rewards = Tensor.of(new double[][] {{0, 0, 0, 1, 5.0}});
  final Tensor values = Tensor.of(new double[][] {{0.5, 0.6, 0.7, 0.8, 9.0}});
  final Tensor m = mask(5, 4);

  @Test
  void handComputedExampleWithGammaOneAndLambdaPointNineFive() {
    // δ3 = 1 + 0 - 0.8 = 0.2; δ2 = 0 + 0.8 - 0.7 = 0.1; δ1 = 0.7 - 0.6 = 0.1; δ0 = 0.6 - 0.5 = 0.1
    // A3 = 0.2; A2 = 0.1 + 0.95·0.2 = 0.29; A1 = 0.1 + 0.95·0.29 = 0.3755; A0 = 0.1 + 0.95·0.3755 = 0.456725
    // R = A + V = (0.956725, 0.9755, 0.99, 1.0)
    Gae gae = Gae.estimate(rewards, values, m, 1.0, 0.95);
    assertArrayEquals(new double[] {0.456725, 0.3755, 0.29, 0.2, 0}, gae.advantages().toDoubleArray(), 1e-12);
    assertArrayEquals(new double[] {0.956725, 0.9755, 0.99, 1.0, 0}, gae.returns().toDoubleArray(), 1e-12);
  }

  @Test
  void handComputedExampleWithDiscountGammaPointNineAndLambdaPointEight() {
    // γλ = 0.72. δ3 = 1 - 0.8 = 0.2; δ2 = 0.9·0.8 - 0.7 = 0.02; δ1 = 0.9·0.7 - 0.6 = 0.03; δ0 = 0.9·0.6 - 0.5 = 0.04
    // A3 = 0.2; A2 = 0.02 + 0.72·0.2 = 0.164; A1 = 0.03 + 0.72·0.164 = 0.14808; A0 = 0.04 + 0.72·0.14808 = 0.1466176
    Gae gae = Gae.estimate(rewards, values, m, 0.9, 0.8);
    assertArrayEquals(new double[] {0.1466176, 0.14808, 0.164, 0.2, 0}, gae.advantages().toDoubleArray(), 1e-12);
    assertArrayEquals(new double[] {0.6466176, 0.74808, 0.864, 1.0, 0}, gae.returns().toDoubleArray(), 1e-12);
  }

  @Test
  void withGammaAndLambdaOneTheReturnIsTheSumOfFutureRewards() {
    Tensor r = Tensor.of(new double[][] {{0.1, -0.2, 0.3, 1.0}});
    Gae gae = Gae.estimate(r, Tensor.of(new double[][] {{3, -1, 4, 1}}), mask(4, 4), 1.0, 1.0);
    assertArrayEquals(new double[] {1.2, 1.1, 1.3, 1.0}, gae.returns().toDoubleArray(), 1e-12);
  }

  @Test
  void raggedRandomBatchMatchesTheExplicitSumOfDiscountedTdErrors() {
    Random rng = new Random(11);
    int b = 3;
    int t = 7;
    int[] lengths = {7, 3, 5};
    double[][] r = TestSupport.gaussian(rng, b, t, 1.0);
    double[][] v = TestSupport.gaussian(rng, b, t, 1.0);
    for (int i = 0; i < b; i++) {
      for (int j = lengths[i]; j < t; j++) {
        r[i][j] = Double.NaN; // padding holds garbage, which must not leak
        v[i][j] = Double.POSITIVE_INFINITY;
      }
    }
    double gamma = 0.97;
    double lambda = 0.9;
    Gae gae = Gae.estimate(Tensor.of(r), Tensor.of(v), mask(t, lengths), gamma, lambda);
    double[][] a = TestSupport.rows(gae.advantages(), b, t);
    double[][] ret = TestSupport.rows(gae.returns(), b, t);
    for (int i = 0; i < b; i++) {
      int n = lengths[i];
      // A_t = Σ_{l >= 0} (γλ)^l δ_{t+l}, δ_s = r_s + γ V_{s+1} - V_s with V_n = 0 (Schulman et al. 2016, eq. 16)
      double[] delta = new double[n];
      for (int s = 0; s < n; s++) delta[s] = r[i][s] + gamma * (s + 1 < n ? v[i][s + 1] : 0) - v[i][s];
      for (int s = 0; s < t; s++) {
        if (s >= n) {
          assertEquals(0.0, a[i][s], "advantage at padding, row " + i + " position " + s);
          assertEquals(0.0, ret[i][s], "return at padding, row " + i + " position " + s);
          continue;
        }
        double expected = 0;
        for (int l = 0; s + l < n; l++) expected += Math.pow(gamma * lambda, l) * delta[s + l];
        assertEquals(expected, a[i][s], 1e-12, "row " + i + " position " + s);
        assertEquals(expected + v[i][s], ret[i][s], 1e-12, "return row " + i + " position " + s);
      }
    }
  }

  @Test
  void float32InputsGiveFloat32TargetsThatAgreeWithFloat64() {
    Gae g64 = Gae.estimate(rewards, values, m, 1.0, 0.95);
    Gae g32 = Gae.estimate(rewards.to(DType.FLOAT32), values.to(DType.FLOAT32), m, 1.0, 0.95);
    assertEquals(DType.FLOAT32, g32.advantages().dtype());
    assertArrayEquals(g64.advantages().toDoubleArray(), g32.advantages().toDoubleArray(), 1e-6);
  }

  @Test
  void targetsCarryNoGradient() {
    Tensor leaf = values.clone().requiresGrad_(true);
    Gae gae = Gae.estimate(rewards, leaf, m, 1.0, 0.95);
    assertFalse(gae.advantages().requiresGrad());
    assertFalse(gae.returns().requiresGrad());
  }

  @Test
  void badArgumentsAreNamed() {
    throwsNaming(() -> Gae.estimate(rewards, values, m, 1.1, 0.95), "Gae", "gamma", "[0, 1]");
    throwsNaming(() -> Gae.estimate(rewards, values, m, 1.0, -0.1), "lambda");
    throwsNaming(() -> Gae.estimate(rewards, values, m, Double.NaN, 0.95), "gamma", "NaN");
    throwsNaming(() -> Gae.estimate(rewards, values.reshape(5, 1), m, 1, 1), "values", "[5, 1]", "[1, 5]");
    throwsNaming(() -> Gae.estimate(rewards, values.to(DType.FLOAT32), m, 1, 1), "values", "float32");
    throwsNaming(() -> Gae.estimate(rewards, values, m.to(DType.INT64), 1, 1), "mask", "int64");
    throwsNaming(() -> Gae.estimate(rewards, values, mask(4, 4), 1, 1), "mask", "[1, 4]");
    throwsNaming(() -> Gae.estimate(rewards.reshape(5), values.reshape(5), null, 1, 1), "rewards", "(B, T)");
  }
}
