package io.frontier.multiobjective.polar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.multiobjective.pareto.Dominance;
import io.frontier.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ParetoScalarizerTest {

  private static final double[] L = {0.5, 2.0, 1.5};

  @Test
  void valuesMatchTheirFormulas() {
    assertEquals(4.0, ParetoScalarizer.LINEAR.value(L), 1e-15);
    assertEquals(16.0, ParetoScalarizer.QUADRATIC.value(L), 1e-15);
    assertEquals(Math.sqrt(0.25 + 4 + 2.25), ParetoScalarizer.EUCLIDEAN.value(L), 1e-15);
    assertEquals(2.0, ParetoScalarizer.CHEBYSHEV.value(L), 1e-15);
  }

  /** d/dl_j: 1; 2 sum l; l_j / |l|; the indicator of the (first) largest loss. */
  @Test
  void tensorFormHasTheSameValueAndTheHandGradient() {
    double norm = Math.sqrt(0.25 + 4 + 2.25);
    double[][] expected = {{1, 1, 1}, {8, 8, 8}, {0.5 / norm, 2 / norm, 1.5 / norm}, {0, 1, 0}};
    for (ParetoScalarizer g : ParetoScalarizer.values()) {
      Tensor l = Tensor.of(L).requiresGrad_(true);
      Tensor v = g.apply(l);
      assertEquals(g.value(L), v.item(), 1e-12, g.name());
      v.backward();
      assertArrayEquals(expected[g.ordinal()], l.grad().toDoubleArray(), 1e-12, g.name());
    }
  }

  /** Lowering one loss lowers a strictly increasing G; the max does not move when a smaller loss falls. */
  @Test
  void strictIncreaseHoldsForAllButChebyshev() {
    double[] lower = {0.5, 2.0, 1.0};
    for (ParetoScalarizer g : ParetoScalarizer.values()) {
      if (g.strictlyIncreasing()) assertTrue(g.value(lower) < g.value(L), g.name());
      else assertEquals(g.value(L), g.value(lower), 0, g.name());
    }
    assertFalse(ParetoScalarizer.CHEBYSHEV.strictlyIncreasing());
  }

  /**
   * On random finite candidate sets, a minimiser of every strictly increasing G is Pareto optimal
   * in the set (no candidate dominates it), and a minimiser of the max is at least weakly Pareto
   * optimal (no candidate is strictly better in every loss).
   */
  @Test
  void minimisersOverFiniteSetsAreParetoOptimal() {
    SplittableRandom random = new SplittableRandom(17);
    for (int trial = 0; trial < 500; trial++) {
      int n = 2 + random.nextInt(30);
      int m = 2 + random.nextInt(3);
      double[][] candidates = new double[n][m];
      for (double[] c : candidates) {
        // a coarse grid of values makes ties, which is where the max goes wrong
        for (int k = 0; k < m; k++) c[k] = random.nextInt(6) * 0.5;
      }
      for (ParetoScalarizer g : ParetoScalarizer.values()) {
        double[] best = candidates[argmin(g, candidates)];
        for (double[] c : candidates) {
          if (g.strictlyIncreasing()) assertFalse(Dominance.dominates(c, best), g.name() + " trial " + trial);
          else assertFalse(strictlyBetterEverywhere(c, best), g.name() + " trial " + trial);
        }
      }
    }
  }

  /** Both candidates have max 1; the max's first minimiser is dominated, the strict scalarizers pick another. */
  @Test
  void aChebyshevMinimiserCanBeDominated() {
    double[][] candidates = {{1.0, 0.5, 0.2}, {1.0, 0.3, 0.2}, {1.2, 0.1, 0.1}};
    int cheb = argmin(ParetoScalarizer.CHEBYSHEV, candidates);
    assertEquals(0, cheb);
    assertTrue(Dominance.dominates(candidates[1], candidates[cheb]));
    for (ParetoScalarizer g : new ParetoScalarizer[] {ParetoScalarizer.LINEAR, ParetoScalarizer.QUADRATIC, ParetoScalarizer.EUCLIDEAN}) {
      int best = argmin(g, candidates);
      for (double[] c : candidates) assertFalse(Dominance.dominates(c, candidates[best]), g.name());
    }
  }

  @Test
  void rejectsBadLosses() {
    for (ParetoScalarizer g : ParetoScalarizer.values()) {
      assertThrows(IllegalArgumentException.class, () -> g.value(new double[0]));
      assertThrows(IllegalArgumentException.class, () -> g.value(new double[] {1, -0.1}));
      assertThrows(IllegalArgumentException.class, () -> g.value(new double[] {1, Double.NaN}));
      assertThrows(IllegalArgumentException.class, () -> g.apply(Tensor.of(new double[][] {{1, 2}})));
    }
  }

  /** The first index of the smallest G. */
  static int argmin(ParetoScalarizer g, double[][] candidates) {
    int best = 0;
    double bestValue = g.value(candidates[0]);
    for (int i = 1; i < candidates.length; i++) {
      double v = g.value(candidates[i]);
      if (v < bestValue) {
        best = i;
        bestValue = v;
      }
    }
    return best;
  }

  private static boolean strictlyBetterEverywhere(double[] a, double[] b) {
    for (int k = 0; k < a.length; k++) {
      if (!(a[k] < b[k])) return false;
    }
    return true;
  }
}
