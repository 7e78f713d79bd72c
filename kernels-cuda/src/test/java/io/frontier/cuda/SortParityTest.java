package io.frontier.cuda;

import static io.frontier.cuda.GpuTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.frontier.tensor.Backends;
import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.ValuesIndices;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * sort.cu against the CPU's stable sort: values and indices exactly, with duplicates, NaN,
 * -0.0 and infinities, ascending and descending, every dtype, rows from 1 element to past one
 * block (the long-row sort: tiles and merge passes), strided inputs and outputs, and
 * topk/argsort through the API, over a vocabulary's rows too.
 */
@Tag("gpu")
class SortParityTest {
  static CudaBackend cuda;

  @BeforeAll
  static void start() {
    cuda = requireCuda();
  }

  /** Values with many ties: small integers, and for floats also NaN, +-0.0 and +-inf. */
  static Tensor tied(long seed, DType dt, int... shape) {
    Random r = new Random(seed);
    int n = 1;
    for (int s : shape) n *= s;
    double[] special = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.5, -2.25};
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = dt.isFloatingPoint() && r.nextInt(4) == 0 ? special[r.nextInt(special.length)] : r.nextInt(41) - 20;
    }
    if (dt == DType.INT64) for (int i = 0; i < n; i += 7) d[i] = r.nextBoolean() ? -(double) (1L << 62) : (double) (1L << 62);
    Tensor x = Tensor.fromArray(d, shape);
    return dt == DType.BOOL ? x.gt(0.0) : x.to(dt);
  }

  private static void check(String what, Tensor x, int dim, boolean desc, Tensor values, Tensor indices) {
    Tensor ev = Tensor.empty(x.dtype(), Device.CPU, x.shape());
    Tensor ei = Tensor.empty(DType.INT64, Device.CPU, x.shape());
    Backends.cpu().sort(x, dim, desc, ev, ei);
    assertMatches(what + " indices", ei, indices, 0, 0);
    assertMatches(what + " values", ev, values, 0, 0);
    if (x.dtype().isFloatingPoint()) { // -0.0 stays -0.0
      assertArrayEquals(ev.to(DType.FLOAT64).contiguous().toDoubleArray(), values.to(Device.CPU).to(DType.FLOAT64).contiguous().toDoubleArray(),
          what + " bits");
    }
  }

  @Test
  void everyDtypeAndRowLengthMatchesTheCpuStableSort() {
    GpuTestSupport.requireRealDevice(); // values or device-side errors only a running kernel gives
    int seed = 0;
    for (DType dt : DType.values()) {
      for (int n : new int[] {1, 2, 3, 7, 33, 1000, 1024, 1025, 4096, 5000, 16384, 16385, 50257, 131072}) {
        int rows = n > 2000 ? 3 : 17;
        Tensor x = tied(seed++, dt, rows, n);
        Tensor d = x.to(CUDA);
        for (boolean desc : new boolean[] {false, true}) {
          Tensor v = poisoned(dt, rows, n);
          Tensor i = poisoned(DType.INT64, rows, n);
          cuda.sort(d, 1, desc, v, i);
          check(dt + " n=" + n + " desc=" + desc, x, 1, desc, v, i);
        }
      }
    }
  }

  @Test
  void manyShortRowsAndOuterDims() {
    GpuTestSupport.requireRealDevice(); // values or device-side errors only a running kernel gives
    for (DType dt : new DType[] {DType.FLOAT32, DType.INT64}) {
      Tensor x = tied(50, dt, 200_001, 5);
      Tensor v = poisoned(dt, 200_001, 5);
      Tensor i = poisoned(DType.INT64, 200_001, 5);
      cuda.sort(x.to(CUDA), 1, false, v, i);
      check(dt + " short rows", x, 1, false, v, i);
      Tensor y = tied(51, dt, 6, 300, 7);
      for (int dim = 0; dim < 3; dim++) {
        Tensor vy = poisoned(dt, 6, 300, 7);
        Tensor iy = poisoned(DType.INT64, 6, 300, 7);
        cuda.sort(y.to(CUDA), dim, true, vy, iy);
        check(dt + " dim " + dim, y, dim, true, vy, iy);
      }
    }
  }

  @Test
  void stridedInputsAndOutputs() {
    GpuTestSupport.requireRealDevice(); // values or device-side errors only a running kernel gives
    Tensor x = tied(60, DType.FLOAT64, 40, 9, 70);
    Tensor view = x.permute(2, 0, 1).slice(1, 1, 40, 3); // (70, 13, 9), non-contiguous
    Tensor v = poisoned(DType.FLOAT64, 9, 13, 70).permute(2, 1, 0);
    Tensor i = poisoned(DType.INT64, 13, 70, 9).permute(1, 0, 2);
    cuda.sort(x.to(CUDA).permute(2, 0, 1).slice(1, 1, 40, 3), 0, false, v, i);
    check("strided", view.contiguous(), 0, false, v, i);
  }

  /** Long rows along an outer dim (strided tiles and gather) and a poisoned output: every element written. */
  @Test
  void longRowsAlongAnOuterDim() {
    GpuTestSupport.requireRealDevice(); // values or device-side errors only a running kernel gives
    Tensor y = tied(52, DType.FLOAT32, 20_000, 3);
    Tensor v = poisoned(DType.FLOAT32, 20_000, 3);
    Tensor i = poisoned(DType.INT64, 20_000, 3);
    cuda.sort(y.to(CUDA), 0, true, v, i);
    check("long rows dim 0", y, 0, true, v, i);
  }

  /** Top-k and top-p sampling sort a vocabulary's logits: the long-row sort, through the API. */
  @Test
  void topkOverAVocabulary() {
    Tensor x = Tensor.randn(new io.frontier.tensor.Generator(71), DType.FLOAT32, 4, 50257);
    Tensor d = x.to(CUDA);
    ValuesIndices ct = x.topk(50, 1, true);
    ValuesIndices gt = d.topk(50, 1, true);
    assertMatches("topk values", ct.values(), gt.values(), 0, 0);
    assertMatches("topk indices", ct.indices(), gt.indices(), 0, 0);
    assertMatches("argsort", x.argsort(1, false), d.argsort(1, false), 0, 0);
  }

  @Test
  void sortArgsortAndTopkThroughTheApi() {
    Tensor x = tied(70, DType.FLOAT32, 33, 257);
    Tensor d = x.to(CUDA);
    for (boolean desc : new boolean[] {false, true}) {
      ValuesIndices c = x.sort(1, desc);
      ValuesIndices g = d.sort(1, desc);
      assertMatches("sort values", c.values(), g.values(), 0, 0);
      assertMatches("sort indices", c.indices(), g.indices(), 0, 0);
      assertMatches("argsort", x.argsort(0, desc), d.argsort(0, desc), 0, 0);
      ValuesIndices ct = x.topk(10, 1, desc);
      ValuesIndices gt = d.topk(10, 1, desc);
      assertMatches("topk values", ct.values(), gt.values(), 0, 0);
      assertMatches("topk indices", ct.indices(), gt.indices(), 0, 0);
    }
  }
}
