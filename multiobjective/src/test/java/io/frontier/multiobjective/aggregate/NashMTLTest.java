package io.frontier.multiobjective.aggregate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NashMTLTest {

  @Test
  void orthogonalGradientsGetInverseNorms() {
    assertArrayEquals(new double[] {0.5, 0.25}, new NashMTL().weights(new double[][] {{4, 0}, {0, 16}}), 1e-15);
  }

  @Test
  void solvesTheBargainingEquationOnRandomInstances() {
    Random rng = new Random(5);
    for (int trial = 0; trial < 30; trial++) {
      int k = 2 + trial % 5;
      double[][] g = new double[k][k + 2];
      for (double[] row : g) {
        for (int j = 0; j < row.length; j++) row[j] = rng.nextGaussian();
        row[0] += 2; // keep 0 out of the convex hull
      }
      double[][] m = Jacobians.gram(g);
      double[] alpha = new NashMTL().weights(m);
      double[] ma = Jacobians.times(m, alpha);
      for (int i = 0; i < k; i++) {
        assertTrue(alpha[i] > 0);
        assertEquals(1, alpha[i] * ma[i], 1e-9, "trial " + trial);
      }
    }
  }

  @Test
  void rejectsOpposedGradients() {
    assertThrows(IllegalArgumentException.class, () -> new NashMTL().aggregate(new double[][] {{1, 0}, {-1, 0}}));
  }
}
