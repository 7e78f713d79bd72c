package io.frontier.optim.bayes.acquisition;

import org.apache.commons.math3.special.Erf;

/**
 * The standard normal density φ, distribution Φ, and the expected-improvement function
 * {@code h(u) = φ(u) + u Φ(u)} with their logarithms, accurate far into the lower tail.
 *
 * <p>Below {@code u = -5} the logarithms use Laplace's continued fraction for the Mills ratio,
 * {@code Φ(-t)/φ(t) = 1/(t + K(t))} with {@code K(t) = 1/(t + 2/(t + 3/(t + ...)))}. It gives
 * {@code h(-t)/φ(t) = 1 - t Φ(-t)/φ(t) = K/(t + K)} without the cancellation that ruins the direct
 * formula (and that Ament et al. 2023, "Unexpected Improvements to Expected Improvement", avoid with
 * {@code erfcx} and {@code log1mexp}), and {@code d log h/du = Φ/h = 1/K}. Both stay finite down to
 * {@code u = -1e150}, where {@code h} itself underflows below the smallest double.
 */
public final class Normal {
  private Normal() {}

  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
  private static final double SQRT2 = Math.sqrt(2);
  /** Where the continued fraction takes over from the direct formulas. */
  private static final double TAIL = -5;
  /** Continued-fraction depth: at t >= 5 its truncation error is below 1e-17 relative. */
  private static final int DEPTH = 120;

  public static double pdf(double u) {
    return Math.exp(logPdf(u));
  }

  public static double logPdf(double u) {
    return -0.5 * u * u - LOG_SQRT_2PI;
  }

  /** Φ(u), from erfc so that it keeps its relative accuracy in the lower tail. */
  public static double cdf(double u) {
    return 0.5 * Erf.erfc(-u / SQRT2);
  }

  /** log Φ(u), finite for every finite u. */
  public static double logCdf(double u) {
    if (u > TAIL) return u > 5 ? Math.log1p(-cdf(-u)) : Math.log(cdf(u));
    double t = -u;
    return logPdf(u) - Math.log(t + millsTail(t));
  }

  /** The EI function h(u) = φ(u) + u Φ(u) (its value underflows to 0 near u = -38). */
  public static double h(double u) {
    if (u > TAIL) return pdf(u) + u * cdf(u);
    return Math.exp(logH(u));
  }

  /** log h(u), finite and accurate for every finite u. */
  public static double logH(double u) {
    if (u > TAIL) return Math.log(pdf(u) + u * cdf(u));
    double t = -u;
    double k = millsTail(t);
    return logPdf(u) + Math.log(k) - Math.log(t + k);
  }

  /** d log h / du = Φ(u)/h(u), positive and finite for every finite u. */
  public static double dLogH(double u) {
    if (u > TAIL) return cdf(u) / (pdf(u) + u * cdf(u));
    return 1 / millsTail(-u);
  }

  /** d log Φ / du = φ(u)/Φ(u), the inverse Mills ratio. */
  public static double dLogCdf(double u) {
    if (u > TAIL) return pdf(u) / cdf(u);
    double t = -u;
    return t + millsTail(t);
  }

  /** K(t) = 1/(t + 2/(t + 3/(t + ...))), evaluated from the bottom up; t >= 5. */
  private static double millsTail(double t) {
    double tail = 0;
    for (int j = DEPTH; j >= 2; j--) tail = j / (t + tail);
    return 1 / (t + tail);
  }
}
