package io.frontier.nn;

import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.LinAlg;
import io.frontier.tensor.Tensor;

/**
 * Weight initialisers, as {@code torch.nn.init}, drawing from an explicit {@link Generator} so
 * that a seeded model is reproducible. Fan-in and fan-out follow PyTorch: for a (out, in, ...)
 * weight, fanIn = in * receptive field, fanOut = out * receptive field.
 */
public final class Init {
  private Init() {}

  public static Tensor normal(Generator g, double mean, double std, DType dtype, int... shape) {
    return Tensor.randn(g, dtype, shape).mul(std).add(mean);
  }

  public static Tensor uniform(Generator g, double low, double high, DType dtype, int... shape) {
    return Tensor.rand(g, dtype, shape).mul(high - low).add(low);
  }

  /** U(-a, a) with a = gain * sqrt(6 / (fanIn + fanOut)). */
  public static Tensor xavierUniform(Generator g, double gain, DType dtype, int... shape) {
    double a = gain * Math.sqrt(6.0 / (fanIn(shape) + fanOut(shape)));
    return uniform(g, -a, a, dtype, shape);
  }

  /** N(0, std) with std = gain * sqrt(2 / (fanIn + fanOut)). */
  public static Tensor xavierNormal(Generator g, double gain, DType dtype, int... shape) {
    return normal(g, 0, gain * Math.sqrt(2.0 / (fanIn(shape) + fanOut(shape))), dtype, shape);
  }

  /**
   * U(-b, b) with b = gain * sqrt(3 / fanIn), gain = sqrt(2 / (1 + a^2)) (leaky-relu slope a):
   * {@code kaiming_uniform_(mode='fan_in')}. a = sqrt(5) gives PyTorch's default Linear weight.
   */
  public static Tensor kaimingUniform(Generator g, double a, DType dtype, int... shape) {
    double gain = Math.sqrt(2.0 / (1 + a * a));
    double bound = gain * Math.sqrt(3.0 / fanIn(shape));
    return uniform(g, -bound, bound, dtype, shape);
  }

  /** N(0, std) with std = sqrt(2 / (1 + a^2)) / sqrt(fanIn). */
  public static Tensor kaimingNormal(Generator g, double a, DType dtype, int... shape) {
    return normal(g, 0, Math.sqrt(2.0 / (1 + a * a)) / Math.sqrt(fanIn(shape)), dtype, shape);
  }

  /**
   * A (semi-)orthogonal matrix times {@code gain}: the Q of a Gaussian matrix's QR, with signs
   * fixed by R's diagonal so the distribution is uniform (Haar), as {@code orthogonal_}.
   */
  public static Tensor orthogonal(Generator g, double gain, DType dtype, int rows, int cols) {
    boolean tall = rows >= cols;
    Tensor m = Tensor.randn(g, DType.FLOAT64, tall ? rows : cols, tall ? cols : rows);
    LinAlg.QR qr = LinAlg.qr(m);
    Tensor signs = qr.r().diagonal().sign();
    Tensor q = qr.q().mul(signs.unsqueeze(0));
    if (!tall) q = q.t();
    return q.mul(gain).to(dtype).contiguous();
  }

  static int fanIn(int[] shape) {
    if (shape.length < 2) throw new IllegalArgumentException("fan in/out need a weight of at least 2 dims, got " + shape.length);
    return shape[1] * receptive(shape);
  }

  static int fanOut(int[] shape) {
    if (shape.length < 2) throw new IllegalArgumentException("fan in/out need a weight of at least 2 dims, got " + shape.length);
    return shape[0] * receptive(shape);
  }

  private static int receptive(int[] shape) {
    int r = 1;
    for (int i = 2; i < shape.length; i++) r *= shape[i];
    return r;
  }
}
