package io.frontier.rl.gflownet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HypergridFlowsTest {

  /** Uniform over allowed actions on a 2 x 2 grid: stop at (0,0) w.p. 1/3; (1,0) and (0,1) are reached w.p. 1/3 and stop half the time; (1,1) collects the rest. */
  @Test
  void uniformPolicyOnTheTwoByTwoGridByHand() {
    Hypergrid grid = new Hypergrid(2, 2);
    double[][] pf = new double[4][];
    for (int s = 0; s < 4; s++) {
      pf[s] = new double[3];
      int valid = 0;
      for (int a = 0; a < 3; a++) if (grid.isValid(s, a)) valid++;
      for (int a = 0; a < 3; a++) if (grid.isValid(s, a)) pf[s][a] = 1.0 / valid;
    }
    double[] p = HypergridFlows.terminalDistribution(grid, pf);
    assertArrayEquals(new double[] {1.0 / 3, 1.0 / 6, 1.0 / 6, 1.0 / 3}, p, 1e-15);
  }

  @Test
  void balancedPolicySamplesRewardOverZAndItsFlowAtTheOriginIsZ() {
    Hypergrid grid = new Hypergrid(3, 4);
    double[] r = randomRewards(grid.numStates(), 11);
    HypergridFlows.BalancedPolicy balanced = HypergridFlows.balancedPolicy(grid, r);
    double z = 0;
    for (double v : r) z += v;
    assertEquals(Math.log(z), balanced.logZ(), 1e-12);
    double[] p = HypergridFlows.terminalDistribution(grid, balanced.forwardProbs());
    for (int s = 0; s < r.length; s++) assertEquals(r[s] / z, p[s], 1e-14);
    for (double[] row : balanced.forwardProbs()) {
      double sum = 0;
      for (double v : row) sum += v;
      assertEquals(1, sum, 1e-14);
    }
  }

  /**
   * Trajectory balance at its optimum: with the balanced policy, the TB residual is zero on every
   * complete trajectory of a 3 x 3 grid (all 1 + 2 + ... paths, enumerated).
   */
  @Test
  void balancedPolicyZeroesTheTrajectoryBalanceResidualOnEveryTrajectory() {
    Hypergrid grid = new Hypergrid(2, 3);
    double[] r = randomRewards(grid.numStates(), 5);
    HypergridFlows.BalancedPolicy balanced = HypergridFlows.balancedPolicy(grid, r);
    int[] count = {0};
    enumerate(grid, 0, 0, 0, (x, sumLogPF, sumLogPB) -> {
      count[0]++;
      assertEquals(0, TrajectoryBalance.residual(balanced.logZ(), sumLogPF, Math.log(r[x]), sumLogPB), 1e-13);
    }, balanced.forwardProbs());
    // trajectories on a 3 x 3 grid: sum over the 9 end states of the number of monotone paths to them
    assertEquals(1 + 1 + 1 + 1 + 2 + 3 + 1 + 3 + 6, count[0]);
  }

  @Test
  void probabilityOnAForbiddenIncrementIsRejected() {
    Hypergrid grid = new Hypergrid(1, 2);
    double[][] pf = {{0.5, 0.5}, {0.5, 0.5}};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HypergridFlows.terminalDistribution(grid, pf));
    assertTrue(e.getMessage().contains("forbidden increment 0"), e.getMessage());
  }

  @Test
  void totalVariationAndEmpiricalDistribution() {
    assertEquals(0.3, HypergridFlows.totalVariation(new double[] {0.5, 0.5, 0}, new double[] {0.2, 0.5, 0.3}), 1e-15);
    assertArrayEquals(new double[] {0.25, 0, 0.75}, HypergridFlows.empirical(new int[] {2, 0, 2, 2}, 3), 1e-15);
  }

  interface TrajectoryVisitor {
    void visit(int terminal, double sumLogPF, double sumLogPB);
  }

  /** Every complete trajectory from {@code s}, with the log-probabilities accumulated so far. */
  static void enumerate(Hypergrid grid, int s, double sumLogPF, double sumLogPB, TrajectoryVisitor v, double[][] pf) {
    v.visit(s, sumLogPF + Math.log(pf[s][grid.stopAction()]), sumLogPB);
    for (int i = 0; i < grid.dim(); i++) {
      if (!grid.isValid(s, i)) continue;
      int c = grid.child(s, i);
      enumerate(grid, c, sumLogPF + Math.log(pf[s][i]), sumLogPB + grid.logBackward(c), v, pf);
    }
  }

  static double[] randomRewards(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] r = new double[n];
    for (int s = 0; s < n; s++) r[s] = 0.05 + rng.nextDouble() * 3;
    return r;
  }
}
