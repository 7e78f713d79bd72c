package io.frontier.bench.algoperf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PerformanceProfileTest {
  private static final double INF = Double.POSITIVE_INFINITY;

  /** Three submissions on four workloads; nobody reached the last one. */
  private static final double[][] TIMES = {
      {1.0, 4.0, 2.0, INF},
      {2.0, 2.0, INF, INF},
      {1.5, 3.0, 8.0, INF},
  };

  @Test
  void ratiosAreToTheBestSubmissionPerWorkload() {
    double[][] r = PerformanceProfile.ratios(TIMES);
    assertArrayEquals(new double[] {1.0, 2.0, 1.0, INF}, r[0]);
    assertArrayEquals(new double[] {2.0, 1.0, INF, INF}, r[1]);
    assertArrayEquals(new double[] {1.5, 1.5, 4.0, INF}, r[2]);
  }

  @Test
  void theProfileCountsWorkloadsWithinTau() {
    double[][] rho = PerformanceProfile.profile(TIMES, new double[] {1.0, 1.5, 2.0, 4.0, 100.0});
    assertArrayEquals(new double[] {0.5, 0.5, 0.75, 0.75, 0.75}, rho[0]);
    assertArrayEquals(new double[] {0.25, 0.25, 0.5, 0.5, 0.5}, rho[1]);
    assertArrayEquals(new double[] {0.0, 0.5, 0.5, 0.75, 0.75}, rho[2]);
  }

  @Test
  void logTausRunFromOneToTheMaximum() {
    double[] taus = PerformanceProfile.logTaus(4.0, 3);
    assertEquals(1.0, taus[0]);
    assertEquals(2.0, taus[1], 1e-12);
    assertEquals(4.0, taus[2], 1e-12);
  }
}
