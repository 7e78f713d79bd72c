package io.frontier.rl.bilevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.optim.Adam;
import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Row 23 on a 5x5 grid: start at the top-left corner (state 0), the primary reward r_p = 1 on the
 * step that enters the absorbing goal at the bottom-right corner (state 24), so the best primary
 * return is gamma^7; gamma 0.9, entropy temperature 0.02.
 */
class BarfiTest {
  private static final int WIDTH = 5;
  private static final int STATES = WIDTH * WIDTH;
  private static final int GOAL = 24;
  private static final int DECOY = 4; // top-right corner
  private static final double GAMMA = 0.9;
  private static final TabularMdp GRID = Mdps.grid(WIDTH, GOAL, GAMMA);
  private static final Tensor PRIMARY = Mdps.table(STATES, 4, (s, a) -> s != GOAL && next(s, a) == GOAL ? 1.0 : 0.0);
  /** A misleading heuristic: 0.1 for every step spent at the decoy, forever. */
  private static final Tensor DECOY_BONUS = Mdps.table(STATES, 4, (s, a) -> s == DECOY ? 0.1 : 0.0);
  /** A helpful heuristic: 0.05 for every step that brings the agent closer to the goal. */
  private static final Tensor TOWARDS_GOAL = Mdps.table(STATES, 4, (s, a) -> s != GOAL && distance(next(s, a)) < distance(s) ? 0.05 : 0.0);
  private static final double OPTIMUM = Math.pow(GAMMA, 7);

  @Test
  void outerGradientMatchesCentralFiniteDifferences() {
    Random rng = new Random(31);
    Barfi barfi = new Barfi(GRID, PRIMARY, Mdps.gaussian(rng, STATES, 4).mul(0.3), new SoftValueIteration(0.3, 15));
    Tensor phi = Mdps.gaussian(rng, STATES, 4).mul(0.5).add(1.0);
    double[] auto = barfi.outerGradient(phi).toDoubleArray();
    double[] fd = FiniteDifferences.central(x -> barfi.primaryReturn(Tensor.fromArray(x, STATES, 4)).item(), phi.toDoubleArray(), 1e-5);
    double rel = FiniteDifferences.relativeError(auto, fd);
    System.out.printf("BarfiTest: dJ_p/dphi (25 x 4) vs central differences, relative error %.2e%n", rel);
    assertTrue(rel < 1e-6, "relative error " + rel);
  }

  @Test
  void naiveBlendFarmsTheDecoyWhileTheLearnedBlendReachesTheGoal() {
    SoftValueIteration inner = new SoftValueIteration(0.02, 30);
    Barfi barfi = new Barfi(GRID, PRIMARY, DECOY_BONUS, inner);
    Tensor naive = Tensor.ones(DType.FLOAT64, STATES, 4);
    Tensor naivePolicy = barfi.innerPolicy(naive).policy();
    double jNaive = GRID.expectedReturn(naivePolicy, PRIMARY).item();
    double atDecoy = (1 - GAMMA) * GRID.expectedReturn(naivePolicy, Mdps.table(STATES, 4, (s, a) -> s == DECOY ? 1.0 : 0.0)).item();
    double jPrimaryOnly = barfi.primaryReturn(Tensor.zeros(DType.FLOAT64, STATES, 4)).item();

    Barfi.Result learned = barfi.run(naive, 100, Adam.Options.defaults().lr(0.05));
    double jBarfi = GRID.expectedReturn(learned.policy(), PRIMARY).item();
    System.out.printf("BarfiTest decoy: optimum %.4f; naive r_p + r_aux J_p %.4f (%.3f of optimum, %.2f of discounted time at the decoy); "
        + "r_p alone %.4f; BARFI %.4f (%.3f of optimum), phi at the decoy %s%n", OPTIMUM, jNaive, jNaive / OPTIMUM, atDecoy, jPrimaryOnly, jBarfi,
        jBarfi / OPTIMUM, Arrays.toString(learned.phi().select(0, DECOY).toDoubleArray()));

    // observed: naive 0.015 (0.032 of optimum, 0.63 of its time at the decoy), BARFI 0.4705 (0.984 of optimum)
    assertTrue(jNaive < 0.05 * OPTIMUM, "naive J_p " + jNaive);
    assertTrue(atDecoy > 0.5, "the naive agent spends " + atDecoy + " of its discounted time at the decoy");
    assertTrue(jBarfi >= 0.9 * OPTIMUM, "BARFI J_p " + jBarfi + " of optimum " + OPTIMUM);
  }

  @Test
  void aHelpfulHeuristicLetsTheLearnedBlendReachTheGoalWithFewerInnerBackups() {
    int fewestForPrimaryAlone = 0;
    for (int k = 1; k <= 12 && fewestForPrimaryAlone == 0; k++) {
      double j = GRID.expectedReturn(new SoftValueIteration(0.02, k).solve(GRID, PRIMARY).policy(), PRIMARY).item();
      if (j >= 0.9 * OPTIMUM) fewestForPrimaryAlone = k;
    }
    Barfi oneBackup = new Barfi(GRID, PRIMARY, TOWARDS_GOAL, new SoftValueIteration(0.02, 1));
    double jNaive = oneBackup.primaryReturn(Tensor.scalar(1.0, DType.FLOAT64)).item();
    Barfi.Result learned = oneBackup.run(Tensor.scalar(1.0, DType.FLOAT64), 100, Adam.Options.defaults().lr(0.05));
    double jBarfi = GRID.expectedReturn(learned.policy(), PRIMARY).item();
    System.out.printf("BarfiTest helpful: r_p alone needs %d backups to reach 0.9 of optimum; with 1 backup, naive blend %.3f, BARFI %.3f of optimum (phi %.2f)%n",
        fewestForPrimaryAlone, jNaive / OPTIMUM, jBarfi / OPTIMUM, learned.phi().item());
    // observed: r_p alone needs 7; BARFI with one backup 0.998 of optimum, having raised phi from 1 to 2.64
    assertTrue(fewestForPrimaryAlone >= 6, "r_p alone reached 0.9 of optimum with " + fewestForPrimaryAlone + " backups");
    assertTrue(jBarfi >= 0.9 * OPTIMUM, "BARFI with one backup: " + jBarfi / OPTIMUM + " of optimum");
    assertTrue(learned.phi().item() > 1, "BARFI should up-weight a helpful heuristic, phi = " + learned.phi().item());
  }

  @Test
  void blendsAScalarWeightEverywhereAndRejectsAWeightOfAnotherShape() {
    Barfi barfi = new Barfi(GRID, PRIMARY, DECOY_BONUS, new SoftValueIteration(0.1, 5));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> barfi.reward(Tensor.ones(DType.FLOAT64, 4)));
    assertTrue(e.getMessage().contains("[25, 4]"), e.getMessage());
    assertEquals(0.2, barfi.reward(Tensor.scalar(2.0, DType.FLOAT64)).select(0, DECOY).select(0, 0).item(), 1e-15);
  }

  private static int next(int s, int a) {
    return (int) GRID.transitions().select(0, s).select(0, a).argmax().itemLong();
  }

  private static int distance(int s) {
    return (WIDTH - 1 - s / WIDTH) + (WIDTH - 1 - s % WIDTH);
  }
}
