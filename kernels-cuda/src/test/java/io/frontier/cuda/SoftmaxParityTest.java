package io.frontier.cuda;

import static io.frontier.cuda.GpuTestSupport.*;

import io.frontier.tensor.Backends;
import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Softmax and log-softmax (softmax.cu) on the GPU against the CPU backend. */
@Tag("gpu")
class SoftmaxParityTest {
  static CudaBackend cuda;

  @BeforeAll
  static void start() {
    cuda = requireCuda();
  }

  private static double rtol(DType dt) {
    return dt == DType.FLOAT32 ? 1e-5 : 1e-12;
  }

  private static double atol(DType dt) {
    return dt == DType.FLOAT32 ? 1e-7 : 1e-15;
  }

  /**
   * The float32 reference is the CPU's float64 result rounded to float32: the CPU's float32 vector
   * path sums in float32 lanes, less accurately than the kernel (float64 sum).
   */
  private static void check(String what, Tensor x, Tensor onGpu, int dim, boolean log, Tensor out) {
    Tensor x64 = x.to(DType.FLOAT64);
    Tensor expected = Tensor.empty(DType.FLOAT64, Device.CPU, x.shape());
    Backends.cpu().softmax(x64, dim, log, expected);
    expected = expected.to(x.dtype());
    cuda.softmax(onGpu, dim, log, out);
    assertMatches(what, expected, out, rtol(x.dtype()), atol(x.dtype()));
  }

  @Test
  void everyLayoutAndLength() {
    Generator g = new Generator(21);
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      for (boolean log : new boolean[] {false, true}) {
        // Warp rows, block rows (length > 1024, up to 50 000), thread-per-row columns (dim 0 of (100, 5000)).
        for (int[] shape : new int[][] {{1, 1}, {7, 1}, {1, 7}, {33, 7}, {64, 1023}, {64, 1025}, {4, 50_000}, {100, 5000}, {3, 4, 5}}) {
          Tensor x = random(g, dt, -5, 5, shape);
          Tensor d = x.to(CUDA);
          for (int dim = 0; dim < shape.length; dim++) {
            String what = (log ? "logSoftmax " : "softmax ") + dt + " " + Arrays.toString(shape) + " dim " + dim;
            check(what, x, d, dim, log, poisoned(dt, shape));
          }
        }
        Tensor x = random(g, dt, -5, 5, 6, 40, 70);
        Tensor d = x.to(CUDA);
        String name = (log ? "logSoftmax " : "softmax ") + dt;
        check(name + " permuted input", x.permute(2, 0, 1), d.permute(2, 0, 1), 2, log, poisoned(dt, 70, 6, 40));
        check(name + " sliced input", x.slice(2, 1, 70, 3), d.slice(2, 1, 70, 3), 2, log, poisoned(dt, 6, 40, 23));
        check(name + " broadcast input", x.slice(0, 0, 1).expand(6, 40, 70), d.slice(0, 0, 1).expand(6, 40, 70), 1, log, poisoned(dt, 6, 40, 70));
        check(name + " permuted output", x, d, 1, log, poisoned(dt, 70, 40, 6).permute(2, 1, 0));
      }
    }
  }

  /**
   * The register-tile kernels (rows of up to 8192 float32 / 4096 float64 elements): lengths at the
   * tile size, one less and one more (the online kernel), at each group size's edge, not a
   * multiple of the vector width, row length 1; rows per block not dividing the row count;
   * unaligned rows (an offset slice) and strided rows (the scalar tile path).
   */
  @Test
  void registerTileRowLengths() {
    Generator g = new Generator(23);
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      int tile = AlongDim.TILE_BYTES / dt.itemSize();
      int per = 64 / dt.itemSize();
      for (boolean log : new boolean[] {false, true}) {
        String kind = (log ? "logSoftmax " : "softmax ") + dt;
        for (int n : new int[] {1, 2, 3, 5, 32 * per - 1, 32 * per, 32 * per + 1, 64 * per + 4, 1000, 4096, tile - 1, tile, tile + 1}) {
          for (int rows : new int[] {1, 3, 7}) {
            Tensor x = random(g, dt, -9, 9, rows, n);
            check(kind + " rows " + rows + "x" + n, x, x.to(CUDA), 1, log, poisoned(dt, rows, n));
          }
          // Unaligned rows: a view starting one element in (and, for odd widths, row strides off 16 bytes).
          Tensor wide = random(g, dt, -9, 9, 5, n + 1);
          Tensor wd = wide.to(CUDA);
          check(kind + " unaligned rows of " + n, wide.slice(1, 1, n + 1, 1), wd.slice(1, 1, n + 1, 1), 1, log, poisoned(dt, 5, n));
          // Aligned input, output rows at an odd offset.
          Tensor x = random(g, dt, -9, 9, 5, n);
          Tensor out = poisoned(dt, 5, n + 1).slice(1, 1, n + 1, 1);
          check(kind + " unaligned output rows of " + n, x, x.to(CUDA), 1, log, out);
        }
        // Strided rows (the scalar tile path): every other element, and columns of a few rows.
        Tensor x = random(g, dt, -9, 9, 9, 2 * tile);
        check(kind + " stepped rows", x.slice(1, 0, 2 * tile, 2), x.to(CUDA).slice(1, 0, 2 * tile, 2), 1, log, poisoned(dt, 9, tile));
        Tensor c = random(g, dt, -9, 9, 3000, 5);
        check(kind + " columns of few rows", c, c.to(CUDA), 0, log, poisoned(dt, 3000, 5));
        // Many short rows: several groups per block, the last block part-filled.
        Tensor m = random(g, dt, -9, 9, 1001, 37);
        check(kind + " 1001 rows of 37", m, m.to(CUDA), 1, log, poisoned(dt, 1001, 37));
      }
    }
  }

  @Test
  void infinitiesAndNanFollowPyTorch() {
    double inf = Double.POSITIVE_INFINITY;
    double[][] rows = {
      {-inf, -inf, -inf, -inf}, // all -inf: NaN
      {-inf, 1, 2, -inf},       // -inf entries: probability 0
      {1, inf, 2, 3},           // +inf: NaN (inf - inf)
      {1, Double.NaN, 2, 3},    // NaN: NaN everywhere
      {-inf, -inf, 5, -inf},    // one finite entry: 1
      {1e30, -1e30, 0, 1},      // huge spread
    };
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      for (boolean log : new boolean[] {false, true}) {
        for (int len : new int[] {1, 300, 3000}) { // warp and block rows, the specials at the ends
          double[] v = new double[rows.length * 4 * len];
          Arrays.fill(v, -inf);
          for (int r = 0; r < rows.length; r++) {
            for (int k = 0; k < 4; k++) v[(r * 4 + k) * len + (k % 2 == 0 ? 0 : len - 1)] = rows[r][k];
          }
          Tensor x = Tensor.fromArray(v, rows.length, 4 * len).to(dt);
          String what = (log ? "logSoftmax " : "softmax ") + dt + " specials, row length " + 4 * len;
          check(what, x, x.to(CUDA), 1, log, poisoned(dt, rows.length, 4 * len));
          Tensor xt = x.t().contiguous();
          check(what + " columns", xt, xt.to(CUDA), 0, log, poisoned(dt, 4 * len, rows.length));
        }
      }
    }
  }

  @Test
  void publicApiMatchesTheCpu() {
    Generator g = new Generator(22);
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      Tensor x = random(g, dt, -8, 8, 16, 33, 129);
      Tensor d = x.to(CUDA);
      for (int dim : new int[] {0, 1, 2, -1}) {
        assertMatches("softmax(" + dim + ") " + dt, x.softmax(dim), d.softmax(dim), rtol(dt), atol(dt));
        assertMatches("logSoftmax(" + dim + ") " + dt, x.logSoftmax(dim), d.logSoftmax(dim), rtol(dt), atol(dt));
      }
      Tensor s = Tensor.scalar(3.0, dt);
      assertMatches("softmax of a scalar " + dt, s.softmax(0), s.to(CUDA).softmax(0), 0, 0);
    }
  }
}
