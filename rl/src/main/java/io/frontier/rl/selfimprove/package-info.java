/**
 * Self-improvement without external feedback: the model's own sequence log-likelihood as its
 * reward, and the post-training that amortises the search for high-likelihood responses into the
 * model ("sharpening", Huang et al. 2025).
 */
package io.frontier.rl.selfimprove;
