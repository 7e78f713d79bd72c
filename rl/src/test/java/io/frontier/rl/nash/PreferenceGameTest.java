package io.frontier.rl.nash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PreferenceGameTest {
  private static final double[][] ROCK_PAPER_SCISSORS = {{0.5, 0.0, 1.0}, {1.0, 0.5, 0.0}, {0.0, 1.0, 0.5}}; // rock, paper, scissors

  @Test
  void rockPaperScissorsHasTheUniformPolicyAsItsOnlyUnbeatablePolicy() {
    PreferenceGame rps = new PreferenceGame(ROCK_PAPER_SCISSORS);
    assertEquals(0.0, rps.exploitability(Tensor.of(1 / 3.0, 1 / 3.0, 1 / 3.0)), 1e-15);
    assertEquals(0.5, rps.exploitability(Tensor.of(1.0, 0.0, 0.0)), 0.0, "paper beats rock every time");
    assertEquals(0.25, rps.exploitability(Tensor.of(0.5, 0.5, 0.0)), 1e-15, "scissors beats paper, ties itself");
    assertEquals(1.0, rps.preferenceOf(Tensor.of(0.0, 1.0, 0.0), Tensor.of(1.0, 0.0, 0.0)), 0.0);
  }

  /**
   * DNO's monotone improvement: each soft-policy-iteration step is preferred to its predecessor,
   * {@code P(pi_{t+1} > pi_t) >= 1/2}, on random general (mostly intransitive) preference games,
   * for small and large steps.
   */
  @Test
  void softPolicyIterationIsPreferredToItsPredecessorInEveryGame() {
    Random rnd = new Random(2);
    for (int game = 0; game < 20; game++) {
      int k = 3 + rnd.nextInt(5);
      double[][] p = new double[k][k];
      for (int i = 0; i < k; i++) {
        p[i][i] = 0.5;
        for (int j = i + 1; j < k; j++) {
          p[i][j] = rnd.nextDouble();
          p[j][i] = 1 - p[i][j];
        }
      }
      PreferenceGame g = new PreferenceGame(p);
      for (double eta : new double[] {0.05, 1.0}) {
        double[] start = new double[k];
        for (int i = 0; i < k; i++) start[i] = rnd.nextDouble() + 0.01;
        Tensor pi = Tensor.of(start).div(Tensor.of(start).sum());
        for (int t = 0; t < 30; t++) {
          Tensor next = g.softPolicyIteration(pi, eta);
          double improvement = g.preferenceOf(next, pi);
          assertTrue(improvement >= 0.5 - 1e-12, "game " + game + ", eta " + eta + ", step " + t + ": P(pi_t+1 > pi_t) = " + improvement);
          pi = next;
        }
      }
    }
  }

  @Test
  void withBradleyTerryPreferencesSoftPolicyIterationReachesTheBestResponse() {
    PreferenceGame bt = PreferenceGame.bradleyTerry(0.3, 1.2, -0.5, 0.9);
    Tensor pi = Tensor.of(0.25, 0.25, 0.25, 0.25);
    for (int t = 0; t < 200; t++) pi = bt.softPolicyIteration(pi, 0.1);
    assertTrue(pi.toDoubleArray()[1] > 0.999, java.util.Arrays.toString(pi.toDoubleArray()));
    assertTrue(bt.exploitability(pi) < 1e-3, "exploitability " + bt.exploitability(pi));
  }

  @Test
  void badGamesAndPoliciesAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PreferenceGame(new double[][] {{0.5, 0.7}, {0.7, 0.5}}));
    assertTrue(e.getMessage().contains("P[0][1] + P[1][0] = 1.4, must be 1"), e.getMessage());
    PreferenceGame rps = new PreferenceGame(ROCK_PAPER_SCISSORS);
    e = assertThrows(IllegalArgumentException.class, () -> rps.exploitability(Tensor.of(0.5, 0.6, 0.0)));
    assertTrue(e.getMessage().contains("a policy must be a distribution"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> rps.exploitability(Tensor.of(0.5, 0.5)));
    assertTrue(e.getMessage().contains("a policy must be (3), got [2]"), e.getMessage());
  }
}
