package io.frontier.cuda;

import static io.frontier.cuda.GpuTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.BinaryOp;
import io.frontier.tensor.backend.UnaryOp;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Unary, binary and where kernels against the CPU backend: every op and dtype the frontend sends,
 * special values, awkward sizes, every layout (vectorised, linear with a misaligned offset,
 * broadcast scalars, strided inputs and outputs), through the backend with poisoned outputs and
 * through the public API.
 *
 * <p>Float32 results are compared with the float64 reference rounded to float32 (the CPU backend on
 * the inputs cast to float64): exact ops must match it bit for bit, transcendental ones within a
 * few ulp.
 */
@Tag("gpu")
class ElementwiseParityTest {
  static CudaBackend cuda;

  @BeforeAll
  static void start() {
    cuda = requireCuda();
  }

  // ---------------------------------------------------------------- inputs

  private static final double[] FLOAT_SPECIALS = {0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 1, -1,
      0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 3.5, -3.5, 0.49999997, -0.49999997, 3.7, -3.7, 7, -7, 19.9, 20, 20.5, -20, 88, -88, 100,
      -100, 1e-30, -1e-30, 1e-40, -1e-40, 1e30, -1e30, 3e38, -3e38, 3.1415927, -3.1415927, 1.5707964, 6.2831855, 1e4 + 0.25};
  private static final double[] DOUBLE_EXTRAS = {1e300, -1e300, 5e-324, -1e-310, 1e22, 709, -745, 1.7976931348623157e308,
      Math.PI, Math.PI / 2, 8.98846567431158e307};
  private static final long[] LONG_SPECIALS = {0, 1, -1, 2, -2, 3, -3, 7, -7, 10, -10, 62, 63, 64, 1L << 31, -(1L << 31), 1L << 40,
      Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1, 123456789, -987654321};

  /** Special values then {@code random} values: half in [-10, 10], half +-10^[-20, 20]. */
  private static Tensor floats(DType dtype, int random, long seed) {
    List<Double> v = new ArrayList<>();
    for (double d : FLOAT_SPECIALS) v.add(d);
    if (dtype == DType.FLOAT64) for (double d : DOUBLE_EXTRAS) v.add(d);
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < random; i++) {
      double sign = r.nextBoolean() ? 1 : -1;
      v.add(i % 2 == 0 ? r.nextDouble(-10, 10) : sign * Math.pow(10, r.nextDouble(-20, 20)));
    }
    return Tensor.of(v.stream().mapToDouble(Double::doubleValue).toArray()).to(dtype);
  }

  private static Tensor longs(int random, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    long[] v = new long[LONG_SPECIALS.length + random];
    System.arraycopy(LONG_SPECIALS, 0, v, 0, LONG_SPECIALS.length);
    for (int i = LONG_SPECIALS.length; i < v.length; i++) v[i] = i % 3 == 0 ? r.nextLong() : r.nextLong(-1000, 1000);
    return Tensor.of(v);
  }

  private static Tensor bools(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    boolean[] v = new boolean[n];
    for (int i = 0; i < n; i++) v[i] = r.nextBoolean();
    return Tensor.of(v);
  }

  /** The float64 reference of a float32 computation, rounded to float32. */
  private static Tensor reference(DType dtype, java.util.function.Function<Tensor, Tensor> f, Tensor x) {
    return dtype == DType.FLOAT32 ? f.apply(x.to(DType.FLOAT64)).to(DType.FLOAT32) : f.apply(x);
  }

  // ---------------------------------------------------------------- unary

  private static boolean exact(UnaryOp op) {
    return op.domain() == UnaryOp.Domain.ARITHMETIC || op == UnaryOp.SQRT || op == UnaryOp.RECIPROCAL;
  }

  private static double unaryRtol(UnaryOp op, DType dtype) {
    if (exact(op)) return 0;
    return dtype == DType.FLOAT32 ? 1e-5 : 1e-12;
  }

  /** Absolute slack: underflow to 0 versus a subnormal, and GELU's cancellation in 1 + erf. */
  private static double unaryAtol(UnaryOp op, DType dtype) {
    if (exact(op)) return 0;
    boolean gelu = op == UnaryOp.GELU || op == UnaryOp.GELU_TANH;
    if (dtype == DType.FLOAT32) return gelu ? 2e-6 : 1e-30;
    return gelu ? 1e-14 : 1e-300;
  }

  @Test
  void everyFloatUnaryOpMatchesTheReference() {
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      Tensor x = floats(dtype, 1000, 11);
      Tensor d = x.to(CUDA);
      for (UnaryOp op : UnaryOp.values()) {
        if (op.domain() == UnaryOp.Domain.PREDICATE) continue;
        Tensor out = poisoned(dtype, x.numel());
        cuda.unary(op, d, out);
        assertMatches(op + " " + dtype, reference(dtype, t -> t.apply(op), x), out, unaryRtol(op, dtype), unaryAtol(op, dtype));
      }
    }
  }

  @Test
  void int64UnaryOpsMatchTheCpu() {
    Tensor x = longs(500, 12);
    Tensor d = x.to(CUDA);
    for (UnaryOp op : UnaryOp.values()) {
      if (op.domain() != UnaryOp.Domain.ARITHMETIC) continue;
      Tensor out = poisoned(DType.INT64, x.numel());
      cuda.unary(op, d, out);
      assertMatches(op + " int64", x.apply(op), out, 0, 0);
    }
    assertThrows(UnsupportedOperationException.class, () -> cuda.unary(UnaryOp.EXP, d, poisoned(DType.INT64, x.numel())));
  }

  @Test
  void predicatesTakeEveryDtype() {
    Tensor[] inputs = {floats(DType.FLOAT32, 300, 13), floats(DType.FLOAT64, 300, 14), longs(300, 15), bools(301, 16)};
    for (Tensor x : inputs) {
      Tensor d = x.to(CUDA);
      for (UnaryOp op : new UnaryOp[] {UnaryOp.LOGICAL_NOT, UnaryOp.ISNAN, UnaryOp.ISINF, UnaryOp.ISFINITE}) {
        Tensor out = poisoned(DType.BOOL, x.numel());
        cuda.unary(op, d, out);
        Tensor expected = Tensor.empty(DType.BOOL, Device.CPU, x.numel());
        io.frontier.tensor.Backends.cpu().unary(op, x, expected);
        assertMatches(op + " " + x.dtype(), expected, out, 0, 0);
      }
    }
  }

  @Test
  void unaryCoversEveryLayoutAndAwkwardSizes() {
    Generator g = new Generator(17);
    for (int n : new int[] {1, 7, 1023, 3_000_001}) {
      for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
        Tensor x = random(g, dtype, -5, 5, n + 2);
        Tensor d = x.to(CUDA);
        // {output offset, input offset}: vectorised; misaligned (linear); vectorised for float64 only
        for (int[] off : new int[][] {{0, 0}, {1, 1}, {2, 0}}) {
          Tensor out = poisoned(dtype, n + 2).slice(0, off[0], off[0] + n);
          cuda.unary(UnaryOp.TANH, d.slice(0, off[1], off[1] + n), out);
          assertMatches("tanh n=" + n + " offsets " + off[0] + "," + off[1],
              reference(dtype, Tensor::tanh, x.slice(0, off[1], off[1] + n)), out, unaryRtol(UnaryOp.TANH, dtype), 1e-30);
        }
      }
    }
    // strided input (transpose, step) and a non-contiguous output
    Tensor x = random(g, DType.FLOAT32, -3, 3, 37, 53);
    Tensor d = x.to(CUDA);
    Tensor out = poisoned(DType.FLOAT32, 53, 37).t();
    cuda.unary(UnaryOp.EXP, d, out);
    assertMatches("exp into transposed output", reference(DType.FLOAT32, Tensor::exp, x), out, 1e-5, 1e-30);
    Tensor out2 = poisoned(DType.FLOAT32, 53, 19);
    cuda.unary(UnaryOp.SIGMOID, d.t().slice(1, 0, 37, 2), out2);
    assertMatches("sigmoid of a strided view", reference(DType.FLOAT32, Tensor::sigmoid, x.t().slice(1, 0, 37, 2)), out2, 1e-5, 1e-30);
    Tensor out3 = poisoned(DType.BOOL, 37, 53);
    cuda.unary(UnaryOp.ISNAN, d.slice(0, 0, 1).expand(37, 53), out3);
    assertMatches("isnan of a broadcast row", x.slice(0, 0, 1).expand(37, 53).isnan(), out3, 0, 0);
  }

  // ---------------------------------------------------------------- binary

  private static double binaryRtol(BinaryOp op, DType dtype) {
    return switch (op) {
      case POW, ATAN2 -> dtype == DType.FLOAT32 ? 1e-6 : 1e-12;
      default -> 0;
    };
  }

  /**
   * {@code op} on every pair (a from {@code av}, b from {@code bv}) as a k x m grid: once with both
   * operands broadcast views on the device (the strided path), once made dense (the vector path).
   */
  private static void checkGrid(String what, BinaryOp op, Tensor av, Tensor bv) {
    int k = av.numel();
    int m = bv.numel();
    Tensor a = av.reshape(k, 1).expand(k, m);
    Tensor b = bv.reshape(1, m).expand(k, m);
    Tensor da = av.to(CUDA).reshape(k, 1).expand(k, m);
    Tensor db = bv.to(CUDA).reshape(1, m).expand(k, m);
    checkBinary(what + " broadcast", op, a, b, da, db);
    checkBinary(what + " dense", op, a, b, da.contiguous(), db.contiguous());
  }

  private static void checkBinary(String what, BinaryOp op, Tensor a, Tensor b, Tensor da, Tensor db) {
    DType dtype = a.dtype();
    DType outType = op.returnsBool() ? DType.BOOL : dtype;
    Tensor out = poisoned(outType, a.shape());
    cuda.binary(op, da, db, out);
    Tensor expected;
    if (dtype == DType.FLOAT32 && !op.returnsBool()) {
      expected = a.to(DType.FLOAT64).apply(op, b.to(DType.FLOAT64)).to(DType.FLOAT32);
    } else {
      expected = Tensor.empty(outType, Device.CPU, a.shape());
      io.frontier.tensor.Backends.cpu().binary(op, a.contiguous(), b.contiguous(), expected);
    }
    double rtol = binaryRtol(op, dtype);
    double atol = rtol == 0 ? 0 : dtype == DType.FLOAT32 ? 1e-37 : 1e-300; // subnormal results
    assertMatches(what + " " + op + " " + dtype, expected, out, rtol, atol);
  }

  @Test
  void everyFloatBinaryOpMatchesOnAllPairsOfSpecialValues() {
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      Tensor v = floats(dtype, 40, 21);
      for (BinaryOp op : BinaryOp.values()) checkGrid("grid", op, v, v);
    }
  }

  @Test
  void everyInt64BinaryOpMatchesOnAllPairs() {
    Tensor v = longs(20, 22);
    Tensor divisors = v.add(v.eq(0.0).to(DType.INT64)); // no zero
    for (BinaryOp op : BinaryOp.values()) {
      if (op.kind() == BinaryOp.Kind.TRUE_DIVISION) continue;
      checkGrid("grid", op, v, op == BinaryOp.FLOOR_DIVIDE || op == BinaryOp.REMAINDER ? divisors : v);
    }
    Tensor p = Tensor.of(new long[] {-3, -2, -1, 0, 1, 2, 3, 7, 10, 62, 63, 64, Long.MAX_VALUE, Long.MIN_VALUE});
    checkGrid("pow grid", BinaryOp.POW, p, p);
    Tensor d = v.to(CUDA);
    assertThrows(UnsupportedOperationException.class, () -> cuda.binary(BinaryOp.DIV, d, d, poisoned(DType.INT64, v.numel())));
  }

  @Test
  void comparisonsAndLogicalOpsTakeBoolOperands() {
    Tensor v = Tensor.of(new boolean[] {false, true, true, false, true});
    for (BinaryOp op : BinaryOp.values()) {
      if (op.returnsBool()) checkGrid("bool grid", op, v, v);
    }
  }

  @Test
  void binaryCoversEveryLayoutAndAwkwardSizes() {
    Generator g = new Generator(24);
    for (int n : new int[] {1, 7, 1023, 3_000_001}) {
      for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT64}) {
        Tensor a = random(g, dtype, -50, 50, n + 2);
        Tensor b = random(g, dtype, -50, 50, n + 2);
        Tensor da = a.to(CUDA);
        Tensor db = b.to(CUDA);
        // {a offset, b offset}: vectorised; misaligned (linear); vectorised for 8-byte dtypes only
        for (int[] off : new int[][] {{0, 0}, {1, 1}, {0, 2}}) {
          String what = " n=" + n + " offsets " + off[0] + "," + off[1] + " " + dtype;
          Tensor sa = a.slice(0, off[0], off[0] + n);
          Tensor sb = b.slice(0, off[1], off[1] + n);
          Tensor out = poisoned(dtype, n);
          cuda.binary(BinaryOp.MUL, da.slice(0, off[0], off[0] + n), db.slice(0, off[1], off[1] + n), out);
          assertMatches("mul" + what, sa.mul(sb), out, 0, 0);
          Tensor lt = poisoned(DType.BOOL, n);
          cuda.binary(BinaryOp.LT, da.slice(0, off[0], off[0] + n), db.slice(0, off[1], off[1] + n), lt);
          assertMatches("lt" + what, sa.lt(sb), lt, 0, 0);
        }
        // a broadcast scalar on either side
        Tensor s = random(g, dtype, 1, 5, 1);
        Tensor out = poisoned(dtype, n);
        cuda.binary(BinaryOp.SUB, s.to(CUDA).expand(n), db.slice(0, 0, n), out);
        assertMatches("scalar - x n=" + n + " " + dtype, s.expand(n).sub(b.slice(0, 0, n)), out, 0, 0);
        cuda.binary(BinaryOp.MAXIMUM, db.slice(0, 1, n + 1), s.to(CUDA).expand(n), out);
        assertMatches("maximum(x, scalar) n=" + n + " " + dtype, b.slice(0, 1, n + 1).maximum(s.expand(n)), out, 0, 0);
      }
    }
    // strided inputs into a non-contiguous output
    Tensor a = random(g, DType.FLOAT64, -3, 3, 6, 7, 8);
    Tensor b = random(g, DType.FLOAT64, -3, 3, 8, 7);
    Tensor out = poisoned(DType.FLOAT64, 8, 7, 6).permute(2, 1, 0);
    cuda.binary(BinaryOp.ATAN2, a.to(CUDA), b.to(CUDA).t().unsqueeze(0).expand(6, 7, 8), out);
    assertMatches("atan2 strided", a.atan2(b.t().unsqueeze(0).expand(6, 7, 8)), out, 1e-12, 1e-300);
  }

  @Test
  void integerDivisionByZeroRaisesAtTheNextSync() {
    GpuTestSupport.requireRealDevice(); // values or device-side errors only a running kernel gives
    Tensor a = Tensor.of(new long[] {7, -7, 3, 0}).to(CUDA);
    Tensor zero = Tensor.of(new long[] {2, 0, 1, 5}).to(CUDA);
    Tensor q = a.floorDivide(zero); // queued; the error surfaces when the result is read
    assertThrows(ArithmeticException.class, () -> q.to(Device.CPU));
    Tensor r = a.remainder(zero);
    assertThrows(ArithmeticException.class, cuda::synchronize);
    // the flag was cleared: the context goes on working
    Tensor ok = a.floorDivide(Tensor.of(new long[] {2, 2, -2, 3}).to(CUDA));
    assertMatches("floorDivide after the error", Tensor.of(new long[] {3, -4, -2, 0}), ok, 0, 0);
    assertEquals(4, r.numel());
    // a tensor full of zeros: one report, not one per element
    Tensor big = Tensor.ones(DType.INT64, CUDA, 1_000_000);
    Tensor z = Tensor.zeros(DType.INT64, CUDA, 1_000_000);
    Tensor q2 = big.remainder(z);
    assertThrows(ArithmeticException.class, () -> q2.to(Device.CPU));
  }

  // ---------------------------------------------------------------- where

  @Test
  void whereMatchesForEveryDtypeAndLayout() {
    Generator g = new Generator(31);
    for (int n : new int[] {1, 7, 1023, 1_000_003}) {
      Tensor c = bools(n + 2, n);
      for (DType dtype : DType.values()) {
        Tensor a = random(g, dtype, -9, 9, n + 2);
        Tensor b = random(g, dtype, -9, 9, n + 2);
        // {cond, a, b} offsets: vectorised; misaligned (linear); vectorised for 8-byte dtypes only
        for (int[] off : new int[][] {{0, 0, 0}, {1, 0, 0}, {0, 0, 2}}) {
          Tensor out = poisoned(dtype, n);
          Tensor sc = c.slice(0, off[0], off[0] + n);
          Tensor sa = a.slice(0, off[1], off[1] + n);
          Tensor sb = b.slice(0, off[2], off[2] + n);
          cuda.where(c.to(CUDA).slice(0, off[0], off[0] + n), a.to(CUDA).slice(0, off[1], off[1] + n),
              b.to(CUDA).slice(0, off[2], off[2] + n), out);
          assertMatches("where n=" + n + " " + dtype + " offsets " + java.util.Arrays.toString(off), Tensor.where(sc, sa, sb), out, 0, 0);
        }
        Tensor s = random(g, dtype, -9, 9, 1);
        Tensor out = poisoned(dtype, n);
        cuda.where(c.slice(0, 0, n).to(CUDA), s.to(CUDA).expand(n), b.slice(0, 0, n).to(CUDA), out);
        assertMatches("where(c, scalar, b) n=" + n + " " + dtype, Tensor.where(c.slice(0, 0, n), s.expand(n), b.slice(0, 0, n)), out, 0, 0);
      }
    }
    Tensor c = bools(9, 1).reshape(1, 9);
    Tensor a = random(g, DType.FLOAT32, -1, 1, 9, 5);
    Tensor b = random(g, DType.FLOAT32, -1, 1, 5, 9);
    Tensor out = poisoned(DType.FLOAT32, 9, 5).t();
    cuda.where(c.to(CUDA).expand(5, 9), a.to(CUDA).t(), b.to(CUDA), out);
    assertMatches("where strided", Tensor.where(c.expand(5, 9), a.t(), b), out, 0, 0);
  }

  // ---------------------------------------------------------------- the public API

  @Test
  void thePublicApiRunsOnTheDevice() {
    Generator g = new Generator(41);
    Tensor x = random(g, DType.FLOAT32, -4, 4, 3, 1, 5);
    Tensor y = random(g, DType.FLOAT32, -4, 4, 4, 1);
    Tensor dx = x.to(CUDA);
    Tensor dy = y.to(CUDA);
    assertMatches("exp", x.exp(), dx.exp(), 1e-5, 1e-30);
    assertMatches("gelu", x.gelu(), dx.gelu(), 1e-5, 2e-6);
    assertMatches("add broadcast", x.add(y), dx.add(dy), 0, 0);
    assertMatches("mul scalar", x.mul(2.5), dx.mul(2.5), 0, 0);
    assertMatches("pow scalar", x.abs().pow(2.5), dx.abs().pow(2.5), 1e-6, 0);
    assertMatches("lt", x.lt(y), dx.lt(dy), 0, 0);
    assertMatches("eq scalar", x.round().eq(1.0), dx.round().eq(1.0), 0, 0);
    assertMatches("logical", x.gt(0.0).logicalXor(y.lt(1.0)), dx.gt(0.0).logicalXor(dy.lt(1.0)), 0, 0);
    assertMatches("isnan", x.log().isnan(), dx.log().isnan(), 0, 0);
    assertMatches("clamp", x.clamp(-1, 1), dx.clamp(-1, 1), 0, 0);
    assertMatches("where", Tensor.where(x.gt(0.0), x, y), Tensor.where(dx.gt(0.0), dx, dy), 0, 0);
    assertMatches("maskedFill", x.maskedFill(x.lt(0.0), -1), dx.maskedFill(dx.lt(0.0), -1), 0, 0);
    assertMatches("mixed dtypes", x.add(Tensor.of(new long[] {1, 2, 3, 4, 5})), dx.add(Tensor.of(new long[] {1, 2, 3, 4, 5}).to(CUDA)), 0, 0);

    Tensor a = random(g, DType.FLOAT64, -4, 4, 6, 5);
    Tensor da = a.to(CUDA);
    Tensor row = random(g, DType.FLOAT64, -4, 4, 5);
    a.add_(row);
    da.add_(row.to(CUDA));
    assertMatches("add_ in place", a, da, 0, 0);
    a.t().relu_();
    da.t().relu_();
    assertMatches("relu_ on a transposed view", a, da, 0, 0);

    Tensor i = random(g, DType.INT64, -100, 100, 50);
    Tensor j = random(g, DType.INT64, 1, 9, 50).mul(Tensor.of(new long[] {-1, 1}).repeat(25));
    Tensor di = i.to(CUDA);
    Tensor dj = j.to(CUDA);
    assertMatches("int64 trunc division", i.div(j, "trunc"), di.div(dj, "trunc"), 0, 0);
    assertMatches("int64 floor division", i.div(j, "floor"), di.div(dj, "floor"), 0, 0);
    assertMatches("int64 true division", i.div(j), di.div(dj), 0, 0);
    assertMatches("int64 pow", i.pow(3L), di.pow(3L), 0, 0);
    assertMatches("int64 abs", i.abs(), di.abs(), 0, 0);
  }
}
