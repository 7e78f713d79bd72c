package io.frontier.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.backend.Philox;
import org.junit.jupiter.api.Test;

/**
 * The Philox stream: Random123's known answers, the documented mapping from (seed, offset) to
 * values, and the statistics of the samplers built on it.
 */
class GeneratorTest {

  @Test
  void philoxReproducesRandom123KnownAnswerVectors() {
    int[] out = new int[4];
    Philox.block(0, 0, 0, 0, 0, 0, out);
    assertArrayEquals(new int[] {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}, out);
    Philox.block(-1, -1, -1, -1, -1, -1, out);
    assertArrayEquals(new int[] {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}, out);
    Philox.block(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0, out);
    assertArrayEquals(new int[] {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}, out);
  }

  @Test
  void float32UniformsFollowTheDocumentedWordMapping() {
    long seed = 0x1234_5678_9abcL;
    Generator g = new Generator(seed);
    g.setState(new Generator.State(seed, 41));
    float[] u = Tensor.rand(g, 11).toFloatArray();
    int[] w = new int[4];
    for (int i = 0; i < 11; i++) {
      Philox.block((int) (41 + i / 4), 0, 0, 0, (int) seed, (int) (seed >>> 32), w);
      float expected = (w[i % 4] >>> 8) / 16777216f;
      assertEquals(expected, u[i], 0f, "element " + i);
    }
    assertEquals(41 + 3, g.offset(), "11 float32 values use ceil(11/4) = 3 blocks");
  }

  @Test
  void float64UniformsAndNormalsFollowTheDocumentedWordMapping() {
    Generator g = new Generator(7);
    double[] u = Tensor.rand(g, DType.FLOAT64, 3).toDoubleArray();
    double[] z = Tensor.randn(g, DType.FLOAT64, 3).toDoubleArray();
    int[] w = new int[4];
    for (int i = 0; i < 3; i++) {
      Philox.block(i / 2, 0, 0, 0, 7, 0, w);
      long bits = ((w[2 * (i % 2)] & 0xFFFFFFFFL) << 21) | ((w[2 * (i % 2) + 1] & 0xFFFFFFFFL) >>> 11);
      assertEquals(bits * 0x1.0p-53, u[i], 0.0, "uniform " + i);
      Philox.block(2 + i / 2, 0, 0, 0, 7, 0, w);
      double u1 = ((((w[0] & 0xFFFFFFFFL) << 21) | ((w[1] & 0xFFFFFFFFL) >>> 11)) + 1) * 0x1.0p-53;
      double u2 = (((w[2] & 0xFFFFFFFFL) << 21) | ((w[3] & 0xFFFFFFFFL) >>> 11)) * 0x1.0p-53;
      double r = Math.sqrt(-2 * Math.log(u1));
      double expected = i % 2 == 0 ? r * Math.cos(2 * Math.PI * u2) : r * Math.sin(2 * Math.PI * u2);
      assertEquals(expected, z[i], 1e-15, "normal " + i);
    }
  }

  @Test
  void theSameSeedGivesTheSameStreamAndRestoringStateReplaysIt() {
    Generator a = new Generator(99);
    Generator b = new Generator(99);
    assertArrayEquals(Tensor.randn(a, 1000).toFloatArray(), Tensor.randn(b, 1000).toFloatArray());
    Generator.State s = a.state();
    float[] next = Tensor.rand(a, 5).toFloatArray();
    a.setState(s);
    assertArrayEquals(next, Tensor.rand(a, 5).toFloatArray());
    assertNotEquals(Tensor.rand(new Generator(1), 1).item(), Tensor.rand(new Generator(2), 1).item());
  }

  @Test
  void uniformAndNormalMomentsMatchTheirDistributions() {
    Generator g = new Generator(3);
    int n = 400_000;
    Tensor u = Tensor.rand(g, n).to(DType.FLOAT64);
    // standard errors: mean 0.29/sqrt(n) = 4.6e-4; 5 sigma
    assertEquals(0.5, u.mean().item(), 2.3e-3);
    assertEquals(1.0 / 12, u.var().item(), 1e-3);
    assertTrue(u.min().item() >= 0 && u.max().item() < 1);
    Tensor z = Tensor.randn(g, n).to(DType.FLOAT64);
    assertEquals(0, z.mean().item(), 5 / Math.sqrt(n));
    assertEquals(1, z.var().item(), 5 * Math.sqrt(2.0 / n));
    double fourth = z.pow(4.0).mean().item(); // kurtosis of a normal is 3
    assertEquals(3, fourth, 0.05);
  }

  @Test
  void randintCoversTheRangeUniformly() {
    Generator g = new Generator(4);
    long[] v = Tensor.randint(g, -3, 4, 70_000).toLongArray();
    int[] counts = new int[7];
    for (long x : v) {
      assertTrue(x >= -3 && x < 4, "value " + x);
      counts[(int) (x + 3)]++;
    }
    double chi2 = 0;
    for (int c : counts) chi2 += (c - 10_000.0) * (c - 10_000.0) / 10_000.0;
    assertTrue(chi2 < 22.5, "chi-square with 6 degrees of freedom at p=0.001 is 22.5, got " + chi2);
    assertThrows(IllegalArgumentException.class, () -> Tensor.randint(g, 5, 5, 3));
  }

  @Test
  void bernoulliAndMultinomialFrequenciesMatchTheProbabilities() {
    Generator g = new Generator(5);
    Tensor p = Tensor.full(new int[] {100_000}, 0.3, DType.FLOAT64);
    assertEquals(0.3, Tensor.bernoulli(g, p).mean().item(), 5 * Math.sqrt(0.21 / 100_000));
    Tensor probs = Tensor.of(0.1, 0.0, 0.6, 0.3);
    long[] draws = Tensor.multinomial(g, probs, 50_000, true).toLongArray();
    int[] counts = new int[4];
    for (long d : draws) counts[(int) d]++;
    assertEquals(0, counts[1], "a zero-probability category is never drawn");
    assertEquals(0.6, counts[2] / 50_000.0, 0.011);
    assertEquals(0.1, counts[0] / 50_000.0, 0.007);
    long[] without = Tensor.multinomial(g, Tensor.of(new double[][] {{1, 1, 1, 0}, {0, 5, 1, 1}}), 3, false).toLongArray();
    assertEquals(3, java.util.Arrays.stream(without, 0, 3).distinct().count());
    assertTrue(java.util.Arrays.stream(without, 0, 3).noneMatch(x -> x == 3));
    assertThrows(IllegalArgumentException.class, () -> Tensor.multinomial(g, Tensor.of(1.0, 0.0), 2, false));
    assertThrows(IllegalArgumentException.class, () -> Tensor.multinomial(g, Tensor.of(1.0, -0.5), 1, true));
  }

  @Test
  void categoricalSamplesFollowTheSoftmaxOfTheLogits() {
    Generator g = new Generator(8);
    Tensor logits = Tensor.of(new double[] {0.0, Math.log(3), Double.NEGATIVE_INFINITY}).reshape(1, 3).expand(40_000, 3);
    long[] draws = Tensor.categorical(g, logits).toLongArray();
    int[] counts = new int[3];
    for (long d : draws) counts[(int) d]++;
    assertEquals(0, counts[2], "a -inf logit is never drawn");
    assertEquals(0.75, counts[1] / 40_000.0, 0.011);
    assertThrows(IllegalArgumentException.class, () -> Tensor.categorical(g, Tensor.of(Double.NaN, 1.0)));
  }

  @Test
  void withoutReplacementTheFirstDrawFollowsTheProbabilities() {
    Generator g = new Generator(6);
    Tensor probs = Tensor.of(new double[] {0.5, 0.25, 0.25}).reshape(1, 3).expand(20_000, 3);
    long[] first = Tensor.multinomial(g, probs, 2, false).select(1, 0).toLongArray();
    long zeros = java.util.Arrays.stream(first).filter(x -> x == 0).count();
    assertEquals(0.5, zeros / 20_000.0, 0.02);
  }
}
