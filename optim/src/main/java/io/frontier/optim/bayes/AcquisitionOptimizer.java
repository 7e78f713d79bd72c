package io.frontier.optim.bayes;

import io.frontier.optim.LbfgsOptions;
import io.frontier.optim.MinimizeResult;
import io.frontier.optim.Minimizer;
import io.frontier.optim.ValueAndGradient;
import io.frontier.optim.bayes.acquisition.Acquisition;
import io.frontier.tensor.Grad;
import io.frontier.tensor.Tensor;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Maximises an acquisition over a box the way BoTorch's {@code optimize_acqf} does: score many raw
 * candidate sets from a Sobol design at once, then run L-BFGS-B ({@link Minimizer}) from the best
 * few, with gradients from autograd, and keep the best local optimum. The acquisition is smooth in x
 * but multimodal, which is why the raw samples matter more than the local solver.
 */
public final class AcquisitionOptimizer {
  /** Raw Sobol candidate sets, L-BFGS-B starts taken from their best, and the local solver's settings. */
  public record Options(int rawSamples, int restarts, LbfgsOptions lbfgs) {
    public Options {
      if (rawSamples < 1) throw new IllegalArgumentException("AcquisitionOptimizer: rawSamples must be >= 1, got " + rawSamples);
      if (restarts < 1 || restarts > rawSamples) {
        throw new IllegalArgumentException("AcquisitionOptimizer: restarts must be in [1, rawSamples = " + rawSamples + "], got " + restarts);
      }
      if (lbfgs == null) throw new IllegalArgumentException("AcquisitionOptimizer: lbfgs options are null");
    }

    /** 512 raw samples, 8 restarts, up to 100 L-BFGS-B iterations each (BoTorch's tutorials use 512 / 10 / 200). */
    public static Options defaults() {
      return new Options(512, 8, LbfgsOptions.defaults().withMaxIter(100).withToleranceChange(1e-12));
    }
  }

  private static final int RAW_BATCH = 256;

  private AcquisitionOptimizer() {}

  /** The best candidate set found, {@code [q][d]}, and its acquisition value. */
  public record Candidate(double[][] x, double value) {}

  public static Candidate maximize(Acquisition acquisition, Bounds bounds, Options options, long seed) {
    if (acquisition == null) throw new IllegalArgumentException("AcquisitionOptimizer: acquisition is null");
    int q = acquisition.q();
    int d = bounds.dim();
    double[][][] raw = SobolDesign.sets(bounds, options.rawSamples(), q, seed);
    double[] rawValues = new double[raw.length];
    try (Grad.Scope noGrad = Grad.noGrad()) {
      for (int start = 0; start < raw.length; start += RAW_BATCH) {
        int count = Math.min(RAW_BATCH, raw.length - start);
        double[] flat = new double[count * q * d];
        for (int i = 0; i < count; i++) flatten(raw[start + i], flat, i * q * d);
        double[] v = acquisition.value(Tensor.of(flat).reshape(count, q, d)).contiguous().toDoubleArray();
        System.arraycopy(v, 0, rawValues, start, count);
      }
    }
    Integer[] order = IntStream.range(0, raw.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> -(Double.isNaN(rawValues[i]) ? Double.NEGATIVE_INFINITY : rawValues[i])));
    double[] lower = repeat(bounds.lower(), q);
    double[] upper = repeat(bounds.upper(), q);
    double[] best = null;
    double bestValue = Double.NEGATIVE_INFINITY;
    for (int r = 0; r < options.restarts(); r++) {
      double[] x0 = new double[q * d];
      flatten(raw[order[r]], x0, 0);
      if (rawValues[order[r]] > bestValue) {
        bestValue = rawValues[order[r]];
        best = x0.clone();
      }
      MinimizeResult m = Minimizer.minimize(x -> negatedValueAndGradient(acquisition, x, q, d), x0, lower, upper, options.lbfgs());
      if (Double.isFinite(m.f()) && -m.f() > bestValue) {
        bestValue = -m.f();
        best = m.x();
      }
    }
    if (best == null) throw new IllegalStateException("AcquisitionOptimizer: no candidate has a finite acquisition value");
    double[][] x = new double[q][];
    for (int j = 0; j < q; j++) x[j] = Arrays.copyOfRange(best, j * d, (j + 1) * d);
    return new Candidate(x, bestValue);
  }

  private static ValueAndGradient negatedValueAndGradient(Acquisition acquisition, double[] x, int q, int d) {
    Tensor t = Tensor.of(x).reshape(1, q, d).requiresGrad_(true);
    Tensor v = acquisition.value(t);
    double value = v.item();
    if (!Double.isFinite(value)) throw new IllegalStateException("AcquisitionOptimizer: acquisition value " + value + " at " + Arrays.toString(x));
    double[] g = new double[q * d];
    if (v.requiresGrad()) {
      v.sum().backward();
      if (t.grad() != null) g = t.grad().contiguous().toDoubleArray();
    }
    for (int i = 0; i < g.length; i++) g[i] = -g[i];
    return new ValueAndGradient(-value, g);
  }

  private static void flatten(double[][] set, double[] out, int offset) {
    for (double[] p : set) {
      System.arraycopy(p, 0, out, offset, p.length);
      offset += p.length;
    }
  }

  private static double[] repeat(double[] v, int times) {
    double[] out = new double[v.length * times];
    for (int i = 0; i < times; i++) System.arraycopy(v, 0, out, i * v.length, v.length);
    return out;
  }
}
