package io.frontier.multiobjective.aggregate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ParetoMTLTest {
  private static final double S = Math.sqrt(0.5);
  private static final double[][] PREFERENCES = {{1, 0}, {S, S}, {0, 1}};

  @Test
  void phaseOneWithOneActiveConstraintFollowsIt() {
    // model 1 (u = (1, 1)/sqrt2), L = (10, 1): only (u_0 - u_1) . L = 10 (1 - S) - S > 0 is active,
    // so the min-norm element of its one gradient is itself: weights u_0 - u_1 = (1 - S, -S)
    ParetoMTL p = new ParetoMTL(PREFERENCES, 1);
    double[][] gram = {{2, 0.5}, {0.5, 1}};
    assertFalse(p.isFeasible(new double[] {10, 1}));
    assertArrayEquals(new double[] {1 - S, -S}, p.initialWeights(new double[] {10, 1}, gram), 1e-15);
    assertArrayEquals(new double[] {0, 0}, p.initialWeights(new double[] {1, 1}, gram), 0);
  }

  @Test
  void phaseTwoInsideTheRegionIsMGDA() {
    ParetoMTL p = new ParetoMTL(PREFERENCES, 1);
    double[][] gram = {{2, -0.5}, {-0.5, 1}};
    assertTrue(p.isFeasible(new double[] {1, 1}));
    assertArrayEquals(new MGDA().weights(gram), p.weights(new double[] {1, 1}, gram), 1e-15);
  }

  @Test
  void findsAParetoOptimalPointInItsSubRegion() {
    // sub-region of u = (1, 1)/sqrt2 among (1, 0), (0, 1): sqrt2 - 1 <= L2 / L1 <= sqrt2 + 1
    ParetoMTL p = new ParetoMTL(PREFERENCES, 1);
    double[] x = {1.9, 0.5}; // L2 / L1 = 0.067: outside
    int it = 0;
    while (!p.isFeasible(TwoQuadratics.losses(x))) {
      assertTrue(++it < 200, "phase 1 did not reach the sub-region");
      double[] w = p.initialWeights(TwoQuadratics.losses(x), Jacobians.gram(TwoQuadratics.gradients(x)));
      TwoQuadratics.step(x, Jacobians.combine(w, TwoQuadratics.gradients(x)), 0.05);
    }
    for (int step = 0; step < 400; step++) {
      double[] w = p.weights(TwoQuadratics.losses(x), Jacobians.gram(TwoQuadratics.gradients(x)));
      TwoQuadratics.step(x, Jacobians.combine(w, TwoQuadratics.gradients(x)), 0.05);
    }
    assertEquals(0, x[1], 1e-6); // on the Pareto segment
    double ratio = TwoQuadratics.losses(x)[1] / TwoQuadratics.losses(x)[0];
    assertTrue(ratio >= Math.sqrt(2) - 1 - 1e-3 && ratio <= Math.sqrt(2) + 1 + 1e-3, "L2/L1 = " + ratio);
  }

  @Test
  void rejectsBadInput() {
    assertThrows(IllegalArgumentException.class, () -> new ParetoMTL(PREFERENCES, 3));
    assertThrows(IllegalArgumentException.class, () -> new ParetoMTL(new double[][] {{0, 0}}, 0));
    assertThrows(IllegalArgumentException.class, () -> new ParetoMTL(PREFERENCES, 0).weights(new double[] {0, 0}, new double[][] {{1, 0}, {0, 1}}));
  }
}
