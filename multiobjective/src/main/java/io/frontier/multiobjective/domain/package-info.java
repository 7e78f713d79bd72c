/**
 * Domain adaptation as two-objective optimisation (ParetoDA, Lv et al., NeurIPS 2021): the source
 * classification loss and a domain-alignment loss ({@link io.frontier.multiobjective.domain.DomainLosses})
 * share a feature extractor, and {@link io.frontier.multiobjective.domain.TargetAwareDirection}
 * picks, among the convex combinations of their gradients that raise neither loss, the one a target
 * surrogate on held-out unlabeled target data prefers. {@link io.frontier.multiobjective.domain.ParetoDA}
 * is the training step. Same conventions as {@code aggregate}: every objective is minimised and the
 * optimiser subtracts the combined direction.
 */
package io.frontier.multiobjective.domain;
