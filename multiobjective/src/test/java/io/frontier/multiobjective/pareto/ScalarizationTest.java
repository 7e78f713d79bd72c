package io.frontier.multiobjective.pareto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ScalarizationTest {

  @Test
  void handValues() {
    double[] f = {3, 1};
    assertEquals(0.5 * 3 + 2 * 1, new Scalarization.WeightedSum(new double[] {0.5, 2}).value(f), 1e-15);
    assertEquals(Math.max(0.5 * 4, 2 * 2), new Scalarization.Tchebycheff(new double[] {0.5, 2}, new double[] {-1, -1}).value(f), 1e-15);
    assertEquals(4 + 0.1 * (4 + 2), new Scalarization.AugmentedTchebycheff(new double[] {0.5, 2}, new double[] {-1, -1}, 0.1).value(f), 1e-15);
    // PBI, w = (1,1), z = 0: d1 = 4/sqrt2, projection (2,2), d2 = |(1,-1)| = sqrt2.
    assertEquals(4 / Math.sqrt(2) + 5 * Math.sqrt(2), new Scalarization.Pbi(new double[] {1, 1}, new double[] {0, 0}, 5).value(f), 1e-12);
    // Pascoletti-Serafini: a = (0,0), r = (1,2): t = max(3/1, 1/2) = 3.
    assertEquals(3, new Scalarization.PascolettiSerafini(new double[] {0, 0}, new double[] {1, 2}).value(f), 1e-15);
  }

  @Test
  void badArgumentsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new Scalarization.WeightedSum(new double[] {0, 0}));
    assertThrows(IllegalArgumentException.class, () -> new Scalarization.WeightedSum(new double[] {-1, 1}));
    assertThrows(IllegalArgumentException.class, () -> new Scalarization.Tchebycheff(new double[] {1, 1}, new double[] {0}));
    assertThrows(IllegalArgumentException.class, () -> new Scalarization.AugmentedTchebycheff(new double[] {1}, new double[] {0}, -1));
    assertThrows(IllegalArgumentException.class, () -> new Scalarization.PascolettiSerafini(new double[] {0}, new double[] {0}));
  }
}
