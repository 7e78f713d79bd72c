/**
 * Gradient aggregators for multi-objective (multi-task) learning: MGDA, linear scalarisation,
 * PCGrad, CAGrad, IMTL-G, Nash-MTL and Aligned-MTL behind one
 * {@link io.frontier.multiobjective.aggregate.Aggregator} interface, and
 * {@link io.frontier.multiobjective.aggregate.MultiObjectiveStep}, which turns K scalar losses into
 * one combined gradient on the shared parameters. Stateful loss weightings (GradNorm, FAMO) implement
 * {@link io.frontier.multiobjective.aggregate.LossWeighting}; uncertainty weighting is a learnable
 * loss; EPO search and Pareto MTL steer towards a preference and need the losses as well.
 *
 * <p>Conventions: every objective is minimised; row k of the K x n Jacobian is the gradient of
 * objective k with respect to the n shared parameters; an aggregator returns weights w with
 * combined direction d = sum_k w_k g_k, a descent direction for the optimiser to subtract. No
 * gradient is normalised unless the method itself says so.
 */
package io.frontier.multiobjective.aggregate;
