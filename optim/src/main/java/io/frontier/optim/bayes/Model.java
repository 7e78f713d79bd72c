package io.frontier.optim.bayes;

import io.frontier.tensor.Tensor;

/**
 * A probabilistic surrogate of one scalar objective, as Bayesian optimization uses it (Frazier,
 * "A Tutorial on Bayesian Optimization", §3): a Gaussian posterior over the latent function
 * {@code f} given the observations so far.
 *
 * <p>Conventions: inputs are float64 {@code (n, d)} tensors in the caller's original input space (a
 * model normalises internally); outputs are in the original output scale. Acquisitions maximise.
 * {@link #posterior} is differentiable with respect to its input through autograd, so an
 * acquisition built on it gets its gradient for free.
 */
public interface Model {
  /** Number of input dimensions {@code d}. */
  int inputDim();

  /** Joint posterior of {@code f} at the rows of {@code x} {@code (n, d)}; latent, without observation noise. */
  Posterior posterior(Tensor x);

  /**
   * A new model that also conditions on {@code (x, y)} with {@code x} {@code (m, d)} and {@code y}
   * {@code (m)}, keeping this model's hyperparameters (fantasy updates for knowledge gradient);
   * this model is left unchanged.
   */
  Model condition(Tensor x, Tensor y);

  /** The observed inputs {@code (n, d)}, original space. */
  Tensor trainInputs();

  /** The observed outputs {@code (n)}, original scale. */
  Tensor trainTargets();

  /** Observation noise variance in the original output scale (0 for a noiseless model). */
  double noiseVariance();
}
