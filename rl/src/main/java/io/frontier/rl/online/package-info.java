/**
 * Online RLHF on a causal language model ({@link io.frontier.nn.GPT}): sample responses to prompts,
 * score them with a {@link io.frontier.rl.online.RewardFunction}, and improve the policy with
 * {@link io.frontier.rl.online.ReMax} (REINFORCE with a greedy-rollout baseline, no value model) or
 * {@link io.frontier.rl.online.Ppo} (clipped surrogate, value head, GAE, KL penalty to a frozen
 * reference), each step written with the pieces of {@link io.frontier.rl.policy}.
 */
package io.frontier.rl.online;
