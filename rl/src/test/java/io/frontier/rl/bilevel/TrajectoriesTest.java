package io.frontier.rl.bilevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrajectoriesTest {

  @Test
  void aDeterministicChainFromOneStartHasActionsToTheHorizonTrajectories() {
    Trajectories t = new Trajectories(Mdps.chain(4, 0.9), 6, 1 << 12);
    assertEquals(64, t.count());
    assertEquals(0.0, t.logDynamics().abs().max().item());
  }

  @Test
  void trajectoryProbabilitiesOfAStochasticMdpSumToOne() {
    Random rng = new Random(7);
    TabularMdp mdp = Mdps.random(rng, 4, 2, 2, 0.9);
    Trajectories t = new Trajectories(mdp, 4, 1 << 12);
    Tensor logPi = Mdps.randomPolicy(rng, 4, 2).log();
    assertEquals(1.0, t.probs(logPi).sum().item(), 1e-12);
  }

  @Test
  void expectedReturnOverTrajectoriesIsTheTruncatedPolicyValue() {
    Random rng = new Random(8);
    TabularMdp mdp = Mdps.random(rng, 4, 2, 2, 0.8);
    int horizon = 5;
    Trajectories t = new Trajectories(mdp, horizon, 1 << 14);
    Tensor pi = Mdps.randomPolicy(rng, 4, 2);
    Tensor r = Mdps.gaussian(rng, 4, 2);
    double enumerated = t.probs(pi.log()).dot(t.returns(r, mdp.gamma())).item();
    // H backups of the policy's Bellman expectation operator from zero, in plain Java
    double[] p = mdp.transitions().toDoubleArray();
    double[] policy = pi.toDoubleArray();
    double[] reward = r.toDoubleArray();
    double[] v = new double[4];
    for (int k = 0; k < horizon; k++) {
      double[] next = new double[4];
      for (int s = 0; s < 4; s++) {
        for (int a = 0; a < 2; a++) {
          double q = reward[s * 2 + a];
          for (int x = 0; x < 4; x++) q += 0.8 * p[(s * 2 + a) * 4 + x] * v[x];
          next[s] += policy[s * 2 + a] * q;
        }
      }
      v = next;
    }
    double[] mu0 = mdp.initial().toDoubleArray();
    double reference = mu0[0] * v[0] + mu0[1] * v[1] + mu0[2] * v[2] + mu0[3] * v[3];
    System.out.printf("TrajectoriesTest: %d trajectories, E[R] = %.12f, truncated value %.12f%n", t.count(), enumerated, reference);
    assertEquals(reference, enumerated, 1e-12);
  }

  @Test
  void refusesToEnumerateMoreThanItsLimit() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Trajectories(Mdps.chain(4, 0.9), 10, 1000));
    assertTrue(e.getMessage().contains("more than 1000"), e.getMessage());
  }
}
