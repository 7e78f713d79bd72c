package io.frontier.multiobjective.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.multiobjective.aggregate.Aggregation;
import io.frontier.multiobjective.aggregate.MinNorm;
import io.frontier.multiobjective.domain.TargetAwareDirection.Rule;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TargetAwareDirectionTest {
  private static final int GRID = 20_000;

  /**
   * Random g_1, g_2, g_v in R^n (n = 2..6; half the cases with g_2 pushed against g_1 so that the
   * objectives conflict): for every rule the solver's gamma is cooperative and its objective is at
   * least as good as the best of 20001 grid values of gamma, each d(gamma) formed explicitly in R^n.
   */
  @Test
  void everyRuleMatchesABruteForceSearchOverTheWeight() {
    SplittableRandom random = new SplittableRandom(7);
    int conflicting = 0;
    for (int trial = 0; trial < 300; trial++) {
      int n = 2 + trial % 5;
      double[] g1 = gaussian(random, n, Math.exp(random.nextDouble(-2, 2)));
      double[] g2 = gaussian(random, n, Math.exp(random.nextDouble(-2, 2)));
      if (trial % 2 == 0) g2 = add(g2, g1, -2 * Math.sqrt(dot(g2, g2) / dot(g1, g1)));
      double[] gv = gaussian(random, n, Math.exp(random.nextDouble(-2, 2)));
      if (dot(g1, g2) < 0) conflicting++;
      double scale = Math.max(dot(g1, g1), dot(g2, g2)) + Math.sqrt(dot(gv, gv) * Math.max(dot(g1, g1), dot(g2, g2)));
      for (Rule rule : Rule.values()) {
        double gamma = new TargetAwareDirection(rule).aggregate(new double[][] {g1, g2}, gv).weights()[0];
        assertTrue(gamma >= 0 && gamma <= 1, rule + " trial " + trial + ": gamma " + gamma);
        assertTrue(cooperative(g1, g2, gamma, 1e-9 * scale), rule + " trial " + trial + ": gamma " + gamma + " raises an objective");
        double best = bruteForce(rule, g1, g2, gv);
        double got = objective(rule, g1, g2, gv, gamma);
        assertTrue(got >= best - 1e-9 * scale, rule + " trial " + trial + ": objective " + got + " < grid best " + best);
        if (rule == Rule.EPO_DESCENT && guideSatisfiable(g1, g2, gv)) {
          double slack = dot(gv, combine(g1, g2, gamma)) - guideBound(g1, g2, gv);
          assertTrue(slack >= -1e-9 * scale, "trial " + trial + ": the guide constraint is satisfiable but gamma " + gamma + " violates it by " + slack);
        }
      }
    }
    assertTrue(conflicting >= 120, "too few conflicting cases: " + conflicting);
  }

  @Test
  void cooperativeIntervalEndsWhereAnObjectiveStopsFalling() {
    double[] g1 = {1, 0};
    double[] g2 = {-1, 2}; // g1 . g2 = -1 < 0
    double[] interval = TargetAwareDirection.cooperativeInterval(1, -1, 5);
    assertArrayEquals(new double[] {0.5, 5.0 / 6}, interval, 1e-15);
    assertEquals(0, dot(g1, combine(g1, g2, interval[0])), 1e-15);
    assertEquals(0, dot(g2, combine(g1, g2, interval[1])), 1e-15);
    assertArrayEquals(new double[] {0, 1}, TargetAwareDirection.cooperativeInterval(1, 0.3, 5), 0);
  }

  @Test
  void antiparallelGradientsLeaveOnlyTheZeroDirection() {
    double[] interval = TargetAwareDirection.cooperativeInterval(1, -2, 4); // g2 = -2 g1
    assertEquals(interval[0], interval[1], 1e-12);
    assertEquals(2.0 / 3, interval[0], 1e-12);
    for (Rule rule : Rule.values()) {
      double[] d = new TargetAwareDirection(rule).aggregate(new double[][] {{1, 0}, {-2, 0}}, new double[] {0.3, -5}).direction();
      assertArrayEquals(new double[] {0, 0}, d, 1e-12, rule.toString());
    }
  }

  @Test
  void projectionWithAVanishingGuideIsMgda() {
    SplittableRandom random = new SplittableRandom(3);
    for (int trial = 0; trial < 50; trial++) {
      double[] g1 = gaussian(random, 4, 1);
      double[] g2 = gaussian(random, 4, 3);
      double[][] gram = {{dot(g1, g1), dot(g1, g2)}, {dot(g1, g2), dot(g2, g2)}};
      double gamma = new TargetAwareDirection(Rule.PROJECTION).weights(gram, new double[] {0, 0})[0];
      assertEquals(MinNorm.twoObjective(gram[0][0], gram[0][1], gram[1][1]), gamma, 1e-12);
    }
  }

  @Test
  void projectionFollowsTheGuideWhenTheObjectivesAgree() {
    // g1 = e1, g2 = e2 do not conflict; the segment point nearest g_v = (0.9, 0.4) is gamma = 0.75
    Aggregation a = new TargetAwareDirection().aggregate(new double[][] {{1, 0}, {0, 1}}, new double[] {0.9, 0.4});
    assertArrayEquals(new double[] {0.75, 0.25}, a.weights(), 1e-15);
    assertArrayEquals(new double[] {0.75, 0.25}, a.direction(), 1e-15);
  }

  @Test
  void epoDescentDropsAnUnsatisfiableGuideConstraint() {
    // conflict: interval [0.5, 5/6]; g_v = (0, -1) gives c = (0, -2), so the guide constraint
    // g_v . d >= 0 needs gamma >= 1, outside it; the relaxed program maximises (g1 + g2) . d = 4 - 4 gamma
    double gamma = new TargetAwareDirection(Rule.EPO_DESCENT).aggregate(new double[][] {{1, 0}, {-1, 2}}, new double[] {0, -1}).weights()[0];
    assertEquals(0.5, gamma, 1e-15);
  }

  @Test
  void badInputIsRejected() {
    TargetAwareDirection t = new TargetAwareDirection();
    assertThrows(IllegalArgumentException.class, () -> new TargetAwareDirection(null));
    assertThrows(IllegalArgumentException.class, () -> t.weights(new double[][] {{1}}, new double[] {0, 0}));
    assertThrows(IllegalArgumentException.class, () -> t.weights(new double[][] {{1, 0}, {0, 1}}, new double[] {0}));
    assertThrows(IllegalArgumentException.class, () -> t.weights(new double[][] {{1, 0.5}, {0, 1}}, new double[] {0, 0}));
    assertThrows(IllegalArgumentException.class, () -> t.weights(new double[][] {{-1, 0}, {0, 1}}, new double[] {0, 0}));
    assertThrows(IllegalArgumentException.class, () -> t.weights(new double[][] {{1, 0}, {0, 1}}, new double[] {Double.NaN, 0}));
    assertThrows(IllegalArgumentException.class, () -> t.aggregate(new double[][] {{1, 0}, {0, 1}}, new double[] {1, 2, 3}));
  }

  /** The best objective value over the grid's cooperative gammas (with EPO_DESCENT's fallback). */
  private static double bruteForce(Rule rule, double[] g1, double[] g2, double[] gv) {
    double scale = Math.max(dot(g1, g1), dot(g2, g2));
    double best = Double.NEGATIVE_INFINITY;
    double bestRelaxed = Double.NEGATIVE_INFINITY;
    for (int i = 0; i <= GRID; i++) {
      double gamma = (double) i / GRID;
      if (!cooperative(g1, g2, gamma, 1e-12 * scale)) continue;
      double value = objective(rule, g1, g2, gv, gamma);
      bestRelaxed = Math.max(bestRelaxed, value);
      if (rule != Rule.EPO_DESCENT || dot(gv, combine(g1, g2, gamma)) >= guideBound(g1, g2, gv)) best = Math.max(best, value);
    }
    return best == Double.NEGATIVE_INFINITY ? bestRelaxed : best;
  }

  /** EPO_DESCENT's guide constraint g_v . d >= min(0, max_j g_j . g_v). */
  private static double guideBound(double[] g1, double[] g2, double[] gv) {
    return Math.min(0, Math.max(dot(g1, gv), dot(g2, gv)));
  }

  /** Whether some cooperative grid gamma meets EPO_DESCENT's guide constraint. */
  private static boolean guideSatisfiable(double[] g1, double[] g2, double[] gv) {
    double scale = Math.max(dot(g1, g1), dot(g2, g2));
    for (int i = 0; i <= GRID; i++) {
      double gamma = (double) i / GRID;
      if (cooperative(g1, g2, gamma, 1e-12 * scale) && dot(gv, combine(g1, g2, gamma)) >= guideBound(g1, g2, gv)) return true;
    }
    return false;
  }

  /** The quantity each rule maximises. */
  private static double objective(Rule rule, double[] g1, double[] g2, double[] gv, double gamma) {
    double[] d = combine(g1, g2, gamma);
    return switch (rule) {
      case PROJECTION -> {
        double[] r = add(d, gv, -1);
        yield -dot(r, r);
      }
      case MAX_ALIGNMENT -> dot(gv, d);
      case EPO_DESCENT -> dot(add(g1, g2, 1), d);
    };
  }

  private static boolean cooperative(double[] g1, double[] g2, double gamma, double tolerance) {
    double[] d = combine(g1, g2, gamma);
    return dot(g1, d) >= -tolerance && dot(g2, d) >= -tolerance;
  }

  private static double[] combine(double[] g1, double[] g2, double gamma) {
    double[] d = new double[g1.length];
    for (int i = 0; i < d.length; i++) d[i] = gamma * g1[i] + (1 - gamma) * g2[i];
    return d;
  }

  private static double[] add(double[] a, double[] b, double factor) {
    double[] r = new double[a.length];
    for (int i = 0; i < a.length; i++) r[i] = a[i] + factor * b[i];
    return r;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }

  private static double[] gaussian(SplittableRandom random, int n, double scale) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = scale * random.nextGaussian();
    return v;
  }
}
