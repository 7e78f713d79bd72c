package io.frontier.optim.bayes.gp;

import io.frontier.tensor.Tensor;
import java.util.Arrays;

/**
 * The affine map {@code u = (x - lower) / (upper - lower)} of the input box onto the unit cube
 * (BoTorch's {@code Normalize}), or the identity. A dimension whose range is zero (every observed
 * value equal) keeps a range of 1, so it maps to a constant instead of dividing by zero.
 */
public record InputNormalizer(double[] lower, double[] range) {
  public InputNormalizer {
    if (lower.length != range.length || lower.length == 0) {
      throw new IllegalArgumentException("InputNormalizer: lower and range must be non-empty and of one length, got "
          + lower.length + " and " + range.length);
    }
    for (int k = 0; k < lower.length; k++) {
      if (!Double.isFinite(lower[k]) || !(range[k] > 0) || !Double.isFinite(range[k])) {
        throw new IllegalArgumentException("InputNormalizer: dimension " + k + " has lower " + lower[k] + " and range " + range[k]
            + " (need finite lower and finite range > 0)");
      }
    }
    lower = lower.clone();
    range = range.clone();
  }

  /** The identity on {@code d} dimensions. */
  public static InputNormalizer identity(int d) {
    double[] ones = new double[d];
    Arrays.fill(ones, 1.0);
    return new InputNormalizer(new double[d], ones);
  }

  /** The box {@code [lower, upper]}. */
  public static InputNormalizer fromBounds(double[] lower, double[] upper) {
    if (lower.length != upper.length) {
      throw new IllegalArgumentException("InputNormalizer: bounds of lengths " + lower.length + " and " + upper.length);
    }
    double[] range = new double[lower.length];
    for (int k = 0; k < lower.length; k++) {
      if (!(upper[k] > lower[k])) {
        throw new IllegalArgumentException("InputNormalizer: upper bound " + upper[k] + " is not above lower bound " + lower[k] + " in dimension " + k);
      }
      range[k] = upper[k] - lower[k];
    }
    return new InputNormalizer(lower, range);
  }

  /** The smallest box holding the rows of {@code x (n, d)}. */
  public static InputNormalizer fromData(Tensor x) {
    int n = x.size(0);
    int d = x.size(1);
    double[] v = x.detach().contiguous().toDoubleArray();
    double[] lo = new double[d];
    double[] range = new double[d];
    for (int k = 0; k < d; k++) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        min = Math.min(min, v[i * d + k]);
        max = Math.max(max, v[i * d + k]);
      }
      lo[k] = min;
      range[k] = max > min ? max - min : 1.0;
    }
    return new InputNormalizer(lo, range);
  }

  public int dim() {
    return lower.length;
  }

  /** {@code (x - lower) / range} for {@code x (n, d)}, differentiable in x. */
  public Tensor apply(Tensor x) {
    return x.sub(Tensor.of(lower)).div(Tensor.of(range));
  }

  @Override
  public double[] lower() {
    return lower.clone();
  }

  @Override
  public double[] range() {
    return range.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InputNormalizer other && Arrays.equals(lower, other.lower) && Arrays.equals(range, other.range);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(lower) + Arrays.hashCode(range);
  }

  @Override
  public String toString() {
    return "InputNormalizer[lower=" + Arrays.toString(lower) + ", range=" + Arrays.toString(range) + "]";
  }

}
