package io.frontier.rl.online;

import io.frontier.nn.GPT;
import io.frontier.nn.Losses;
import io.frontier.tensor.Tensor;

/**
 * A model's view of a {@link Rollout} in one forward pass over prompt and response: the
 * log-probability of each response token, {@code (B, N)} (0 after the mask), and, for a model with
 * a value head, the value of the state before each response token, {@code (B, N)}. The logits are
 * divided by the sampling temperature first, so the scored distribution is the sampled one (TRL's
 * remedy for the "negative KL" reports).
 */
public record PolicyScores(Tensor logProbs, Tensor values) {

  /** Scores the rollout under {@code model}; differentiable when gradients are recorded. */
  public static PolicyScores of(GPT model, Rollout rollout, double temperature) {
    if (!(temperature > 0)) throw new IllegalArgumentException("PolicyScores: temperature must be positive, got " + temperature);
    int p = rollout.prompts().size(1);
    int n = rollout.responses().size(1);
    Tensor tokens = rollout.tokens();
    // position t predicts token t + 1: the response tokens are predicted from positions P - 1 .. P + N - 2
    GPT.Output out = model.run(tokens.narrow(1, 0, p + n - 1), null);
    Tensor logits = out.logits().narrow(1, p - 1, n);
    if (temperature != 1.0) logits = logits.div(temperature);
    Tensor logProbs = Losses.tokenLogProbs(logits, rollout.responses()).mul(rollout.mask());
    Tensor values = out.values() == null ? null : out.values().narrow(1, p - 1, n).mul(rollout.mask());
    return new PolicyScores(logProbs, values);
  }
}
