/**
 * Policy-gradient RLHF building blocks, on padded {@code (B, T)} response tensors with a mask:
 * per-token rewards with a KL penalty (its estimators and its fixed or adaptive coefficient),
 * generalized advantage estimation, masked whitening, PPO's clipped policy and value losses, and
 * the baselines of the value-free methods (ReMax's greedy rollout, RLOO's leave-one-out mean,
 * GRPO's group normalisation) with the sequence-level REINFORCE loss they feed.
 */
package io.frontier.rl.policy;
