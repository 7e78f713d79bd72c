package io.frontier.nn;

/**
 * The shape of a {@link GPT}: vocabulary size, context length (the most positions it embeds),
 * width (the model dimension), attention heads, transformer blocks, dropout probability (after the
 * embeddings, on the attention weights and on each residual branch), whether the output head
 * shares the token embedding's matrix, and whether a scalar value head is added (for PPO).
 */
public record GPTConfig(int vocab, int context, int width, int heads, int layers, double dropout, boolean tiedEmbeddings,
    boolean valueHead) {
  public GPTConfig {
    if (vocab <= 0 || context <= 0 || width <= 0 || heads <= 0 || layers <= 0) {
      throw new IllegalArgumentException("GPTConfig: vocab, context, width, heads and layers must be positive, got " + this);
    }
    if (width % heads != 0) throw new IllegalArgumentException("GPTConfig: width " + width + " is not a multiple of heads " + heads);
    if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("GPTConfig: dropout must be in [0, 1), got " + dropout);
  }

  /** Width per head. */
  public int headWidth() {
    return width / heads;
  }
}
