package io.frontier.rl.conditional;

import io.frontier.nn.GPT;
import io.frontier.nn.GPTConfig;
import io.frontier.nn.Module;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;

/** Untrained GPTs for the decoding tests. */
final class RandomGpt {
  private RandomGpt() {}

  /**
   * A random GPT with unit-variance embeddings and 1/sqrt(fan-in) matrices instead of GPT-2's 0.02,
   * so that its next-token distributions are far from uniform and depend on the whole prefix.
   */
  static GPT of(int vocab, int context) {
    GPT model = new GPT(new GPTConfig(vocab, context, 16, 2, 1, 0.0, true, false), new Generator(11));
    Generator g = new Generator(12);
    Module.noGrad(() -> {
      model.namedParameters().forEach((name, p) -> {
        if (p.dim() == 2) p.copy_(Tensor.randn(g, p.shape()).mul(name.startsWith("w") ? 1.0 : 1.0 / Math.sqrt(p.size(1))));
      });
      return null;
    });
    return model;
  }
}
