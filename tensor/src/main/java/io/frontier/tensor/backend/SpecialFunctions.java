package io.frontier.tensor.backend;

/**
 * Float64 reference implementations of special functions that {@link Math} lacks: erf, erfc and
 * the scaled erfcx. They are the references the fast kernels are tested against, so they favour
 * accuracy (a few ulp, checked against 40-digit mpmath values) over speed.
 *
 * <ul>
 *   <li>|x| &lt; 1: erf from its Maclaurin series, summed smallest term first; the terms fall fast
 *       enough there that the alternating sum loses under a bit;
 *   <li>x &ge; 1/2: erfc(x) = exp(-x^2) / sqrt(pi) / K(x), with K the Laplace continued fraction
 *       {@code x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))} evaluated from its tail (the backward
 *       recurrence damps rounding errors instead of compounding them) to a depth of about
 *       240/x^2 levels, and exp(-x^2) computed from a split of x so that the rounding of x^2 does
 *       not cost its ~x^2 ulp.
 * </ul>
 */
public final class SpecialFunctions {
  private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
  private static final double ONE_OVER_SQRT_PI = 0.5641895835477563;

  private SpecialFunctions() {}

  /** The error function erf(x) = 2/sqrt(pi) * integral_0^x exp(-t^2) dt. */
  public static double erf(double x) {
    if (Double.isNaN(x)) return x;
    double ax = Math.abs(x);
    double r;
    if (ax < 1.0) {
      r = erfSeries(ax);
    } else if (ax < 6.0) {
      r = 1.0 - erfc(ax);
    } else {
      r = 1.0;
    }
    return Math.copySign(r, x);
  }

  /** The complementary error function 1 - erf(x), accurate relative to its value in the right tail. */
  public static double erfc(double x) {
    if (Double.isNaN(x)) return x;
    if (x < 0.5) return 1.0 - erf(x);
    if (x > 27.3) return 0.0; // below the smallest subnormal
    return expNegSquare(x) * ONE_OVER_SQRT_PI / laplaceFraction(x);
  }

  /**
   * The scaled complementary error function exp(x^2) erfc(x), which stays representable far in
   * the right tail where erfc underflows (about 1/(x sqrt(pi)) there). Logarithms of tail
   * probabilities use it: log erfc(x) = -x^2 + log erfcx(x).
   */
  public static double erfcx(double x) {
    if (Double.isNaN(x)) return x;
    if (x < 0.5) return Math.exp(x * x) * erfc(x);
    if (x > 1e8) return ONE_OVER_SQRT_PI / x; // the continued fraction is 1/x to double precision
    return ONE_OVER_SQRT_PI / laplaceFraction(x);
  }

  /** 2/sqrt(pi) * x * sum_n (-1)^n x^(2n) / (n! (2n+1)) for |x| < 1. */
  private static double erfSeries(double x) {
    double x2 = x * x;
    double[] terms = new double[32];
    double power = 1.0; // (-1)^n x^(2n) / n!
    int count = 0;
    for (int n = 0; n < terms.length; n++) {
      double term = power / (2 * n + 1);
      terms[count++] = term;
      if (Math.abs(term) < 1e-18) break;
      power *= -x2 / (n + 1);
    }
    double sum = 0;
    for (int i = count - 1; i >= 0; i--) sum += terms[i];
    return (TWO_OVER_SQRT_PI * x) * sum;
  }

  /** K(x) = x + (1/2)/(x + 1/(x + (3/2)/(x + ...))) for x >= 1/2, evaluated from its tail. */
  private static double laplaceFraction(double x) {
    int depth = (int) Math.min(2000, 240.0 / (x * x) + 20);
    double t = x;
    for (int k = depth; k >= 1; k--) t = x + (0.5 * k) / t;
    return t;
  }

  /**
   * exp(-x^2) without the error of rounding x^2: with hi = x truncated to 26 significant bits,
   * hi^2 is exact and x^2 - hi^2 = (x - hi)(x + hi) is small, so each exponential is accurate.
   */
  static double expNegSquare(double x) {
    double hi = Double.longBitsToDouble(Double.doubleToRawLongBits(x) & 0xFFFFFFFFF8000000L);
    double lo = x - hi;
    return Math.exp(-hi * hi) * Math.exp(-lo * (x + hi));
  }
}
