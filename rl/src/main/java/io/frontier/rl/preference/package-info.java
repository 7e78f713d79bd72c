/**
 * Offline preference optimisation from pairs (prompt, chosen, rejected): DPO (Rafailov et al.
 * 2023) and the loss family TRL's {@code DPOTrainer} offers, with TRL's names, defaults and
 * metrics, so curves can be compared. The losses take sequence log-probabilities (summed over
 * completion tokens, {@link io.frontier.rl.preference.SequenceLogProbs}) of the policy and of a
 * frozen reference, and return a differentiable scalar.
 */
package io.frontier.rl.preference;
