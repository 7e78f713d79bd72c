package io.frontier.nn;

import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.UnaryOp;

/** Linear layers of the given widths with an activation between them (not after the last). */
public final class MLP extends Layer {
  private final Sequential net;

  /** {@code widths} = input, hidden..., output; at least two. */
  public MLP(UnaryOp activation, Generator g, int... widths) {
    this(activation, g, DType.FLOAT32, widths);
  }

  public MLP(UnaryOp activation, Generator g, DType dtype, int... widths) {
    if (widths.length < 2) throw new IllegalArgumentException("MLP: need at least input and output widths, got " + widths.length);
    Layer[] layers = new Layer[2 * (widths.length - 1) - 1];
    for (int i = 0, k = 0; i < widths.length - 1; i++) {
      layers[k++] = new Linear(widths[i], widths[i + 1], true, g, dtype);
      if (i < widths.length - 2) layers[k++] = new Activation(activation);
    }
    net = child("net", new Sequential(layers));
  }

  @Override
  public Tensor forward(Tensor x) {
    return net.forward(x);
  }
}
