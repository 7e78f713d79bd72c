package io.frontier.tensor.cpu.gemm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.cpu.Parallel;
import io.frontier.tensor.cpu.VectorSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every GEMM implementation against {@link NaiveGemm} in float64: awkward sizes around the
 * micro-tile and block edges, all four transpose combinations, offsets, padded leading
 * dimensions, accumulation, and 1 or 2 threads. Implementations are called directly, so the
 * scalar fallback is covered although this JVM has the Vector API.
 */
class GemmTest {
  private static final int[] SIZES = {0, 1, 2, 3, 5, 7, 15, 16, 17, 31, 33, 63, 65, 127, 129, 255, 257, 300};

  private int savedThreads;

  @BeforeEach
  void saveThreads() {
    savedThreads = Parallel.numThreads();
  }

  @AfterEach
  void restoreThreads() {
    Parallel.setNumThreads(savedThreads);
  }

  static List<GemmImplementation> implementations() {
    return GemmImplementation.all();
  }

  /**
   * A sparse grid over SIZES³: every size on the diagonal, plus four random partners for each m,
   * each with a random layout. Products over 2^22 multiply-adds are skipped to keep the run short;
   * the largest sizes are exercised by {@link #largeProduct}.
   */
  static List<int[]> sparseGrid() {
    Random rnd = new Random(42);
    List<int[]> shapes = new ArrayList<>();
    for (int s : SIZES) shapes.add(new int[] {s, s, s});
    for (int m : SIZES) {
      for (int t = 0; t < 4; t++) shapes.add(new int[] {m, SIZES[rnd.nextInt(SIZES.length)], SIZES[rnd.nextInt(SIZES.length)]});
    }
    shapes.removeIf(s -> (long) s[0] * s[1] * s[2] > (1L << 22));
    return shapes;
  }

  @ParameterizedTest
  @MethodSource("implementations")
  void float32SparseSizeGrid(GemmImplementation impl) {
    Random rnd = new Random(7);
    for (int[] s : sparseGrid()) {
      GemmCase t = new GemmCase(s[0], s[1], s[2], GemmCase.Layout.random(rnd), true, rnd.nextLong());
      impl.check32(t, false);
    }
  }

  @ParameterizedTest
  @MethodSource("implementations")
  void float64SparseSizeGrid(GemmImplementation impl) {
    Random rnd = new Random(8);
    for (int[] s : sparseGrid()) {
      GemmCase t = new GemmCase(s[0], s[1], s[2], GemmCase.Layout.random(rnd), false, rnd.nextLong());
      impl.check64(t, false);
    }
  }

  /** All transpose combinations, with and without accumulation, offsets and padded strides. */
  @ParameterizedTest
  @MethodSource("implementations")
  void transposesOffsetsAndAccumulate(GemmImplementation impl) {
    GemmCase.Layout padded = new GemmCase.Layout(false, false, 3, 1, 2, 2, 1, 5, false);
    int[][] shapes = {{65, 33, 129}, {17, 300, 31}, {129, 7, 257}};
    long seed = 11;
    for (int[] s : shapes) {
      for (int tr = 0; tr < 4; tr++) {
        for (boolean acc : new boolean[] {false, true}) {
          GemmCase.Layout layout = padded.withTranspose((tr & 1) != 0, (tr & 2) != 0).withAccumulate(acc);
          impl.check32(new GemmCase(s[0], s[1], s[2], layout, true, seed++), false);
          impl.check64(new GemmCase(s[0], s[1], s[2], layout, false, seed++), false);
        }
      }
    }
  }

  /**
   * Shapes big enough for every kernel to split (over 6·10⁶ multiply-adds per thread on two
   * threads), cutting C by rows, by columns (n > 4m), and, for 2049×7, cutting Cᵀ; all with ragged
   * edges. Built once: their references are the slow part.
   */
  private static List<GemmCase> parallelCases;

  private static synchronized List<GemmCase> parallelCases() {
    if (parallelCases == null) {
      int[][] shapes = {{257, 513, 129}, {1025, 97, 129}, {65, 1537, 129}, {33, 2049, 257}, {2049, 7, 1025}};
      Random rnd = new Random(13);
      parallelCases = new ArrayList<>();
      for (int[] s : shapes) {
        GemmCase.Layout layout = GemmCase.Layout.random(rnd);
        parallelCases.add(new GemmCase(s[0], s[1], s[2], layout, true, rnd.nextLong()));
        parallelCases.add(new GemmCase(s[0], s[1], s[2], layout, false, rnd.nextLong()));
      }
    }
    return parallelCases;
  }

  @ParameterizedTest
  @MethodSource("implementations")
  void parallelOneAndTwoThreads(GemmImplementation impl) {
    for (int threads = 1; threads <= 2; threads++) {
      Parallel.setNumThreads(threads);
      for (GemmCase t : parallelCases()) {
        if (t.float32) impl.check32(t, true);
        else impl.check64(t, true);
      }
    }
  }

  /** Crosses the KC, MC and NR block boundaries in every dimension, on two threads. */
  @ParameterizedTest
  @MethodSource("implementations")
  void largeProduct(GemmImplementation impl) {
    Parallel.setNumThreads(2);
    impl.check32(new GemmCase(513, 1025, 257, GemmCase.Layout.ROW_MAJOR, true, 21), true);
    impl.check64(new GemmCase(257, 513, 1025,
        GemmCase.Layout.ROW_MAJOR.withTranspose(true, true).withAccumulate(true), false, 22), true);
  }

  @ParameterizedTest
  @MethodSource("implementations")
  void emptyInnerDimensionZeroesOrKeepsC(GemmImplementation impl) {
    float[] c = {1, 2, 3, 4, 5, 6, 7};
    impl.sgemm().run(2, 3, 0, new float[0], 0, 0, 1, new float[0], 0, 3, 1, c, 1, 3, true, false);
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7}, c);
    impl.sgemm().run(2, 3, 0, new float[0], 0, 0, 1, new float[0], 0, 3, 1, c, 1, 3, false, false);
    assertArrayEquals(new float[] {1, 0, 0, 0, 0, 0, 0}, c);
    double[] d = {1, 2, 3, 4, 5};
    impl.dgemm().run(2, 2, 0, new double[0], 0, 0, 1, new double[0], 0, 2, 1, d, 0, 2, false, false);
    assertArrayEquals(new double[] {0, 0, 0, 0, 5}, d);
  }

  /** Stride 0 broadcasts a row or column; the result must match a materialised copy. */
  @ParameterizedTest
  @MethodSource("implementations")
  void zeroStridesBroadcast(GemmImplementation impl) {
    int m = 37;
    int n = 70;
    int k = 45;
    Random rnd = new Random(5);
    float[] row = new float[k];
    float[] b = new float[k * n];
    for (int i = 0; i < k; i++) row[i] = rnd.nextFloat() - 0.5f;
    for (int i = 0; i < b.length; i++) b[i] = rnd.nextFloat() - 0.5f;
    float[] aFull = new float[m * k];
    for (int i = 0; i < m; i++) System.arraycopy(row, 0, aFull, i * k, k);
    float[] expected = new float[m * n];
    NaiveGemm.sgemm(m, n, k, aFull, 0, k, 1, b, 0, n, 1, expected, 0, n, false);
    float[] c = new float[m * n];
    impl.sgemm().run(m, n, k, row, 0, 0, 1, b, 0, n, 1, c, 0, n, false, false);
    for (int i = 0; i < c.length; i++) assertEquals(expected[i], c[i], 1e-5f, "C[" + i + "]");
  }

  @Test
  void dispatchesToTheVectorKernelsWhenAvailable() {
    assertEquals(VectorSupport.available() ? "vector" : "scalar", Gemm.implementation());
  }

  @Test
  void rejectsBadArgumentsWithANamedProblem() {
    float[] a = new float[6];
    float[] b = new float[6];
    float[] c = new float[4];
    assertMessage(IllegalArgumentException.class, "m, n, k >= 0",
        () -> Gemm.sgemm(-1, 2, 3, a, 0, 3, 1, b, 0, 2, 1, c, 0, 2, false, false));
    assertMessage(NullPointerException.class, "array b is null",
        () -> Gemm.sgemm(2, 2, 3, a, 0, 3, 1, null, 0, 2, 1, c, 0, 2, false, false));
    assertMessage(IndexOutOfBoundsException.class, "A is 2x3",
        () -> Gemm.sgemm(2, 2, 3, a, 1, 3, 1, b, 0, 2, 1, c, 0, 2, false, false));
    assertMessage(IndexOutOfBoundsException.class, "C is 2x2",
        () -> Gemm.sgemm(2, 2, 3, a, 0, 3, 1, b, 0, 2, 1, c, 0, 3, false, false));
    assertMessage(IllegalArgumentException.class, "ldc=1 is less than n=2",
        () -> Gemm.sgemm(2, 2, 3, a, 0, 3, 1, b, 0, 2, 1, c, 0, 1, false, false));
    assertMessage(IllegalArgumentException.class, "B offset and strides must be >= 0",
        () -> Gemm.dgemm(2, 2, 3, new double[6], 0, 3, 1, new double[6], 0, -2, 1, new double[4], 0, 2, false, false));
  }

  private static void assertMessage(Class<? extends Throwable> type, String fragment, Runnable call) {
    Throwable e = assertThrows(type, call::run);
    assertTrue(e.getMessage().contains(fragment), () -> "message '" + e.getMessage() + "' lacks '" + fragment + "'");
  }
}
