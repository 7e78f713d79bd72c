package io.frontier.tensor.cpu;

/**
 * exp for float32 and float64 built from IEEE basic operations only (add, multiply, fma, exact
 * bit moves), so that it returns the same bits however it runs: interpreted, JIT-compiled, or
 * lane by lane in {@link VectorExp}, which is the same algorithm step for step. The Vector API's
 * own {@code lanewise(EXP)} does not have that property: C2 replaces it with Intel SVML stubs
 * whose last bits differ from the interpreted fallback, so results changed after JIT warm-up.
 *
 * <p>The algorithm is SLEEF's {@code xexpf} / {@code xexp} (1-ulp variants), whose minimax
 * coefficients are used here:
 *
 * <ol>
 *   <li>{@code n = rint(x log2 e)}: adding {@code 1.5 * 2^23} (float) or {@code 1.5 * 2^52}
 *       (double) rounds to the nearest integer, and the sum's low mantissa bits hold n, so n needs
 *       no float-to-int conversion (whose NaN and overflow results differ between Java casts and
 *       vector instructions).
 *   <li>Cody-Waite: {@code r = x - n ln2_hi - n ln2_lo}, two fmas, {@code |r| <= ln2 / 2} and a
 *       hair.
 *   <li>{@code e^r = 1 + r + r^2 P(r)}, P of degree 5 (float) or 10 (double), Horner with fma.
 *   <li>{@code e^x = e^r 2^n1 2^n2} with {@code n1 = floor(n / 2)}, {@code n2 = n - n1}, each
 *       power built from exponent bits. Two factors let n span [-150, 128] (float) or [-1076,
 *       1024] (double) with no special case, and a subnormal result is rounded once, by the second
 *       multiply: subnormals are produced, not flushed.
 * </ol>
 *
 * <p>Special cases: NaN gives NaN (it propagates through the arithmetic); above the largest
 * argument with a finite result ({@code 88.72283f}, {@code 709.782712893384}) and at +inf, +inf;
 * below {@code -104f} / {@code -746.0} and at -inf, +0 (the arithmetic gives +0 already from
 * {@code -103.97208f} / {@code -745.1332191019412} down; the guards keep n in range); {@code
 * exp(+-0) = 1} exactly.
 *
 * <p>Accuracy, measured once over all 2^32 float32 arguments against {@code Math.exp} in float64:
 * at most 0.988 ulp, and 0 or +inf exactly where {@code (float) Math.exp} is. The float64 version:
 * at most 0.96 ulp over 200 000 arguments against a 120-bit reference. ExpTest keeps both within
 * 1 ulp (a sweep of every 61st float; 20 000 doubles against a BigDecimal series).
 */
final class ScalarExp {
  // float32 constants, shared with VectorExp
  static final float LOG2E_F = 1.442695040888963407359924681001892137f;
  /** 1.5 * 2^23: x + ROUND_F - ROUND_F rounds x to an integer; ROUND_F + n has n in its low bits. */
  static final float ROUND_F = 0x1.8p23f;
  static final int ROUND_BITS_F = Float.floatToRawIntBits(ROUND_F);
  /** ln 2 as hi + lo to about 36 bits; hi has 12 significant bits, so n * LN2_HI_F is exact. */
  static final float LN2_HI_F = 0.693145751953125f;
  static final float LN2_LO_F = 1.428606765330187045e-06f;
  static final float P5_F = 0.000198527617612853646278381f;
  static final float P4_F = 0.00139304355252534151077271f;
  static final float P3_F = 0.00833336077630519866943359f;
  static final float P2_F = 0.0416664853692054748535156f;
  static final float P1_F = 0.166666671633720397949219f;
  static final float P0_F = 0.5f;
  /** The largest float whose exp is finite. */
  static final float OVERFLOW_F = 0x1.62e42ep6f;
  /** Below this exp is +0 (it already is from ln 2^-150 = -103.97207708 down). */
  static final float UNDERFLOW_F = -104f;

  // float64 constants, shared with VectorExp
  static final double LOG2E_D = 1.442695040888963407359924681001892137;
  static final double ROUND_D = 0x1.8p52;
  static final long ROUND_BITS_D = Double.doubleToRawLongBits(ROUND_D);
  static final double LN2_HI_D = .69314718055966295651160180568695068359375;
  static final double LN2_LO_D = .28235290563031577122588448175013436025525412068e-12;
  static final double P10_D = 2.08860621107283687536341e-09;
  static final double P9_D = 2.51112930892876518610661e-08;
  static final double P8_D = 2.75573911234900471893338e-07;
  static final double P7_D = 2.75572362911928827629423e-06;
  static final double P6_D = 2.4801587159235472998791e-05;
  static final double P5_D = 0.000198412698960509205564975;
  static final double P4_D = 0.00138888888889774492207962;
  static final double P3_D = 0.00833333333331652721664984;
  static final double P2_D = 0.0416666666666665047591422;
  static final double P1_D = 0.166666666666666851703837;
  static final double P0_D = 0.5;
  static final double OVERFLOW_D = 0x1.62e42fefa39efp9;
  static final double UNDERFLOW_D = -746.0;

  private ScalarExp() {}

  static float f32(float x) {
    float t = Math.fma(x, LOG2E_F, ROUND_F);
    float n = t - ROUND_F;
    float r = Math.fma(n, -LN2_HI_F, x);
    r = Math.fma(n, -LN2_LO_F, r);
    float p = Math.fma(P5_F, r, P4_F);
    p = Math.fma(p, r, P3_F);
    p = Math.fma(p, r, P2_F);
    p = Math.fma(p, r, P1_F);
    p = Math.fma(p, r, P0_F);
    float y = Math.fma(r * r, p, r) + 1f;
    int k = Float.floatToRawIntBits(t) - ROUND_BITS_F;
    int k1 = k >> 1;
    y = y * Float.intBitsToFloat((k1 + 127) << 23) * Float.intBitsToFloat((k - k1 + 127) << 23);
    if (x < UNDERFLOW_F) return 0f;
    if (x > OVERFLOW_F) return Float.POSITIVE_INFINITY;
    return y;
  }

  static double f64(double x) {
    double t = Math.fma(x, LOG2E_D, ROUND_D);
    double n = t - ROUND_D;
    double r = Math.fma(n, -LN2_HI_D, x);
    r = Math.fma(n, -LN2_LO_D, r);
    double p = Math.fma(P10_D, r, P9_D);
    p = Math.fma(p, r, P8_D);
    p = Math.fma(p, r, P7_D);
    p = Math.fma(p, r, P6_D);
    p = Math.fma(p, r, P5_D);
    p = Math.fma(p, r, P4_D);
    p = Math.fma(p, r, P3_D);
    p = Math.fma(p, r, P2_D);
    p = Math.fma(p, r, P1_D);
    p = Math.fma(p, r, P0_D);
    double y = Math.fma(r * r, p, r) + 1.0;
    long k = Double.doubleToRawLongBits(t) - ROUND_BITS_D;
    long k1 = k >> 1;
    y = y * Double.longBitsToDouble((k1 + 1023) << 52) * Double.longBitsToDouble((k - k1 + 1023) << 52);
    if (x < UNDERFLOW_D) return 0.0;
    if (x > OVERFLOW_D) return Double.POSITIVE_INFINITY;
    return y;
  }
}
