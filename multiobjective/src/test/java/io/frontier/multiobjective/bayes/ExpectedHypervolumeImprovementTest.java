package io.frontier.multiobjective.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.frontier.autograd.GradCheck;
import io.frontier.optim.bayes.Model;
import io.frontier.tensor.Tensor;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * Exact 2-D EHVI against its closed form with an empty front and against Monte-Carlo EHVI (which
 * uses the hypervolume code instead of the box decomposition); Monte-Carlo EHVI in 3-D against the
 * closed form; gradients by GradCheck.
 */
class ExpectedHypervolumeImprovementTest {
  private static final NormalDistribution N = new NormalDistribution(0, 1);
  private static final AffineModel F1 = new AffineModel(new double[] {1.0, -0.5}, 0.4, 0.3);
  private static final AffineModel F2 = new AffineModel(new double[] {-0.8, 0.6}, 0.5, 0.25);
  private static final AffineModel F3 = new AffineModel(new double[] {0.3, 0.3}, 0.2, 0.4);
  private static final double[][] FRONT = {{0.1, 0.9}, {0.3, 0.6}, {0.5, 0.35}, {0.8, 0.2}, {0.6, 0.7}, {1.5, 0.1}};
  private static final double[] REF = {1.1, 1.1};
  private static final double[][] X = {{0.2, 0.3}, {0.5, 0.5}, {0.1, 0.9}, {0.7, 0.2}};

  private static Tensor candidates() {
    return Tensor.of(X).reshape(X.length, 1, 2);
  }

  /** E[(r - Y)^+] = σ h((r - μ)/σ). */
  private static double expectedShortfall(double r, double mu, double sd) {
    double u = (r - mu) / sd;
    return sd * (N.density(u) + u * N.cumulativeProbability(u));
  }

  @Test
  void exactEhviWithEmptyFrontIsProductOfExpectedShortfalls() {
    double[] got = new ExpectedHypervolumeImprovement2D(F1, F2, new double[0][], REF).value(candidates()).toDoubleArray();
    for (int i = 0; i < X.length; i++) {
      double want = expectedShortfall(REF[0], F1.mean(X[i]), F1.sd(X[i])) * expectedShortfall(REF[1], F2.mean(X[i]), F2.sd(X[i]));
      assertEquals(want, got[i], 1e-14);
    }
  }

  @Test
  void exactTwoDimensionalEhviMatchesMonteCarloEhvi() {
    double[] exact = new ExpectedHypervolumeImprovement2D(F1, F2, FRONT, REF).value(candidates()).toDoubleArray();
    double[] mc = new MonteCarloExpectedHypervolumeImprovement(List.of(F1, F2), FRONT, REF, 8192, 4).value(candidates()).toDoubleArray();
    for (int i = 0; i < X.length; i++) assertEquals(exact[i], mc[i], 5e-3 * exact[i] + 1e-6, "candidate " + i);
  }

  @Test
  void monteCarloEhviInThreeDimensionsMatchesClosedFormWithEmptyFront() {
    double[] ref = {1.2, 1.0, 1.1};
    List<Model> models = List.of(F1, F2, F3);
    double[] got = new MonteCarloExpectedHypervolumeImprovement(models, new double[0][], ref, 8192, 2).value(candidates()).toDoubleArray();
    for (int i = 0; i < X.length; i++) {
      double want = expectedShortfall(ref[0], F1.mean(X[i]), F1.sd(X[i])) * expectedShortfall(ref[1], F2.mean(X[i]), F2.sd(X[i]))
          * expectedShortfall(ref[2], F3.mean(X[i]), F3.sd(X[i]));
      assertEquals(want, got[i], 1e-2 * want, "candidate " + i);
    }
  }

  @Test
  void gradientsPassGradCheck() {
    Tensor x = candidates().requiresGrad_(true);
    GradCheck.check(in -> new ExpectedHypervolumeImprovement2D(F1, F2, FRONT, REF).value(in[0]), 1e-6, 1e-8, 1e-5, x);
    double[][] front3 = {{0.2, 0.5, 0.6}, {0.5, 0.2, 0.4}, {0.4, 0.4, 0.1}};
    Tensor x3 = candidates().requiresGrad_(true);
    GradCheck.check(in -> new MonteCarloExpectedHypervolumeImprovement(List.of(F1, F2, F3), front3, new double[] {1.2, 1.0, 1.1}, 64, 3)
        .value(in[0]), 1e-7, 1e-6, 1e-4, x3);
  }

  @Test
  void rejectsAReferencePointOfTheWrongSize() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ExpectedHypervolumeImprovement2D(F1, F2, FRONT, new double[] {1, 1, 1}));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("reference point"), e.getMessage());
  }
}
