package io.frontier.tensor;

import io.frontier.tensor.backend.RandomKind;
import java.util.Arrays;

/**
 * Random sampling. {@code rand} and {@code randn} fill from the Philox stream in the backend;
 * the discrete samplers are composed from float64 uniforms so they inherit its reproducibility:
 * <ul>
 *   <li>{@code randint(low, high)}: {@code low + floor(u * (high - low))} (bias below
 *       {@code (high - low) / 2^53});
 *   <li>{@code bernoulli(p)}: {@code u < p};
 *   <li>{@code multinomial} with replacement: inverse CDF of each row with one uniform per sample;
 *       without replacement: the exponential race, keeping the categories with the largest
 *       {@code log(u) / p}, one uniform per category.
 * </ul>
 */
final class Sampling {
  private Sampling() {}

  private static Tensor draw(RandomKind kind, Generator generator, int[] shape, DType dtype, Device device) {
    if (!dtype.isFloatingPoint()) {
      throw new IllegalArgumentException((kind == RandomKind.UNIFORM ? "rand" : "randn") + ": expected a floating dtype, got " + dtype);
    }
    Tensor out = Creation.empty(shape, dtype, device);
    int n = out.numel();
    int perBlock = dtype == DType.FLOAT32 ? 4 : 2;
    Generator.State s = generator.reserve(((long) n + perBlock - 1) / perBlock);
    if (n > 0) out.backend().random(kind, s.seed(), s.offset(), out);
    return out;
  }

  static Tensor rand(Generator generator, int[] shape, DType dtype) {
    return draw(RandomKind.UNIFORM, generator, shape, dtype, Device.CPU);
  }

  static Tensor rand(Generator generator, int[] shape, DType dtype, Device device) {
    return draw(RandomKind.UNIFORM, generator, shape, dtype, device);
  }

  static Tensor randn(Generator generator, int[] shape, DType dtype) {
    return draw(RandomKind.NORMAL, generator, shape, dtype, Device.CPU);
  }

  static Tensor randn(Generator generator, int[] shape, DType dtype, Device device) {
    return draw(RandomKind.NORMAL, generator, shape, dtype, device);
  }

  static Tensor randint(Generator generator, long low, long high, int[] shape) {
    if (high <= low) throw new IllegalArgumentException("randint: expected low < high, got low=" + low + ", high=" + high);
    double range = (double) high - (double) low;
    if (range > 0x1.0p53) throw new IllegalArgumentException("randint: range " + range + " exceeds 2^53");
    Tensor u = rand(generator, shape, DType.FLOAT64);
    Tensor k = u.mul(range).floor().clampMax(range - 1).to(DType.INT64);
    return k.add(low);
  }

  static Tensor bernoulli(Generator generator, Tensor p) {
    if (!p.dtype().isFloatingPoint()) throw new IllegalArgumentException("bernoulli: expected a floating probability tensor, got " + p.dtype());
    Tensor pc = p.to(Device.CPU);
    if (pc.numel() > 0 && (pc.lt(0.0).any().item() != 0 || pc.gt(1.0).any().item() != 0 || pc.isnan().any().item() != 0)) {
      throw new IllegalArgumentException("bernoulli: expected all probabilities in [0, 1]");
    }
    Tensor u = rand(generator, p.shape, DType.FLOAT64).to(p.device());
    return u.lt(p).to(p.dtype());
  }

  static Tensor categorical(Generator generator, Tensor logits) {
    if (!logits.dtype().isFloatingPoint()) throw new IllegalArgumentException("categorical: expected floating logits, got " + logits.dtype());
    if (logits.dim() == 0 || logits.size(-1) == 0) {
      throw new IllegalArgumentException("categorical: expected logits of shape (..., C) with C > 0, got " + Shapes.str(logits.shape));
    }
    if (logits.isnan().any().item() != 0) throw new IllegalArgumentException("categorical: logits contain NaN");
    Tensor u = rand(generator, logits.shape, DType.FLOAT64).to(logits.device());
    Tensor gumbel = u.log().neg().log().neg(); // u = 0 gives -inf noise: never chosen, never NaN
    return logits.to(DType.FLOAT64).add(gumbel).argmax(-1, false);
  }

  static Tensor multinomial(Generator generator, Tensor probs, int numSamples, boolean replacement) {
    if (probs.dim() < 1 || probs.dim() > 2) {
      throw new IllegalArgumentException("multinomial: expected a 1-D or 2-D probability tensor, got shape " + Shapes.str(probs.shape));
    }
    if (!probs.dtype().isFloatingPoint()) throw new IllegalArgumentException("multinomial: expected floating probabilities, got " + probs.dtype());
    if (numSamples <= 0) throw new IllegalArgumentException("multinomial: numSamples must be positive, got " + numSamples);
    int rows = probs.dim() == 1 ? 1 : probs.shape[0];
    int cats = probs.shape[probs.dim() - 1];
    if (cats == 0) throw new IllegalArgumentException("multinomial: the distribution has no categories");
    if (!replacement && numSamples > cats) {
      throw new IllegalArgumentException("multinomial: cannot sample " + numSamples + " > " + cats + " categories without replacement");
    }
    double[] p = probs.to(DType.FLOAT64).reshape(rows, cats).toDoubleArray();
    for (int r = 0; r < rows; r++) {
      double total = 0;
      int positive = 0;
      for (int c = 0; c < cats; c++) {
        double v = p[r * cats + c];
        if (!(v >= 0) || Double.isInfinite(v)) {
          throw new IllegalArgumentException("multinomial: probabilities must be finite and non-negative, row " + r + " has " + v);
        }
        total += v;
        if (v > 0) positive++;
      }
      if (total <= 0) throw new IllegalArgumentException("multinomial: row " + r + " sums to zero");
      if (!replacement && positive < numSamples) {
        throw new IllegalArgumentException(
            "multinomial: row " + r + " has only " + positive + " categories with non-zero probability, cannot draw " + numSamples + " without replacement");
      }
    }
    long[] out = new long[rows * numSamples];
    if (replacement) {
      double[] u = rand(generator, new int[] {rows * numSamples}, DType.FLOAT64).toDoubleArray();
      double[] cdf = new double[cats];
      for (int r = 0; r < rows; r++) {
        double acc = 0;
        for (int c = 0; c < cats; c++) {
          acc += p[r * cats + c];
          cdf[c] = acc;
        }
        for (int s = 0; s < numSamples; s++) {
          double target = u[r * numSamples + s] * acc;
          int idx = upperBound(cdf, target);
          while (idx > 0 && p[r * cats + idx] == 0) idx--; // never land on a zero-probability category
          while (idx < cats - 1 && p[r * cats + idx] == 0) idx++;
          out[r * numSamples + s] = idx;
        }
      }
    } else {
      double[] u = rand(generator, new int[] {rows * cats}, DType.FLOAT64).toDoubleArray();
      Integer[] order = new Integer[cats];
      double[] key = new double[cats];
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cats; c++) {
          double pc = p[r * cats + c];
          // 1 - u lies in (0, 1], so the log is finite
          key[c] = pc > 0 ? Math.log(1.0 - u[r * cats + c]) / pc : Double.NEGATIVE_INFINITY;
          order[c] = c;
        }
        Arrays.sort(order, (x, y) -> Double.compare(key[y], key[x]));
        for (int s = 0; s < numSamples; s++) out[r * numSamples + s] = order[s];
      }
    }
    Tensor result = Creation.fromArray(out, probs.dim() == 1 ? new int[] {numSamples} : new int[] {rows, numSamples});
    return result.to(probs.device());
  }

  /** The first index whose cumulative weight exceeds target. */
  private static int upperBound(double[] cdf, double target) {
    int lo = 0;
    int hi = cdf.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cdf[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
