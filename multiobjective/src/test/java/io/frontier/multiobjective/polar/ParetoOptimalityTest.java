package io.frontier.multiobjective.polar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.multiobjective.pareto.Dominance;
import io.frontier.multiobjective.polar.Harmonizer.Normalization;
import org.junit.jupiter.api.Test;

/**
 * POLAR's Theorem (a minimiser of a strictly increasing Pareto loss scalarizer is Pareto optimal),
 * checked on a problem small enough to enumerate: one feature, two classes, nine inputs, the LLM and
 * two labelling functions that disagree, and the logistic harmonizers {@code h(x)[1] =
 * sigmoid(w x + b)} on a 401 x 401 grid of {@code (w, b)} in {@code [-4, 4]^2}.
 */
class ParetoOptimalityTest {
  private static final int A = PolarDataset.ABSTAIN;
  private static final double[] X = {-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2};
  /** The LLM says 1 for x > 0 but errs at -1.5 and 1; lambda_1 is right where |x| >= 1; lambda_2 votes against the slope near 0. */
  private static final PolarDataset DATA = new PolarDataset(column(X), new int[] {0, 1, 0, 0, 0, 1, 0, 1, 1},
      new int[][] {{0, 0, 0, A, A, A, 1, 1, 1}, {A, A, A, 1, 1, 0, 0, A, A}}, 2);
  private static final double[][] GRID = gridLosses();

  /** The three losses conflict: each alone is best at a different grid point, so the front is not one point. */
  @Test
  void theLossesConflictOnTheGrid() {
    int[] single = new int[3];
    for (int s = 0; s < 3; s++) {
      for (int i = 1; i < GRID.length; i++) {
        if (GRID[i][s] < GRID[single[s]][s]) single[s] = i;
      }
    }
    assertTrue(single[0] != single[1] && single[1] != single[2] && single[0] != single[2]);
    int nonDominated = 0;
    for (int i = 0; i < GRID.length; i += 37) {
      boolean dominated = false;
      for (double[] c : GRID) {
        if (Dominance.dominates(c, GRID[i])) {
          dominated = true;
          break;
        }
      }
      if (!dominated) nonDominated++;
    }
    assertTrue(nonDominated >= 5, "non-dominated points among a sample of the grid: " + nonDominated);
  }

  /** The grid minimiser of each strictly increasing G is dominated by no grid point. */
  @Test
  void gridMinimiserOfAStrictlyIncreasingScalarizerIsParetoOptimal() {
    for (ParetoScalarizer g : ParetoScalarizer.values()) {
      if (!g.strictlyIncreasing()) continue;
      double[] best = GRID[ParetoScalarizerTest.argmin(g, GRID)];
      for (double[] c : GRID) assertFalse(Dominance.dominates(c, best), g.name());
    }
  }

  /**
   * The harmonizer trained by gradient on each strictly increasing G reaches the grid's best G (to
   * the grid's resolution), and no grid harmonizer beats it in one loss without losing in another
   * (beyond 1e-4). Linear and quadratic G land on the same harmonizer; Euclidean on another.
   */
  @Test
  void trainedHarmonizerIsNotDominatedByAnyGridHarmonizer() {
    double[][] trained = new double[3][];
    ParetoScalarizer[] strict = {ParetoScalarizer.LINEAR, ParetoScalarizer.QUADRATIC, ParetoScalarizer.EUCLIDEAN};
    for (int t = 0; t < 3; t++) {
      ParetoScalarizer g = strict[t];
      Harmonizer h = Harmonizer.fit(DATA, Harmonizer.Options.defaults().scalarizer(g).lr(0.05).epochs(1500).seed(3));
      double[] l = h.objectiveLosses(DATA, Normalization.FIRED);
      trained[t] = l;
      double gridBest = g.value(GRID[ParetoScalarizerTest.argmin(g, GRID)]);
      System.out.printf("POLAR tiny problem %s: trained losses %s, G %.8f, grid best G %.8f%n", g, java.util.Arrays.toString(l), g.value(l), gridBest);
      assertTrue(g.value(l) <= gridBest + 1e-6, g + ": trained " + g.value(l) + " vs grid " + gridBest);
      for (double[] c : GRID) {
        boolean noWorse = c[0] <= l[0] && c[1] <= l[1] && c[2] <= l[2];
        boolean clearlyBetter = c[0] < l[0] - 1e-4 || c[1] < l[1] - 1e-4 || c[2] < l[2] - 1e-4;
        assertFalse(noWorse && clearlyBetter, g + " is dominated");
      }
    }
    for (int s = 0; s < 3; s++) assertEquals(trained[0][s], trained[1][s], 1e-4, "linear vs quadratic, loss " + s);
    assertTrue(Math.abs(trained[0][1] - trained[2][1]) > 0.05, "the Euclidean norm trades the losses differently");
  }

  private static double[][] gridLosses() {
    int steps = 401;
    double[][] out = new double[steps * steps][];
    double[][] p = new double[X.length][2];
    for (int a = 0; a < steps; a++) {
      double w = -4 + 8.0 * a / (steps - 1);
      for (int c = 0; c < steps; c++) {
        double b = -4 + 8.0 * c / (steps - 1);
        for (int i = 0; i < X.length; i++) {
          p[i][1] = 1 / (1 + Math.exp(-(w * X[i] + b)));
          p[i][0] = 1 - p[i][1];
        }
        out[a * steps + c] = Harmonizer.objectiveLosses(p, DATA, Normalization.FIRED);
      }
    }
    return out;
  }

  private static double[][] column(double[] v) {
    double[][] out = new double[v.length][1];
    for (int i = 0; i < v.length; i++) out[i][0] = v[i];
    return out;
  }
}
