/**
 * Multi-objective Bayesian optimization (objectives minimised): ParEGO's augmented Chebyshev
 * scalarisation, expected hypervolume improvement (exact for two objectives, quasi-Monte-Carlo with
 * the {@link io.frontier.multiobjective.pareto.Hypervolume} code beyond), and an ask/tell loop.
 */
package io.frontier.multiobjective.bayes;
