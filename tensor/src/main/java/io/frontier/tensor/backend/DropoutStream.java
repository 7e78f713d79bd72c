package io.frontier.tensor.backend;

import io.frontier.tensor.DType;

/**
 * Dropout on attention weights, drawn without storing a mask: weight {@code idx} (row-major over
 * the {@code (N0, N1, Tq, Tk)} weights) is kept where the dtype's uniform value {@code idx} of the
 * Philox stream at {@code (seed, offset)} is at least {@code p} (the stream of
 * {@link io.frontier.tensor.Generator}: 4 float32 or 2 float64 values a block, exactly what
 * {@code Tensor.rand(generator, dtype, shape).ge(p)} draws), and then multiplied by
 * {@code 1 / (1 - p)} rounded to the dtype; dropped weights are 0. {@link #NONE} keeps every weight.
 *
 * @param p the probability of dropping a weight, in [0, 1)
 * @param seed the stream's seed
 * @param offset the stream's first block
 */
public record DropoutStream(double p, long seed, long offset) {
  public static final DropoutStream NONE = new DropoutStream(0, 0, 0);

  public DropoutStream {
    if (!(p >= 0 && p < 1)) throw new IllegalArgumentException("dropout: p must be in [0, 1), got " + p);
  }

  public boolean active() {
    return p > 0;
  }

  /** The factor of a kept weight, 1 / (1 - p), as the dtype rounds it. */
  public double keepScale(DType dtype) {
    double s = 1 / (1 - p);
    return dtype == DType.FLOAT32 ? (float) s : s;
  }

  /** Philox blocks that {@code values} weights of the dtype take from the stream. */
  public static long blocks(long values, DType dtype) {
    int perBlock = dtype == DType.FLOAT32 ? 4 : 2;
    return (values + perBlock - 1) / perBlock;
  }

  /**
   * The factors of weights {@code first .. first + n - 1} into {@code out[0 .. n - 1]}, each Philox
   * block computed once (a float32 block serves 4 consecutive weights).
   */
  public void factors(long first, int n, DType dtype, double[] out) {
    if (!active()) {
      java.util.Arrays.fill(out, 0, n, 1.0);
      return;
    }
    boolean f32 = dtype == DType.FLOAT32;
    int perBlock = f32 ? 4 : 2;
    double kept = keepScale(dtype);
    float pf = (float) p;
    int[] w = new int[4];
    long block = -1;
    for (int j = 0; j < n; j++) {
      long idx = first + j;
      if (idx / perBlock != block) {
        block = idx / perBlock;
        Philox.streamBlock(seed, offset + block, w);
      }
      int at = (int) (idx % perBlock);
      boolean keep = f32 ? Philox.uniformFloat(w[at]) >= pf : Philox.uniformDouble(w[2 * at], w[2 * at + 1]) >= p;
      out[j] = keep ? kept : 0;
    }
  }
}
