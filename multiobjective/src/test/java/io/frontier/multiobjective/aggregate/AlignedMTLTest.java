package io.frontier.multiobjective.aggregate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AlignedMTLTest {

  @Test
  void orthogonalEqualNormGradientsKeepEqualWeights() {
    double[][] g = {{0, 3, 0, 0}, {3, 0, 0, 0}, {0, 0, 0, -3}};
    assertArrayEquals(new double[] {1, 1, 1}, new AlignedMTL().aggregate(g).weights(), 1e-14);
  }

  @Test
  void orthogonalGradientsAreRescaledToTheSmallestNorm() {
    // M = diag(4, 1): B = 1 * diag(1/2, 1), weights (1/2, 1), direction (1, 1)
    Aggregation a = new AlignedMTL().aggregate(new double[][] {{2, 0}, {0, 1}});
    assertArrayEquals(new double[] {0.5, 1}, a.weights(), 1e-15);
    assertArrayEquals(new double[] {1, 1}, a.direction(), 1e-15);
  }

  @Test
  void twoByTwoMatchesTheSquareRootFormula() {
    // M = [[1, 1], [1, 2]]: det 1, trace 3, M^{1/2} = (M + I) / sqrt(5), M^{-1/2} = [[3, -1], [-1, 2]] / sqrt(5),
    // lambda_min = (3 - sqrt 5) / 2, weights = sqrt(lambda_min) M^{-1/2} 1 = sqrt(lambda_min) (2, 1) / sqrt(5)
    double s = Math.sqrt((3 - Math.sqrt(5)) / 2) / Math.sqrt(5);
    assertArrayEquals(new double[] {2 * s, s}, new AlignedMTL().aggregate(new double[][] {{1, 0}, {1, 1}}).weights(), 1e-14);
  }

  @Test
  void alignedGradientsAreOrthogonalWithEqualNorm() {
    // |d|^2 = 1^T B M B 1 = K lambda_min for full-rank gradients; compare with the eigenvalue of an
    // independent characteristic-polynomial root for K = 3 (bisection on det(M - x I)).
    double[][] g = new double[3][5];
    Random rng = new Random(7);
    for (double[] row : g) for (int j = 0; j < row.length; j++) row[j] = rng.nextGaussian();
    double[][] m = Jacobians.gram(g);
    double lo = 0;
    double hi = Math.min(m[0][0], Math.min(m[1][1], m[2][2])); // lambda_min <= min diagonal
    for (int it = 0; it < 200; it++) {
      double mid = (lo + hi) / 2;
      if (det3(m, mid) > 0) lo = mid; else hi = mid; // det(M - x I) > 0 below the smallest root
    }
    double[] d = new AlignedMTL().aggregate(g).direction();
    assertEquals(3 * lo, Jacobians.dot(d, d), 1e-10 * 3 * lo);
  }

  @Test
  void rankDeficientGradientsUseTheKeptEigenpairs() {
    // g1 = g2: M = [[1, 1], [1, 1]], rank 1 with V = (1, 1) / sqrt 2, B = V V^T, weights (1, 1)
    assertArrayEquals(new double[] {1, 1}, new AlignedMTL().aggregate(new double[][] {{1, 0}, {1, 0}}).weights(), 1e-14);
    assertArrayEquals(new double[] {0, 0}, new AlignedMTL().weights(new double[2][2]), 0);
    assertThrows(IllegalArgumentException.class, () -> new AlignedMTL().weights(new double[][] {{1, 2}, {0, 1}}));
  }

  private static double det3(double[][] m, double x) {
    double a = m[0][0] - x, b = m[0][1], c = m[0][2], e = m[1][1] - x, f = m[1][2], i = m[2][2] - x;
    return a * (e * i - f * f) - b * (b * i - f * c) + c * (b * f - e * c);
  }
}
