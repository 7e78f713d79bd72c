package io.frontier.nn;

import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;

/**
 * How {@link GPT#generate} picks each next token from the last position's logits: greedily (argmax,
 * the first maximum on ties), or by sampling from softmax(logits / temperature) restricted to the
 * {@code topK} most likely tokens (0: no limit) and then to the smallest set of most likely tokens
 * whose probability reaches {@code topP} (1: no limit; the most likely token is always kept).
 */
public record Sampling(boolean greedy, double temperature, int topK, double topP) {
  public Sampling {
    if (!greedy && !(temperature > 0)) throw new IllegalArgumentException("Sampling: temperature must be positive, got " + temperature);
    if (topK < 0) throw new IllegalArgumentException("Sampling: topK must be >= 0 (0 disables it), got " + topK);
    if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("Sampling: topP must be in (0, 1], got " + topP);
  }

  /** Argmax decoding. */
  public static final Sampling GREEDY = new Sampling(true, 1, 0, 1);

  /** Plain sampling at {@code temperature}, no top-k or top-p filtering. */
  public static Sampling sample(double temperature) {
    return new Sampling(false, temperature, 0, 1);
  }

  public Sampling withTopK(int k) {
    return new Sampling(greedy, temperature, k, topP);
  }

  public Sampling withTopP(double p) {
    return new Sampling(greedy, temperature, topK, p);
  }

  /** The next token of each row of {@code logits} (B, V): int64 (B). */
  public Tensor pick(Tensor logits, Generator g) {
    if (greedy) return logits.argmax(-1, false);
    return Tensor.categorical(g, filter(logits.div(temperature)));
  }

  /** The logits with every token outside the top-k and top-p sets set to -inf. */
  Tensor filter(Tensor logits) {
    int v = logits.size(-1);
    if (topK > 0 && topK < v) {
      Tensor kth = logits.topk(topK, -1, true).values().narrow(-1, topK - 1, 1);
      logits = logits.maskedFill(logits.lt(kth), Double.NEGATIVE_INFINITY);
    }
    if (topP < 1) {
      var sorted = logits.sort(-1, true);
      Tensor probs = sorted.values().softmax(-1);
      // Drop a token when the more likely ones already reach topP.
      Tensor dropSorted = probs.cumsum(-1).sub(probs).ge(topP).to(logits.dtype());
      Tensor drop = Tensor.zerosLike(logits).scatter(-1, sorted.indices(), dropSorted).gt(0.5);
      logits = logits.maskedFill(drop, Double.NEGATIVE_INFINITY);
    }
    return logits;
  }
}
