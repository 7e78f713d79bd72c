package io.frontier.rl.directional;

import io.frontier.tensor.Tensor;

/**
 * A multi-objective reward {@code r(x, y) in R^k}: one score per objective (DPA's are
 * helpfulness and verbosity, from a reward model regressed on HelpSteer's ratings) instead of one
 * scalar, so that each user's direction can weigh them differently.
 */
@FunctionalInterface
public interface MultiObjectiveReward {
  /** Rewards {@code (B, k)} (floating) of responses {@code (B, N)} (int64) to prompts {@code (B, P)}. */
  Tensor score(Tensor prompts, Tensor responses);
}
