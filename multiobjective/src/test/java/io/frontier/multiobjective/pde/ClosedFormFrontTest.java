package io.frontier.multiobjective.pde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.optim.LbfgsOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reference notes' case (section 4.1): yd = sin(pi x) is an eigenvector of A, the Pareto set is
 * {c sin(pi x)}, and in the normalised objectives f1 = 4 J1, f2 = 4 J2 / (lambda_1 + kappa)^2 the
 * front is sqrt(f1) + sqrt(f2) = 1; the weighted sum (w, 1 - w) gives f1 = (1 - w)^2, f2 = w^2.
 */
class ClosedFormFrontTest {
  private static final int N = 50;
  private static final double KAPPA = 10;
  private static final LbfgsOptions OPTIONS = LbfgsOptions.defaults().withMaxIter(500).withToleranceGrad(1e-12).withToleranceChange(1e-15);

  private static BiObjective problem() {
    double[] x = MaxPoissonControl.nodes(N);
    double[] yd = new double[N];
    for (int i = 0; i < N; i++) yd[i] = Math.sin(Math.PI * x[i]);
    double l = MaxPoissonControl.lambda1(N) + KAPPA;
    return new MaxPoissonControl(KAPPA, yd).scaled(4, 4 / (l * l));
  }

  @Test
  void weightedSumMatchesClosedForm() {
    double[] w = {0.2, 0.5, 0.8};
    List<FrontPoint> front = WeightedSumFront.compute(problem(), w, new double[N], OPTIONS);
    for (int k = 0; k < w.length; k++) {
      double[] f = front.get(k).values();
      assertEquals((1 - w[k]) * (1 - w[k]), f[0], 1e-7);
      assertEquals(w[k] * w[k], f[1], 1e-7);
    }
  }

  @Test
  void referencePointsLandOnClosedForm() {
    List<FrontPoint> front = PascolettiSerafiniFront.compute(problem(), new double[] {-0.2, 0.4}, new double[] {0.4, -0.2}, 4,
        new double[] {1, 1}, new double[N], List.of(), 1e-2, 1e-8, OPTIONS);
    double previous = -1;
    for (FrontPoint p : front) {
      double[] f = p.values();
      assertEquals(1, Math.sqrt(f[0]) + Math.sqrt(f[1]), 1e-6);
      assertTrue(f[0] > previous, "continuation should move along the front");
      previous = f[0];
    }
  }

  @Test
  void mgdaDescentEndsNearTheFront() {
    double l = MaxPoissonControl.lambda1(N) + KAPPA;
    double[] x = MaxPoissonControl.nodes(N);
    for (double c : new double[] {-0.5, 0.3, 1.6}) {
      double[] u = new double[N];
      for (int i = 0; i < N; i++) u[i] = c * l * Math.sin(Math.PI * x[i]) + 2 * Math.sin(3 * Math.PI * x[i]);
      FrontPoint p = MgdaDescent.run(problem(), u, 1, 1e-10, 2000);
      double[] f = p.values();
      assertEquals(1, Math.sqrt(f[0]) + Math.sqrt(f[1]), 1e-3);
    }
  }
}
