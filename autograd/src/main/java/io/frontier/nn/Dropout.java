package io.frontier.nn;

import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;

/**
 * Zeroes each element with probability p in training and scales the rest by 1 / (1 - p); the
 * identity in eval mode. Seeded: the mask comes from the given generator, on the input's device.
 */
public final class Dropout extends Layer {
  private final double p;
  private final Generator generator;

  public Dropout(double p, Generator generator) {
    if (!(p >= 0 && p < 1)) throw new IllegalArgumentException("Dropout: p must be in [0, 1), got " + p);
    this.p = p;
    this.generator = generator;
  }

  /** The probability of zeroing an element. */
  double p() {
    return p;
  }

  /** The generator the masks come from. */
  Generator generator() {
    return generator;
  }

  /** Whether forward changes its input: training with p > 0. */
  public boolean active() {
    return isTraining() && p > 0;
  }

  @Override
  public Tensor forward(Tensor x) {
    if (!active()) return x;
    Tensor keep = Tensor.rand(generator, x.dtype(), x.device(), x.shape()).ge(p).to(x.dtype());
    return x.mul(keep).mul(1 / (1 - p));
  }
}
