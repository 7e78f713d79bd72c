package io.frontier.rl.directional;

import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import java.util.Arrays;

/**
 * User preferences as directions in a two-objective reward space, {@code v(theta) = (cos theta,
 * sin theta)}, discretised into a few angles, each spelled as one prompt token. DPA writes the
 * direction into the system prompt as the weights of a weighted rating (its released model takes
 * {@code helpfulness*w_h + verbosity*w_v} with {@code (w_h, w_v)} a unit vector scaled by 100);
 * on a tiny model a token per angle plays that part. Token {@code firstToken + i} stands for angle
 * {@code angles[i]}.
 */
public final class DirectionTokens {
  private final long firstToken;
  private final double[] angles;

  /** @param angles in radians, at least one, all finite and distinct */
  public DirectionTokens(long firstToken, double... angles) {
    if (firstToken < 0) throw new IllegalArgumentException("DirectionTokens: firstToken must be >= 0, got " + firstToken);
    if (angles == null || angles.length == 0) throw new IllegalArgumentException("DirectionTokens: need at least one angle");
    for (double a : angles) if (!Double.isFinite(a)) throw new IllegalArgumentException("DirectionTokens: angle " + a + " is not finite");
    if (Arrays.stream(angles).distinct().count() != angles.length) {
      throw new IllegalArgumentException("DirectionTokens: angles must be distinct, got " + Arrays.toString(angles));
    }
    this.firstToken = firstToken;
    this.angles = angles.clone();
  }

  /** {@code count} angles evenly spaced from {@code from} to {@code to} inclusive (radians): a cone of directions. */
  public static DirectionTokens cone(long firstToken, double from, double to, int count) {
    if (count < 2 || !(to > from)) throw new IllegalArgumentException("DirectionTokens.cone: need count >= 2 and to > from, got " + count + ", ["
        + from + ", " + to + "]");
    double[] a = new double[count];
    for (int i = 0; i < count; i++) a[i] = from + (to - from) * i / (count - 1);
    return new DirectionTokens(firstToken, a);
  }

  public int count() {
    return angles.length;
  }

  public long firstToken() {
    return firstToken;
  }

  /** The prompt token of direction i. */
  public long token(int i) {
    return firstToken + check(i);
  }

  /** Every direction's token, in order. */
  public long[] tokens() {
    long[] t = new long[angles.length];
    for (int i = 0; i < t.length; i++) t[i] = firstToken + i;
    return t;
  }

  public double angle(int i) {
    return angles[check(i)];
  }

  public double[] angles() {
    return angles.clone();
  }

  /** The unit vector {@code (cos theta_i, sin theta_i)}. */
  public double[] direction(int i) {
    return new double[] {Math.cos(angle(i)), Math.sin(angle(i))};
  }

  /** Every direction's unit vector, float64 {@code (m, 2)}. */
  public Tensor directions() {
    double[][] v = new double[angles.length][];
    for (int i = 0; i < v.length; i++) v[i] = direction(i);
    return Tensor.of(v).to(DType.FLOAT64);
  }

  /** {@code n} direction indices drawn uniformly from the cone, int64 {@code (n)}. */
  public Tensor sample(int n, Generator g) {
    return Tensor.randint(g, 0, angles.length, n);
  }

  private int check(int i) {
    if (i < 0 || i >= angles.length) throw new IndexOutOfBoundsException("DirectionTokens: direction " + i + " outside [0, " + angles.length + ")");
    return i;
  }
}
