package io.frontier.tensor;

import static io.frontier.tensor.TestTensors.assertClose;
import static io.frontier.tensor.TestTensors.assertShape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.TestTensors.Layout;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Reductions, scans and softmax against naive float64 loops over every subset of dims. */
@Tag("kernels")
class ReductionsTest {
  private static final int[][] SHAPES = {{7}, {3, 5}, {2, 3, 4}, {4, 1, 33}, {2, 3, 4, 5}, {67, 130}, {0, 3}};

  /** Naive reduction: out has shape with the reduced dims set to 1. */
  private static double[] naiveReduce(double[] x, int[] shape, boolean[] reduced, double init, DoubleBinaryOperator f) {
    int[] kept = shape.clone();
    for (int d = 0; d < shape.length; d++) if (reduced[d]) kept[d] = 1;
    double[] out = new double[TestTensors.numel(kept)];
    java.util.Arrays.fill(out, init);
    for (int i = 0; i < x.length; i++) {
      int[] idx = TestTensors.unravel(i, shape);
      for (int d = 0; d < shape.length; d++) if (reduced[d]) idx[d] = 0;
      int o = TestTensors.ravel(idx, kept);
      out[o] = f.applyAsDouble(out[o], x[i]);
    }
    return out;
  }

  private static List<int[]> dimSubsets(int ndim) {
    List<int[]> out = new ArrayList<>();
    for (int mask = 1; mask < (1 << ndim); mask++) {
      int[] dims = new int[Integer.bitCount(mask)];
      for (int d = 0, k = 0; d < ndim; d++) if ((mask & (1 << d)) != 0) dims[k++] = d - (d % 2 == 1 ? ndim : 0); // mix negative dims in
      out.add(dims);
    }
    return out;
  }

  private static int[] keptShape(int[] shape, int[] dims, boolean keepdim) {
    boolean[] red = reducedMask(shape.length, dims);
    List<Integer> s = new ArrayList<>();
    for (int d = 0; d < shape.length; d++) {
      if (!red[d]) s.add(shape[d]);
      else if (keepdim) s.add(1);
    }
    return s.stream().mapToInt(Integer::intValue).toArray();
  }

  private static boolean[] reducedMask(int ndim, int[] dims) {
    boolean[] red = new boolean[ndim];
    for (int d : dims) red[d < 0 ? d + ndim : d] = true;
    return red;
  }

  @Test
  void sumMeanProdAmaxAminMatchNaiveLoopsOverEveryDimSubset() {
    Random rng = new Random(1);
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      for (Layout layout : Layout.values()) {
        for (int[] shape : SHAPES) {
          double[] x = TestTensors.randomValues(rng, TestTensors.numel(shape), 1.0);
          Tensor t = TestTensors.tensor(x, shape, dtype, layout);
          double[] v = t.toDoubleArray();
          for (int[] dims : dimSubsets(shape.length)) {
            for (boolean keepdim : new boolean[] {false, true}) {
              String what = dtype + " " + layout + " " + Shapes.str(shape) + " dims " + java.util.Arrays.toString(dims) + " keepdim " + keepdim;
              boolean[] red = reducedMask(shape.length, dims);
              int[] outShape = keptShape(shape, dims, keepdim);
              long count = 1;
              for (int d = 0; d < shape.length; d++) if (red[d]) count *= shape[d];
              double rtol = dtype == DType.FLOAT32 ? 1e-5 : 1e-12;
              double[] sum = naiveReduce(v, shape, red, 0, Double::sum);
              Tensor s = t.sum(dims, keepdim);
              assertShape(outShape, s);
              assertClose(sum, s, rtol, 1e-5, "sum " + what);
              double[] mean = sum.clone();
              for (int i = 0; i < mean.length; i++) mean[i] /= count;
              assertClose(mean, t.mean(dims, keepdim), rtol, 1e-6, "mean " + what);
              if (count > 0) {
                assertClose(naiveReduce(v, shape, red, Double.NEGATIVE_INFINITY, Math::max), t.amax(dims, keepdim), 0, 0, "amax " + what);
                assertClose(naiveReduce(v, shape, red, Double.POSITIVE_INFINITY, Math::min), t.amin(dims, keepdim), 0, 0, "amin " + what);
              }
              if (dims.length == 1) {
                assertClose(naiveReduce(v, shape, red, 1, (a, b) -> a * b), t.prod(dims[0], keepdim), rtol, 1e-12, "prod " + what);
              }
            }
          }
        }
      }
    }
  }

  @Test
  void varianceUsesTheCorrectionAndTwoPasses() {
    Random rng = new Random(2);
    double[] x = TestTensors.randomValues(rng, 4 * 9, 1.0);
    for (int i = 0; i < x.length; i++) x[i] += 1e6; // one-pass formulas lose everything here
    Tensor t = Tensor.fromArray(x, 4, 9);
    for (double correction : new double[] {0, 1, 2}) {
      double[] expected = new double[4];
      for (int r = 0; r < 4; r++) {
        double m = 0;
        for (int c = 0; c < 9; c++) m += x[r * 9 + c];
        m /= 9;
        double ss = 0;
        for (int c = 0; c < 9; c++) ss += (x[r * 9 + c] - m) * (x[r * 9 + c] - m);
        expected[r] = ss / (9 - correction);
      }
      assertClose(expected, t.var(new int[] {1}, correction, false), 1e-9, 0, "var correction " + correction);
    }
    assertTrue(Double.isNaN(Tensor.of(3.0).var().item()), "a single element has no unbiased variance");
    assertThrows(IllegalArgumentException.class, () -> Tensor.of(1L, 2L).var());
  }

  @Test
  void longFloat32SumsStayAccurate() {
    int n = 3_000_001;
    float[] x = new float[n];
    double exact = 0;
    Random rng = new Random(3);
    for (int i = 0; i < n; i++) {
      x[i] = (float) (rng.nextDouble() + 0.5);
      exact += x[i];
    }
    Tensor t = Tensor.wrap(x, n);
    assertEquals(exact, t.sum().item(), exact * 2e-7);
    assertEquals(exact / n, t.mean().item(), exact / n * 2e-7);
    Tensor col = t.narrow(0, 0, 3_000_000).view(3, 1_000_000).narrow(1, 0, 1000);
    double colExact = 0;
    for (int r = 0; r < 3; r++) for (int c = 0; c < 1000; c++) colExact += x[r * 1_000_000 + c];
    assertEquals(colExact, col.sum().item(), colExact * 1e-6);
  }

  @Test
  void integerAndBoolSumsAreInt64() {
    assertEquals(DType.INT64, Tensor.of(true, true, false).sum().dtype());
    assertEquals(2, Tensor.of(true, true, false).sum().itemLong());
    assertEquals(Long.MAX_VALUE - 1, Tensor.of(Long.MAX_VALUE - 3, 2L).sum().itemLong());
    assertArrayEquals(new long[] {1, 3, 6}, Tensor.of(1L, 2L, 3L).cumsum(0).toLongArray());
    assertArrayEquals(new long[] {1, 2, 6}, Tensor.of(1L, 2L, 3L).cumprod(0).toLongArray());
    assertThrows(IllegalArgumentException.class, () -> Tensor.of(1L).mean());
  }

  @Test
  void maxAndMinWithIndicesPickTheFirstOccurrenceAndPropagateNaN() {
    Tensor t = Tensor.of(new double[][] {{1, 5, 5, 2}, {3, Double.NaN, 9, Double.NaN}, {-1, -1, -2, -2}});
    ValuesIndices mx = t.max(1);
    assertClose(new double[] {5, Double.NaN, -1}, mx.values(), 0, 0, "max values");
    assertArrayEquals(new long[] {1, 1, 0}, mx.indices().toLongArray());
    ValuesIndices mn = t.min(1, true);
    assertShape(new int[] {3, 1}, mn.values());
    assertArrayEquals(new long[] {0, 1, 2}, mn.indices().toLongArray());
    assertArrayEquals(new long[] {1, 1, 1, 1}, t.argmax(0, false).toLongArray());
    assertEquals(5, t.argmax().itemLong());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(0, 3).max(0));
    assertTrue(e.getMessage().contains("non-zero size"), e.getMessage());
  }

  @Test
  void scansMatchRunningSumsAlongEachDim() {
    Random rng = new Random(4);
    int[] shape = {3, 4, 5};
    double[] x = TestTensors.randomValues(rng, 60, 1.0);
    for (Layout layout : Layout.values()) {
      Tensor t = TestTensors.tensor(x, shape, DType.FLOAT64, layout);
      for (int dim = 0; dim < 3; dim++) {
        double[] sum = new double[60];
        double[] prod = new double[60];
        for (int i = 0; i < 60; i++) {
          int[] idx = TestTensors.unravel(i, shape);
          double s = 0;
          double p = 1;
          for (int k = 0; k <= idx[dim]; k++) {
            int[] j = idx.clone();
            j[dim] = k;
            s += x[TestTensors.ravel(j, shape)];
            p *= x[TestTensors.ravel(j, shape)];
          }
          sum[i] = s;
          prod[i] = p;
        }
        assertClose(sum, t.cumsum(dim), 1e-12, 1e-12, "cumsum dim " + dim + " " + layout);
        assertClose(prod, t.cumprod(dim - 3), 1e-12, 1e-14, "cumprod dim " + dim + " " + layout);
      }
    }
  }

  @Test
  void softmaxAndLogSoftmaxMatchNaiveFormulasAlongEachDim() {
    Random rng = new Random(5);
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      for (int[] shape : new int[][] {{5}, {3, 7}, {2, 3, 33}, {4, 1000}}) {
        int n = TestTensors.numel(shape);
        double[] x = TestTensors.randomValues(rng, n, 4.0);
        x[0] = Double.NEGATIVE_INFINITY;
        for (Layout layout : Layout.values()) {
          Tensor t = TestTensors.tensor(x, shape, dtype, layout);
          double[] v = t.toDoubleArray();
          for (int dim = 0; dim < shape.length; dim++) {
            double[] soft = new double[n];
            double[] logSoft = new double[n];
            for (int i = 0; i < n; i++) {
              int[] idx = TestTensors.unravel(i, shape);
              double max = Double.NEGATIVE_INFINITY;
              for (int k = 0; k < shape[dim]; k++) { int[] j = idx.clone(); j[dim] = k; max = Math.max(max, v[TestTensors.ravel(j, shape)]); }
              double sum = 0;
              for (int k = 0; k < shape[dim]; k++) { int[] j = idx.clone(); j[dim] = k; sum += Math.exp(v[TestTensors.ravel(j, shape)] - max); }
              soft[i] = Math.exp(v[i] - max) / sum;
              logSoft[i] = v[i] - max - Math.log(sum);
            }
            double rtol = dtype == DType.FLOAT32 ? 1e-5 : 1e-12;
            String what = dtype + " " + layout + " " + Shapes.str(shape) + " dim " + dim;
            assertClose(soft, t.softmax(dim), rtol, 1e-7, "softmax " + what);
            assertClose(logSoft, t.logSoftmax(dim), rtol, 1e-5, "logSoftmax " + what);
            double[] lse = naiveReduce(v, shape, reducedMask(shape.length, new int[] {dim}), 0, (a, b) -> a + Math.exp(b));
            for (int i = 0; i < lse.length; i++) lse[i] = Math.log(lse[i]);
            assertClose(lse, t.logsumexp(new int[] {dim}, true), rtol, 1e-5, "logsumexp " + what);
          }
        }
      }
    }
  }

  @Test
  void allNegativeInfinityRowsGiveNaNSoftmaxButNegativeInfinityLogsumexp() {
    Tensor t = Tensor.of(new float[][] {{Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY}, {0f, Float.NEGATIVE_INFINITY}});
    assertClose(new double[] {Double.NaN, Double.NaN, 1, 0}, t.softmax(1), 0, 0, "softmax");
    assertClose(new double[] {Double.NEGATIVE_INFINITY, 0}, t.logsumexp(1), 0, 0, "logsumexp");
  }

  @Test
  void normsMatchTheirDefinitions() {
    Tensor t = Tensor.of(3.0, -4.0, 0.0, 1.0);
    assertEquals(Math.sqrt(26), t.norm().item(), 1e-15);
    assertEquals(8, t.norm(1).item(), 0);
    assertEquals(4, t.norm(Double.POSITIVE_INFINITY).item(), 0);
    assertEquals(0, t.norm(Double.NEGATIVE_INFINITY).item(), 0);
    assertEquals(3, t.norm(0).item(), 0);
    assertEquals(Math.cbrt(27 + 64 + 1), t.norm(3).item(), 1e-14);
  }

  @Test
  void anyAndAllReadTruthValues() {
    Tensor t = Tensor.of(new double[][] {{0, 0}, {0, 2}});
    assertArrayEquals(new boolean[] {false, true}, t.any(1, false).toBooleanArray());
    assertArrayEquals(new boolean[] {false, false}, t.all(1, false).toBooleanArray());
    assertEquals(1.0, Tensor.zeros(0).all().item());
    assertEquals(0.0, Tensor.zeros(0).any().item());
  }
}
