package io.frontier.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.backend.UnaryOp;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Random;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link ScalarExp} and {@link VectorExp}: the same bits on every input, interpreted or compiled;
 * the ulp error against independent references; the special values and range ends; and the unary
 * and attention kernels built on them giving the same bits with and without the Vector API.
 */
@Tag("kernels")
class ExpTest {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
  /** Passes over the inputs before the warm comparison: enough for C2 to compile the loops. */
  private static final int WARM_PASSES = 30;

  @Test
  void vectorAndScalarFloat32ExpGiveTheSameBitsColdAndAfterWarmUp() throws Exception {
    float[] x = float32Inputs(new Random(1));
    float[] coldVector = new float[x.length];
    float[] coldScalar = new float[x.length];
    try (ColdCopy cold = new ColdCopy()) {
      Method vector = method(cold, "VectorExp", "f32", FloatVector.class);
      Method scalar = method(cold, "ScalarExp", "f32", float.class);
      for (int i = 0; i < x.length; i += F.length()) {
        ((FloatVector) vector.invoke(null, FloatVector.fromArray(F, x, i))).intoArray(coldVector, i);
      }
      for (int i = 0; i < x.length; i++) coldScalar[i] = (float) scalar.invoke(null, x[i]);
    }
    float[] warmVector = new float[x.length];
    float[] warmScalar = new float[x.length];
    for (int pass = 0; pass <= WARM_PASSES; pass++) {
      for (int i = 0; i < x.length; i += F.length()) VectorExp.f32(FloatVector.fromArray(F, x, i)).intoArray(warmVector, i);
      for (int i = 0; i < x.length; i++) warmScalar[i] = ScalarExp.f32(x[i]);
    }
    assertSameBits(x, coldScalar, coldVector, "cold vector");
    assertSameBits(x, coldScalar, warmScalar, "warm scalar");
    assertSameBits(x, coldScalar, warmVector, "warm vector");
  }

  @Test
  void vectorAndScalarFloat64ExpGiveTheSameBitsColdAndAfterWarmUp() throws Exception {
    double[] x = float64Inputs(new Random(2));
    double[] coldVector = new double[x.length];
    double[] coldScalar = new double[x.length];
    try (ColdCopy cold = new ColdCopy()) {
      Method vector = method(cold, "VectorExp", "f64", DoubleVector.class);
      Method scalar = method(cold, "ScalarExp", "f64", double.class);
      for (int i = 0; i < x.length; i += D.length()) {
        ((DoubleVector) vector.invoke(null, DoubleVector.fromArray(D, x, i))).intoArray(coldVector, i);
      }
      for (int i = 0; i < x.length; i++) coldScalar[i] = (double) scalar.invoke(null, x[i]);
    }
    double[] warmVector = new double[x.length];
    double[] warmScalar = new double[x.length];
    for (int pass = 0; pass <= WARM_PASSES; pass++) {
      for (int i = 0; i < x.length; i += D.length()) VectorExp.f64(DoubleVector.fromArray(D, x, i)).intoArray(warmVector, i);
      for (int i = 0; i < x.length; i++) warmScalar[i] = ScalarExp.f64(x[i]);
    }
    assertArrayEquals(coldScalar, coldVector, "cold vector vs cold scalar");
    assertArrayEquals(coldScalar, warmScalar, "warm scalar vs cold scalar");
    assertArrayEquals(coldScalar, warmVector, "warm vector vs cold scalar");
  }

  /** Every 61st float in [-104, 88.73] (some 36 million); an exhaustive sweep of all 2^32 also gives 0.988. */
  @Test
  void float32ExpIsWithinOneUlpOfMathExpAcrossTheFloatRange() {
    double worst = 0;
    float worstX = 0;
    int[][] bitRanges = {{Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(-104f)}, {0, Float.floatToRawIntBits(ScalarExp.OVERFLOW_F)}};
    for (int[] range : bitRanges) {
      for (long bits = range[0]; bits <= range[1]; bits += 61) {
        float x = Float.intBitsToFloat((int) bits);
        double ulps = ulpError(ScalarExp.f32(x), Math.exp(x));
        if (ulps > worst) {
          worst = ulps;
          worstX = x;
        }
      }
    }
    assertTrue(worst <= 1.0, "max error " + worst + " ulp at x = " + worstX);
  }

  @Test
  void float32ExpHandlesSpecialValuesAndTheEndsOfItsRange() {
    assertTrue(Float.isNaN(ScalarExp.f32(Float.NaN)));
    assertEquals(Float.POSITIVE_INFINITY, ScalarExp.f32(Float.POSITIVE_INFINITY));
    assertEquals(0f, ScalarExp.f32(Float.NEGATIVE_INFINITY));
    assertEquals(1f, ScalarExp.f32(0f));
    assertEquals(1f, ScalarExp.f32(-0f));
    float[] ends = {ScalarExp.OVERFLOW_F, Math.nextUp(ScalarExp.OVERFLOW_F), Float.MAX_VALUE, -103.97207f, -103.97208f,
        -104f, -150f, -Float.MAX_VALUE, Float.MIN_VALUE, -Float.MIN_VALUE};
    for (float x : ends) assertEquals((float) Math.exp(x), ScalarExp.f32(x), "exp(" + x + ")");
    assertEquals(Float.MIN_VALUE, ScalarExp.f32(-103.97207f), "the smallest subnormal, not flushed");
  }

  @Test
  void float64ExpIsWithinOneUlpOfAnExactReference() {
    Random rng = new Random(3);
    double worst = 0;
    double worstX = 0;
    for (int i = 0; i < 20_000; i++) {
      double x = switch (i % 3) {
        case 0 -> -708 + rng.nextDouble() * (ScalarExp.OVERFLOW_D + 708); // normal results
        case 1 -> rng.nextDouble() * 2 - 1;
        default -> (rng.nextDouble() - 0.5) * 1e-6;
      };
      double ulps = ulpError(ScalarExp.f64(x), exactExp(x));
      if (ulps > worst) {
        worst = ulps;
        worstX = x;
      }
    }
    assertTrue(worst <= 1.0, "max error " + worst + " ulp at x = " + worstX);
  }

  @Test
  void float64ExpHandlesSpecialValuesAndTheEndsOfItsRange() {
    assertTrue(Double.isNaN(ScalarExp.f64(Double.NaN)));
    assertEquals(Double.POSITIVE_INFINITY, ScalarExp.f64(Double.POSITIVE_INFINITY));
    assertEquals(0.0, ScalarExp.f64(Double.NEGATIVE_INFINITY));
    assertEquals(1.0, ScalarExp.f64(0.0));
    assertEquals(1.0, ScalarExp.f64(-0.0));
    double[] ends = {ScalarExp.OVERFLOW_D, Math.nextUp(ScalarExp.OVERFLOW_D), Double.MAX_VALUE, -745.1332191019411,
        -745.1332191019412, -746, -1e4, -Double.MAX_VALUE, Double.MIN_VALUE};
    for (double x : ends) assertEquals(Math.exp(x), ScalarExp.f64(x), "exp(" + x + ")");
    Random rng = new Random(4);
    for (int i = 0; i < 1000; i++) { // subnormal results, within one subnormal ulp
      double x = -745 + rng.nextDouble() * 36.6;
      assertEquals(StrictMath.exp(x), ScalarExp.f64(x), Double.MIN_VALUE, "exp(" + x + ")");
    }
  }

  @Test
  void expSigmoidAndSiluKernelsGiveTheSameBitsWithAndWithoutTheVectorApi() {
    Random rng = new Random(5);
    int n = 1003;
    float[] a = new float[n];
    double[] ad = new double[n];
    for (int i = 0; i < n; i++) {
      ad[i] = rng.nextGaussian() * 30;
      a[i] = (float) ad[i];
    }
    for (UnaryOp op : new UnaryOp[] {UnaryOp.EXP, UnaryOp.SIGMOID, UnaryOp.SILU}) {
      float[] vector = new float[n];
      float[] scalar = new float[n];
      assertTrue(VectorUnaryF32.apply(op, a, 0, vector, 0, n));
      assertTrue(ScalarUnary.f32(op, a, 0, scalar, 0, n));
      assertArrayEquals(scalar, vector, op + " float32");
    }
    for (UnaryOp op : new UnaryOp[] {UnaryOp.EXP, UnaryOp.SIGMOID}) {
      double[] vector = new double[n];
      double[] scalar = new double[n];
      assertTrue(VectorUnaryF64.apply(op, ad, 0, vector, 0, n));
      assertTrue(ScalarUnary.f64(op, ad, 0, scalar, 0, n));
      assertArrayEquals(scalar, vector, op + " float64");
    }
    float[] vector = a.clone();
    float[] scalar = a.clone();
    VectorAttentionF32.expShifted(vector, 1, n - 1, 0.125f, 3.5f);
    AttentionKernels.expShifted(scalar, 1, n - 1, 0.125f, 3.5f);
    assertArrayEquals(scalar, vector, "attention probabilities");
  }

  /** Special values and range ends first (the cold pass reaches them in the interpreter), then random ones. */
  private static float[] float32Inputs(Random rng) {
    float[] x = new float[1 << 16];
    int k = 0;
    for (float v : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, Float.MIN_VALUE,
        -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, 1f, -1f,
        ScalarExp.OVERFLOW_F, Math.nextUp(ScalarExp.OVERFLOW_F), ScalarExp.UNDERFLOW_F, Math.nextDown(ScalarExp.UNDERFLOW_F),
        Math.nextUp(ScalarExp.UNDERFLOW_F), -103.97207f, -103.97208f, -87.33654f, -87.33655f}) {
      x[k++] = v;
    }
    for (int n = -150; n <= 128; n++) { // where rint(x log2 e) steps from n to n + 1
      float edge = (float) ((n + 0.5) * Math.log(2));
      x[k++] = Math.nextDown(edge);
      x[k++] = edge;
      x[k++] = Math.nextUp(edge);
    }
    while (k < x.length) {
      x[k] = switch (k % 3) {
        case 0 -> Float.intBitsToFloat(rng.nextInt()); // every magnitude, NaNs included
        case 1 -> -110 + rng.nextFloat() * 200;
        default -> rng.nextFloat() * 2 - 1;
      };
      k++;
    }
    return x;
  }

  private static double[] float64Inputs(Random rng) {
    double[] x = new double[1 << 15];
    int k = 0;
    for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
        Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1, -1, ScalarExp.OVERFLOW_D,
        Math.nextUp(ScalarExp.OVERFLOW_D), ScalarExp.UNDERFLOW_D, Math.nextDown(ScalarExp.UNDERFLOW_D),
        Math.nextUp(ScalarExp.UNDERFLOW_D), -745.1332191019411, -745.1332191019412, -708.3964185322641}) {
      x[k++] = v;
    }
    for (int n = -1076; n <= 1024; n += 7) {
      double edge = (n + 0.5) * Math.log(2);
      x[k++] = Math.nextDown(edge);
      x[k++] = edge;
      x[k++] = Math.nextUp(edge);
    }
    while (k < x.length) {
      x[k] = switch (k % 3) {
        case 0 -> Double.longBitsToDouble(rng.nextLong());
        case 1 -> -750 + rng.nextDouble() * 1465;
        default -> rng.nextDouble() * 2 - 1;
      };
      k++;
    }
    return x;
  }

  private static Method method(ClassLoader loader, String className, String name, Class<?> parameter) throws Exception {
    Method m = loader.loadClass("io.frontier.tensor.cpu." + className).getDeclaredMethod(name, parameter);
    m.setAccessible(true);
    return m;
  }

  /** Bitwise equality, any NaN matching any NaN; the message names the first input that differs. */
  private static void assertSameBits(float[] x, float[] expected, float[] actual, String what) {
    for (int i = 0; i < x.length; i++) {
      if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
        throw new AssertionError(what + ": exp(" + x[i] + ") = " + actual[i] + ", cold scalar " + expected[i]);
      }
    }
  }

  /** |y - e| in ulps of the smaller of y and e rounded to float, the stricter choice at a power of 2. */
  private static double ulpError(float y, double e) {
    float ef = (float) e;
    if (Float.isInfinite(ef) || ef == 0f || Float.isInfinite(y)) return y == ef ? 0 : Double.POSITIVE_INFINITY;
    return Math.abs(y - e) / Math.ulp(Math.min(y == 0f ? ef : y, ef));
  }

  private static double ulpError(double y, BigDecimal e) {
    double ed = e.doubleValue();
    return new BigDecimal(y).subtract(e).abs().doubleValue() / Math.ulp(Math.min(y, ed));
  }

  private static final BigDecimal LN2 = new BigDecimal("0.693147180559945309417232121458176568075500134360255254120680");
  private static final MathContext MC = new MathContext(60);

  /** exp(x) to some 50 digits: 2^n times the Taylor series of e^r, r = x - n ln 2 (|r| <= 0.35, 40 terms). */
  private static BigDecimal exactExp(double x) {
    long n = Math.round(x / Math.log(2));
    BigDecimal r = new BigDecimal(x).subtract(LN2.multiply(BigDecimal.valueOf(n)), MC);
    BigDecimal term = BigDecimal.ONE;
    BigDecimal sum = BigDecimal.ONE;
    for (int k = 1; k <= 40; k++) {
      term = term.multiply(r, MC).divide(BigDecimal.valueOf(k), MC);
      sum = sum.add(term, MC);
    }
    return sum.multiply(new BigDecimal(Math.scalb(1.0, (int) n)), MC);
  }
}
