/**
 * Reinforcement learning and preference learning over Frontier's autograd: the DPO family of
 * offline preference losses ({@link io.frontier.rl.preference}) and the policy-gradient pieces of
 * online RLHF ({@link io.frontier.rl.policy}: GAE, whitening, KL penalties, PPO's clipped losses,
 * and the value-free baselines of ReMax, RLOO and GRPO). Everything is written against the tensor
 * and autograd API only, so it runs unchanged on the CPU and the CUDA backend.
 */
package io.frontier.rl;
