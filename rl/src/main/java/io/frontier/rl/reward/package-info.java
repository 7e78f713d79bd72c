/**
 * Reward models and what is done with their scores before a policy optimises them: the
 * Bradley-Terry loss a reward model is trained with, the log-sigmoid transform and conjunction of
 * rewards (Wang et al. 2024), the conservative ensembles against over-optimisation (Coste et al.
 * 2024) and best-of-n selection.
 */
package io.frontier.rl.reward;
