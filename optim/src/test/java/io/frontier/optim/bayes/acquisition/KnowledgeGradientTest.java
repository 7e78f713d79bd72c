package io.frontier.optim.bayes.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.autograd.GradCheck;
import io.frontier.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The expected max of lines against numerical quadrature, the discrete KG's gradient by GradCheck,
 * and Frazier's noisy EI reducing to analytic EI as the noise vanishes.
 */
class KnowledgeGradientTest {
  /** ∫ max_i(a_i + b_i z) φ(z) dz - max_{i<baseline} a_i by composite Simpson on [-14, 14] (O(h²) ≈ 1e-10 at the kinks). */
  private static double quadrature(double[] a, double[] b, int baseline) {
    int steps = 200_000;
    double lo = -14, hi = 14, h = (hi - lo) / steps, sum = 0;
    for (int k = 0; k <= steps; k++) {
      double z = lo + k * h, best = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < a.length; i++) best = Math.max(best, a[i] + b[i] * z);
      double w = k == 0 || k == steps ? 1 : (k % 2 == 1 ? 4 : 2);
      sum += w * best * Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
    }
    double current = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < baseline; i++) current = Math.max(current, a[i]);
    return sum * h / 3 - current;
  }

  @Test
  void expectedMaxOfLinesMatchesQuadrature() {
    double[] a = {0.3, -0.2, 0.1, 0.25, -1.0, 0.3};
    double[] b = {0.0, 0.8, -0.4, 0.2, 1.5, 0.0};
    for (int baseline : new int[] {6, 4, 1}) {
      assertEquals(quadrature(a, b, baseline), ExpectedMaxOfLines.of(a, b, baseline).value(), 2e-9, "baseline " + baseline);
    }
  }

  @Test
  void expectedMaxOfLinesPartialsMatchFiniteDifferences() {
    double[] a = {0.3, -0.2, 0.1, 0.25, -1.0};
    double[] b = {0.1, 0.8, -0.4, 0.2, 1.5};
    ExpectedMaxOfLines.Result r = ExpectedMaxOfLines.of(a, b, 3);
    double eps = 1e-6;
    for (int i = 0; i < a.length; i++) {
      double[] ap = a.clone(), am = a.clone(), bp = b.clone(), bm = b.clone();
      ap[i] += eps;
      am[i] -= eps;
      bp[i] += eps;
      bm[i] -= eps;
      assertEquals((ExpectedMaxOfLines.of(ap, b, 3).value() - ExpectedMaxOfLines.of(am, b, 3).value()) / (2 * eps), r.da()[i], 1e-8, "da" + i);
      assertEquals((ExpectedMaxOfLines.of(a, bp, 3).value() - ExpectedMaxOfLines.of(a, bm, 3).value()) / (2 * eps), r.db()[i], 1e-8, "db" + i);
    }
  }

  static TestGp smallGp(double noise) {
    Tensor x = Tensor.of(new double[][] {{0.1, 0.2}, {0.4, 0.9}, {0.8, 0.3}, {0.6, 0.6}, {0.25, 0.7}});
    Tensor y = Tensor.of(0.3, -0.5, 0.9, 0.4, -0.1);
    return new TestGp(x, y, 0.3, 1.0, noise);
  }

  @Test
  void noisyExpectedImprovementTendsToExpectedImprovementAsNoiseVanishes() {
    Tensor candidates = Tensor.of(new double[][] {{0.5, 0.5}, {0.9, 0.1}, {0.15, 0.95}, {0.7, 0.35}}).reshape(4, 1, 2);
    double[] ei = new ExpectedImprovement(smallGp(0), 0.9).value(candidates).toDoubleArray();
    double previousGap = Double.POSITIVE_INFINITY;
    for (double noise : new double[] {1e-2, 1e-4, 1e-8}) {
      double[] nei = new NoisyExpectedImprovement(smallGp(noise)).value(candidates).toDoubleArray();
      double gap = 0;
      for (int i = 0; i < ei.length; i++) gap = Math.max(gap, Math.abs(nei[i] - ei[i]));
      assertTrue(gap < previousGap, "gap " + gap + " at noise " + noise + " did not shrink from " + previousGap);
      previousGap = gap;
    }
    assertTrue(previousGap < 1e-4, "noisy EI at noise 1e-8 differs from EI by " + previousGap);
  }

  @Test
  void knowledgeGradientAndNoisyEiGradientsPassGradCheck() {
    TestGp gp = smallGp(0.05);
    Tensor alternatives = Tensor.of(new double[][] {{0.2, 0.2}, {0.5, 0.8}, {0.9, 0.5}});
    Tensor x = Tensor.of(new double[][] {{0.45, 0.55}, {0.7, 0.2}}).reshape(2, 1, 2).requiresGrad_(true);
    GradCheck.check(in -> new DiscreteKnowledgeGradient(gp, alternatives).value(in[0]), 1e-6, 1e-7, 1e-4, x);
    GradCheck.check(in -> new NoisyExpectedImprovement(gp).value(in[0]), 1e-6, 1e-7, 1e-4, x);
  }
}
