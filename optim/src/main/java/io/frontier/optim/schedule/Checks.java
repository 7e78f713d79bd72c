package io.frontier.optim.schedule;

/** Argument checks that throw IllegalArgumentException naming the bad parameter. */
final class Checks {
  private Checks() {}

  static void positive(String name, long v) {
    if (v <= 0) throw new IllegalArgumentException("invalid " + name + ": " + v + " (must be positive)");
  }

  static void nonNegative(String name, long v) {
    if (v < 0) throw new IllegalArgumentException("invalid " + name + ": " + v + " (must be >= 0)");
  }

  static void positive(String name, double v) {
    if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException("invalid " + name + ": " + v + " (must be positive and finite)");
  }

  static void nonNegative(String name, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException("invalid " + name + ": " + v + " (must be >= 0 and finite)");
  }

  /** lo <= v <= hi (NaN fails). */
  static void inRange(String name, double v, double lo, double hi) {
    if (!(v >= lo && v <= hi)) throw new IllegalArgumentException("invalid " + name + ": " + v + " (must be in [" + lo + ", " + hi + "])");
  }
}
