/**
 * Bilevel reward design on small tabular MDPs, exact and differentiable: the lower level is the
 * entropy-regularised optimal policy for a parametrised reward, computed by unrolled soft value
 * iteration ({@link io.frontier.rl.bilevel.SoftValueIteration} on a
 * {@link io.frontier.rl.bilevel.TabularMdp}), so the policy is a tensor function of the reward's
 * parameters and an upper objective of the policy has a hypergradient by autograd.
 *
 * <ul>
 *   <li>{@link io.frontier.rl.bilevel.Parl}: PARL's RLHF instance, the reward fitted to
 *       trajectory-pair preferences ({@link io.frontier.rl.bilevel.PreferenceLikelihood}) collected
 *       on the policy the reward induces; expectations over pairs are exact sums over enumerated
 *       {@link io.frontier.rl.bilevel.Trajectories}. {@link io.frontier.rl.bilevel.TwoStageRlhf} is
 *       the fit-once-then-RL baseline.
 *   <li>{@link io.frontier.rl.bilevel.Barfi}: BARFI, the weight of an auxiliary reward learned for
 *       the primary return of the policy it produces.
 * </ul>
 */
package io.frontier.rl.bilevel;
