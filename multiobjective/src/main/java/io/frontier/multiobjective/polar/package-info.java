/**
 * POLAR, Pareto optimal self-supervision (Zhao, Wei, Preston and Poon 2023, arXiv 2306.16564):
 * a risk score for the answers of a large language model, learned without gold labels.
 *
 * <p>A harmonizer {@code h: X -> Delta(Y)} ({@link io.frontier.multiobjective.polar.Harmonizer})
 * is fitted to the LLM's answers {@code Lambda(x)} and to weak labelling functions
 * {@code lambda_1..lambda_m} that may abstain, all at once, by minimising a Pareto loss scalarizer
 * ({@link io.frontier.multiobjective.polar.ParetoScalarizer}) of the per-source cross-entropies.
 * The POLAR score {@code zeta(x) = 1 - h*(x)[Lambda(x)]} estimates the probability that the LLM's
 * answer is wrong; {@link io.frontier.multiobjective.polar.RiskMetrics} measures how calibrated
 * (ECE) and how discriminative (AUROC) such a score is against the actual errors.
 */
package io.frontier.multiobjective.polar;
