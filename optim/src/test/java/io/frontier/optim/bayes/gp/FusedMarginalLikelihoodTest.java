package io.frontier.optim.bayes.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.frontier.autograd.Autograd;
import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fitting fast path against the autograd reference {@link MarginalLikelihood}. */
class FusedMarginalLikelihoodTest {
  /** n = 300 crosses the tensor module's blocking threshold for Cholesky and triangular solves. */
  @ParameterizedTest
  @CsvSource({"RBF,40", "MATERN_12,40", "MATERN_32,40", "MATERN_52,40", "MATERN_52,300", "RBF,300"})
  void valueAndGradientEqualAutogradThroughTheCholeskyFactor(KernelFamily family, int n) {
    int d = 3;
    Tensor x = Tensor.rand(new Generator(n), DType.FLOAT64, n, d);
    Tensor y = x.select(1, 0).mul(6).sin().add(x.select(1, 2)).add(Tensor.randn(new Generator(5), DType.FLOAT64, n).mul(0.1));
    double[] theta = {Math.log(0.2), Math.log(0.35), Math.log(0.7), Math.log(1.3), Math.log(0.02)};
    Tensor t = Tensor.of(theta).requiresGrad_(true);
    Tensor reference = MarginalLikelihood.logMarginalLikelihood(
        new StationaryKernel(family, t.narrow(0, 0, d).exp(), t.select(0, d).exp()), x, y, t.select(0, d + 1).exp());
    double[] expected = Autograd.grad(reference, t)[0].toDoubleArray();
    double[] gradient = new double[d + 2];
    double value = FusedMarginalLikelihood.valueAndGradient(family, x.toDoubleArray(), n, d, y.toDoubleArray(),
        new double[] {0.2, 0.35, 0.7}, 1.3, 0.02, gradient);
    assertEquals(reference.item(), value, 1e-9 * Math.abs(reference.item()));
    for (int i = 0; i < d + 2; i++) assertEquals(expected[i], gradient[i], 1e-7 * (1 + Math.abs(expected[i])), family + " θ" + i);
  }
}
