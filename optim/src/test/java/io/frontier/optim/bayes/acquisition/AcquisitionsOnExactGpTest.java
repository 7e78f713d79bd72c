package io.frontier.optim.bayes.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.frontier.autograd.GradCheck;
import io.frontier.optim.bayes.Model;
import io.frontier.optim.bayes.gp.ExactGp;
import io.frontier.optim.bayes.gp.GpHyperparameters;
import io.frontier.optim.bayes.gp.KernelFamily;
import io.frontier.optim.bayes.gp.TrainingData;
import io.frontier.tensor.Tensor;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The acquisitions on the real {@link ExactGp} (fixed Matérn-5/2 hyperparameters, inputs normalised
 * to the box, outputs standardised): gradients through its posterior and its fantasy conditioning
 * pass GradCheck, and Frazier's noisy EI meets EI as its noise vanishes.
 */
class AcquisitionsOnExactGpTest {
  private static final double[] LOWER = {-1, 0};
  private static final double[] UPPER = {2, 3};

  private static ExactGp gp(double noise) {
    double[][] x = {{-0.5, 0.4}, {1.5, 2.5}, {0.2, 1.9}, {1.1, 0.3}, {-0.9, 2.8}, {0.7, 1.2}, {1.8, 1.6}};
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) y[i] = Math.sin(2 * x[i][0]) + 0.5 * Math.cos(x[i][1]) - 0.1 * x[i][0] * x[i][1];
    TrainingData data = TrainingData.of(Tensor.of(x), Tensor.of(y)).withInputBounds(LOWER, UPPER);
    return new ExactGp(data, new GpHyperparameters(KernelFamily.MATERN_52, new double[] {0.35, 0.5}, 1.3, noise));
  }

  private static void check(Function<Model, Acquisition> make, int q) {
    ExactGp model = gp(1e-3);
    Acquisition acq = make.apply(model);
    double[][] pts = {{0.4, 0.9}, {1.3, 2.1}, {-0.2, 1.4}, {0.9, 2.7}};
    Tensor x = Tensor.of(pts).narrow(0, 0, 2 * q).reshape(2, q, 2).requiresGrad_(true);
    GradCheck.check(in -> acq.value(in[0]), 1e-6, 1e-7, 1e-4, x);
  }

  private static double best(Model m) {
    return m.trainTargets().max().item();
  }

  @Test
  void analyticAcquisitionGradientsPassThroughTheGpPosterior() {
    check(m -> new LogExpectedImprovement(m, best(m)), 1);
    check(m -> new ExpectedImprovement(m, best(m)), 1);
    check(m -> new UpperConfidenceBound(m, 2), 1);
    check(NoisyExpectedImprovement::new, 1);
    check(m -> new MaxValueEntropySearch(m, Tensor.of(new double[][] {{0, 0}, {1, 1}, {2, 3}, {-1, 2}, {0.5, 2.5}}), 8, 1), 1);
  }

  @Test
  void batchAndFantasyAcquisitionGradientsPassThroughTheGp() {
    check(m -> new QExpectedImprovement(m, best(m), 2, 128, 3), 2);
    check(m -> new QNoisyExpectedImprovement(m, 2, 128, 3), 2);
    check(m -> new MonteCarloKnowledgeGradient(m, Tensor.of(new double[][] {{0, 1}, {1.5, 2}, {0.5, 0.5}}), 6, 3), 1);
  }

  @Test
  void noisyEiOfTheGpMeetsEiAsNoiseVanishes() {
    Tensor candidates = Tensor.of(new double[][] {{0.4, 0.9}, {1.3, 2.1}, {-0.2, 1.4}}).reshape(3, 1, 2);
    ExactGp noiseless = gp(1e-9);
    double[] ei = new ExpectedImprovement(noiseless, best(noiseless)).value(candidates).toDoubleArray();
    double[] nei = new NoisyExpectedImprovement(noiseless).value(candidates).toDoubleArray();
    for (int i = 0; i < 3; i++) assertEquals(ei[i], nei[i], 1e-4 * Math.max(ei[i], 1e-3), "candidate " + i);
  }
}
