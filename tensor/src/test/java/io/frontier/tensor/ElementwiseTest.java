package io.frontier.tensor;

import static io.frontier.tensor.TestTensors.assertClose;
import static io.frontier.tensor.TestTensors.assertShape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.TestTensors.Layout;
import io.frontier.tensor.backend.BinaryOp;
import io.frontier.tensor.backend.UnaryOp;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every elementwise op against its float64 definition on random inputs of awkward sizes and
 * layouts. The definitions themselves are checked against PyTorch by the golden fixtures.
 */
@Tag("kernels")
class ElementwiseTest {
  private static final int[][] SHAPES = {{}, {1}, {7}, {33}, {3, 5}, {2, 3, 17}, {4, 1, 9}, {1000}, {3, 70001}};
  private static final double[] SPECIALS = {0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 3.0, -3.0, 25.0, -25.0, 100.0, -100.0,
      1e-8, -1e-8, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};

  private static double[] inputs(Random rng, int n) {
    double[] v = TestTensors.randomValues(rng, n, 3.0);
    for (int i = 0; i < Math.min(n, SPECIALS.length); i++) v[(i * 7919) % n] = SPECIALS[i];
    return v;
  }

  @ParameterizedTest
  @EnumSource(UnaryOp.class)
  void unaryOpMatchesItsFloat64DefinitionOnFloats(UnaryOp op) {
    Random rng = new Random(op.ordinal());
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      for (Layout layout : Layout.values()) {
        for (int[] shape : SHAPES) {
          int n = TestTensors.numel(shape);
          double[] x = inputs(rng, n);
          Tensor in = TestTensors.tensor(x, shape, dtype, layout);
          double[] stored = in.toDoubleArray(); // float32 inputs are rounded before the op
          Tensor out = in.apply(op);
          boolean predicate = op.domain() == UnaryOp.Domain.PREDICATE;
          assertEquals(predicate ? DType.BOOL : dtype, out.dtype(), op + " dtype");
          assertShape(shape, out);
          double[] expected = new double[n];
          for (int i = 0; i < n; i++) {
            double r = op.apply(stored[i]);
            expected[i] = dtype == DType.FLOAT32 && !predicate ? (float) r : r;
          }
          double rtol = dtype == DType.FLOAT32 ? 2e-6 : 1e-14;
          double atol = dtype == DType.FLOAT32 ? 2e-6 : 1e-15;
          assertClose(expected, out, rtol, atol, op + " " + dtype + " " + layout + " " + Shapes.str(shape));
        }
      }
    }
  }

  @Test
  void integerUnaryOpsKeepInt64AndFloatingOpsPromoteToFloat32() {
    Tensor x = Tensor.of(-3L, 0L, 5L);
    assertEquals(DType.INT64, x.abs().dtype());
    assertArrayEquals(new long[] {3, 0, 5}, x.abs().toLongArray());
    assertArrayEquals(new long[] {-1, 0, 1}, x.sign().toLongArray());
    assertArrayEquals(new long[] {9, 0, 25}, x.square().toLongArray());
    assertArrayEquals(new long[] {0, 0, 5}, x.relu().toLongArray());
    Tensor e = x.exp();
    assertEquals(DType.FLOAT32, e.dtype());
    assertClose(new double[] {(float) Math.exp(-3), 1.0, (float) Math.exp(5)}, e, 1e-6, 0, "exp of int64");
  }

  @Test
  void boolTensorsRejectArithmeticUnaryOps() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(true, false).neg());
    assertTrue(e.getMessage().startsWith("neg:"), e.getMessage());
    assertArrayEquals(new boolean[] {false, true}, Tensor.of(true, false).logicalNot().toBooleanArray());
  }

  private static final int[][][] BROADCASTS = {
    {{}, {}}, {{5}, {5}}, {{5}, {}}, {{}, {7}}, {{3, 1}, {1, 4}}, {{2, 3, 4}, {4}}, {{2, 1, 4}, {3, 1}},
    {{1000}, {1000}}, {{17, 33}, {17, 1}}, {{3, 70001}, {70001}}, {{0, 3}, {3}}, {{4, 0}, {1, 0}}
  };

  @ParameterizedTest
  @EnumSource(BinaryOp.class)
  void binaryOpMatchesItsDefinitionWithBroadcasting(BinaryOp op) {
    Random rng = new Random(100 + op.ordinal());
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT64}) {
      if (dtype == DType.INT64 && (op == BinaryOp.POW)) continue; // covered below (negative exponents throw)
      for (Layout layout : Layout.values()) {
        for (int[][] pair : BROADCASTS) {
          int[] sa = pair[0];
          int[] sb = pair[1];
          double[] xa = inputs(rng, TestTensors.numel(sa));
          double[] xb = inputs(rng, TestTensors.numel(sb));
          if (dtype == DType.INT64) {
            for (int i = 0; i < xa.length; i++) xa[i] = Math.rint(Math.max(-1e6, Math.min(1e6, Double.isNaN(xa[i]) ? 1 : xa[i])));
            for (int i = 0; i < xb.length; i++) {
              double v = Math.rint(Math.max(-1e6, Math.min(1e6, Double.isNaN(xb[i]) ? 1 : xb[i])));
              xb[i] = v == 0 ? 2 : v; // integer division by zero throws; tested separately
            }
          }
          Tensor a = TestTensors.tensor(xa, sa, dtype, layout);
          Tensor b = TestTensors.tensor(xb, sb, dtype, Layout.CONTIGUOUS);
          double[] av = a.toDoubleArray();
          double[] bv = b.toDoubleArray();
          Tensor out = a.apply(op, b);
          int[] shape = Shapes.broadcast("test", sa, sb);
          assertShape(shape, out);
          int n = TestTensors.numel(shape);
          double[] expected = new double[n];
          DType outType = out.dtype();
          for (int i = 0; i < n; i++) {
            int[] idx = TestTensors.unravel(i, shape);
            double x = av[TestTensors.broadcastIndex(idx, sa)];
            double y = bv[TestTensors.broadcastIndex(idx, sb)];
            double r = dtype == DType.INT64 && outType != DType.FLOAT32 ? op.applyLong((long) x, (long) y) : op.apply(x, y);
            expected[i] = outType == DType.FLOAT32 ? (float) r : r;
          }
          double rtol = outType == DType.FLOAT32 ? 2e-6 : 1e-14;
          assertClose(expected, out, rtol, 0, op + " " + dtype + " " + layout + " " + Shapes.str(sa) + " " + Shapes.str(sb));
        }
      }
    }
  }

  @Test
  void resultsDoNotDependOnTheThreadCount() {
    Random rng = new Random(5);
    double[] xa = TestTensors.randomValues(rng, 300_007, 2.0);
    Tensor a = Tensor.fromArray(xa, 300_007).to(DType.FLOAT32);
    int before = io.frontier.tensor.cpu.Parallel.numThreads();
    try {
      io.frontier.tensor.cpu.Parallel.setNumThreads(1);
      float[] one = a.exp().mul(a).add(1.0).toFloatArray();
      io.frontier.tensor.cpu.Parallel.setNumThreads(3);
      float[] three = a.exp().mul(a).add(1.0).toFloatArray();
      assertArrayEquals(one, three);
    } finally {
      io.frontier.tensor.cpu.Parallel.setNumThreads(before);
    }
  }

  @Test
  void integerDivisionByZeroThrowsButTrueDivisionGivesInfinity() {
    Tensor a = Tensor.of(1L, 2L);
    Tensor z = Tensor.of(0L, 1L);
    assertThrows(ArithmeticException.class, () -> a.floorDivide(z));
    assertThrows(ArithmeticException.class, () -> a.remainder(z));
    assertClose(new double[] {Double.POSITIVE_INFINITY, 2}, a.div(z), 0, 0, "int / 0");
    assertThrows(ArithmeticException.class, () -> a.pow(-1L));
    assertArrayEquals(new long[] {1, 8}, a.pow(3L).toLongArray());
  }

  @Test
  void scalarOperandsFollowPyTorchPromotion() {
    Tensor i = Tensor.of(1L, 2L);
    Tensor f = Tensor.of(1f, 2f);
    assertEquals(DType.INT64, i.add(2L).dtype());
    assertEquals(DType.FLOAT32, i.add(2.5).dtype());
    assertEquals(DType.FLOAT32, f.add(Tensor.scalar(1.0, DType.FLOAT64)).dtype());
    assertEquals(DType.FLOAT64, i.add(Tensor.scalar(1.0, DType.FLOAT64)).dtype());
    assertEquals(DType.FLOAT32, i.div(i).dtype());
    assertEquals(DType.BOOL, f.lt(1.5).dtype());
    assertArrayEquals(new boolean[] {true, true}, Tensor.of(true, false).add(Tensor.of(true, true)).toBooleanArray());
    assertThrows(IllegalArgumentException.class, () -> Tensor.of(true).sub(Tensor.of(true)));
  }

  @Test
  void whereBroadcastsAllThreeAndPromotesTheValues() {
    Tensor cond = Tensor.of(true, false, true).reshape(3, 1);
    Tensor x = Tensor.of(1L, 2L);
    Tensor y = Tensor.scalar(0.5, DType.FLOAT64);
    Tensor r = Tensor.where(cond, x, y);
    assertEquals(DType.FLOAT64, r.dtype());
    assertShape(new int[] {3, 2}, r);
    assertClose(new double[] {1, 2, 0.5, 0.5, 1, 2}, r, 0, 0, "where");
    assertThrows(IllegalArgumentException.class, () -> Tensor.where(Tensor.of(1f), x, y));
  }

  @Test
  void maskedFillAndClampFollowPyTorch() {
    Tensor x = Tensor.of(-2f, 0.5f, 3f, Float.NaN);
    assertClose(new double[] {-1, 0.5, 1, Double.NaN}, x.clamp(-1, 1), 0, 0, "clamp");
    assertClose(new double[] {5, 5, 5, 5}, Tensor.of(1f, 2f, 8f, 9f).clamp(7, 5), 0, 0, "clamp with min > max gives max");
    Tensor m = Tensor.of(true, false, false, true);
    assertClose(new double[] {9, 0.5, 3, 9}, x.maskedFill(m, 9), 0, 0, "maskedFill");
    assertThrows(IllegalArgumentException.class, () -> Tensor.of(1L, 2L).maskedFill(Tensor.of(true, false), 0.5));
  }

  @Test
  void inPlaceOpsWriteThroughViewsAndBumpTheVersion() {
    Tensor base = Tensor.zeros(3, 4);
    Tensor col = base.select(1, 2);
    int v0 = base.storage().version();
    assertSame(col, col.add_(Tensor.of(1f, 2f, 3f)));
    assertTrue(base.storage().version() > v0);
    assertClose(new double[] {0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0}, base, 0, 0, "add_ through a column view");
    base.mul_(2.0).sub_(1.0);
    assertClose(new double[] {-1, -1, 1, -1, -1, -1, 3, -1, -1, -1, 5, -1}, base, 0, 0, "chained in-place");
  }

  @Test
  void inPlaceOpWithAnOverlappingInputReadsTheOriginalValues() {
    Tensor a = Tensor.arange(0.0, 9.0, 1.0).reshape(3, 3);
    double[] before = a.toDoubleArray();
    a.add_(a.t());
    double[] expected = new double[9];
    for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) expected[i * 3 + j] = before[i * 3 + j] + before[j * 3 + i];
    assertClose(expected, a, 0, 0, "a += a^T");
  }

  @Test
  void inPlaceOpsRejectExpandedOutputsAndNarrowingCasts() {
    Tensor e = Tensor.zeros(1, 3).expand(4, 3);
    IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class, () -> e.add_(1.0));
    assertTrue(overlap.getMessage().contains("more than one element"), overlap.getMessage());
    IllegalArgumentException cast = assertThrows(IllegalArgumentException.class, () -> Tensor.of(1L, 2L).add_(0.5));
    assertEquals("add_: result type float32 can't be cast to the desired output type int64", cast.getMessage());
    IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3).add_(Tensor.zeros(2, 3)));
    assertTrue(shape.getMessage().contains("doesn't match the broadcast shape"), shape.getMessage());
  }

  @Test
  void broadcastFailureNamesTheOpAndBothShapes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).add(Tensor.zeros(4)));
    assertEquals("add: shapes (2, 3) and (4,) cannot be broadcast (dim 1: 3 vs 4)", e.getMessage());
  }
}
