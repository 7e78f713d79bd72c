package io.frontier.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reported symptom, reproduced in-process: {@code x.softmax(1)} of a fixed (64, 257) float32
 * input gave other bits after JIT warm-up than on its first call, in 19 975 of 20 000 calls,
 * because C2 replaces the Vector API's {@code lanewise(EXP)} with SVML stubs whose last bits
 * differ from the interpreted fallback. Each case runs a {@link ColdCopy} of the library, so its
 * first call is interpreted whatever other tests have compiled, then warms it up with thousands of
 * calls and requires every one to give the first call's bits. Under {@code -Dfrontier.vector=false}
 * the same cases check the scalar path.
 */
@Tag("kernels")
class JitWarmUpTest {
  private static final int WARM_CALLS = 3000;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"softmax, FLOAT32", "logSoftmax, FLOAT32", "sigmoid, FLOAT32", "silu, FLOAT32", "exp, FLOAT32",
      "sigmoid, FLOAT64", "exp, FLOAT64", "tanh, FLOAT32"})
  void opGivesTheSameBitsOnItsColdFirstCallAndAfterJitWarmUp(String op, String dtype) throws Exception {
    Random rng = new Random(20_000);
    double[] values = new double[64 * 257];
    for (int i = 0; i < values.length; i++) values[i] = rng.nextGaussian() * 4;
    try (ColdCopy cold = new ColdCopy()) {
      Class<?> tensorClass = cold.loadClass("io.frontier.tensor.Tensor");
      Class<?> dtypeClass = cold.loadClass("io.frontier.tensor.DType");
      Object x = tensorClass.getMethod("fromArray", Object.class, int[].class).invoke(null, values, new int[] {64, 257});
      x = tensorClass.getMethod("to", dtypeClass).invoke(x, dtypeClass.getField(dtype).get(null));
      boolean alongDim = op.endsWith("oftmax");
      Method apply = alongDim ? tensorClass.getMethod(op, int.class) : tensorClass.getMethod(op);
      Object[] args = alongDim ? new Object[] {1} : new Object[0];
      Method toDoubles = tensorClass.getMethod("toDoubleArray");

      double[] first = (double[]) toDoubles.invoke(apply.invoke(x, args));
      int differing = 0;
      String firstDifference = "";
      for (int call = 1; call <= WARM_CALLS; call++) {
        double[] again = (double[]) toDoubles.invoke(apply.invoke(x, args));
        if (Arrays.equals(first, again)) continue;
        if (differing++ == 0) {
          int i = Arrays.mismatch(first, again);
          firstDifference = "; first at call " + call + ", element " + i + ": " + first[i] + " then " + again[i];
        }
      }
      assertEquals(0, differing, op + " " + dtype + ": " + differing + " of " + WARM_CALLS
          + " calls after the cold one give other bits" + firstDifference);
    }
  }
}
