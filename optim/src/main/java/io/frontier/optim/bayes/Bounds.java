package io.frontier.optim.bayes;

import java.util.Arrays;

/** A box {@code [lower, upper]} of inputs, every side finite with {@code lower < upper}. */
public record Bounds(double[] lower, double[] upper) {
  public Bounds {
    if (lower == null || upper == null || lower.length != upper.length || lower.length == 0) {
      throw new IllegalArgumentException("Bounds: lower and upper must be non-empty arrays of equal length, got "
          + (lower == null ? "null" : lower.length) + " and " + (upper == null ? "null" : upper.length));
    }
    for (int i = 0; i < lower.length; i++) {
      if (!Double.isFinite(lower[i]) || !Double.isFinite(upper[i]) || !(lower[i] < upper[i])) {
        throw new IllegalArgumentException("Bounds: side " + i + " must be finite with lower < upper, got [" + lower[i] + ", " + upper[i] + "]");
      }
    }
    lower = lower.clone();
    upper = upper.clone();
  }

  public static Bounds of(double[] lower, double[] upper) {
    return new Bounds(lower, upper);
  }

  /** The unit cube {@code [0, 1]^d}. */
  public static Bounds unitCube(int d) {
    double[] one = new double[d];
    Arrays.fill(one, 1);
    return new Bounds(new double[d], one);
  }

  public int dim() {
    return lower.length;
  }

  @Override
  public double[] lower() {
    return lower.clone();
  }

  @Override
  public double[] upper() {
    return upper.clone();
  }

  /** Maps a point of the unit cube into the box. */
  public double[] fromUnit(double[] u) {
    double[] x = new double[u.length];
    for (int i = 0; i < u.length; i++) x[i] = lower[i] + u[i] * (upper[i] - lower[i]);
    return x;
  }

  /** Checks that x has the box's dimension and lies inside it. */
  public void check(String name, double[] x) {
    if (x == null || x.length != lower.length) {
      throw new IllegalArgumentException(name + ": expected a point of dimension " + lower.length + ", got " + (x == null ? "null" : x.length));
    }
    for (int i = 0; i < x.length; i++) {
      if (!(x[i] >= lower[i] && x[i] <= upper[i])) {
        throw new IllegalArgumentException(name + ": x[" + i + "] = " + x[i] + " is outside [" + lower[i] + ", " + upper[i] + "]");
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bounds b && Arrays.equals(lower, b.lower) && Arrays.equals(upper, b.upper);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(lower) + Arrays.hashCode(upper);
  }

  @Override
  public String toString() {
    return "Bounds[lower=" + Arrays.toString(lower) + ", upper=" + Arrays.toString(upper) + "]";
  }
}
