package io.frontier.rl.mirror;

import io.frontier.tensor.Tensor;

/**
 * PPO's clip as a drift (Lu et al. 2022; Kuba et al. 2022):
 *
 * <pre>
 *   f(r, A) = ReLU( (r − clip(r, 1 − ε_low, 1 + ε_high)) · A )
 * </pre>
 *
 * so that {@code r·A − f = min(r·A, clip(r)·A)}, PPO's clipped objective, term by term: where
 * {@code (r − clip r)·A > 0} the drift removes exactly the part of {@code r·A} beyond the clip and
 * its gradient in r is then zero (r lies outside the clip range), elsewhere the drift is zero.
 * Valid for any positive ε: at r = 1 both the difference and the ReLU's gradient vanish.
 *
 * @param clipLow ε_low, positive
 * @param clipHigh ε_high, positive (ε_high > ε_low is DAPO's clip-higher)
 */
public record PpoClipDrift(double clipLow, double clipHigh) implements Drift {
  public PpoClipDrift {
    positive("clipLow", clipLow);
    positive("clipHigh", clipHigh);
  }

  /** The symmetric clip ε_low = ε_high = {@code clipRange} (PPO's 0.2). */
  public static PpoClipDrift of(double clipRange) {
    return new PpoClipDrift(clipRange, clipRange);
  }

  @Override
  public Tensor value(Tensor ratio, Tensor advantage, double progress) {
    return drift(ratio, advantage, clipLow, clipHigh);
  }

  /** {@code ReLU((r − clip(r, 1 − low, 1 + high))·A)}, shared with {@link ClipScheduleDrift}. */
  static Tensor drift(Tensor ratio, Tensor advantage, double low, double high) {
    return ratio.sub(ratio.clamp(1 - low, 1 + high)).mul(advantage).relu();
  }

  static void positive(String name, double v) {
    if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException("PpoClipDrift: " + name + " must be positive and finite, got " + v);
  }
}
