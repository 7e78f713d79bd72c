package io.frontier.rl.gflownet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ScalarisedRewardTest {
  private static final Hypergrid LINE = new Hypergrid(1, 3);
  private static final GridObjectives TABLE = GridObjectives.of(LINE, new double[][] {{1, 4}, {2, 2}, {4, 0.5}});

  @Test
  void logRewardIsBetaTimesTheLogOfTheWeightedSum() {
    ScalarisedReward r = new ScalarisedReward(TABLE, 3);
    assertEquals(3 * Math.log(0.25 * 1 + 0.75 * 4), r.logReward(0, new double[] {0.25, 0.75}), 1e-15);
    assertEquals(3 * Math.log(0.5 * 4 + 0.5 * 0.5), r.logReward(2, new double[] {0.5, 0.5}), 1e-15);
  }

  @Test
  void partitionFunctionAndTargetAgreeWithDirectSums() {
    ScalarisedReward r = new ScalarisedReward(TABLE, 2);
    double[] w = {0.4, 0.6};
    double[] direct = {Math.pow(0.4 + 2.4, 2), Math.pow(0.8 + 1.2, 2), Math.pow(1.6 + 0.3, 2)};
    double z = direct[0] + direct[1] + direct[2];
    assertEquals(Math.log(z), r.logPartition(w), 1e-14);
    assertArrayEquals(new double[] {direct[0] / z, direct[1] / z, direct[2] / z}, r.targetDistribution(w), 1e-15);
    assertArrayEquals(direct, r.rewards(w), 1e-13);
  }

  /** A large exponent underflows R^beta but not log Z, which is computed by log-sum-exp. */
  @Test
  void largeExponentsStayFiniteInLogSpace() {
    ScalarisedReward r = new ScalarisedReward(GridObjectives.of(LINE, new double[][] {{1e-3, 1e-3}, {2e-3, 2e-3}, {1e-3, 1e-3}}), 200);
    double logZ = r.logPartition(new double[] {0.5, 0.5});
    assertEquals(200 * Math.log(2e-3), logZ, 1e-9);
    assertEquals(1, r.targetDistribution(new double[] {0.5, 0.5})[1], 1e-12);
  }

  @Test
  void badPreferencesAreRejected() {
    ScalarisedReward r = new ScalarisedReward(TABLE, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.logReward(0, new double[] {1}));
    assertTrue(e.getMessage().contains("1 components, there are 2 objectives"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> r.logReward(0, new double[] {-0.1, 1.1}));
    assertTrue(e.getMessage().contains("not a finite non-negative"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> r.logReward(0, new double[] {0, 0}));
    assertTrue(e.getMessage().contains("all zero"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GridObjectives.of(LINE, new double[][] {{1, 1}, {0, 1}, {1, 1}}));
    assertTrue(e.getMessage().contains("objective value 0.0 of state 1"), e.getMessage());
  }

  /**
   * The quarter circle's objectives: the state (H-1, 0) on the ridge at angle 0 scores (1, r0); no
   * state scores below the floor; and every Pareto-optimal state lies within one grid step of the
   * arc |u| = 1 (on 12 x 12 with width 0.2 the front has 23 states).
   */
  @Test
  void quarterCircleFrontHugsTheArc() {
    Hypergrid grid = new Hypergrid(2, 12);
    GridObjectives obj = GridObjectives.quarterCircle(grid, 0.2, 0.1);
    assertArrayEquals(new double[] {1, 0.1}, obj.of(grid.index(11, 0)), 1e-15);
    assertArrayEquals(new double[] {0.1, 1}, obj.of(grid.index(0, 11)), 1e-15);
    for (int s = 0; s < grid.numStates(); s++) {
      assertTrue(obj.value(s, 0) >= 0.1 && obj.value(s, 1) >= 0.1);
    }
    double[][] front = obj.paretoFront();
    assertEquals(23, front.length);
    int onFront = 0;
    for (int s = 0; s < grid.numStates(); s++) {
      double[] r = obj.of(s);
      boolean pareto = false;
      for (double[] f : front) pareto |= f[0] == r[0] && f[1] == r[1];
      if (!pareto) continue;
      onFront++;
      double[] u = grid.unitCoordinates(s);
      assertTrue(Math.abs(Math.hypot(u[0], u[1]) - 1) < 1.0 / 11, "front state " + Arrays.toString(grid.coordinates(s)));
    }
    assertEquals(23, onFront);
  }
}
