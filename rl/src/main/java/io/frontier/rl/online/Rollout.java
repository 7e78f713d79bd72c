package io.frontier.rl.online;

import io.frontier.nn.GPT;
import io.frontier.nn.Sampling;
import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Responses sampled from a policy: the prompts {@code (B, P)}, the response tokens {@code (B, N)}
 * (int64) and the response mask {@code (B, N)} (floating, the policy's dtype): 1 through the first
 * end-of-sequence token, 0 after it, as TRL truncates responses at the stop token.
 */
public record Rollout(Tensor prompts, Tensor responses, Tensor mask) {
  /** No end-of-sequence token: every response runs to its full length. */
  public static final long NO_EOS = -1;

  /**
   * Extends each prompt by {@code maxNewTokens} tokens from {@code policy} (no gradients recorded)
   * and masks what follows the first {@code eosToken}.
   */
  public static Rollout sample(GPT policy, Tensor prompts, int maxNewTokens, Sampling sampling, Generator g, long eosToken) {
    if (maxNewTokens < 1) throw new IllegalArgumentException("Rollout.sample: maxNewTokens must be >= 1, got " + maxNewTokens);
    if (prompts.dim() != 2 || prompts.dtype() != DType.INT64 || prompts.size(1) == 0) {
      throw new IllegalArgumentException("Rollout.sample: prompts must be int64 (B, P) with P >= 1, got " + prompts.dtype() + " "
          + Arrays.toString(prompts.shape()));
    }
    int p = prompts.size(1);
    if (p + maxNewTokens > policy.config().context()) {
      // the policy re-scores prompt and response in one forward pass, which must fit the context
      throw new IllegalArgumentException("Rollout.sample: prompt " + p + " + response " + maxNewTokens + " tokens exceed the context of "
          + policy.config().context());
    }
    Tensor tokens = policy.generate(prompts, maxNewTokens, sampling, g).tokens();
    Tensor responses = tokens.narrow(1, p, maxNewTokens);
    DType dtype = policy.parameters().get(0).dtype();
    return new Rollout(prompts, responses, maskThroughEos(responses, eosToken).to(dtype));
  }

  /** 1 at positions up to and including the first {@code eosToken} of each row, 0 after ({@link #NO_EOS}: all 1). */
  public static Tensor maskThroughEos(Tensor responses, long eosToken) {
    if (eosToken == NO_EOS) return Tensor.onesLike(responses).to(DType.BOOL);
    Tensor isEos = responses.eq((double) eosToken).to(DType.INT64);
    Tensor eosBefore = isEos.cumsum(1).sub(isEos); // end-of-sequence tokens strictly before each position
    return eosBefore.eq(0.0);
  }

  /**
   * Each prompt row of {@code prompts (B, P)} repeated {@code k} times in a row, {@code (B k, P)}:
   * the layout of K samples per prompt that {@link io.frontier.rl.policy.GroupBaselines} expects.
   */
  public static Tensor repeatEach(Tensor prompts, int k) {
    if (prompts.dim() != 2) throw new IllegalArgumentException("Rollout.repeatEach: prompts must be (B, P), got " + Arrays.toString(prompts.shape()));
    if (k < 1) throw new IllegalArgumentException("Rollout.repeatEach: k must be >= 1, got " + k);
    int b = prompts.size(0);
    int p = prompts.size(1);
    return prompts.unsqueeze(1).expand(b, k, p).contiguous().reshape(b * k, p);
  }

  /** Prompt and response, {@code (B, P + N)}. */
  public Tensor tokens() {
    return Tensor.cat(List.of(prompts, responses), 1);
  }

  public int batch() {
    return responses.size(0);
  }
}
