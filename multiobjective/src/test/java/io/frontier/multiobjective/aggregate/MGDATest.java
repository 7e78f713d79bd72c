package io.frontier.multiobjective.aggregate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MGDATest {

  @Test
  void orthogonalUnitGradientsGetHalfEach() {
    Aggregation a = new MGDA().aggregate(new double[][] {{1, 0}, {0, 1}});
    assertArrayEquals(new double[] {0.5, 0.5}, a.weights(), 1e-15);
    assertArrayEquals(new double[] {0.5, 0.5}, a.direction(), 1e-15);
  }

  @Test
  void gradientInsideTheOthersConeWins() {
    // g1 = (1, 0), g2 = (2, 1): g1 . (g1 - g2) = -1 < 0 means g1 is the hull's min-norm point
    Aggregation a = new MGDA().aggregate(new double[][] {{1, 0}, {2, 1}});
    assertArrayEquals(new double[] {1, 0}, a.weights(), 1e-15);
    // the same with K = 3 through the iterative solvers: a third gradient further out
    double[][] g = {{1, 0}, {2, 1}, {3, -1}};
    for (MGDA mgda : new MGDA[] {new MGDA(), MGDA.frankWolfe()}) {
      assertArrayEquals(new double[] {1, 0, 0}, mgda.aggregate(g).weights(), 1e-6);
    }
  }

  @Test
  void identicalGradientsGiveThatGradient() {
    Aggregation a = new MGDA().aggregate(new double[][] {{3, -4}, {3, -4}});
    assertArrayEquals(new double[] {0.5, 0.5}, a.weights(), 1e-15);
    assertArrayEquals(new double[] {3, -4}, a.direction(), 1e-15);
    Aggregation b = new MGDA().aggregate(new double[][] {{3, -4}, {3, -4}, {3, -4}});
    assertArrayEquals(new double[] {3, -4}, b.direction(), 1e-12);
  }

  @Test
  void opposedGradientsGiveZero() {
    Aggregation a = new MGDA().aggregate(new double[][] {{2, 0}, {-1, 0}});
    assertArrayEquals(new double[] {1.0 / 3, 2.0 / 3}, a.weights(), 1e-15);
    assertArrayEquals(new double[] {0, 0}, a.direction(), 1e-15);
  }

  @Test
  void matchesExactOracleOnRandomInstances() {
    Random rng = new Random(7);
    MGDA pg = new MGDA();
    MGDA fw = MGDA.frankWolfe();
    for (int trial = 0; trial < 120; trial++) {
      int k = 2 + trial % 7;
      int n = 2 + rng.nextInt(11);
      double[][] g = new double[k][n];
      for (double[] row : g) for (int j = 0; j < n; j++) row[j] = rng.nextGaussian() + (trial % 2 == 0 ? 0.7 : 0);
      double[][] m = Jacobians.gram(g);
      double exact = Jacobians.quad(m, MinNormOracle.solve(m));
      double[] w = pg.weights(m);
      assertOnSimplex(w);
      assertEquals(exact, Jacobians.quad(m, w), 1e-9, "projected gradient, trial " + trial);
      double[] wf = fw.weights(m);
      assertOnSimplex(wf);
      // Frank-Wolfe converges sublinearly (250 steps): check its error against its own
      // certificate f - f* <= 2 (f - min_t (M w)_t), and that it is small
      double f = Jacobians.quad(m, wf);
      double[] mw = Jacobians.times(m, wf);
      double gap = f - mw[MinNorm.argmin(mw)];
      assertTrue(f >= exact - 1e-12 && f - exact <= 2 * gap + 1e-12, "Frank-Wolfe certificate, trial " + trial);
      assertEquals(exact, f, 1e-3 * MinNorm.maxDiagonal(m), "Frank-Wolfe, trial " + trial);
    }
  }

  @Test
  void descentReachesTheParetoSetOfTwoQuadratics() {
    // f1 = |x - a|^2, f2 = |x - b|^2: the Pareto set is the segment [a, b]
    double[] a = {1, 0, 2};
    double[] b = {-1, 3, 0};
    double[] x = {4, 4, -3};
    MGDA mgda = new MGDA();
    double[] d = null;
    for (int it = 0; it < 2000; it++) {
      double[][] g = new double[2][3];
      for (int j = 0; j < 3; j++) {
        g[0][j] = 2 * (x[j] - a[j]);
        g[1][j] = 2 * (x[j] - b[j]);
      }
      d = mgda.aggregate(g).direction();
      for (int j = 0; j < 3; j++) x[j] -= 0.1 * d[j];
    }
    double norm = Math.sqrt(Jacobians.dot(d, d));
    assertTrue(norm < 1e-9, "min-norm element at the end: " + norm);
    // x = a + t (b - a) with t in [0, 1]
    double[] ab = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
    double[] ax = {x[0] - a[0], x[1] - a[1], x[2] - a[2]};
    double t = Jacobians.dot(ax, ab) / Jacobians.dot(ab, ab);
    assertTrue(t > 0 && t < 1, "t = " + t);
    for (int j = 0; j < 3; j++) assertEquals(a[j] + t * ab[j], x[j], 1e-9);
  }

  @Test
  void rejectsBadInput() {
    MGDA mgda = new MGDA();
    assertThrows(IllegalArgumentException.class, () -> mgda.weights(new double[][] {{1, 2}, {3, 1}}));
    assertThrows(IllegalArgumentException.class, () -> mgda.aggregate(new double[][] {{1, 2}, {3}}));
    assertThrows(IllegalArgumentException.class, () -> mgda.aggregate(new double[][] {{1, Double.NaN}}));
    assertThrows(IllegalArgumentException.class, () -> new MGDA(MGDA.Solver.FRANK_WOLFE, 0, 1e-3));
  }

  static void assertOnSimplex(double[] w) {
    double s = 0;
    for (double v : w) {
      assertTrue(v >= 0, "negative weight " + v);
      s += v;
    }
    assertEquals(1, s, 1e-12);
  }
}
