package io.frontier.rl.conditional;

import io.frontier.nn.GPT;
import io.frontier.nn.KVCache;
import io.frontier.nn.Module;
import io.frontier.nn.Sampling;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The decoding loop that both decoders share: the model reads its input once into a key/value
 * cache, and each step turns the last position's logits into the log-probabilities to pick from
 * (the decoder's rule) and feeds the picked tokens back. The model's rows need not be the output's
 * rows: guidance runs a conditional and an unconditional copy of each row as one batch.
 */
final class CachedDecoding {
  private CachedDecoding() {}

  /**
   * Runs {@code input} (R, S) through {@code model} without recording gradients, then
   * {@code maxNewTokens} times: {@code scores = rule(lastLogits (R, V))}, log-probabilities
   * (B, V); {@code next = sampling.pick(scores)} (B); and {@code feed(next (B, 1))} (R, 1) is the
   * model's next input. Returns the picked tokens (B, N) and their scores (B, N). The caller
   * checks that {@code S + maxNewTokens} fits the context: the cache never slides, because
   * dropping the first positions would drop the condition.
   */
  static GPT.Generation decode(GPT model, Tensor input, int maxNewTokens, UnaryOperator<Tensor> rule, UnaryOperator<Tensor> feed,
      Sampling sampling, Generator g) {
    return Module.noGrad(() -> {
      KVCache cache = new KVCache(model.config().layers());
      Tensor logits = model.run(input, cache).logits();
      Tensor last = logits.select(1, logits.size(1) - 1);
      Tensor[] tokens = new Tensor[maxNewTokens];
      Tensor[] logProbs = new Tensor[maxNewTokens];
      for (int step = 0; step < maxNewTokens; step++) {
        Tensor scores = rule.apply(last);
        Tensor next = sampling.pick(scores, g).unsqueeze(1);
        tokens[step] = next;
        logProbs[step] = scores.gather(1, next);
        if (step + 1 < maxNewTokens) last = model.run(feed.apply(next), cache).logits().select(1, 0);
      }
      return new GPT.Generation(Tensor.cat(List.of(tokens), 1), Tensor.cat(List.of(logProbs), 1));
    });
  }
}
