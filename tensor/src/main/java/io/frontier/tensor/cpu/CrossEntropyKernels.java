package io.frontier.tensor.cpu;

import io.frontier.tensor.Tensor;

/**
 * Cross-entropy with class-index targets, label smoothing and an ignored index, over the rows of
 * contiguous (N, C) float logits, in float64 (rows in parallel). See Backend#crossEntropy.
 */
final class CrossEntropyKernels {
  private CrossEntropyKernels() {}

  static void forward(Tensor logits, Tensor target, long ignoreIndex, double smoothing, Tensor losses, Tensor logSumExp) {
    int rows = logits.size(0);
    int c = logits.size(1);
    FloatingRows zs = FloatingRows.of(logits);
    FloatingRows ls = FloatingRows.of(losses);
    FloatingRows lses = FloatingRows.of(logSumExp);
    long[] t = ((CpuStorage) target.storage()).longs();
    int to = target.storageOffset();
    Parallel.forRange(rows, FloatingRows.grain(c), (r0, r1) -> {
      double[] z = new double[c];
      for (int r = r0; r < r1; r++) {
        zs.load(r * c, z, c);
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < c; j++) max = Math.max(max, z[j]);
        double sum = 0;
        double sumZ = 0;
        for (int j = 0; j < c; j++) {
          sum += Math.exp(z[j] - max);
          sumZ += z[j];
        }
        double lse = max + Math.log(sum);
        lses.set(r, lse);
        long k = t[to + r];
        if (k == ignoreIndex) {
          ls.set(r, 0);
          continue;
        }
        checkTarget("crossEntropy", r, k, c);
        double loss = (1 - smoothing) * (lse - z[(int) k]);
        if (smoothing > 0) loss += smoothing * (lse - sumZ / c);
        ls.set(r, loss);
      }
    });
  }

  static void backward(Tensor gradLosses, Tensor logits, Tensor target, long ignoreIndex, double smoothing, Tensor logSumExp,
      Tensor gradLogits) {
    int rows = logits.size(0);
    int c = logits.size(1);
    FloatingRows gl = FloatingRows.of(gradLosses);
    FloatingRows zs = FloatingRows.of(logits);
    FloatingRows lses = FloatingRows.of(logSumExp);
    FloatingRows dz = FloatingRows.of(gradLogits);
    int ld = rows > 1 ? gradLogits.stride(0) : c; // rows may be padded
    long[] t = ((CpuStorage) target.storage()).longs();
    int to = target.storageOffset();
    double uniform = smoothing / c;
    Parallel.forRange(rows, FloatingRows.grain(c), (r0, r1) -> {
      double[] z = new double[c];
      for (int r = r0; r < r1; r++) {
        long k = t[to + r];
        if (k == ignoreIndex) {
          java.util.Arrays.fill(z, 0);
        } else {
          checkTarget("crossEntropyBackward", r, k, c);
          zs.load(r * c, z, c);
          double g = gl.get(r);
          double lse = lses.get(r);
          for (int j = 0; j < c; j++) z[j] = g * (Math.exp(z[j] - lse) - uniform);
          z[(int) k] -= g * (1 - smoothing);
        }
        dz.store(z, r * ld, c);
      }
    });
  }

  private static void checkTarget(String op, int row, long k, int classes) {
    if (k < 0 || k >= classes) {
      throw new IndexOutOfBoundsException(op + ": target " + k + " of row " + row + " is out of bounds for " + classes
          + " classes (and is not the ignore index)");
    }
  }
}
