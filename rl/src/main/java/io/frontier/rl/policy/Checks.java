package io.frontier.rl.policy;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.Arrays;

/**
 * Argument checks shared by the package; each message names the op and the operand. A mask is bool
 * or floating and has its tensor's shape: a position is real where the mask is non-zero, and a
 * floating mask weights it.
 */
final class Checks {
  private Checks() {}

  static void floating(String op, String name, Tensor t) {
    if (t == null) throw new IllegalArgumentException(op + ": " + name + " is null");
    if (!t.dtype().isFloatingPoint()) throw new IllegalArgumentException(op + ": expected a floating " + name + ", got " + t.dtype());
  }

  /** A floating tensor of {@code dims} dims. */
  static void floating(String op, String name, Tensor t, int dims, String layout) {
    floating(op, name, t);
    if (t.dim() != dims) {
      throw new IllegalArgumentException(op + ": " + name + " must be " + layout + ", got shape " + Arrays.toString(t.shape()));
    }
  }

  /** {@code other} has {@code like}'s shape, dtype and device. */
  static void same(String op, String likeName, Tensor like, String name, Tensor other) {
    floating(op, name, other);
    if (!Arrays.equals(other.shape(), like.shape())) {
      throw new IllegalArgumentException(op + ": " + name + " has shape " + Arrays.toString(other.shape()) + ", " + likeName + " has "
          + Arrays.toString(like.shape()) + " (they must match)");
    }
    if (other.dtype() != like.dtype()) throw new IllegalArgumentException(op + ": " + name + " is " + other.dtype() + ", " + likeName + " is " + like.dtype());
    device(op, name, other, like);
  }

  static void device(String op, String name, Tensor t, Tensor like) {
    if (!t.device().equals(like.device())) {
      throw new IllegalArgumentException(op + ": expected all tensors on " + like.device() + ", " + name + " is on " + t.device());
    }
  }

  /** The mask checked against {@code like} and returned as weights in like's dtype. */
  static Tensor weights(String op, Tensor mask, Tensor like) {
    if (mask == null) throw new IllegalArgumentException(op + ": mask is null (pass Tensor.onesLike(x) when every position is real)");
    if (mask.dtype() != DType.BOOL && !mask.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException(op + ": mask must be bool or floating, got " + mask.dtype());
    }
    if (!Arrays.equals(mask.shape(), like.shape())) {
      throw new IllegalArgumentException(op + ": mask has shape " + Arrays.toString(mask.shape()) + ", expected " + Arrays.toString(like.shape()));
    }
    device(op, "mask", mask, like);
    return mask.to(like.dtype());
  }

  /** True where the mask is zero: padding, whose values never reach a statistic (even NaN or inf). */
  static Tensor padding(Tensor mask) {
    return mask.eq(0.0);
  }

  /** The mask's sum, read on the host, which must exceed {@code atLeast}; says what would break. */
  static Tensor count(String op, Tensor weights, double atLeast, String why) {
    Tensor n = weights.sum();
    double value = n.item();
    if (!(value > atLeast)) {
      throw new IllegalArgumentException(op + ": the mask sums to " + value + "; " + why);
    }
    return n;
  }

  static double unitInterval(String op, String name, double v) {
    if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException(op + ": " + name + " must be in [0, 1], got " + v);
    return v;
  }

  static double positive(String op, String name, double v) {
    if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException(op + ": " + name + " must be positive and finite, got " + v);
    return v;
  }
}
