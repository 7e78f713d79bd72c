package io.frontier.optim.bayes.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.optim.bayes.Posterior;
import io.frontier.tensor.DType;
import io.frontier.tensor.LinAlg;
import io.frontier.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Jitter escalation on singular kernel matrices, and the error when no jitter helps. */
class JitterTest {
  @Test
  void duplicatedPointsFactorWithJitterAndGiveFinitePosteriors() {
    double[][] rows = {{0.1, 0.2}, {0.5, 0.5}, {0.1, 0.2}, {0.9, 0.3}, {0.5, 0.5}};
    Tensor x = Tensor.of(rows);
    Tensor y = Tensor.of(1.0, 2.0, 1.0, 0.5, 2.0);
    // Noise 0 and duplicated rows: K is exactly singular, so the plain factorisation fails.
    Tensor k = StationaryKernel.of(KernelFamily.RBF, new double[] {0.3, 0.3}, 1.0).covariance(x, x);
    assertThrows(ArithmeticException.class, () -> LinAlg.cholesky(k));
    ExactGp gp = new ExactGp(TrainingData.of(x, y).withoutInputNormalization(), new GpHyperparameters(KernelFamily.RBF, new double[] {0.3, 0.3}, 1.0, 0.0));
    Tensor l = gp.choleskyFactor();
    Tensor residual = l.matmul(l.mT()).sub(k);
    // The factor reproduces K up to the jitter actually added (at most 1e-4 of the mean diagonal).
    assertTrue(residual.abs().max().item() <= 1e-4, "residual " + residual.abs().max().item());
    Posterior p = gp.posterior(Tensor.of(new double[][] {{0.1, 0.2}, {0.3, 0.4}}));
    for (double v : p.mean().toDoubleArray()) assertTrue(Double.isFinite(v));
    for (double v : p.variance().toDoubleArray()) assertTrue(Double.isFinite(v) && v >= 0);
    assertEquals(1.0, p.mean().toDoubleArray()[0], 1e-3);
  }

  @Test
  void indefiniteMatrixGivesAClearErrorNamingSizeAndJitter() {
    Tensor a = Tensor.of(new double[][] {{1, 0, 0}, {0, -1, 0}, {0, 0, 1}});
    ArithmeticException e = assertThrows(ArithmeticException.class, () -> JitteredCholesky.factor(a));
    assertTrue(e.getMessage().contains("3×3"), e.getMessage());
    assertTrue(e.getMessage().contains("jitter 3.33e-05"), e.getMessage());
  }

  @Test
  void nonFiniteMatrixIsRefusedWithoutFactorising() {
    Tensor a = Tensor.of(new double[][] {{1, Double.NaN}, {Double.NaN, 1}});
    ArithmeticException e = assertThrows(ArithmeticException.class, () -> JitteredCholesky.factor(a));
    assertTrue(e.getMessage().contains("NaN"), e.getMessage());
  }

  @Test
  void badTrainingDataIsRejectedWithTheProblemNamed() {
    Tensor x = Tensor.of(new double[][] {{0.1}, {0.2}});
    IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> TrainingData.of(x, Tensor.of(1.0, 2.0, 3.0)));
    assertTrue(shape.getMessage().contains("(2)"), shape.getMessage());
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> TrainingData.of(x, Tensor.of(1.0, Double.NaN)));
    assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
    IllegalArgumentException f32 = assertThrows(IllegalArgumentException.class, () -> TrainingData.of(x.to(DType.FLOAT32), Tensor.of(1.0, 2.0)));
    assertTrue(f32.getMessage().contains("float64"), f32.getMessage());
  }
}
