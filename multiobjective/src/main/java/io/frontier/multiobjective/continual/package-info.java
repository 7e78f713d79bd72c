/**
 * Continual learning as multi-objective optimisation over tasks. {@link
 * io.frontier.multiobjective.continual.Ibcl} is Imprecise Bayesian Continual Learning (Lu et al.,
 * arXiv 2305.14782) on Bayesian linear regression: a knowledge base of closed-form Gaussian
 * posteriors (the extreme points of a finitely generated credal set), from which a model for any
 * task preference w is produced with no training. {@link
 * io.frontier.multiobjective.continual.WeightedLossTrainer} is the per-preference training baseline
 * it is compared with.
 */
package io.frontier.multiobjective.continual;
