/**
 * Alignment with general preferences, which need not come from any reward (they may be
 * intransitive): the preference game of a finite response set and its Nash equilibrium
 * ({@link io.frontier.rl.nash.PreferenceGame}), and Direct Nash Optimization on a GPT
 * ({@link io.frontier.rl.nash.Dno}), which approaches it by iterated, on-policy DPO against the
 * current policy with pairs labelled by a preference oracle.
 */
package io.frontier.rl.nash;
