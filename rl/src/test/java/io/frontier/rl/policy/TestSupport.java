package io.frontier.rl.policy;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.function.Executable;

/** Small helpers the policy tests share: padded masks, random rows, and errors that name the problem. */
final class TestSupport {
  private TestSupport() {}

  static void throwsNaming(Executable body, String... words) {
    String message = assertThrows(IllegalArgumentException.class, body).getMessage();
    for (String w : words) assertTrue(message.contains(w), () -> "'" + message + "' does not mention '" + w + "'");
  }

  /** A right-padded bool mask (B, T) whose row b has lengths[b] real tokens. */
  static Tensor mask(int t, int... lengths) {
    boolean[] m = new boolean[lengths.length * t];
    for (int b = 0; b < lengths.length; b++) for (int i = 0; i < lengths[b]; i++) m[b * t + i] = true;
    return Tensor.fromArray(m, lengths.length, t);
  }

  static boolean[][] rows(Tensor mask) {
    boolean[] flat = mask.toBooleanArray();
    int t = mask.size(1);
    boolean[][] out = new boolean[mask.size(0)][t];
    for (int b = 0; b < out.length; b++) System.arraycopy(flat, b * t, out[b], 0, t);
    return out;
  }

  static double[][] gaussian(Random rng, int b, int t, double scale) {
    double[][] x = new double[b][t];
    for (double[] row : x) for (int i = 0; i < t; i++) row[i] = scale * rng.nextGaussian();
    return x;
  }

  static double[][] rows(Tensor x, int b, int t) {
    double[] flat = x.toDoubleArray();
    double[][] out = new double[b][t];
    for (int i = 0; i < b; i++) System.arraycopy(flat, i * t, out[i], 0, t);
    return out;
  }
}
