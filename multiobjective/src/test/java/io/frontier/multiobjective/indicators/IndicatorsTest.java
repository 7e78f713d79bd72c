package io.frontier.multiobjective.indicators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class IndicatorsTest {

  private static final double[][] REF = {{0, 1}, {0.5, 0.5}, {1, 0}};
  private static final double[][] A = {{0, 1.5}, {1, 1}};

  @Test
  void distancesByHand() {
    // IGD: r=(0,1): to (0,1.5) 0.5; r=(0.5,0.5): to (0,1.5) sqrt(1.25), to (1,1) sqrt(0.5) -> sqrt(0.5);
    // r=(1,0): to (1,1) 1, to (0,1.5) sqrt(3.25) -> 1.
    assertEquals((0.5 + Math.sqrt(0.5) + 1) / 3, DistanceIndicators.igd(A, REF), 1e-15);
    // IGD+: r=(0,1): (0,0.5) -> 0.5; r=(0.5,0.5): (0,1.5) -> |(0,1)| = 1, (1,1) -> |(0.5,0.5)| = sqrt(0.5);
    // r=(1,0): (1,1) -> 1, (0,1.5) -> 1.5.
    assertEquals((0.5 + Math.sqrt(0.5) + 1) / 3, DistanceIndicators.igdPlus(A, REF), 1e-15);
    // A point better than the reference set has IGD+ 0 but IGD > 0.
    double[][] better = {{-1, -1}};
    assertEquals(0, DistanceIndicators.igdPlus(better, REF), 0);
    assertEquals((Math.sqrt(5) + Math.sqrt(4.5) + Math.sqrt(5)) / 3, DistanceIndicators.igd(better, REF), 1e-15);
    // GD: (0,1.5) -> 0.5; (1,1) -> min(1, sqrt(0.5), 1) = sqrt(0.5).
    assertEquals((0.5 + Math.sqrt(0.5)) / 2, DistanceIndicators.gd(A, REF), 1e-15);
  }

  @Test
  void additiveEpsilonByHand() {
    // r=(0,1): (0,1.5) 0.5; r=(0.5,0.5): (1,1) 0.5, (0,1.5) 1; r=(1,0): (1,1) 1 -> max 1.
    assertEquals(1, EpsilonIndicator.additive(A, REF), 0);
    assertEquals(-1, EpsilonIndicator.additive(new double[][] {{-1, -1}}, REF), 0);
    assertEquals(0, EpsilonIndicator.additive(REF, REF), 0);
  }

  @Test
  void r2ByHand() {
    double[][] w = R2Indicator.simplexLattice(2, 2);
    assertArrayEquals(new double[][] {{0, 1}, {0.5, 0.5}, {1, 0}}, w);
    assertEquals(10, R2Indicator.simplexLattice(3, 3).length);
    // z = 0, A: w=(0,1): min(1.5, 1) = 1; w=(.5,.5): min(.75, .5) = .5; w=(1,0): min(0, 1) = 0.
    assertEquals(0.5, R2Indicator.of(A, new double[] {0, 0}, 2), 1e-15);
  }

  @Test
  void spreadByHand() {
    assertEquals(0, DistributionIndicators.spacing(REF), 1e-15);
    // Nearest L1 distances of (0,0),(1,0),(3,0): 1, 1, 2; mean 4/3; sqrt((1/9+1/9+4/9)/2) = sqrt(1/3).
    assertEquals(Math.sqrt(1.0 / 3), DistributionIndicators.spacing(new double[][] {{0, 0}, {1, 0}, {3, 0}}), 1e-15);
    // REF: each objective sorted 0, 0.5, 1: 2 * (0.25 + 0.25) / 2 = 0.5.
    assertEquals(0.5, DistributionIndicators.sparsity(REF), 1e-15);
    assertEquals(0, DistributionIndicators.sparsity(new double[][] {{1, 2}}), 0);
    assertEquals(3, DistributionIndicators.cardinality(new double[][] {{0, 1}, {0, 1}, {0.5, 0.5}, {1, 0}, {1, 1}}));
  }

  @Test
  void badInputIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> DistanceIndicators.igd(A, new double[][] {{1, 2, 3}}));
    assertThrows(IllegalArgumentException.class, () -> DistributionIndicators.spacing(new double[][] {{1, 2}}));
    assertThrows(IllegalArgumentException.class, () -> R2Indicator.simplexLattice(2, 0));
  }
}
