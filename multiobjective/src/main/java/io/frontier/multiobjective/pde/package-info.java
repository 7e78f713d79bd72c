/**
 * Bi-objective optimal control of the non-smooth semilinear problem
 * {@code -y'' + kappa max(0, y) = u} on (0, 1), y(0) = y(1) = 0, discretised by finite differences
 * (Bernreuther, Dellnitz, Gebken, Mueller, Peitz, Sonntag, Volkwein, arXiv 2308.01113), and three
 * ways to compute its Pareto front: weighted sums ({@link io.frontier.multiobjective.pde.WeightedSumFront}),
 * Pascoletti-Serafini reference points with continuation
 * ({@link io.frontier.multiobjective.pde.PascolettiSerafiniFront}) and MGDA descent from many starts
 * ({@link io.frontier.multiobjective.pde.MgdaDescent}).
 *
 * <p>Conventions: both objectives are minimised; a control is the vector u in R^N of its values at
 * the N interior nodes, and every gradient is the Euclidean (coordinate) gradient dJ/du_i, which is
 * h times the L2_h Riesz representative (for example dJ1/du = h p with p the adjoint state).
 */
package io.frontier.multiobjective.pde;
