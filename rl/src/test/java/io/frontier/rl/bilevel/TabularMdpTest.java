package io.frontier.rl.bilevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TabularMdpTest {

  @Test
  void policyValueMatchesIteratedBellmanExpectationBackups() {
    Random rng = new Random(5);
    TabularMdp mdp = Mdps.random(rng, 6, 3, 3, 0.9);
    Tensor pi = Mdps.randomPolicy(rng, 6, 3);
    Tensor r = Mdps.gaussian(rng, 6, 3);
    double[] p = mdp.transitions().toDoubleArray();
    double[] policy = pi.toDoubleArray();
    double[] reward = r.toDoubleArray();
    double[] v = new double[6];
    for (int k = 0; k < 600; k++) {
      double[] next = new double[6];
      for (int s = 0; s < 6; s++) {
        for (int a = 0; a < 3; a++) {
          double q = reward[s * 3 + a];
          for (int t = 0; t < 6; t++) q += 0.9 * p[(s * 3 + a) * 6 + t] * v[t];
          next[s] += policy[s * 3 + a] * q;
        }
      }
      v = next;
    }
    double[] solved = mdp.policyValue(pi, r).toDoubleArray();
    double j = 0;
    double[] mu0 = mdp.initial().toDoubleArray();
    for (int s = 0; s < 6; s++) {
      assertEquals(v[s], solved[s], 1e-10, "state " + s);
      j += mu0[s] * v[s];
    }
    assertEquals(j, mdp.expectedReturn(pi, r).item(), 1e-10);
  }

  @Test
  void deterministicBuildsOneHotTransitionsFromTheSuccessorTable() {
    TabularMdp chain = Mdps.chain(3, 0.5);
    assertEquals(1.0, chain.transitions().select(0, 1).select(0, Mdps.RIGHT).select(0, 2).item());
    assertEquals(1.0, chain.transitions().select(0, 0).select(0, Mdps.LEFT).select(0, 0).item());
    assertEquals(1.0, chain.initial().select(0, 0).item());
  }

  @Test
  void rejectsTransitionRowsThatDoNotSumToOne() {
    double[] p = new double[2 * 1 * 2];
    p[0] = 0.5; // state 0: 0.5 + 0 = 0.5
    p[3] = 1.0;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new TabularMdp(Tensor.fromArray(p, 2, 1, 2), Tensor.of(1.0, 0.0), 0.9));
    assertTrue(e.getMessage().contains("sum to 1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Mdps.chain(3, 1.0));
  }
}
