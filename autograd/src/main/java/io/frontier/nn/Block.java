package io.frontier.nn;

import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.UnaryOp;

/**
 * A pre-LayerNorm transformer block: {@code x + attn(ln1(x))}, then {@code x + mlp(ln2(x))}. The
 * MLP is {@code Linear(width, 4 width)}, GELU with the tanh approximation (GPT-2's
 * {@code gelu_new}, PyTorch's {@code gelu(approximate='tanh')}), {@code Linear(4 width, width)} and
 * dropout, registered as {@code mlp.0}, {@code mlp.1}, {@code mlp.2}, {@code mlp.3}.
 */
public final class Block extends Layer {
  public final LayerNorm ln1;
  public final CausalSelfAttention attn;
  public final LayerNorm ln2;
  public final Sequential mlp;
  private long calls;
  private long positions;

  public Block(GPTConfig c, Generator g, DType dtype) {
    int w = c.width();
    ln1 = child("ln1", new LayerNorm(w, 1e-5, true, dtype));
    attn = child("attn", new CausalSelfAttention(c, g, dtype));
    ln2 = child("ln2", new LayerNorm(w, 1e-5, true, dtype));
    mlp = child("mlp", new Sequential(new Linear(w, 4 * w, true, g, dtype), new Activation(UnaryOp.GELU_TANH),
        new Linear(4 * w, w, true, g, dtype), new Dropout(c.dropout(), g)));
  }

  @Override
  public Tensor forward(Tensor x) {
    return forward(x, null);
  }

  public Tensor forward(Tensor x, KVCache.Entry cache) {
    calls++;
    positions += x.size(1);
    x = x.add(attn.forward(ln1.forward(x), cache));
    return x.add(mlp.forward(ln2.forward(x)));
  }

  /** The MLP's input projection (width to 4 width). */
  public Linear fc() {
    return (Linear) mlp.get(0);
  }

  /** The MLP's output projection back onto the residual stream. */
  public Linear fcProj() {
    return (Linear) mlp.get(2);
  }

  /** Forward calls so far (for tests and profiling). */
  public long calls() {
    return calls;
  }

  /** Sequence positions processed so far, summed over calls (batch rows not counted). */
  public long positions() {
    return positions;
  }
}
