/**
 * Offline preference optimisation from pairs (prompt, chosen, rejected): DPO (Rafailov et al.
 * 2023) and the loss family TRL's {@code DPOTrainer} offers, with TRL's names, defaults and
 * metrics, so curves can be compared. The losses take sequence log-probabilities (summed over
 * completion tokens, {@link io.frontier.rl.preference.SequenceLogProbs}) of the policy and of a
 * frozen reference, and return a differentiable scalar. {@link io.frontier.rl.preference.KtoLoss}
 * learns from unpaired feedback (each completion only labelled desirable or undesirable);
 * {@link io.frontier.rl.preference.ModpoLoss} trains for one weighting of several objectives;
 * {@link io.frontier.rl.preference.SimpoLoss} and {@link io.frontier.rl.preference.OrpoLoss} need
 * no reference; {@link io.frontier.rl.preference.RankingAccuracy} measures what the losses leave
 * of the preference rankings.
 */
package io.frontier.rl.preference;
