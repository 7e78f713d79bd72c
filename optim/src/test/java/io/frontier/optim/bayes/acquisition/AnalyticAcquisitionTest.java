package io.frontier.optim.bayes.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.autograd.GradCheck;
import io.frontier.tensor.Tensor;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * The analytic acquisitions on fixed posterior means and standard deviations (no GP), against the
 * closed forms written with commons-math3's normal distribution, and their gradients by GradCheck.
 */
class AnalyticAcquisitionTest {
  private static final NormalDistribution N = new NormalDistribution(0, 1);
  private static final double[][] POINTS = {{0.3, 1.0}, {-1.2, 0.5}, {2.5, 0.1}, {0.0, 2.0}, {-3.0, 0.4}};
  private static final double BEST = 0.2;

  private static double[] values(AnalyticAcquisition acq) {
    return acq.value(DirectModel.candidates(POINTS)).toDoubleArray();
  }

  @Test
  void expectedImprovementEqualsSigmaTimesPhiPlusUPhi() {
    double[] got = values(new ExpectedImprovement(new DirectModel(), BEST));
    for (int i = 0; i < POINTS.length; i++) {
      double mu = POINTS[i][0], s = POINTS[i][1], u = (mu - BEST) / s;
      assertEquals(s * (N.density(u) + u * N.cumulativeProbability(u)), got[i], 1e-14, "EI at " + mu + ", " + s);
    }
  }

  @Test
  void expectedImprovementTendsToPositivePartAsSigmaVanishes() {
    ExpectedImprovement ei = new ExpectedImprovement(new DirectModel(), BEST);
    assertEquals(0.7 - BEST, ei.score(0.7, 0), 0);
    assertEquals(0.0, ei.score(-0.7, 0), 0);
    assertEquals(0.7 - BEST, ei.score(0.7, 1e-9), 1e-15);
    assertEquals(0.0, ei.score(-0.7, 1e-9), 1e-15);
    assertEquals(1e-3 * N.density(0), ei.score(BEST, 1e-3), 1e-18);
  }

  @Test
  void logExpectedImprovementIsLogOfEiWhereEiIsRepresentable() {
    double[] ei = values(new ExpectedImprovement(new DirectModel(), BEST));
    double[] logEi = values(new LogExpectedImprovement(new DirectModel(), BEST));
    for (int i = 0; i < POINTS.length; i++) assertEquals(Math.log(ei[i]), logEi[i], 1e-12 * Math.max(1, Math.abs(logEi[i])));
  }

  @Test
  void logExpectedImprovementStaysFiniteWhereEiUnderflows() {
    // u = -40 and u = -1e4: EI is exactly 0 in float64, LogEI is log σ + log h(u) ≈ log σ - u²/2 - log(√(2π)) - 2 log|u|.
    double s = 0.5;
    for (double u : new double[] {-40, -1e4}) {
      double mu = BEST + u * s;
      assertEquals(0.0, new ExpectedImprovement(new DirectModel(), BEST).score(mu, s), 0);
      double got = new LogExpectedImprovement(new DirectModel(), BEST).score(mu, s);
      double asymptote = Math.log(s) - u * u / 2 - 0.5 * Math.log(2 * Math.PI) - 2 * Math.log(-u);
      assertEquals(asymptote, got, 1e-3 * Math.abs(asymptote) / (u * u) * 10 + 1e-2 / (u * u) * 100, "LogEI at u = " + u);
    }
  }

  @Test
  void probabilityOfImprovementIsPhiOfU() {
    double[] pi = values(new ProbabilityOfImprovement(new DirectModel(), BEST, false));
    double[] logPi = values(new ProbabilityOfImprovement(new DirectModel(), BEST, true));
    for (int i = 0; i < POINTS.length; i++) {
      double u = (POINTS[i][0] - BEST) / POINTS[i][1];
      assertEquals(N.cumulativeProbability(u), pi[i], 1e-14);
      assertEquals(Math.log(N.cumulativeProbability(u)), logPi[i], 1e-12);
    }
  }

  @Test
  void upperConfidenceBoundAddsRootBetaSigma() {
    double[] got = values(new UpperConfidenceBound(new DirectModel(), 4.0));
    for (int i = 0; i < POINTS.length; i++) assertEquals(POINTS[i][0] + 2 * POINTS[i][1], got[i], 1e-15);
  }

  @Test
  void gradientsWithRespectToMeanAndSigmaPassGradCheck() {
    AnalyticAcquisition[] all = {new ExpectedImprovement(new DirectModel(), BEST), new LogExpectedImprovement(new DirectModel(), BEST),
        new ProbabilityOfImprovement(new DirectModel(), BEST, false), new ProbabilityOfImprovement(new DirectModel(), BEST, true),
        new UpperConfidenceBound(new DirectModel(), 2.0)};
    for (AnalyticAcquisition acq : all) {
      Tensor x = DirectModel.candidates(POINTS).requiresGrad_(true);
      GradCheck.check(in -> acq.value(in[0]), 1e-6, 1e-7, 1e-5, x);
    }
  }

  @Test
  void logExpectedImprovementGradientPassesGradCheckDeepInTheTail() {
    // u = -30, -200, -5e3: naive EI has no gradient left here.
    Tensor x = DirectModel.candidates(new double[][] {{BEST - 30, 1}, {BEST - 200, 1}, {BEST - 5e3, 1}}).requiresGrad_(true);
    GradCheck.check(in -> new LogExpectedImprovement(new DirectModel(), BEST).value(in[0]), 1e-6, 1e-6, 1e-6, x);
  }

  @Test
  void rejectsBadInput() {
    assertThrows(IllegalArgumentException.class, () -> new ExpectedImprovement(new DirectModel(), Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new UpperConfidenceBound(new DirectModel(), -1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ExpectedImprovement(new DirectModel(), 0).value(Tensor.zeros(3, 2)));
    assertTrue(e.getMessage().contains("(b, 1, 2)"), e.getMessage());
  }
}
