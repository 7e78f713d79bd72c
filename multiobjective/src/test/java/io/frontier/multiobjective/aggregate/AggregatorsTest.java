package io.frontier.multiobjective.aggregate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AggregatorsTest {

  private static double[][] randomGradients(Random rng, int k, int n) {
    double[][] g = new double[k][n];
    for (double[] row : g) for (int j = 0; j < n; j++) row[j] = rng.nextGaussian();
    return g;
  }

  @Test
  void linearScalarisation() {
    double[][] g = {{1, 2}, {3, -1}};
    assertArrayEquals(new double[] {2, 0.5}, LinearScalarisation.mean(2).aggregate(g).direction(), 1e-15);
    assertArrayEquals(new double[] {5, 3}, new LinearScalarisation(2, 1).aggregate(g).direction(), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> new LinearScalarisation(1, 1, 1).aggregate(g));
  }

  @Test
  void pcgradHandExample() {
    // g1 = (1, 0), g2 = (-1, 1) conflict (g1 . g2 = -1):
    // g1' = g1 + g2 / 2 = (0.5, 0.5), g2' = g2 + g1 = (0, 1), sum (0.5, 1.5) = 2 g1 + 1.5 g2
    Aggregation a = PCGrad.deterministic().aggregate(new double[][] {{1, 0}, {-1, 1}});
    assertArrayEquals(new double[] {2, 1.5}, a.weights(), 1e-15);
    assertArrayEquals(new double[] {0.5, 1.5}, a.direction(), 1e-15);
    // with two objectives the order cannot matter
    assertArrayEquals(a.weights(), PCGrad.random(new SplittableRandom(3)).aggregate(new double[][] {{1, 0}, {-1, 1}}).weights(), 1e-15);
  }

  @Test
  void pcgradThreeObjectivesDeterministicOrder() {
    // g1 = (1, 0), g2 = (0, 1), g3 = (-1, -1) (|g3|^2 = 2)
    // g1': vs g2 no conflict; vs g3: dot -1 -> g1 + g3/2 = (0.5, -0.5)
    // g2': vs g1 none; vs g3: dot -1 -> g2 + g3/2 = (-0.5, 0.5)
    // g3': vs g1: dot -1 -> g3 + g1 = (0, -1); vs g2: dot -1 -> + g2 = (0, 0)
    Aggregation a = PCGrad.deterministic().aggregate(new double[][] {{1, 0}, {0, 1}, {-1, -1}});
    assertArrayEquals(new double[] {2, 2, 2}, a.weights(), 1e-15); // g1' + g2' + g3' = (2, 2, 2) coefficients
    assertArrayEquals(new double[] {0, 0}, a.direction(), 1e-15);
    // non-conflicting gradients are left alone: plain sum
    assertArrayEquals(new double[] {1, 1, 1}, PCGrad.deterministic().weights(Jacobians.gram(new double[][] {{1, 0}, {1, 1}, {0, 1}})), 0);
  }

  @Test
  void pcgradSeededOrderIsReproducible() {
    double[][] g = randomGradients(new Random(1), 5, 4);
    double[] w1 = PCGrad.random(new SplittableRandom(42)).aggregate(g).weights();
    double[] w2 = PCGrad.random(new SplittableRandom(42)).aggregate(g).weights();
    assertArrayEquals(w1, w2, 0);
  }

  @Test
  void cagradWithZeroCIsTheMean() {
    double[][] g = randomGradients(new Random(2), 4, 6);
    assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, new CAGrad(0).aggregate(g).weights(), 0);
    assertArrayEquals(LinearScalarisation.mean(4).aggregate(g).direction(), new CAGrad(0, CAGrad.Rescale.ONE_PLUS_C_SQUARED).aggregate(g).direction(), 1e-15);
  }

  @Test
  void cagradOrthogonalUnitGradients() {
    // by symmetry w = (1/2, 1/2), g_w = g0 = (1/2, 1/2), so d = g0 (1 + c)
    double c = 0.5;
    double[][] g = {{1, 0}, {0, 1}};
    assertArrayEquals(new double[] {0.75, 0.75}, new CAGrad(c).aggregate(g).weights(), 1e-9);
    assertArrayEquals(new double[] {0.6, 0.6}, new CAGrad(c, CAGrad.Rescale.ONE_PLUS_C_SQUARED).aggregate(g).weights(), 1e-9);
    assertArrayEquals(new double[] {0.5, 0.5}, new CAGrad(c, CAGrad.Rescale.ONE_PLUS_C).aggregate(g).weights(), 1e-9);
  }

  @Test
  void cagradHasZeroDualityGap() {
    // weak duality: for d in the ball |d - g0| <= r and any w on the simplex,
    // min_i g_i . d <= g_w . g0 + r |g_w|; equality certifies both optimal
    Random rng = new Random(3);
    for (int trial = 0; trial < 40; trial++) {
      int k = 2 + trial % 5;
      double[][] g = randomGradients(rng, k, 3 + rng.nextInt(6));
      for (double[] row : g) row[0] += 1.0;
      double c = 0.2 + 0.2 * (trial % 4);
      double[][] m = Jacobians.gram(g);
      double[] mean = LinearScalarisation.mean(k).aggregate(g).direction();
      double r = c * Math.sqrt(Jacobians.dot(mean, mean));
      Aggregation a = new CAGrad(c).aggregate(g);
      double[] offset = new double[mean.length];
      for (int j = 0; j < mean.length; j++) offset[j] = a.direction()[j] - mean[j];
      assertEquals(r, Math.sqrt(Jacobians.dot(offset, offset)), 1e-9, "d lies on the ball's boundary");
      double primal = Double.POSITIVE_INFINITY;
      for (double[] gi : g) primal = Math.min(primal, Jacobians.dot(gi, a.direction()));
      double[] w = new double[k]; // recover the dual weights from a.weights() = 1/K + r w / |g_w|
      double sum = 0;
      for (int i = 0; i < k; i++) sum += w[i] = a.weights()[i] - 1.0 / k;
      for (int i = 0; i < k; i++) w[i] /= sum;
      double[] gw = Jacobians.combine(w, g);
      double dual = Jacobians.dot(gw, mean) + r * Math.sqrt(Jacobians.dot(gw, gw));
      assertTrue(dual - primal >= -1e-12, "weak duality");
      assertEquals(dual, primal, 1e-8 * MinNorm.maxDiagonal(m), "duality gap, trial " + trial);
    }
  }

  @Test
  void imtlgEqualProjections() {
    Random rng = new Random(4);
    for (int trial = 0; trial < 30; trial++) {
      int k = 2 + trial % 5;
      double[][] g = randomGradients(rng, k, k + rng.nextInt(4));
      Aggregation a = new IMTLG().aggregate(g);
      double sum = 0;
      for (double w : a.weights()) sum += w;
      assertEquals(1, sum, 1e-12);
      double first = Jacobians.dot(a.direction(), g[0]) / Math.sqrt(Jacobians.dot(g[0], g[0]));
      for (int i = 1; i < k; i++) {
        double p = Jacobians.dot(a.direction(), g[i]) / Math.sqrt(Jacobians.dot(g[i], g[i]));
        assertEquals(first, p, 1e-9 * Math.max(1, Math.abs(first)), "trial " + trial + " objective " + i);
      }
    }
  }

  @Test
  void imtlgHandCaseAndZeroGradient() {
    // g1 = (2, 0), g2 = (0, 1): d = a g1 + (1 - a) g2 with 2a = 1 - a, a = 1/3, d = (2/3, 2/3)
    Aggregation a = new IMTLG().aggregate(new double[][] {{2, 0}, {0, 1}});
    assertArrayEquals(new double[] {1.0 / 3, 2.0 / 3}, a.weights(), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> new IMTLG().aggregate(new double[][] {{0, 0}, {0, 1}}));
  }
}
