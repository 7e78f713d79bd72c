/**
 * Multi-objective RL on tabular problems, as a reference: Deep Sea Treasure with MO-Gymnasium's
 * convex and concave maps and their known fronts ({@link io.frontier.rl.morl.DeepSeaTreasure}),
 * morl-baselines' metrics ({@link io.frontier.rl.morl.MorlMetrics}: hypervolume, sparsity,
 * expected utility, cardinality, maximum utility loss), and two exact solvers that show C-MORL's
 * point: {@link io.frontier.rl.morl.LinearScalarisationSolver} reaches only the convex hull of the
 * front, while the constrained {@link io.frontier.rl.morl.EpsilonConstraintSolver} reaches all of
 * it. Returns are undiscounted and every objective is maximised.
 */
package io.frontier.rl.morl;
