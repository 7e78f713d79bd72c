package io.frontier.rl.policy;

import io.frontier.tensor.Tensor;

/**
 * Mean, variance and whitening over the real positions of a padded tensor, as TRL's
 * {@code masked_mean}, {@code masked_var} and {@code masked_whiten} ({@code trl/trainer/utils.py}):
 *
 * <pre>
 *   mean = Σ m·x / Σ m
 *   var  = Σ m·(x − mean)² / Σ m · n / (n − 1),   n = Σ m   (Bessel's correction when unbiased)
 *   whiten(x) = (x − mean) · rsqrt(var + 1e-8)  [+ mean when the mean is not shifted]
 * </pre>
 *
 * <p>x is any shape, e.g. {@code (B, T)}, and the mask (bool or floating, a floating one weights)
 * has x's shape; the statistics are 0-d tensors over every real position of the whole batch. Values
 * at padding (mask 0) never reach them, even NaN or inf. Each call reads the mask's sum on the host
 * to refuse what would divide by zero: an empty mask, or a mask summing to at most 1 where the
 * unbiased variance is asked for.
 */
public final class MaskedStats {
  /** Added to the variance before its reciprocal square root, as TRL. */
  public static final double WHITEN_EPS = 1e-8;

  private MaskedStats() {}

  /** {@code Σ m·x / Σ m}, a 0-d tensor. */
  public static Tensor mean(Tensor x, Tensor mask) {
    String op = "MaskedStats.mean";
    Checks.floating(op, "x", x);
    Tensor w = Checks.weights(op, mask, x);
    Tensor n = Checks.count(op, w, 0, "the masked mean of no position is undefined");
    return zeroPadding(x, w).mul(w).sum().div(n);
  }

  /**
   * The masked variance, a 0-d tensor; {@code unbiased} multiplies the biased one by
   * {@code n / (n − 1)} with {@code n = Σ m}, which needs {@code n > 1}.
   */
  public static Tensor variance(Tensor x, Tensor mask, boolean unbiased) {
    String op = "MaskedStats.variance";
    Checks.floating(op, "x", x);
    return moments(op, x, Checks.weights(op, mask, x), unbiased).variance();
  }

  /**
   * {@code (x − mean) · rsqrt(var + 1e-8)} with the unbiased masked variance, plus the mean again
   * when {@code shiftMean} is false (TRL whitens rewards that way, advantages with the shift);
   * padding positions of the result are 0. Shape of x.
   */
  public static Tensor whiten(Tensor x, Tensor mask, boolean shiftMean) {
    String op = "MaskedStats.whiten";
    Checks.floating(op, "x", x);
    Tensor w = Checks.weights(op, mask, x);
    Moments m = moments(op, x, w, true);
    Tensor whitened = zeroPadding(x, w).sub(m.mean()).mul(m.variance().add(WHITEN_EPS).rsqrt());
    if (!shiftMean) whitened = whitened.add(m.mean());
    return whitened.maskedFill(Checks.padding(w), 0.0);
  }

  private record Moments(Tensor mean, Tensor variance) {}

  private static Moments moments(String op, Tensor x, Tensor w, boolean unbiased) {
    Tensor n = unbiased
        ? Checks.count(op, w, 1, "the unbiased variance divides by n - 1, so it needs a mask summing to more than 1")
        : Checks.count(op, w, 0, "the masked variance of no position is undefined");
    Tensor xs = zeroPadding(x, w);
    Tensor mean = xs.mul(w).sum().div(n);
    Tensor biased = xs.sub(mean).square().mul(w).sum().div(n);
    return new Moments(mean, unbiased ? biased.mul(n.div(n.sub(1.0))) : biased);
  }

  /** x with its padding replaced by 0, so that 0 · NaN never enters a sum. */
  static Tensor zeroPadding(Tensor x, Tensor w) {
    return x.maskedFill(Checks.padding(w), 0.0);
  }
}
