/**
 * Reinforcement learning and preference learning over Frontier's autograd, each package a
 * reference implementation of its papers: offline preference losses, DPO and its family
 * ({@link io.frontier.rl.preference}); the policy-gradient pieces of online RLHF
 * ({@link io.frontier.rl.policy}: GAE, whitening, KL penalties, PPO's clipped losses, and the
 * value-free baselines of ReMax, RLOO and GRPO); the trainers that drive them on a GPT
 * ({@link io.frontier.rl.online}); reward models and reward shaping ({@link io.frontier.rl.reward});
 * self-improvement ({@link io.frontier.rl.selfimprove}); and multi-objective RL
 * ({@link io.frontier.rl.morl}). The tensor code runs unchanged on the CPU and the CUDA backend.
 */
package io.frontier.rl;
