/**
 * Hyperparameter optimisation for multi-objective RL (Felten et al. 2023, arXiv 2310.16487): a
 * learning MORL algorithm whose front depends on its hyperparameters,
 * {@link io.frontier.rl.morl.tuning.ParetoQLearning} (Pareto Q-learning on Deep Sea Treasure, with
 * {@link io.frontier.rl.morl.tuning.PqlConfig}), and {@link io.frontier.rl.morl.tuning.PqlTuner},
 * which maximises the mean hypervolume of the learned front over a few seeds with Bayesian
 * optimisation or random search under the same budget of trials.
 */
package io.frontier.rl.morl.tuning;
