package io.frontier.optim.bayes.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.frontier.optim.bayes.Posterior;
import io.frontier.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ExactGp against scikit-learn 1.2.1's GaussianProcessRegressor with the same fixed hyperparameters
 * ({@code make_gp_fixtures.py}: ConstantKernel * RBF/Matern(ARD) + WhiteKernel, optimizer=None).
 */
class SklearnGoldenTest {
  static List<Map<String, Object>> fixedCases() {
    return GpFixtures.ofKind("fixed");
  }

  static ExactGp model(Map<String, Object> c) {
    TrainingData data = TrainingData.of(GpFixtures.matrix(c.get("x")), Tensor.of(GpFixtures.vector(c.get("y")))).withoutInputNormalization();
    if (!(Boolean) c.get("normalize_y")) data = data.withoutOutputStandardization();
    GpHyperparameters h = new GpHyperparameters(KernelFamily.valueOf((String) c.get("family")), GpFixtures.vector(c.get("lengthscales")),
        GpFixtures.number(c.get("outputscale")), GpFixtures.number(c.get("noise")));
    return new ExactGp(data, h);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixedCases")
  void logMarginalLikelihoodEqualsSklearn(Map<String, Object> c) {
    double expected = GpFixtures.number(c.get("lml"));
    assertEquals(expected, model(c).logMarginalLikelihood(), 1e-9 * Math.abs(expected), (String) c.get("name"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixedCases")
  void predictiveMeanAndStdEqualSklearn(Map<String, Object> c) {
    ExactGp gp = model(c);
    Posterior p = gp.posterior(GpFixtures.matrix(c.get("x_test")));
    double[] mean = p.mean().toDoubleArray();
    double[] variance = p.variance().toDoubleArray();
    double[] expectedMean = GpFixtures.vector(c.get("mean"));
    double[] expectedStd = GpFixtures.vector(c.get("std"));
    for (int i = 0; i < mean.length; i++) {
      assertEquals(expectedMean[i], mean[i], 1e-8 * (1 + Math.abs(expectedMean[i])), c.get("name") + " mean " + i);
      // sklearn's std includes the WhiteKernel's noise; the posterior's variance is latent.
      double std = Math.sqrt(variance[i] + gp.noiseVariance());
      assertEquals(expectedStd[i], std, 1e-8 * (1 + expectedStd[i]), c.get("name") + " std " + i);
    }
  }
}
