package io.frontier.nn;

/**
 * How a loss of {@link Losses} reduces its per-element (per-token) values, as PyTorch's
 * {@code reduction=}. With a mask {@code m}, MEAN is the weighted mean {@code sum(l m) / sum(m)}
 * (over non-ignored targets where a loss ignores some), SUM is {@code sum(l m)} and NONE returns
 * {@code l m}.
 */
public enum Reduction {
  /** The (weighted) mean; a loss that ignores targets divides by the (weighted) count of the others. */
  MEAN,
  SUM,
  /** The per-element losses, of the loss's elementwise shape. */
  NONE,
  /** The sum divided by the input's first dim: {@code klDiv}'s {@code 'batchmean'}, only there. */
  BATCHMEAN
}
