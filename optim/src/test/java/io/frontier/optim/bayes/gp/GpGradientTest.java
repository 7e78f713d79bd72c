package io.frontier.optim.bayes.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.frontier.autograd.Autograd;
import io.frontier.autograd.GradCheck;
import io.frontier.optim.bayes.Posterior;
import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Autograd gradients of the marginal likelihood and of the posterior against finite differences. */
class GpGradientTest {
  private static final Tensor X = Tensor.rand(new Generator(3), DType.FLOAT64, 12, 3);
  private static final Tensor Y = Tensor.randn(new Generator(4), DType.FLOAT64, 12);

  private static Tensor mll(KernelFamily family, Tensor logTheta) {
    Tensor ls = logTheta.narrow(0, 0, 3).exp();
    Tensor scale = logTheta.select(0, 3).exp();
    Tensor noise = logTheta.select(0, 4).exp();
    return MarginalLikelihood.logMarginalLikelihood(new StationaryKernel(family, ls, scale), X, Y, noise);
  }

  private static Tensor logTheta() {
    return Tensor.of(Math.log(0.3), Math.log(0.5), Math.log(0.8), Math.log(1.4), Math.log(0.05)).requiresGrad_(true);
  }

  @ParameterizedTest
  @EnumSource(KernelFamily.class)
  void marginalLikelihoodGradientPassesGradCheck(KernelFamily family) {
    GradCheck.check(in -> mll(family, in[0]), logTheta());
  }

  @ParameterizedTest
  @EnumSource(KernelFamily.class)
  void marginalLikelihoodGradientMatchesCentralDifferences(KernelFamily family) {
    Tensor theta = logTheta();
    double[] grad = Autograd.grad(mll(family, theta), theta)[0].toDoubleArray();
    double[] t = theta.detach().toDoubleArray();
    double h = 1e-5;
    for (int i = 0; i < t.length; i++) {
      double[] plus = t.clone();
      double[] minus = t.clone();
      plus[i] += h;
      minus[i] -= h;
      double fd = (mll(family, Tensor.of(plus)).item() - mll(family, Tensor.of(minus)).item()) / (2 * h);
      assertEquals(fd, grad[i], 1e-6 * (1 + Math.abs(fd)), family + " θ" + i);
    }
  }

  @ParameterizedTest
  @EnumSource(value = KernelFamily.class, names = {"RBF", "MATERN_32", "MATERN_52"})
  void posteriorMeanVarianceAndCovarianceGradientsPassGradCheck(KernelFamily family) {
    TrainingData data = TrainingData.of(X.mul(4).sub(1), Y.mul(3).add(5));
    ExactGp gp = new ExactGp(data, new GpHyperparameters(family, new double[] {0.4, 0.6, 0.9}, 1.3, 0.01));
    Tensor query = Tensor.rand(new Generator(9), DType.FLOAT64, 4, 3).mul(4).sub(1).requiresGrad_(true);
    GradCheck.check(in -> gp.posterior(in[0]).mean(), query);
    GradCheck.check(in -> gp.posterior(in[0]).variance(), query);
    GradCheck.check(in -> gp.posterior(in[0]).covariance(), query);
  }

  @ParameterizedTest
  @EnumSource(KernelFamily.class)
  void posteriorGradientIsFiniteAtATrainingPoint(KernelFamily family) {
    ExactGp gp = new ExactGp(TrainingData.of(X, Y), new GpHyperparameters(family, new double[] {0.4, 0.6, 0.9}, 1.0, 1e-4));
    Tensor query = X.narrow(0, 2, 1).clone().requiresGrad_(true);
    Posterior p = gp.posterior(query);
    Tensor[] g = Autograd.grad(List.of(p.mean().sum().add(p.variance().sum())), List.of(Tensor.scalar(1.0, DType.FLOAT64)), List.of(query), false);
    for (double v : g[0].toDoubleArray()) assertEquals(true, Double.isFinite(v), family + " gradient " + v);
  }
}
