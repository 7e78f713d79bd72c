package io.frontier.multiobjective.bayes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** ParEGO's weights lie on the simplex and its scalarisation is Knowles's augmented Chebyshev function. */
class ParEgoTest {
  @Test
  void weightsAreUniformOnTheSimplex() {
    SplittableRandom r = new SplittableRandom(1);
    double meanFirst = 0;
    int n = 20000;
    for (int i = 0; i < n; i++) {
      double[] w = ParEgo.randomWeights(3, r);
      assertEquals(1, w[0] + w[1] + w[2], 1e-12);
      for (double v : w) assertTrue(v >= 0);
      meanFirst += w[0] / n;
    }
    // Dirichlet(1, 1, 1): each weight has mean 1/3 and standard deviation √2/6 ≈ 0.236.
    assertEquals(1.0 / 3, meanFirst, 5 * 0.236 / Math.sqrt(n));
  }

  @Test
  void scalarizationIsAugmentedChebyshevOfNormalizedObjectives() {
    double[][] y = {{0, 10}, {2, 0}, {1, 5}};
    double[] w = {0.25, 0.75};
    // Normalised rows: (0, 1), (1, 0), (0.5, 0.5).
    double[] want = {0.75 + 0.05 * 0.75, 0.25 + 0.05 * 0.25, 0.375 + 0.05 * 0.5};
    assertArrayEquals(want, ParEgo.scalarize(y, w, ParEgo.RHO), 1e-15);
  }

  @Test
  void referencePointSetsTheUpperEndOfTheNormalization() {
    double[][] y = {{0, 10}, {2, 0}, {1, 5}};
    double[] w = {0.5, 0.5};
    // Normalised by [best, reference] = [0, 4] and [0, 20]: rows (0, 0.5), (0.5, 0), (0.25, 0.25).
    double[] want = {0.25 + 0.05 * 0.25, 0.25 + 0.05 * 0.25, 0.125 + 0.05 * 0.25};
    assertArrayEquals(want, ParEgo.scalarize(y, w, ParEgo.RHO, new double[] {4, 20}), 1e-15);
  }
}
