package io.frontier.tensor.io;

/**
 * Exact widening of IEEE half precision (F16) and bfloat16 (BF16) bit patterns to float32. Java 17
 * has no {@code Float.float16ToFloat} (it arrived in Java 20). Every half and bfloat16 value,
 * subnormals included, is a float32 value, so neither conversion rounds.
 */
final class HalfFloats {
  private HalfFloats() {}

  /** F16: 1 sign, 5 exponent (bias 15), 10 mantissa bits. */
  static float f16ToFloat(short bits) {
    int h = bits & 0xffff;
    int sign = (h & 0x8000) << 16;
    int exponent = (h >>> 10) & 0x1f;
    int mantissa = h & 0x3ff;
    if (exponent == 0x1f) {
      // Infinity or NaN; the NaN payload moves to the top of float32's mantissa.
      return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
    }
    if (exponent == 0) {
      // Zero or subnormal: mantissa * 2^-24, exact as a product by a power of two.
      float magnitude = mantissa * 0x1p-24f;
      return sign == 0 ? magnitude : -magnitude;
    }
    // Normal: rebias the exponent from 15 to 127.
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }

  /** BF16 is the top half of a float32. */
  static float bf16ToFloat(short bits) {
    return Float.intBitsToFloat((bits & 0xffff) << 16);
  }
}
