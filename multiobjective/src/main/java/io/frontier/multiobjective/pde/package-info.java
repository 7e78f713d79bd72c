/**
 * Bi-objective optimal control of the non-smooth semilinear problem
 * {@code -y'' + kappa max(0, y) = u} on (0, 1), y(0) = y(1) = 0, discretised by finite differences
 * (Bernreuther, Dellnitz, Gebken, Mueller, Peitz, Sonntag, Volkwein, arXiv 2308.01113), and three
 * ways to compute its Pareto front: weighted sums ({@link io.frontier.multiobjective.pde.WeightedSumFront}),
 * Pascoletti-Serafini reference points with continuation
 * ({@link io.frontier.multiobjective.pde.PascolettiSerafiniFront}) and MGDA descent from many starts
 * ({@link io.frontier.multiobjective.pde.MgdaDescent}).
 *
 * <p>Non-convex fronts: with the problem as first posed (no source, control at every node) every
 * front scanned by the epsilon-constraint method in exploratory runs came out convex (targets sin(k pi x), bumps, steps,
 * kappa from -9 to 10^4). Without a source the uncontrolled state y = 0 sits at the kink, the
 * solution map is linear on the cones u >= 0 and u <= 0, and the gain per unit of control only
 * falls as |u| grows. A source f > 0 that puts the uncontrolled state on the stiff branch, with a
 * target below 0, reverses this: the gain rises when nodes cross to the soft branch, and the front
 * gets a non-convex stretch that the weighted sum skips and Pascoletti-Serafini reaches
 * ({@link io.frontier.multiobjective.pde.NonConvexCase}: two subdomain controls, measured with
 * {@link io.frontier.multiobjective.pde.FrontGeometry}; {@code ./frontier demo pde} plots it).
 *
 * <p>Conventions: both objectives are minimised; a control is the vector u in R^N of its values at
 * the N interior nodes, and every gradient is the Euclidean (coordinate) gradient dJ/du_i, which is
 * h times the L2_h Riesz representative (for example dJ1/du = h p with p the adjoint state).
 */
package io.frontier.multiobjective.pde;
