package io.frontier.optim.bayes.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.autograd.GradCheck;
import io.frontier.tensor.Tensor;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * The quasi-Monte-Carlo and fantasy-based acquisitions against closed forms and exact counterparts:
 * q-EI against analytic EI (q = 1) and a quadrature of the max of two independent normals (q = 2),
 * q-NEI against EI for a noiseless model, Monte-Carlo KG converging to the discrete exact KG, MES and
 * constrained EI against their formulas; gradients by GradCheck.
 */
class MonteCarloAcquisitionTest {
  private static final NormalDistribution N = new NormalDistribution(0, 1);
  private static final Tensor CANDIDATES = Tensor.of(new double[][] {{0.5, 0.5}, {0.9, 0.1}, {0.7, 0.35}}).reshape(3, 1, 2);

  @Test
  void qEiWithOnePointMatchesAnalyticEi() {
    TestGp gp = KnowledgeGradientTest.smallGp(1e-4);
    double[] exact = new ExpectedImprovement(gp, 0.9).value(CANDIDATES).toDoubleArray();
    double[] qmc = new QExpectedImprovement(gp, 0.9, 1, 16384, 7).value(CANDIDATES).toDoubleArray();
    for (int i = 0; i < exact.length; i++) assertEquals(exact[i], qmc[i], 5e-3 * exact[i] + 1e-6, "candidate " + i);
  }

  @Test
  void qEiOfTwoIndependentPointsMatchesQuadrature() {
    double best = 0.2;
    double[][] pair = {{0.1, 0.6}, {0.4, 0.3}};
    double got = new QExpectedImprovement(new DirectModel(), best, 2, 8192, 3).value(Tensor.of(pair).reshape(1, 2, 2)).item();
    // E[max(f1 - f*, f2 - f*, 0)] = ∫_0^∞ (1 - Φ((t + f* - μ1)/σ1) Φ((t + f* - μ2)/σ2)) dt.
    double h = 1e-4, want = 0;
    for (double t = h / 2; t < 12; t += h) {
      want += (1 - N.cumulativeProbability((t + best - 0.1) / 0.6) * N.cumulativeProbability((t + best - 0.4) / 0.3)) * h;
    }
    assertEquals(want, got, 2e-3 * want);
  }

  @Test
  void qNoisyEiOfNoiselessModelMatchesEiOverBestObservation() {
    TestGp gp = KnowledgeGradientTest.smallGp(0);
    double[] exact = new ExpectedImprovement(gp, 0.9).value(CANDIDATES).toDoubleArray();
    double[] qmc = new QNoisyExpectedImprovement(gp, 1, 16384, 11).value(CANDIDATES).toDoubleArray();
    for (int i = 0; i < exact.length; i++) assertEquals(exact[i], qmc[i], 5e-3 * exact[i] + 1e-5, "candidate " + i);
  }

  @Test
  void batchAcquisitionGradientsPassGradCheck() {
    TestGp gp = KnowledgeGradientTest.smallGp(1e-3);
    Tensor x = Tensor.of(new double[][] {{0.5, 0.45}, {0.85, 0.15}}).reshape(1, 2, 2).requiresGrad_(true);
    GradCheck.check(in -> new QExpectedImprovement(gp, 0.9, 2, 256, 5).value(in[0]), 1e-6, 1e-7, 1e-4, x);
    GradCheck.check(in -> new QNoisyExpectedImprovement(gp, 2, 256, 5).value(in[0]), 1e-6, 1e-7, 1e-4, x);
  }

  @Test
  void monteCarloKnowledgeGradientConvergesToDiscreteExactKg() {
    TestGp gp = KnowledgeGradientTest.smallGp(0.05);
    Tensor alternatives = Tensor.of(new double[][] {{0.2, 0.2}, {0.5, 0.8}, {0.9, 0.5}, {0.8, 0.3}});
    double[] exact = new DiscreteKnowledgeGradient(gp, alternatives).value(CANDIDATES).toDoubleArray();
    double previous = Double.POSITIVE_INFINITY;
    for (int fantasies : new int[] {16, 512}) {
      double[] mc = new MonteCarloKnowledgeGradient(gp, alternatives, fantasies, 1).value(CANDIDATES).toDoubleArray();
      double error = 0;
      for (int i = 0; i < exact.length; i++) error = Math.max(error, Math.abs(mc[i] - exact[i]) / exact[i]);
      assertTrue(error < previous, fantasies + " fantasies: error " + error + " not below " + previous);
      previous = error;
    }
    // The max of lines grows linearly in Z, so the tails limit quasi-Monte-Carlo to about 1/J accuracy.
    assertTrue(previous < 2e-2, "relative error at 512 fantasies: " + previous);
  }

  @Test
  void monteCarloKnowledgeGradientGradientPassesGradCheck() {
    TestGp gp = KnowledgeGradientTest.smallGp(0.05);
    Tensor alternatives = Tensor.of(new double[][] {{0.2, 0.2}, {0.5, 0.8}, {0.9, 0.5}});
    Tensor x = Tensor.of(new double[][] {{0.45, 0.55}}).reshape(1, 1, 2).requiresGrad_(true);
    GradCheck.check(in -> new MonteCarloKnowledgeGradient(gp, alternatives, 8, 2).value(in[0]), 1e-6, 1e-7, 1e-4, x);
  }

  @Test
  void maxValueEntropySearchMatchesItsFormulaAtTheSampledMaxima() {
    TestGp gp = KnowledgeGradientTest.smallGp(1e-4);
    Tensor grid = Tensor.rand(new io.frontier.tensor.Generator(3), io.frontier.tensor.DType.FLOAT64, 200, 2);
    MaxValueEntropySearch mes = new MaxValueEntropySearch(gp, grid, 16, 9);
    double[] yStar = mes.maxValues();
    for (double y : yStar) assertTrue(y > 0.9, "sampled max " + y + " below the best observation 0.9");
    var post = gp.posterior(CANDIDATES.reshape(3, 2));
    double[] mu = post.mean().toDoubleArray();
    double[] var = post.variance().toDoubleArray();
    double[] got = mes.value(CANDIDATES).toDoubleArray();
    for (int i = 0; i < 3; i++) {
      double want = 0;
      for (double y : yStar) {
        double g = (y - mu[i]) / Math.sqrt(var[i]);
        want += g * N.density(g) / (2 * N.cumulativeProbability(g)) - Math.log(N.cumulativeProbability(g));
      }
      assertEquals(want / yStar.length, got[i], 1e-12);
    }
    Tensor x = DirectModel.candidates(new double[][] {{0.3, 0.8}, {1.5, 0.2}, {-2, 1.1}}).requiresGrad_(true);
    MaxValueEntropySearch direct = new MaxValueEntropySearch(new DirectModel(), DirectModel.candidates(new double[][] {{0.5, 1}}).reshape(1, 2), 8, 1);
    GradCheck.check(in -> direct.value(in[0]), 1e-6, 1e-7, 1e-5, x);
  }

  @Test
  void constrainedEiIsEiTimesProbabilityOfFeasibility() {
    double best = 0.2;
    double[][] points = {{0.3, 1.0}, {-1.2, 0.5}, {0.6, 0.3}};
    ConstrainedExpectedImprovement cei = new ConstrainedExpectedImprovement(new DirectModel(), best, List.of(new DirectModel()));
    double[] got = cei.value(DirectModel.candidates(points)).toDoubleArray();
    for (int i = 0; i < points.length; i++) {
      double mu = points[i][0], s = points[i][1], u = (mu - best) / s;
      double ei = s * (N.density(u) + u * N.cumulativeProbability(u));
      assertEquals(ei * N.cumulativeProbability(-mu / s), got[i], 1e-14);
    }
    Tensor x = DirectModel.candidates(points).requiresGrad_(true);
    GradCheck.check(in -> cei.value(in[0]), 1e-6, 1e-7, 1e-5, x);
  }

  @Test
  void gumbelMaxValuesHaveTheMedianAndInterquartileRangeOfTheProductOfMarginals() {
    // Independent points of DirectModel: Pr[y* < y] = Π_i Φ((y - μ_i)/σ_i). Wang and Jegelka's Gumbel
    // takes its location from that distribution's median and its scale from its interquartile range.
    double[][] set = {{0.0, 1.0}, {0.5, 0.5}, {-0.3, 2.0}, {1.0, 0.2}};
    double[] y = new MaxValueEntropySearch(new DirectModel(), Tensor.of(set), 4000, 17).maxValues();
    java.util.Arrays.sort(y);
    double[] want = new double[3];
    double[] levels = {0.25, 0.5, 0.75};
    for (int k = 0; k < 3; k++) {
      double lo = -20, hi = 20;
      for (int it = 0; it < 200; it++) {
        double mid = (lo + hi) / 2, p = 1;
        for (double[] ms : set) p *= N.cumulativeProbability((mid - ms[0]) / ms[1]);
        if (p < levels[k]) lo = mid;
        else hi = mid;
      }
      want[k] = lo;
    }
    double iqr = want[2] - want[0];
    assertEquals(want[1], y[2000], 0.03 * iqr, "median of the sampled maxima");
    assertEquals(iqr, y[3000] - y[1000], 0.05 * iqr, "interquartile range of the sampled maxima");
  }
}
