/**
 * Mirror learning's drift functions (Kuba et al. 2022) on tensors: the surrogate objective
 * {@code L = mean(r·A − f(r, A))} with a drift {@code f} of the probability ratio and the
 * advantage, PPO's clip written as a drift, Discovered Policy Optimisation's closed-form drift (Lu
 * et al. 2022), the parametrised LPO network drift with TA-LPO's training-progress inputs (Jackson
 * et al. 2024), a clip range that anneals with progress, and a checker of the three validity
 * conditions {@code f(1, A) = 0}, {@code ∂f/∂r(1, A) = 0}, {@code f ≥ 0}.
 */
package io.frontier.rl.mirror;
