package io.frontier.multiobjective.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SimplexLPTest {

  @Test
  void matchesAGridSearchOnThreeVariables() {
    Random rng = new Random(11);
    int n = 300; // grid a = (i, j, n - i - j) / n
    for (int trial = 0; trial < 20; trial++) {
      double[] c = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
      double[][] a = new double[2][3];
      for (double[] row : a) for (int j = 0; j < 3; j++) row[j] = rng.nextGaussian();
      double[] b = {-0.3, trial % 2 == 0 ? Double.NEGATIVE_INFINITY : -0.2};
      double best = Double.NEGATIVE_INFINITY;
      for (int i = 0; i <= n; i++) {
        for (int j = 0; i + j <= n; j++) {
          double[] x = {i / (double) n, j / (double) n, (n - i - j) / (double) n};
          boolean ok = Jacobians.dot(a[0], x) >= b[0] && (b[1] == Double.NEGATIVE_INFINITY || Jacobians.dot(a[1], x) >= b[1]);
          if (ok) best = Math.max(best, Jacobians.dot(c, x));
        }
      }
      double[] x = SimplexLP.maximise(c, a, b);
      if (best == Double.NEGATIVE_INFINITY) continue; // no grid point feasible: the LP may still be (barely) feasible
      assertNotNull(x);
      assertEquals(1, x[0] + x[1] + x[2], 1e-12);
      double value = Jacobians.dot(c, x);
      assertTrue(value >= best - 1e-12, "LP value below a feasible grid point");
      assertTrue(value <= best + 0.05, "LP value " + value + " far above the grid's " + best);
    }
  }

  @Test
  void reportsInfeasibility() {
    // a_1 >= 2 cannot hold on the simplex
    assertNull(SimplexLP.maximise(new double[] {1, 1}, new double[][] {{1, 0}}, new double[] {2}));
  }
}
