package io.frontier.nn;

import io.frontier.tensor.DType;
import io.frontier.tensor.Fused;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import java.util.List;

/**
 * Multi-head causal self-attention as in GPT-2: one fused projection {@code qkv} (width to
 * 3 * width, with bias) split into queries, keys and values, per-head scaled dot products with
 * positions after the query masked to -inf, softmax in the input's dtype, dropout on the attention
 * weights, the output projection {@code proj} and dropout on the result. With a {@link KVCache}
 * entry, the input holds only the new positions and attends to the cached ones as well. The
 * products, mask, softmax and dropout on the weights are one fused op each way
 * ({@link Fused#causalAttention}), which never stores the (T, T) weights (its dropout mask is drawn
 * from the dropout layer's generator as {@link Dropout} would draw it) and reads the heads where
 * the qkv projection left them.
 */
public final class CausalSelfAttention extends Layer {
  /**
   * {@code -Dfrontier.nn.fusedAttention=false} forms the probabilities whole (q k^T, causalSoftmax,
   * the dropout layer, times v): the path before the fused kernels, kept for comparing them.
   */
  static final boolean FUSED = !"false".equals(System.getProperty("frontier.nn.fusedAttention"));

  public final Linear qkv;
  public final Linear proj;
  private final Dropout attnDropout;
  private final Dropout residDropout;
  private final int width;
  private final int heads;
  private final int context;

  public CausalSelfAttention(GPTConfig c, Generator g, DType dtype) {
    width = c.width();
    heads = c.heads();
    context = c.context();
    qkv = child("qkv", new Linear(width, 3 * width, true, g, dtype));
    proj = child("proj", new Linear(width, width, true, g, dtype));
    attnDropout = child("attnDropout", new Dropout(c.dropout(), g));
    residDropout = child("residDropout", new Dropout(c.dropout(), g));
  }

  @Override
  public Tensor forward(Tensor x) {
    return forward(x, null);
  }

  /** x (B, T, width) for the positions after the cached ones (all positions without a cache). */
  public Tensor forward(Tensor x, KVCache.Entry cache) {
    int b = x.size(0);
    int t = x.size(1);
    // q, k, v split from a (B, T, 3, heads, d) view: the fused attention's backward writes their
    // gradients as the slices of one (B, T, 3, heads, d) buffer, which the split's backward takes
    // as the qkv gradient without a copy (the unfused path's gradients are copied into it once)
    List<Tensor> parts = qkv.forward(x).view(b, t, 3, heads, width / heads).split(1, 2);
    Tensor q = parts.get(0).squeeze(2).transpose(1, 2);
    Tensor k = parts.get(1).squeeze(2).transpose(1, 2);
    Tensor v = parts.get(2).squeeze(2).transpose(1, 2);
    int past = 0;
    if (cache != null) {
      past = cache.length();
      Tensor[] kv = cache.append(k, v);
      k = kv[0];
      v = kv[1];
    }
    int total = past + t;
    if (total > context) throw new IllegalArgumentException("CausalSelfAttention: " + total + " positions exceed the context of " + context);
    // softmax(q k^T / sqrt(d)) v with key j of query i (position past + i) kept when j <= past + i
    double scale = 1.0 / Math.sqrt(width / heads);
    Tensor attended;
    if (!FUSED) {
      attended = attnDropout.forward(Fused.causalSoftmax(q.matmul(k.transpose(2, 3)), scale, past)).matmul(v);
    } else if (attnDropout.active()) {
      // the dropout mask drawn inside the kernels from the layer's generator, as its forward would draw it
      attended = Fused.causalAttention(q, k, v, scale, past, attnDropout.p(), attnDropout.generator()).out();
    } else {
      // one fused kernel each way; its output is laid out (B, T, heads, d), so the merge is a view
      attended = Fused.causalAttention(q, k, v, scale, past).out();
    }
    Tensor y = attended.transpose(1, 2).reshape(b, t, width);
    return residDropout.forward(proj.forward(y));
  }

}
