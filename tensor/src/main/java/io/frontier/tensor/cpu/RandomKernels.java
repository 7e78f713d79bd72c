package io.frontier.tensor.cpu;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.Philox;
import io.frontier.tensor.backend.RandomKind;

/**
 * Fills a contiguous tensor from the Philox stream, exactly as documented on
 * {@code io.frontier.tensor.Generator}. Blocks are independent, so threads split them freely.
 */
final class RandomKernels {
  private static final double TWO_PI = 2 * Math.PI;

  private RandomKernels() {}

  static void fill(RandomKind kind, long seed, long offset, Tensor out) {
    int n = out.numel();
    int base = out.storageOffset();
    boolean f32 = out.dtype() == DType.FLOAT32;
    int perBlock = f32 ? 4 : 2;
    int blocks = (n + perBlock - 1) / perBlock;
    Object data = ((CpuStorage) out.storage()).data();
    Parallel.forRange(blocks, 1 << 12, (b0, b1) -> {
      int[] w = new int[4];
      for (int b = b0; b < b1; b++) {
        Philox.streamBlock(seed, offset + b, w);
        int first = b * perBlock;
        int count = Math.min(perBlock, n - first);
        if (f32) {
          float[] o = (float[]) data;
          for (int j = 0; j < count; j++) o[base + first + j] = kind == RandomKind.UNIFORM ? Philox.uniformFloat(w[j]) : normalF32(w, j);
        } else {
          double[] o = (double[]) data;
          for (int j = 0; j < count; j++) {
            o[base + first + j] = kind == RandomKind.UNIFORM ? Philox.uniformDouble(w[2 * j], w[2 * j + 1]) : normalF64(w, j);
          }
        }
      }
    });
  }

  /** Box-Muller on the word pair (2p, 2p+1) with p = j / 2: cos for even j, sin for odd j. */
  private static float normalF32(int[] w, int j) {
    int p = j >>> 1;
    double u1 = Philox.uniformFloatOpenZero(w[2 * p]);
    double u2 = Philox.uniformFloat(w[2 * p + 1]);
    double r = Math.sqrt(-2.0 * Math.log(u1));
    double theta = TWO_PI * u2;
    return (float) (r * ((j & 1) == 0 ? Math.cos(theta) : Math.sin(theta)));
  }

  private static double normalF64(int[] w, int j) {
    double u1 = Philox.uniformDoubleOpenZero(w[0], w[1]);
    double u2 = Philox.uniformDouble(w[2], w[3]);
    double r = Math.sqrt(-2.0 * Math.log(u1));
    double theta = TWO_PI * u2;
    return r * ((j & 1) == 0 ? Math.cos(theta) : Math.sin(theta));
  }
}
