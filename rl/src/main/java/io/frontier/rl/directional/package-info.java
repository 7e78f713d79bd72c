/**
 * Directional Preference Alignment (Wang, Lin, Xiong et al., ACL 2024, arXiv 2402.18571): a
 * multi-objective reward ({@link io.frontier.rl.directional.MultiObjectiveReward}), user
 * preferences as unit vectors spelled as prompt tokens
 * ({@link io.frontier.rl.directional.DirectionTokens}), and the policy trained by iterated,
 * direction-conditioned rejection-sampling fine-tuning
 * ({@link io.frontier.rl.directional.DirectionalRejectionSampling}).
 */
package io.frontier.rl.directional;
