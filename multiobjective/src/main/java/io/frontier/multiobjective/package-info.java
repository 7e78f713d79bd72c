/**
 * Multi-objective optimization: gradient aggregators for multi-task learning (MGDA and kin),
 * Pareto utilities and indicators, evolutionary solvers and test problems. Every objective is
 * minimised.
 */
package io.frontier.multiobjective;
