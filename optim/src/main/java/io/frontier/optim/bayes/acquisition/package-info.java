/**
 * Acquisition functions for Bayesian optimization, all maximised and all differentiable in x
 * (Frazier, "A Tutorial on Bayesian Optimization", §4–5; BoTorch as the reference implementation):
 * analytic EI, LogEI, PI / log PI, UCB and max-value entropy search on the marginal posterior;
 * Frazier's noisy EI and the discrete knowledge gradient exactly, through the expected max of lines;
 * Monte-Carlo KG by fantasies; q-EI and q-NEI by quasi-Monte-Carlo; constrained EI.
 */
package io.frontier.optim.bayes.acquisition;
