/**
 * Reinforcement learning and preference learning over Frontier's autograd, each package a
 * reference implementation of its papers:
 *
 * <ul>
 *   <li>{@link io.frontier.rl.preference}: offline preference losses, DPO and its family, KTO,
 *       MODPO, SimPO, ORPO, ranking accuracy;
 *   <li>{@link io.frontier.rl.policy}: the policy-gradient pieces of online RLHF (GAE, whitening,
 *       KL penalties, PPO's clipped losses, the baselines of ReMax, RLOO and GRPO);
 *   <li>{@link io.frontier.rl.online}: the trainers that drive them on a GPT (ReMax, PPO, GRPO,
 *       Dr.GRPO, RLOO);
 *   <li>{@link io.frontier.rl.reward}: reward models, reward transforms and ensembles, best-of-n;
 *   <li>{@link io.frontier.rl.nash}: general preferences and Direct Nash Optimization;
 *   <li>{@link io.frontier.rl.mirror}: mirror learning's drift functions (PPO, LPO, TA-LPO);
 *   <li>{@link io.frontier.rl.bilevel}: bilevel alignment on tabular MDPs (PARL, BARFI);
 *   <li>{@link io.frontier.rl.conditional}: conditional training and classifier-free guidance;
 *   <li>{@link io.frontier.rl.selfimprove}: sharpening and B-STaR's balance score;
 *   <li>{@link io.frontier.rl.averaging}: model averaging against the alignment tax;
 *   <li>{@link io.frontier.rl.hierarchical}: HERON's preferences from ranked reward factors;
 *   <li>{@link io.frontier.rl.directional}: directional preference alignment (DPA);
 *   <li>{@link io.frontier.rl.morl}: multi-objective RL (Deep Sea Treasure, exact solvers, metrics;
 *       Pareto Q-learning and its hyperparameter tuning in {@link io.frontier.rl.morl.tuning});
 *   <li>{@link io.frontier.rl.gflownet}: trajectory balance and multi-objective GFlowNets.
 * </ul>
 *
 * The tensor code runs unchanged on the CPU and the CUDA backend.
 */
package io.frontier.rl;
