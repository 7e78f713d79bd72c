/**
 * GFlowNets trained with trajectory balance (Malkin et al. 2022), and their preference-conditioned
 * multi-objective form MOGFN-PC (Jain et al., ICML 2023), on a hypergrid small enough that every
 * answer can be computed exactly.
 *
 * <ul>
 *   <li>{@link io.frontier.rl.gflownet.Hypergrid}: states, actions (increment a coordinate or stop)
 *       and the fixed uniform backward policy.
 *   <li>{@link io.frontier.rl.gflownet.HypergridFlows}: exact references, the terminal distribution
 *       of any forward policy and the forward policy that balances given rewards.
 *   <li>{@link io.frontier.rl.gflownet.GridObjectives} and
 *       {@link io.frontier.rl.gflownet.ScalarisedReward}: a vector reward with an enumerable Pareto
 *       front, and {@code R(x | w) = (w^T R(x))^beta}.
 *   <li>{@link io.frontier.rl.gflownet.TrajectoryBalance}: the loss.
 *   <li>{@link io.frontier.rl.gflownet.PreferenceConditionedGFlowNet},
 *       {@link io.frontier.rl.gflownet.PreferenceDistribution} and
 *       {@link io.frontier.rl.gflownet.TrajectoryBalanceTrainer}: {@code P_F(a | s, w)},
 *       {@code log Z(w)}, {@code w ~ Dir(alpha)}, and the on-policy training loop with uniform
 *       exploration.
 * </ul>
 */
package io.frontier.rl.gflownet;
