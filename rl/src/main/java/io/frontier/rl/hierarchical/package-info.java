/**
 * HERON, hierarchical preference design (Bukharin, Li, He and Zhao, ICML 2025, arXiv
 * 2309.02632): preference labels from a ranking of reward factors by importance
 * ({@link io.frontier.rl.hierarchical.HierarchicalPreference}, a decision tree with margins
 * relative to each factor's spread), a Bradley-Terry reward model fitted to them
 * ({@link io.frontier.rl.hierarchical.HierarchicalRewardModel}), and a policy improved on the
 * learned reward ({@link io.frontier.rl.hierarchical.BanditPolicyGradient}).
 */
package io.frontier.rl.hierarchical;
