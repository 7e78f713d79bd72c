package io.frontier.tensor.cpu;

/**
 * tanh for float32 from IEEE basic operations and {@link ScalarExp}, so that it returns the same
 * bits however it runs, as {@link VectorTanh} does lane by lane (the Vector API's own
 * {@code lanewise(TANH)} changes its last bits when C2 swaps in SVML stubs after warm-up, and
 * GELU's tanh form, our GPT's activation, reads it).
 *
 * <p>Cephes' {@code tanhf}: for {@code |x| > 0.625}, {@code 1 - 2 / (exp(2|x|) + 1)} with x's
 * sign (the quotient saturates to 1 once exp overflows); below, the odd minimax polynomial
 * {@code x + x s P(s)}, {@code s = x^2}, P of degree 4, evaluated with fma in a fixed order. NaN
 * propagates through the polynomial branch; signed zeros are returned as they are. {@code TanhTest}
 * measures the error against {@code Math.tanh} and holds the two implementations bitwise equal.
 */
final class ScalarTanh {
  /** Where the exp form takes over from the polynomial (Cephes). */
  static final float SWITCH = 0.625f;
  static final float C4 = -5.70498872745e-3f;
  static final float C3 = 2.06390887954e-2f;
  static final float C2 = -5.37397155531e-2f;
  static final float C1 = 1.33314422036e-1f;
  static final float C0 = -3.33332819422e-1f;

  private ScalarTanh() {}

  static float tanh(float x) {
    float ax = Math.abs(x);
    if (ax > SWITCH) {
      float e = ScalarExp.f32(ax + ax);
      float t = 1f - 2f / (e + 1f);
      return x < 0 ? -t : t;
    }
    if (x == 0f) return x;
    float s = x * x;
    float p = Math.fma(s, C4, C3);
    p = Math.fma(p, s, C2);
    p = Math.fma(p, s, C1);
    p = Math.fma(p, s, C0);
    return Math.fma(p * s, x, x);
  }
}
