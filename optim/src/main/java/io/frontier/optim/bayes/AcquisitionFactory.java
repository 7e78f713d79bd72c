package io.frontier.optim.bayes;

import io.frontier.optim.bayes.acquisition.Acquisition;
import io.frontier.optim.bayes.acquisition.ExpectedImprovement;
import io.frontier.optim.bayes.acquisition.LogExpectedImprovement;
import io.frontier.optim.bayes.acquisition.NoisyExpectedImprovement;
import io.frontier.optim.bayes.acquisition.ProbabilityOfImprovement;
import io.frontier.optim.bayes.acquisition.QExpectedImprovement;
import io.frontier.optim.bayes.acquisition.QNoisyExpectedImprovement;
import io.frontier.optim.bayes.acquisition.UpperConfidenceBound;

/**
 * Builds the acquisition for one suggestion from the freshly fitted model (whose targets are
 * maximised). An acquisition with {@code q() = 1} asked for a batch of q > 1 is applied greedily by
 * {@link BayesOpt} (kriging believer); the q-batch ones score all q points jointly.
 */
@FunctionalInterface
public interface AcquisitionFactory {
  Acquisition create(Model model, int q, long seed);

  /** The best observed target, the incumbent {@code f*} of the improvement-based acquisitions. */
  static double bestObserved(Model model) {
    return model.trainTargets().max().item();
  }

  static AcquisitionFactory expectedImprovement() {
    return (model, q, seed) -> new ExpectedImprovement(model, bestObserved(model));
  }

  static AcquisitionFactory logExpectedImprovement() {
    return (model, q, seed) -> new LogExpectedImprovement(model, bestObserved(model));
  }

  static AcquisitionFactory probabilityOfImprovement() {
    return (model, q, seed) -> new ProbabilityOfImprovement(model, bestObserved(model), true);
  }

  static AcquisitionFactory upperConfidenceBound(double beta) {
    return (model, q, seed) -> new UpperConfidenceBound(model, beta);
  }

  /** Frazier's noisy EI ({@link NoisyExpectedImprovement}). */
  static AcquisitionFactory noisyExpectedImprovement() {
    return (model, q, seed) -> new NoisyExpectedImprovement(model);
  }

  static AcquisitionFactory qExpectedImprovement(int samples) {
    return (model, q, seed) -> new QExpectedImprovement(model, bestObserved(model), q, samples, seed);
  }

  static AcquisitionFactory qNoisyExpectedImprovement(int samples) {
    return (model, q, seed) -> new QNoisyExpectedImprovement(model, q, samples, seed);
  }
}
