package io.frontier.optim.bayes.gp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The kernels' two evaluation paths and their closed forms. */
class StationaryKernelTest {
  @ParameterizedTest
  @EnumSource(KernelFamily.class)
  void loopPathEqualsTheAutogradPath(KernelFamily family) {
    Tensor a = Tensor.rand(new Generator(1), DType.FLOAT64, 7, 3);
    Tensor b = Tensor.rand(new Generator(2), DType.FLOAT64, 5, 3);
    StationaryKernel k = StationaryKernel.of(family, new double[] {0.3, 0.7, 1.2}, 1.7);
    Tensor plain = k.covariance(a, b);
    Tensor recorded = k.covariance(a.clone().requiresGrad_(true), b);
    assertTrue(recorded.requiresGrad(), "the autograd path records");
    assertArrayEquals(recorded.detach().toDoubleArray(), plain.toDoubleArray(), 1e-14);
  }

  @Test
  void maternFiveHalvesMatchesItsClosedFormAtOneDistance() {
    // r = |(0.3 - 0.0) / 0.5, (0.4 - 0.0) / 2| = sqrt(0.36 + 0.04) = sqrt(0.4)
    StationaryKernel k = StationaryKernel.of(KernelFamily.MATERN_52, new double[] {0.5, 2.0}, 2.0);
    double r = Math.sqrt(0.4);
    double s = Math.sqrt(5) * r;
    double expected = 2.0 * (1 + s + s * s / 3) * Math.exp(-s);
    Tensor x1 = Tensor.of(new double[][] {{0.3, 0.4}});
    Tensor x2 = Tensor.of(new double[][] {{0.0, 0.0}});
    assertEquals(expected, k.covariance(x1, x2).item(), 1e-15);
    assertEquals(expected, k.covariance(x1.clone().requiresGrad_(true), x2).item(), 1e-15);
  }

  @Test
  void inputsOfTheWrongWidthAreRejectedWithTheShapeNamed() {
    StationaryKernel k = StationaryKernel.of(KernelFamily.RBF, new double[] {1, 1}, 1.0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> k.covariance(Tensor.zeros(DType.FLOAT64, 3, 3), Tensor.zeros(DType.FLOAT64, 3, 2)));
    assertTrue(e.getMessage().contains("(n, 2)") && e.getMessage().contains("[3, 3]"), e.getMessage());
  }
}
