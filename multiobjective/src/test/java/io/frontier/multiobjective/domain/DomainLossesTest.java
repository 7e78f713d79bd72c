package io.frontier.multiobjective.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.autograd.GradCheck;
import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import org.junit.jupiter.api.Test;

class DomainLossesTest {
  private static final double[][] SOURCE = {{0.5, -1.0, 2.0}, {1.5, 0.0, -0.5}, {-0.3, 0.7, 1.1}, {2.0, 1.0, 0.0}};
  private static final double[][] TARGET = {{1.0, 1.0, 1.0}, {-2.0, 0.4, 0.3}, {0.1, -0.6, 2.2}};

  @Test
  void linearMmdIsTheSquaredDistanceOfTheFeatureMeans() {
    double expected = 0;
    for (int j = 0; j < 3; j++) {
      double ms = 0;
      double mt = 0;
      for (double[] s : SOURCE) ms += s[j] / SOURCE.length;
      for (double[] t : TARGET) mt += t[j] / TARGET.length;
      expected += (ms - mt) * (ms - mt);
    }
    assertEquals(expected, DomainLosses.linearMmd(Tensor.of(SOURCE), Tensor.of(TARGET)).item(), 1e-14);
  }

  @Test
  void gaussianMmdMatchesThePairwiseSums() {
    double[] bandwidths = {0.5, 2.0};
    double expected = meanKernel(SOURCE, SOURCE, bandwidths) + meanKernel(TARGET, TARGET, bandwidths) - 2 * meanKernel(SOURCE, TARGET, bandwidths);
    assertEquals(expected, DomainLosses.gaussianMmd(Tensor.of(SOURCE), Tensor.of(TARGET), bandwidths).item(), 1e-13);
    assertTrue(expected > 0);
    assertEquals(0, DomainLosses.gaussianMmd(Tensor.of(SOURCE), Tensor.of(SOURCE), bandwidths).item(), 1e-14);
  }

  @Test
  void tcmLossIsMeanEntropyMinusEntropyOfTheMeanPrediction() {
    double[][] logits = {{2.0, 0.1, -1.0}, {0.3, 0.3, 0.3}, {-1.0, 4.0, 0.5}, {0.0, -2.0, 1.5}};
    int n = logits.length;
    double[] pBar = new double[3];
    double meanEntropy = 0;
    for (double[] row : logits) {
      double z = 0;
      for (double v : row) z += Math.exp(v);
      for (int c = 0; c < 3; c++) {
        double p = Math.exp(row[c]) / z;
        meanEntropy -= p * Math.log(p) / n;
        pBar[c] += p / n;
      }
    }
    double entropyOfMean = 0;
    for (double p : pBar) entropyOfMean -= p * Math.log(p + 1e-6);
    assertEquals(meanEntropy - entropyOfMean, DomainLosses.tcmLoss(Tensor.of(logits)).item(), 1e-14);
  }

  @Test
  void tcmLossRewardsConfidentDiversePredictionsAndPenalisesCollapse() {
    double big = 30;
    Tensor diverse = Tensor.of(new double[][] {{big, 0, 0}, {0, big, 0}, {0, 0, big}});
    Tensor collapsed = Tensor.of(new double[][] {{big, 0, 0}, {big, 0, 0}, {big, 0, 0}});
    Tensor uniform = Tensor.zeros(DType.FLOAT64, 3, 3);
    assertEquals(-Math.log(3), DomainLosses.tcmLoss(diverse).item(), 1e-5);
    assertEquals(0, DomainLosses.tcmLoss(collapsed).item(), 1e-5);
    assertEquals(0, DomainLosses.tcmLoss(uniform).item(), 1e-5);
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    Generator g = new Generator(5);
    Tensor s = Tensor.randn(g, DType.FLOAT64, 5, 3).requiresGrad_(true);
    Tensor t = Tensor.randn(g, DType.FLOAT64, 4, 3).add(0.5).requiresGrad_(true);
    GradCheck.check(in -> DomainLosses.gaussianMmd(in[0], in[1], 0.7, 1.9), s, t);
    GradCheck.check(in -> DomainLosses.linearMmd(in[0], in[1]), s, t);
    Tensor logits = Tensor.randn(g, DType.FLOAT64, 6, 4).requiresGrad_(true);
    GradCheck.check(in -> DomainLosses.tcmLoss(in[0]), logits);
  }

  @Test
  void badInputIsRejected() {
    Tensor s = Tensor.of(SOURCE);
    assertThrows(IllegalArgumentException.class, () -> DomainLosses.linearMmd(s, Tensor.zeros(DType.FLOAT64, 2, 4)));
    assertThrows(IllegalArgumentException.class, () -> DomainLosses.linearMmd(s, Tensor.zeros(DType.FLOAT64, 3)));
    assertThrows(IllegalArgumentException.class, () -> DomainLosses.gaussianMmd(s, s));
    assertThrows(IllegalArgumentException.class, () -> DomainLosses.gaussianMmd(s, s, 1.0, 0.0));
    assertThrows(IllegalArgumentException.class, () -> DomainLosses.tcmLoss(Tensor.zeros(DType.FLOAT64, 3)));
  }

  private static double meanKernel(double[][] x, double[][] y, double[] bandwidths) {
    double total = 0;
    for (double[] a : x) {
      for (double[] b : y) {
        double d2 = 0;
        for (int j = 0; j < a.length; j++) d2 += (a[j] - b[j]) * (a[j] - b[j]);
        for (double s : bandwidths) total += Math.exp(-d2 / (2 * s * s)) / bandwidths.length;
      }
    }
    return total / (x.length * y.length);
  }
}
