package io.frontier.rl.bilevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.autograd.Autograd;
import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SoftValueIterationTest {
  private static final int S = 5;
  private static final int A = 3;

  @Test
  void convergedSoftValueIsTheEntropyRegularisedValueOfItsOwnPolicy() {
    Random rng = new Random(1);
    TabularMdp mdp = Mdps.random(rng, S, A, 3, 0.8);
    Tensor r = Mdps.gaussian(rng, S, A);
    double tau = 0.7;
    SoftValueIteration.Solution sol = new SoftValueIteration(tau, 200).solve(mdp, r);
    // V_soft = E_pi[sum gamma^t (r - tau log pi)], evaluated by a linear solve, not by backups
    Tensor evaluated = mdp.policyValue(sol.policy(), r.sub(sol.logPolicy().mul(tau)));
    double gap = sol.v().sub(evaluated).abs().max().item();
    System.out.printf("SoftValueIterationTest: |V_K - V_pi^soft|_max = %.2e%n", gap);
    assertTrue(gap < 1e-12, "soft value and entropy-regularised policy value differ by " + gap);
    assertEquals(0.0, sol.policy().sum(1).sub(1.0).abs().max().item(), 1e-14);
  }

  @Test
  void softValueLiesBetweenTheHardOptimumAndTheHardOptimumPlusTheEntropyBound() {
    Random rng = new Random(2);
    TabularMdp mdp = Mdps.random(rng, S, A, 2, 0.9);
    Tensor r = Mdps.gaussian(rng, S, A);
    double[] hard = hardValueIteration(mdp, r.toDoubleArray(), 2000);
    for (double tau : new double[] {1.0, 0.1, 0.01}) {
      double[] soft = new SoftValueIteration(tau, 2000).solve(mdp, r).v().toDoubleArray();
      double bound = tau * Math.log(A) / (1 - mdp.gamma());
      for (int s = 0; s < S; s++) {
        assertTrue(soft[s] >= hard[s] - 1e-9, "tau " + tau + ", state " + s + ": soft " + soft[s] + " < hard " + hard[s]);
        assertTrue(soft[s] <= hard[s] + bound + 1e-9, "tau " + tau + ", state " + s + ": soft " + soft[s] + " > hard + tau log A / (1 - gamma) = " + (hard[s] + bound));
      }
    }
  }

  @Test
  void gradientOfAPolicyReturnThroughTheBackupsMatchesFiniteDifferences() {
    Random rng = new Random(3);
    TabularMdp mdp = Mdps.random(rng, S, A, 2, 0.85);
    SoftValueIteration lower = new SoftValueIteration(0.5, 12);
    Tensor r = Mdps.gaussian(rng, S, A).requiresGrad_(true);
    Tensor u = Mdps.gaussian(rng, S, A);
    Tensor grad = Autograd.grad(mdp.expectedReturn(lower.solve(mdp, r).policy(), u), r)[0];
    double[] fd = FiniteDifferences.central(x -> mdp.expectedReturn(lower.solve(mdp, Tensor.fromArray(x, S, A)).policy(), u).item(), r.detach().toDoubleArray(), 1e-5);
    double rel = FiniteDifferences.relativeError(grad.toDoubleArray(), fd);
    System.out.printf("SoftValueIterationTest: d J_u(pi_K(r)) / dr vs central differences, relative error %.2e%n", rel);
    assertTrue(rel < 1e-6, "relative error " + rel);
  }

  @Test
  void rejectsARewardOfTheWrongShapeNamingBoth() {
    TabularMdp mdp = Mdps.chain(4, 0.9);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SoftValueIteration(1.0, 5).solve(mdp, Tensor.zeros(DType.FLOAT64, 4, 3)));
    assertTrue(e.getMessage().contains("(4, 2)") && e.getMessage().contains("[4, 3]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new SoftValueIteration(0.0, 5));
    assertThrows(IllegalArgumentException.class, () -> new SoftValueIteration(1.0, 0));
  }

  /** Plain max-backup value iteration, the reference. */
  static double[] hardValueIteration(TabularMdp mdp, double[] r, int iterations) {
    int n = mdp.stateCount();
    int na = mdp.actionCount();
    double[] p = mdp.transitions().toDoubleArray();
    double[] v = new double[n];
    for (int k = 0; k < iterations; k++) {
      double[] next = new double[n];
      for (int s = 0; s < n; s++) {
        double best = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < na; a++) {
          double q = r[s * na + a];
          for (int t = 0; t < n; t++) q += mdp.gamma() * p[(s * na + a) * n + t] * v[t];
          best = Math.max(best, q);
        }
        next[s] = best;
      }
      v = next;
    }
    return v;
  }
}
