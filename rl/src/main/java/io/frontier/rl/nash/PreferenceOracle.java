package io.frontier.rl.nash;

import io.frontier.tensor.Tensor;

/**
 * A judge of pairs of responses to the same prompts (a strong model, human raters, a rule): the
 * probability that {@code a} is preferred to {@code b}. It should satisfy
 * {@code P(a > b) + P(b > a) = 1}. Called without gradient recording.
 */
@FunctionalInterface
public interface PreferenceOracle {
  /**
   * @param prompts int64 {@code (B, P)}
   * @param a the first responses, int64 {@code (B, N)}, with their mask {@code aMask (B, N)}
   * @param b the second responses and {@code bMask}
   * @return {@code P(a > b)} per row, floating {@code (B)}
   */
  Tensor prefer(Tensor prompts, Tensor a, Tensor aMask, Tensor b, Tensor bMask);
}
