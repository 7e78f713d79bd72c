package io.frontier.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link ScalarTanh} and {@link VectorTanh}: the same bits on every input tried, before and after
 * the JIT has compiled them, and within a few ulps of {@code Math.tanh}.
 */
@Tag("kernels")
class TanhTest {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

  /** Inputs: both branches densely, the switch point's neighbours, the saturation and the specials. */
  private static float[] inputs() {
    Random rnd = new Random(7);
    int n = 1 << 16;
    float[] x = new float[n];
    float[] special = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE,
        ScalarTanh.SWITCH, Math.nextUp(ScalarTanh.SWITCH), Math.nextDown(ScalarTanh.SWITCH), -ScalarTanh.SWITCH, 9f, -9f, 44f, 45f, 89f,
        Float.MAX_VALUE, -Float.MAX_VALUE, 1e-20f, -1e-20f};
    System.arraycopy(special, 0, x, 0, special.length);
    for (int i = special.length; i < n; i++) {
      x[i] = switch (i % 3) {
        case 0 -> (float) (rnd.nextGaussian() * 0.5);
        case 1 -> (float) (rnd.nextGaussian() * 5);
        default -> Float.intBitsToFloat(rnd.nextInt()); // any bit pattern
      };
    }
    return x;
  }

  private static float[] vector(float[] x) {
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i += F.length()) VectorTanh.f32(FloatVector.fromArray(F, x, i)).intoArray(out, i);
    return out;
  }

  @Test
  void vectorAndScalarTanhGiveTheSameBitsColdAndAfterWarmUp() {
    float[] x = inputs();
    float[] first = vector(x);
    for (int round = 0; round < 200; round++) vector(x); // let C2 compile the vector path
    float[] warm = vector(x);
    for (int i = 0; i < x.length; i++) {
      int scalar = Float.floatToRawIntBits(ScalarTanh.tanh(x[i]));
      assertEquals(scalar, Float.floatToRawIntBits(first[i]), "cold vector vs scalar at x = " + x[i]);
      assertEquals(scalar, Float.floatToRawIntBits(warm[i]), "warm vector vs scalar at x = " + x[i]);
    }
  }

  @Test
  void tanhIsWithinTwoUlpsOfMathTanh() {
    double worst = 0;
    float worstAt = 0;
    for (float x = -12f; x <= 12f; x = Math.nextUp(x + 1e-4f)) {
      double exact = Math.tanh(x);
      double err = Math.abs(ScalarTanh.tanh(x) - exact) / Math.ulp((float) exact);
      if (err > worst) {
        worst = err;
        worstAt = x;
      }
    }
    System.out.printf("TanhTest: worst error %.3f ulp at x = %s%n", worst, worstAt);
    assertTrue(worst <= 2.0, "worst error " + worst + " ulp at x = " + worstAt);
  }

  @Test
  void specialValuesAreTanhs() {
    assertTrue(Float.isNaN(ScalarTanh.tanh(Float.NaN)));
    assertEquals(1f, ScalarTanh.tanh(Float.POSITIVE_INFINITY));
    assertEquals(-1f, ScalarTanh.tanh(Float.NEGATIVE_INFINITY));
    assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(ScalarTanh.tanh(-0f)));
    assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(ScalarTanh.tanh(0f)));
    assertEquals(1e-20f, ScalarTanh.tanh(1e-20f));
    assertEquals(1f, ScalarTanh.tanh(20f));
  }
}
