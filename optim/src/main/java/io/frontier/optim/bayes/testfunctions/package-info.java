/** Synthetic objectives with known optima for testing and benchmarking Bayesian optimization (all minimised). */
package io.frontier.optim.bayes.testfunctions;
