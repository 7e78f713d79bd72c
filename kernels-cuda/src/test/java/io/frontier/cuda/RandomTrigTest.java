package io.frontier.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.backend.Philox;
import org.junit.jupiter.api.Test;

/**
 * random.cu computes Box-Muller's sin and cos of {@code theta = 2 pi u2} in [0, 2 pi) with its own
 * port of fdlibm (CUDA's sin/cos carry a local-memory slow path for huge arguments that the build
 * rejects). This is the same code in Java, operation for operation (the kernel uses __dmul_rn and
 * __dadd_rn so nothing is contracted to an FMA): it must equal StrictMath (fdlibm) bit for bit and
 * stay within one ulp of Math.sin/cos, which the CPU backend uses.
 */
class RandomTrigTest {
  private static final double TWO_PI = 2 * Math.PI;

  @Test
  void constantsAreFdlibmBitPatterns() {
    assertEquals(0x3FE45F306DC9C883L, Double.doubleToRawLongBits(FdlibmTrig.INVPIO2));
    assertEquals(0x3FF921FB54400000L, Double.doubleToRawLongBits(FdlibmTrig.PIO2_1));
    assertEquals(0x3DD0B4611A626331L, Double.doubleToRawLongBits(FdlibmTrig.PIO2_1T));
    assertEquals(0x3DD0B4611A600000L, Double.doubleToRawLongBits(FdlibmTrig.PIO2_2));
    assertEquals(0x3BA3198A2E037073L, Double.doubleToRawLongBits(FdlibmTrig.PIO2_2T));
    assertEquals(0x3BA3198A2E000000L, Double.doubleToRawLongBits(FdlibmTrig.PIO2_3));
    assertEquals(0x397B839A252049C1L, Double.doubleToRawLongBits(FdlibmTrig.PIO2_3T));
  }

  @Test
  void sinAndCosEqualStrictMathOnTheBoxMullerAngles() {
    int[] w = new int[4];
    for (long b = 0; b < 400_000; b++) {
      Philox.streamBlock(12345, b, w);
      check(TWO_PI * Philox.uniformFloat(w[1]));
      check(TWO_PI * Philox.uniformDouble(w[2], w[3]));
    }
    // every float32 angle near the multiples of pi/2 (cancellation in the reduction)
    for (int q = 0; q <= 4; q++) {
      int centre = (int) Math.round(q * 0.25 * (1 << 24));
      for (int k = Math.max(0, centre - 4096); k <= Math.min((1 << 24) - 1, centre + 4096); k++) check(TWO_PI * (k * 0x1.0p-24));
    }
    check(0.0);
    check(Math.nextDown(TWO_PI));
    for (double x = 0x1.0p-60; x < 1e-6; x *= 1.7) check(x);
  }

  private static void check(double x) {
    assertEquals(StrictMath.sin(x), FdlibmTrig.sin(x), 0.0, () -> "sin(" + x + ")");
    assertEquals(StrictMath.cos(x), FdlibmTrig.cos(x), 0.0, () -> "cos(" + x + ")");
    assertTrue(Math.abs(FdlibmTrig.sin(x) - Math.sin(x)) <= Math.ulp(Math.sin(x)), () -> "sin vs Math.sin at " + x);
    assertTrue(Math.abs(FdlibmTrig.cos(x) - Math.cos(x)) <= Math.ulp(Math.cos(x)), () -> "cos vs Math.cos at " + x);
  }

  /** random.cu's random_impl sin/cos, for 0 <= x < 2 pi. */
  static final class FdlibmTrig {
    static final double INVPIO2 = 6.36619772367581382433e-01;
    static final double PIO2_1 = 1.57079632673412561417e+00;
    static final double PIO2_1T = 6.07710050650619224932e-11;
    static final double PIO2_2 = 6.07710050630396597660e-11;
    static final double PIO2_2T = 2.02226624879595063154e-21;
    static final double PIO2_3 = 2.02226624871116645580e-21;
    static final double PIO2_3T = 8.47842766036889956997e-32;
    static final double S1 = -1.66666666666666324348e-01;
    static final double S2 = 8.33333333332248946124e-03;
    static final double S3 = -1.98412698298579493134e-04;
    static final double S4 = 2.75573137070700676789e-06;
    static final double S5 = -2.50507602534068634195e-08;
    static final double S6 = 1.58969099521155010221e-10;
    static final double C1 = 4.16666666666666019037e-02;
    static final double C2 = -1.38888888888741095749e-03;
    static final double C3 = 2.48015872894767294178e-05;
    static final double C4 = -2.75573143513906633035e-07;
    static final double C5 = 2.08757232129817482790e-09;
    static final double C6 = -1.13596475577881948265e-11;

    static int hi(double x) {
      return (int) (Double.doubleToRawLongBits(x) >>> 32);
    }

    /** fdlibm's __kernel_sin; {@code tail} is its iy (y non-zero). */
    static double kernelSin(double x, double y, boolean tail) {
      int ix = hi(x) & 0x7fffffff;
      if (ix < 0x3e400000) return x;
      double z = x * x;
      double v = z * x;
      double r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
      if (!tail) return x + v * (S1 + z * r);
      return x - ((z * (0.5 * y - v * r) - y) - v * S1);
    }

    static double kernelCos(double x, double y) {
      int ix = hi(x) & 0x7fffffff;
      if (ix < 0x3e400000) return 1.0;
      double z = x * x;
      double r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
      if (ix < 0x3FD33333) return 1.0 - (0.5 * z - (z * r - x * y));
      double qx = ix > 0x3fe90000 ? 0.28125 : Double.longBitsToDouble((long) (ix - 0x00200000) << 32);
      double hz = 0.5 * z - qx;
      double a = 1.0 - qx;
      return a - (hz - (z * r - x * y));
    }

    /** n with x = n pi/2 + y0 + y1, |y0 + y1| <= pi/4; x > pi/4. */
    static int remPio2(double x, double[] y) {
      int ix = hi(x) & 0x7fffffff;
      if (ix < 0x4002d97c) { // x < 3 pi/4: n = 1
        double z = x - PIO2_1;
        if (ix != 0x3ff921fb) {
          y[0] = z - PIO2_1T;
          y[1] = (z - y[0]) - PIO2_1T;
        } else {
          z -= PIO2_2;
          y[0] = z - PIO2_2T;
          y[1] = (z - y[0]) - PIO2_2T;
        }
        return 1;
      }
      int n = (int) (x * INVPIO2 + 0.5);
      double fn = n;
      double r = x - fn * PIO2_1;
      double w = fn * PIO2_1T;
      int j = ix >> 20;
      y[0] = r - w;
      if (j - ((hi(y[0]) >> 20) & 0x7ff) > 16) {
        double t = r;
        w = fn * PIO2_2;
        r = t - w;
        w = fn * PIO2_2T - ((t - r) - w);
        y[0] = r - w;
        if (j - ((hi(y[0]) >> 20) & 0x7ff) > 49) {
          t = r;
          w = fn * PIO2_3;
          r = t - w;
          w = fn * PIO2_3T - ((t - r) - w);
          y[0] = r - w;
        }
      }
      y[1] = (r - y[0]) - w;
      return n;
    }

    static double sin(double x) {
      if ((hi(x) & 0x7fffffff) <= 0x3fe921fb) return kernelSin(x, 0.0, false);
      double[] y = new double[2];
      return switch (remPio2(x, y) & 3) {
        case 0 -> kernelSin(y[0], y[1], true);
        case 1 -> kernelCos(y[0], y[1]);
        case 2 -> -kernelSin(y[0], y[1], true);
        default -> -kernelCos(y[0], y[1]);
      };
    }

    static double cos(double x) {
      if ((hi(x) & 0x7fffffff) <= 0x3fe921fb) return kernelCos(x, 0.0);
      double[] y = new double[2];
      return switch (remPio2(x, y) & 3) {
        case 0 -> kernelCos(y[0], y[1]);
        case 1 -> -kernelSin(y[0], y[1], true);
        case 2 -> -kernelCos(y[0], y[1]);
        default -> kernelSin(y[0], y[1], true);
      };
    }
  }
}
