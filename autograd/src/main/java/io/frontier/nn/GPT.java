package io.frontier.nn;

import io.frontier.tensor.DType;
import io.frontier.tensor.Fused;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import java.util.List;

/**
 * A GPT-2 style decoder-only transformer: token embedding {@code wte} plus position embedding
 * {@code wpe}, dropout, {@code blocks.0 .. blocks.(layers-1)} ({@link Block}), a final LayerNorm
 * {@code lnF} and the output head: the token embedding's matrix when {@link GPTConfig#tiedEmbeddings}
 * (no separate parameter), else a bias-free {@code lmHead} Linear. With {@link GPTConfig#valueHead}, a
 * {@code valueHead} Linear(width, 1) reads per-position values off the same final hidden states.
 *
 * <p>Initialisation follows GPT-2: every Linear and Embedding weight N(0, 0.02), biases zero, and the
 * two projections that write onto the residual stream in each block ({@code attn.proj},
 * {@code mlp.2}) N(0, 0.02 / sqrt(2 layers)).
 */
public final class GPT extends Module {
  /** The ignore index of {@link #loss}, as PyTorch's cross_entropy. */
  public static final long IGNORE_INDEX = -100;

  /** Logits (B, T, vocab) and, with a value head, values (B, T); else null. */
  public record Output(Tensor logits, Tensor values) {}

  private final GPTConfig config;
  public final Embedding wte;
  public final Embedding wpe;
  private final Dropout drop;
  private final Sequential blocks;
  public final LayerNorm lnF;
  public final Linear lmHead;
  public final Linear valueHead;

  public GPT(GPTConfig config, Generator g) {
    this(config, g, DType.FLOAT32);
  }

  public GPT(GPTConfig config, Generator g, DType dtype) {
    this.config = config;
    int w = config.width();
    wte = child("wte", new Embedding(config.vocab(), w, g, dtype));
    wpe = child("wpe", new Embedding(config.context(), w, g, dtype));
    drop = child("drop", new Dropout(config.dropout(), g));
    Block[] bs = new Block[config.layers()];
    for (int i = 0; i < bs.length; i++) bs[i] = new Block(config, g, dtype);
    blocks = child("blocks", new Sequential(bs));
    lnF = child("lnF", new LayerNorm(w, 1e-5, true, dtype));
    lmHead = config.tiedEmbeddings() ? null : child("lmHead", new Linear(w, config.vocab(), false, g, dtype));
    valueHead = config.valueHead() ? child("valueHead", new Linear(w, 1, true, g, dtype)) : null;
    initialise(g, dtype);
  }

  private void initialise(Generator g, DType dtype) {
    double std = 0.02;
    double residualStd = std / Math.sqrt(2.0 * config.layers());
    normal(wte.weight, g, std, dtype);
    normal(wpe.weight, g, std, dtype);
    for (int i = 0; i < config.layers(); i++) {
      Block b = block(i);
      linear(b.attn.qkv, g, std, dtype);
      linear(b.attn.proj, g, residualStd, dtype);
      linear(b.fc(), g, std, dtype);
      linear(b.fcProj(), g, residualStd, dtype);
    }
    if (lmHead != null) linear(lmHead, g, std, dtype);
    if (valueHead != null) linear(valueHead, g, std, dtype);
  }

  private static void linear(Linear l, Generator g, double std, DType dtype) {
    normal(l.weight, g, std, dtype);
    if (l.bias != null) l.bias.set(Tensor.zeros(dtype, l.bias.get().shape()));
  }

  private static void normal(Parameter p, Generator g, double std, DType dtype) {
    p.set(Init.normal(g, 0, std, dtype, p.get().shape()));
  }

  public GPTConfig config() {
    return config;
  }

  public Block block(int i) {
    return (Block) blocks.get(i);
  }

  /** Logits (B, T, vocab) for int64 tokens (B, T), T at most the context. */
  public Tensor forward(Tensor tokens) {
    return run(tokens, null).logits();
  }

  /**
   * Logits and (with a value head) values for {@code tokens} (B, T). With a cache, the tokens are
   * the positions after the cached ones, and the cache is extended by them.
   */
  public Output run(Tensor tokens, KVCache cache) {
    if (tokens.dim() != 2 || tokens.dtype() != DType.INT64) {
      throw new IllegalArgumentException("GPT: expected int64 tokens (B, T), got " + tokens.dtype() + " of " + tokens.dim() + " dims");
    }
    int past = cache == null ? 0 : cache.length();
    int t = tokens.size(1);
    if (past + t > config.context()) {
      throw new IllegalArgumentException("GPT: " + (past + t) + " positions exceed the context of " + config.context());
    }
    Tensor positions = Tensor.arange(past, past + t, 1).to(tokens.device());
    Tensor x = drop.forward(wte.forward(tokens).add(wpe.forward(positions)));
    for (int i = 0; i < config.layers(); i++) x = block(i).forward(x, cache == null ? null : cache.layer(i));
    x = lnF.forward(x);
    Tensor logits = lmHead == null ? x.matmul(wte.weight.get().t()) : lmHead.forward(x);
    Tensor values = valueHead == null ? null : valueHead.forward(x).squeeze(-1);
    return new Output(logits, values);
  }

  /** Mean cross-entropy of logits (B, T, V) against int64 targets (B, T) over targets other than -100. */
  public static Tensor loss(Tensor logits, Tensor targets) {
    int v = logits.size(-1);
    Tensor flat = targets.reshape(-1);
    Tensor losses = Fused.crossEntropy(logits.reshape(-1, v), flat, IGNORE_INDEX, 0).losses();
    // The count stays a tensor: no host synchronisation on a GPU (all targets ignored gives NaN, as PyTorch).
    Tensor counted = flat.ne((double) IGNORE_INDEX).to(losses.dtype()).sum();
    return losses.sum().div(counted);
  }

  /** Forward calls of all blocks so far. */
  public long blockCalls() {
    long n = 0;
    for (int i = 0; i < config.layers(); i++) n += block(i).calls();
    return n;
  }

  /** Sequence positions processed by all blocks so far (the work of a forward is proportional to it). */
  public long blockPositions() {
    long n = 0;
    for (int i = 0; i < config.layers(); i++) n += block(i).positions();
    return n;
  }

  /** A rollout: prompt and generated tokens (B, P + N) and each generated token's log-probability (B, N). */
  public record Generation(Tensor tokens, Tensor logProbs) {}

  /** {@link #generate(Tensor, int, Sampling, Generator, boolean)} with the key/value cache. */
  public Generation generate(Tensor prompt, int maxNewTokens, Sampling sampling, Generator g) {
    return generate(prompt, maxNewTokens, sampling, g, true);
  }

  /**
   * Extends each row of {@code prompt} (int64 (B, P), P &gt;= 1) by {@code maxNewTokens} tokens,
   * without recording gradients. With {@code useCache}, the prompt runs through the blocks once
   * and each later step runs only the newest token against the cached keys and values, so a
   * rollout processes P + N - 1 positions per block; without, each step re-runs the whole sequence.
   * Once the sequence fills the context, both recompute the last {@code context} tokens at each
   * step (the window slides, so positions shift and cached keys no longer apply).
   *
   * <p>The log-probabilities are those of the model's own distribution, log_softmax of the logits
   * at temperature 1 without top-k/top-p filtering (what a later forward pass of the returned tokens
   * gives, as PPO's ratio needs), whatever distribution the token was drawn from.
   */
  public Generation generate(Tensor prompt, int maxNewTokens, Sampling sampling, Generator g, boolean useCache) {
    if (prompt.dim() != 2 || prompt.size(1) == 0) throw new IllegalArgumentException("generate: expected a prompt (B, P) with P >= 1");
    if (maxNewTokens < 0) throw new IllegalArgumentException("generate: maxNewTokens must be >= 0, got " + maxNewTokens);
    return noGrad(() -> {
      int ctx = config.context();
      Tensor tokens = prompt;
      Tensor[] logProbs = new Tensor[maxNewTokens];
      KVCache cache = null;
      for (int step = 0; step < maxNewTokens; step++) {
        int len = tokens.size(1);
        Tensor logits;
        if (useCache && len <= ctx) {
          if (cache == null) cache = new KVCache(config.layers());
          Tensor fresh = tokens.narrow(1, cache.length(), len - cache.length());
          logits = run(fresh, cache).logits();
        } else {
          int from = Math.max(0, len - ctx);
          logits = forward(tokens.narrow(1, from, len - from));
        }
        Tensor last = logits.select(1, logits.size(1) - 1); // (B, V)
        Tensor next = sampling.pick(last, g).unsqueeze(1); // (B, 1)
        logProbs[step] = last.logSoftmax(-1).gather(1, next);
        tokens = Tensor.cat(List.of(tokens, next), 1);
      }
      Tensor w = wte.weight.get();
      Tensor lp = maxNewTokens == 0 ? Tensor.zeros(w.dtype(), w.device(), prompt.size(0), 0) : Tensor.cat(List.of(logProbs), 1);
      return new Generation(tokens, lp);
    });
  }
}
