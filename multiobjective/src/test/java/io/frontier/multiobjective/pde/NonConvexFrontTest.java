package io.frontier.multiobjective.pde;

import static io.frontier.multiobjective.pde.FrontGeometry.interpolate;
import static io.frontier.multiobjective.pde.FrontGeometry.maxGapAboveHull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The weighted sum misses a non-convex stretch of the front that Pascoletti-Serafini finds, on
 * {@link NonConvexCase} (source f > 0, two subdomain controls).
 * Pulling y below 0 costs little while the control fights the stiff branch, then more and more
 * tracking is gained per unit of control once nodes cross to the soft branch: increasing returns,
 * hence a non-convex front. With f = 0 (the problem as first posed) the same scan finds a convex
 * front: the uncontrolled state sits at the kink y = 0 and the gain only falls as |u| grows.
 *
 * <p>Reference (independent of both methods): the epsilon-constraint front
 * v(eps) = min { f0(v) : f1(v) = eps } for eps in (0, 1] ({@link NonConvexCase#epsilonConstraint},
 * a scan of the ellipse f1 = eps).
 */
class NonConvexFrontTest {

  @Test
  void weightedSumLeavesAGapThatPascolettiSerafiniFills() {
    NonConvexCase c = NonConvexCase.create(true);
    List<double[]> reference = c.referenceFront(60);
    assertTrue(maxGapAboveHull(reference) > 0.05, "the reference front should be non-convex, gap " + maxGapAboveHull(reference));
    List<double[]> hull = FrontGeometry.lowerHull(reference);

    List<double[]> ws = c.weightedSumFront(201);
    double[] gap = FrontGeometry.widestGap(ws);
    double gapLo = gap[0];
    double gapHi = gap[1];
    for (int k = 0; k < ws.size(); k++) {
      double[] q = ws.get(k);
      assertTrue(q[0] - interpolate(hull, q[1]) < 1e-3, "no weighted-sum point lies above the convex hull of the front");
      if (k % 4 == 0) assertEquals(c.epsilonConstraint(q[1]), q[0], 1e-4, "weighted-sum points are Pareto-optimal");
    }
    assertTrue(gapHi - gapLo > 0.5, "the weighted sum leaves a gap in f1: (" + gapLo + ", " + gapHi + ")");

    List<FrontPoint> ps = c.pascolettiSerafiniFront(25);
    int inside = 0;
    double deepest = 0;
    for (FrontPoint q : ps) {
      double[] f = q.values();
      double margin = 0.1 * (gapHi - gapLo);
      if (f[1] <= gapLo + margin || f[1] >= gapHi - margin) continue;
      inside++;
      assertEquals(c.epsilonConstraint(f[1]), f[0], 1e-4, "a Pascoletti-Serafini point is Pareto-optimal (epsilon-constraint value)");
      double aboveHull = f[0] - interpolate(hull, f[1]);
      assertTrue(aboveHull > 2e-3, "a Pascoletti-Serafini point lies strictly above the convex hull at f1 = " + f[1] + ": " + aboveHull);
      deepest = Math.max(deepest, aboveHull);
    }
    assertTrue(deepest > 0.05, "the deepest point of the non-convex stretch lies " + deepest + " above the hull");
    assertTrue(inside >= 5, "Pascoletti-Serafini should put several points into the middle of the gap, got " + inside);
  }

  @Test
  void withoutTheSourceTheFrontIsConvex() {
    assertTrue(maxGapAboveHull(NonConvexCase.create(false).referenceFront(30)) < 1e-6);
  }

  @Test
  void badArgumentsAreRejected() {
    NonConvexCase c = NonConvexCase.create(true);
    assertEquals(1, c.epsilonConstraint(0), 1e-15, "f0 of the zero control is 1 by the normalisation");
    assertThrows(IllegalArgumentException.class, () -> c.epsilonConstraint(-0.1));
    assertThrows(IllegalArgumentException.class, () -> c.referenceFront(0));
    assertThrows(IllegalArgumentException.class, () -> c.weightedSumFront(1));
  }
}
