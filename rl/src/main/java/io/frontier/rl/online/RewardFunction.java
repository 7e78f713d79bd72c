package io.frontier.rl.online;

import io.frontier.tensor.Tensor;

/**
 * Scores sampled responses: a reward model, a verifier or a rule. Called without gradient
 * recording.
 */
@FunctionalInterface
public interface RewardFunction {
  /**
   * @param prompts the prompts, int64 {@code (B, P)}
   * @param responses the response tokens, int64 {@code (B, N)}
   * @param mask 1 on the response's tokens (through the first end-of-sequence token), 0 after,
   *     floating {@code (B, N)}
   * @return one score per response, floating {@code (B)}
   */
  Tensor score(Tensor prompts, Tensor responses, Tensor mask);
}
