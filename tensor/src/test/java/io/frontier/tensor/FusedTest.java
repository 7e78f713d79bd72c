package io.frontier.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fused ops on the CPU backend against naive float64 formulas written here, and their
 * backward passes against central finite differences in float64.
 */
class FusedTest {
  private static final DType[] FLOATS = {DType.FLOAT32, DType.FLOAT64};

  // ---------------------------------------------------------------- naive references (float64)

  /** Rows of x normalised: {out, mean, rstd} as flat arrays; mean null for RMS norm. */
  private static double[][] naiveNorm(double[] x, int n, double[] w, double[] b, double eps, boolean centred) {
    int rows = x.length / n;
    double[] out = new double[x.length];
    double[] mean = new double[rows];
    double[] rstd = new double[rows];
    for (int r = 0; r < rows; r++) {
      double mu = 0;
      if (centred) {
        for (int i = 0; i < n; i++) mu += x[r * n + i];
        mu /= n;
      }
      double var = 0;
      for (int i = 0; i < n; i++) var += Math.pow(x[r * n + i] - mu, 2);
      var /= n;
      mean[r] = mu;
      rstd[r] = 1 / Math.sqrt(var + eps);
      for (int i = 0; i < n; i++) {
        out[r * n + i] = (x[r * n + i] - mu) * rstd[r] * (w == null ? 1 : w[i]) + (b == null ? 0 : b[i]);
      }
    }
    return new double[][] {out, centred ? mean : null, rstd};
  }

  /** {losses, lse}. */
  private static double[][] naiveCrossEntropy(double[] z, int c, long[] t, long ignore, double eps) {
    int rows = t.length;
    double[] loss = new double[rows];
    double[] lse = new double[rows];
    for (int r = 0; r < rows; r++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < c; j++) max = Math.max(max, z[r * c + j]);
      double s = 0;
      double mean = 0;
      for (int j = 0; j < c; j++) {
        s += Math.exp(z[r * c + j] - max);
        mean += z[r * c + j] / c;
      }
      lse[r] = max + Math.log(s);
      if (t[r] == ignore) continue;
      // -sum_j q_j log p_j with q = (1 - eps) onehot + eps / C
      double l = 0;
      for (int j = 0; j < c; j++) {
        double q = (j == t[r] ? 1 - eps : 0) + eps / c;
        l -= q * (z[r * c + j] - lse[r]);
      }
      loss[r] = l;
    }
    return new double[][] {loss, lse};
  }

  // ---------------------------------------------------------------- helpers

  private static double[] randomArray(Generator g, double lo, double hi, int n) {
    return Tensor.rand(g, DType.FLOAT64, n).mul(hi - lo).add(lo).toDoubleArray();
  }

  private static Tensor tensor(double[] v, DType dt, int... shape) {
    return Tensor.fromArray(v.clone(), shape).to(dt);
  }

  private static double[] values(Tensor t) {
    return t.to(DType.FLOAT64).contiguous().toDoubleArray();
  }

  private static void assertClose(String what, double[] expected, Tensor actual, double rtol, double atol) {
    double[] a = values(actual);
    assertEquals(expected.length, a.length, what + ": length");
    for (int i = 0; i < a.length; i++) {
      if (!(Math.abs(a[i] - expected[i]) <= atol + rtol * Math.abs(expected[i]))) {
        fail(what + ": element " + i + " is " + a[i] + ", expected " + expected[i]);
      }
    }
  }

  private static double rtol(DType dt) {
    return dt == DType.FLOAT32 ? 2e-6 : 1e-12;
  }

  private static double atol(DType dt) {
    return dt == DType.FLOAT32 ? 2e-6 : 1e-12;
  }

  /** Central differences of a scalar function of a float64 array. */
  private static double[] numericGradient(Function<double[], Double> f, double[] at) {
    double h = 1e-6;
    double[] grad = new double[at.length];
    for (int i = 0; i < at.length; i++) {
      double[] p = at.clone();
      double[] m = at.clone();
      p[i] += h;
      m[i] -= h;
      grad[i] = (f.apply(p) - f.apply(m)) / (2 * h);
    }
    return grad;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }

  // ---------------------------------------------------------------- layer norm and RMS norm

  @Test
  @Tag("kernels") // also on the scalar path (tensor/pom.xml)
  void normsMatchTheFormulas() {
    Generator g = new Generator(1);
    for (DType dt : FLOATS) {
      for (int[] shape : new int[][] {{1, 1}, {1, 7}, {3, 7}, {2, 3, 5}, {5, 768}, {4, 1023}, {2, 4097}, {9}}) {
        int n = shape[shape.length - 1];
        int numel = Arrays.stream(shape).reduce(1, (p, q) -> p * q);
        double[] x = randomArray(g, -3, 5, numel);
        double[] w = randomArray(g, 0.5, 1.5, n);
        double[] b = randomArray(g, -1, 1, n);
        for (int mask = 0; mask < 4; mask++) {
          double[] wv = (mask & 1) != 0 ? w : null;
          double[] bv = (mask & 2) != 0 ? b : null;
          String what = dt + " " + Arrays.toString(shape) + " weight " + (wv != null) + " bias " + (bv != null);
          double[][] e = naiveNorm(x, n, wv, bv, 1e-5, true);
          Fused.LayerNorm ln = Fused.layerNorm(tensor(x, dt, shape), wv == null ? null : tensor(wv, dt, n),
              bv == null ? null : tensor(bv, dt, n), 1e-5);
          assertEquals(Arrays.toString(shape), Arrays.toString(ln.out().shape()));
          assertEquals(numel / n, ln.mean().size(0));
          assertClose("layerNorm " + what, e[0], ln.out(), rtol(dt), atol(dt));
          assertClose("layerNorm mean " + what, e[1], ln.mean(), rtol(dt), atol(dt));
          assertClose("layerNorm rstd " + what, e[2], ln.rstd(), rtol(dt), atol(dt));
          if (bv == null) {
            double[][] er = naiveNorm(x, n, wv, null, 1e-6, false);
            Fused.RmsNorm rn = Fused.rmsNorm(tensor(x, dt, shape), wv == null ? null : tensor(wv, dt, n), 1e-6);
            assertClose("rmsNorm " + what, er[0], rn.out(), rtol(dt), atol(dt));
            assertClose("rmsNorm rstd " + what, er[2], rn.rstd(), rtol(dt), atol(dt));
          }
        }
      }
    }
  }

  @Test
  void constantRowsNormaliseToTheBias() {
    Fused.LayerNorm ln = Fused.layerNorm(Tensor.full(new int[] {2, 6}, 3.5, DType.FLOAT64), null, Tensor.of(1.0, 2, 3, 4, 5, 6), 1e-5);
    assertClose("constant rows", new double[] {1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6}, ln.out(), 0, 1e-12);
    assertClose("rstd", new double[] {1 / Math.sqrt(1e-5), 1 / Math.sqrt(1e-5)}, ln.rstd(), 1e-12, 0);
  }

  @Test
  void layerNormBackwardMatchesFiniteDifferences() {
    Generator g = new Generator(2);
    for (int[] shape : new int[][] {{1, 1}, {3, 7}, {2, 2, 5}}) {
      int n = shape[shape.length - 1];
      int numel = x(shape);
      double[] x = randomArray(g, -2, 2, numel);
      double[] w = randomArray(g, 0.5, 1.5, n);
      double[] b = randomArray(g, -1, 1, n);
      double[] dy = randomArray(g, -1, 1, numel);
      for (boolean withWeight : new boolean[] {false, true}) {
        double[] wv = withWeight ? w : null;
        double eps = 1e-3;
        Fused.LayerNorm ln = Fused.layerNorm(tensor(x, DType.FLOAT64, shape), withWeight ? tensor(w, DType.FLOAT64, n) : null,
            tensor(b, DType.FLOAT64, n), eps);
        Fused.NormGrads grads = Fused.layerNormBackward(tensor(dy, DType.FLOAT64, shape), tensor(x, DType.FLOAT64, shape),
            withWeight ? tensor(w, DType.FLOAT64, n) : null, ln.mean(), ln.rstd(), true);
        String what = "layerNormBackward " + Arrays.toString(shape) + " weight " + withWeight;
        assertClose(what + " gradX", numericGradient(v -> dot(naiveNorm(v, n, wv, b, eps, true)[0], dy), x), grads.gradX(), 1e-6, 1e-7);
        assertClose(what + " gradBias", numericGradient(v -> dot(naiveNorm(x, n, wv, v, eps, true)[0], dy), b), grads.gradBias(), 1e-6,
            1e-7);
        if (withWeight) {
          assertClose(what + " gradWeight", numericGradient(v -> dot(naiveNorm(x, n, v, b, eps, true)[0], dy), w), grads.gradWeight(), 1e-6,
              1e-7);
        } else {
          assertNull(grads.gradWeight());
        }
        Fused.NormGrads noBias = Fused.layerNormBackward(tensor(dy, DType.FLOAT64, shape), tensor(x, DType.FLOAT64, shape),
            withWeight ? tensor(w, DType.FLOAT64, n) : null, ln.mean(), ln.rstd(), false);
        assertNull(noBias.gradBias());
        assertClose(what + " gradX without bias grad", values(grads.gradX()), noBias.gradX(), 0, 0);
      }
    }
  }

  @Test
  void rmsNormBackwardMatchesFiniteDifferences() {
    Generator g = new Generator(3);
    for (int[] shape : new int[][] {{1, 1}, {3, 7}, {2, 2, 5}}) {
      int n = shape[shape.length - 1];
      int numel = x(shape);
      double[] x = randomArray(g, -2, 2, numel);
      double[] w = randomArray(g, 0.5, 1.5, n);
      double[] dy = randomArray(g, -1, 1, numel);
      for (boolean withWeight : new boolean[] {false, true}) {
        double[] wv = withWeight ? w : null;
        double eps = 1e-3;
        Tensor wt = withWeight ? tensor(w, DType.FLOAT64, n) : null;
        Fused.RmsNorm rn = Fused.rmsNorm(tensor(x, DType.FLOAT64, shape), wt, eps);
        Fused.NormGrads grads = Fused.rmsNormBackward(tensor(dy, DType.FLOAT64, shape), tensor(x, DType.FLOAT64, shape), wt, rn.rstd());
        String what = "rmsNormBackward " + Arrays.toString(shape) + " weight " + withWeight;
        assertClose(what + " gradX", numericGradient(v -> dot(naiveNorm(v, n, wv, null, eps, false)[0], dy), x), grads.gradX(), 1e-6, 1e-7);
        assertNull(grads.gradBias());
        if (withWeight) {
          assertClose(what + " gradWeight", numericGradient(v -> dot(naiveNorm(x, n, v, null, eps, false)[0], dy), w), grads.gradWeight(),
              1e-6, 1e-7);
        }
      }
    }
  }

  @Test
  @Tag("kernels") // also on the scalar path (tensor/pom.xml)
  void float32BackwardsFollowFloat64() {
    Generator g = new Generator(4);
    int rows = 37;
    int n = 1023;
    Tensor x = Tensor.randn(g, DType.FLOAT64, rows, n);
    Tensor w = Tensor.rand(g, DType.FLOAT64, n).add(0.5);
    Tensor dy = Tensor.randn(g, DType.FLOAT64, rows, n);
    Fused.LayerNorm ln64 = Fused.layerNorm(x, w, null, 1e-5);
    Fused.NormGrads e = Fused.layerNormBackward(dy, x, w, ln64.mean(), ln64.rstd(), true);
    Tensor x32 = x.to(DType.FLOAT32);
    Tensor w32 = w.to(DType.FLOAT32);
    Tensor dy32 = dy.to(DType.FLOAT32);
    Fused.LayerNorm ln32 = Fused.layerNorm(x32, w32, null, 1e-5);
    Fused.NormGrads a = Fused.layerNormBackward(dy32, x32, w32, ln32.mean(), ln32.rstd(), true);
    assertClose("float32 gradX", values(e.gradX()), a.gradX(), 1e-4, 1e-5);
    assertClose("float32 gradWeight", values(e.gradWeight()), a.gradWeight(), 1e-4, 1e-4);
    assertClose("float32 gradBias", values(e.gradBias()), a.gradBias(), 1e-5, 1e-4);
    Fused.RmsNorm rn64 = Fused.rmsNorm(x, w, 1e-5);
    Fused.NormGrads er = Fused.rmsNormBackward(dy, x, w, rn64.rstd());
    Fused.RmsNorm rn32 = Fused.rmsNorm(x32, w32, 1e-5);
    Fused.NormGrads ar = Fused.rmsNormBackward(dy32, x32, w32, rn32.rstd());
    assertClose("float32 rms gradX", values(er.gradX()), ar.gradX(), 1e-4, 1e-5);
    assertClose("float32 rms gradWeight", values(er.gradWeight()), ar.gradWeight(), 1e-4, 1e-4);
  }

  @Test
  void weightGradientsDoNotDependOnTheThreadCount() {
    Generator g = new Generator(5);
    Tensor x = Tensor.randn(g, DType.FLOAT32, 300, 700);
    Tensor dy = Tensor.randn(g, DType.FLOAT32, 300, 700);
    Tensor w = Tensor.rand(g, DType.FLOAT32, 700);
    Fused.LayerNorm ln = Fused.layerNorm(x, w, null, 1e-5);
    int before = io.frontier.tensor.cpu.Parallel.numThreads();
    try {
      io.frontier.tensor.cpu.Parallel.setNumThreads(1);
      Fused.NormGrads one = Fused.layerNormBackward(dy, x, w, ln.mean(), ln.rstd(), true);
      io.frontier.tensor.cpu.Parallel.setNumThreads(Math.max(2, before));
      Fused.NormGrads many = Fused.layerNormBackward(dy, x, w, ln.mean(), ln.rstd(), true);
      assertClose("gradWeight", values(one.gradWeight()), many.gradWeight(), 0, 0);
      assertClose("gradBias", values(one.gradBias()), many.gradBias(), 0, 0);
      assertClose("gradX", values(one.gradX()), many.gradX(), 0, 0);
    } finally {
      io.frontier.tensor.cpu.Parallel.setNumThreads(before);
    }
  }

  @Test
  void normsOfNoRowsAndBadArguments() {
    Fused.LayerNorm ln = Fused.layerNorm(Tensor.zeros(0, 5), Tensor.ones(5), null, 1e-5);
    assertEquals(0, ln.out().numel());
    assertEquals(0, ln.mean().numel());
    Fused.NormGrads grads = Fused.layerNormBackward(Tensor.zeros(0, 5), Tensor.zeros(0, 5), Tensor.ones(5), ln.mean(), ln.rstd(), true);
    assertClose("gradWeight of no rows", new double[5], grads.gradWeight(), 0, 0);
    assertClose("gradBias of no rows", new double[5], grads.gradBias(), 0, 0);
    assertMessage(IllegalArgumentException.class, "(4,)", () -> Fused.layerNorm(Tensor.zeros(3, 5), Tensor.ones(4), null, 1e-5));
    assertMessage(IllegalArgumentException.class, "float64", () -> Fused.layerNorm(Tensor.zeros(3, 5), Tensor.ones(DType.FLOAT64, 5), null, 1e-5));
    assertMessage(IllegalArgumentException.class, "int64", () -> Fused.rmsNorm(Tensor.zeros(DType.INT64, 3, 5), null, 1e-5));
    assertMessage(IllegalArgumentException.class, "scalar", () -> Fused.rmsNorm(Tensor.scalar(1.0, DType.FLOAT32), null, 1e-5));
    assertMessage(IllegalArgumentException.class, "eps", () -> Fused.layerNorm(Tensor.zeros(3, 5), null, null, -1));
    assertMessage(IllegalArgumentException.class, "empty", () -> Fused.layerNorm(Tensor.zeros(3, 0), null, null, 1e-5));
    assertMessage(IllegalArgumentException.class, "gradOut has shape (3, 4)",
        () -> Fused.rmsNormBackward(Tensor.zeros(3, 4), Tensor.zeros(3, 5), null, Tensor.ones(3)));
    assertMessage(IllegalArgumentException.class, "rstd has shape (2,)",
        () -> Fused.rmsNormBackward(Tensor.zeros(3, 5), Tensor.zeros(3, 5), null, Tensor.ones(2)));
  }

  @Test
  void normsOfNonContiguousInputs() {
    Generator g = new Generator(6);
    Tensor x = Tensor.randn(g, DType.FLOAT64, 9, 6);
    Tensor xt = x.t();
    Fused.LayerNorm a = Fused.layerNorm(xt, null, null, 1e-5);
    Fused.LayerNorm e = Fused.layerNorm(xt.contiguous(), null, null, 1e-5);
    assertClose("transposed input", values(e.out()), a.out(), 0, 0);
  }

  // ---------------------------------------------------------------- cross-entropy

  @Test
  @Tag("kernels") // also on the scalar path (tensor/pom.xml)
  void crossEntropyMatchesTheFormula() {
    Generator g = new Generator(7);
    for (DType dt : FLOATS) {
      for (int[] nc : new int[][] {{1, 1}, {1, 7}, {5, 3}, {13, 1023}, {3, 4097}, {2, 50257}}) {
        int rows = nc[0];
        int c = nc[1];
        double[] z = randomArray(g, -8, 8, rows * c);
        long[] t = new long[rows];
        for (int r = 0; r < rows; r++) t[r] = (r * 7919L) % c;
        if (rows > 2) t[1] = -100;
        for (double eps : new double[] {0, 0.1, 1}) {
          String what = dt + " " + rows + "x" + c + " smoothing " + eps;
          double[][] e = naiveCrossEntropy(z, c, t, -100, eps);
          Fused.CrossEntropy ce = Fused.crossEntropy(tensor(z, dt, rows, c), Tensor.of(t), -100, eps);
          double tol = dt == DType.FLOAT32 ? 2e-6 : 1e-12;
          assertClose("crossEntropy " + what, e[0], ce.losses(), tol, tol);
          assertClose("logSumExp " + what, e[1], ce.logSumExp(), tol, tol);
        }
      }
    }
  }

  @Test
  void crossEntropyBackwardMatchesFiniteDifferences() {
    Generator g = new Generator(8);
    int rows = 4;
    int c = 5;
    double[] z = randomArray(g, -3, 3, rows * c);
    double[] gl = randomArray(g, -1, 1, rows);
    long[] t = {2, -1, 0, 4};
    for (double eps : new double[] {0, 0.2}) {
      Fused.CrossEntropy ce = Fused.crossEntropy(tensor(z, DType.FLOAT64, rows, c), Tensor.of(t), -1, eps);
      Tensor grad = Fused.crossEntropyBackward(tensor(gl, DType.FLOAT64, rows), tensor(z, DType.FLOAT64, rows, c), Tensor.of(t), -1, eps,
          ce.logSumExp());
      double[] expected = numericGradient(v -> dot(naiveCrossEntropy(v, c, t, -1, eps)[0], gl), z);
      assertClose("crossEntropyBackward smoothing " + eps, expected, grad, 1e-6, 1e-8);
      double[] gv = values(grad);
      for (int j = 0; j < c; j++) assertEquals(0.0, gv[c + j], "ignored row");
    }
    Tensor z32 = Tensor.randn(g, DType.FLOAT32, 6, 1023);
    Tensor t32 = Tensor.of(1L, 1022, 0, -100, 5, 7);
    Fused.CrossEntropy c32 = Fused.crossEntropy(z32, t32, -100, 0.1);
    Fused.CrossEntropy c64 = Fused.crossEntropy(z32.to(DType.FLOAT64), t32, -100, 0.1);
    Tensor g32 = Tensor.rand(g, DType.FLOAT32, 6);
    assertClose("float32 crossEntropyBackward", values(Fused.crossEntropyBackward(g32.to(DType.FLOAT64), z32.to(DType.FLOAT64), t32, -100, 0.1,
        c64.logSumExp())), Fused.crossEntropyBackward(g32, z32, t32, -100, 0.1, c32.logSumExp()), 1e-5, 1e-9);
  }

  @Test
  void crossEntropyGradientRowsStartAtWhole16Bytes() {
    Generator g = new Generator(9);
    // {dtype, C, row stride}: float32 rows pad to 4 elements, float64 rows to 2
    int[][] cases = {{0, 1023, 1024}, {0, 1024, 1024}, {0, 5, 8}, {1, 5, 6}, {1, 6, 6}};
    for (int[] k : cases) {
      DType dt = k[0] == 0 ? DType.FLOAT32 : DType.FLOAT64;
      int c = k[1];
      Tensor z = Tensor.randn(g, dt, 3, c);
      Tensor t = Tensor.of(0L, c - 1, 1);
      Fused.CrossEntropy ce = Fused.crossEntropy(z, t, -100, 0.1);
      Tensor gl = Tensor.rand(g, dt, 3);
      Tensor grad = Fused.crossEntropyBackward(gl, z, t, -100, 0.1, ce.logSumExp());
      assertEquals(k[2], grad.stride(0), dt + " C " + c);
      assertEquals(1, grad.stride(1));
      assertArrayEquals(new int[] {3, c}, grad.shape());
      // the values are those of the formula, row by row
      double[] zv = values(z.to(DType.FLOAT64)), lse = values(ce.logSumExp().to(DType.FLOAT64)), gv = values(gl.to(DType.FLOAT64));
      double[] got = values(grad.to(DType.FLOAT64));
      for (int r = 0; r < 3; r++) {
        for (int j = 0; j < c; j++) {
          double want = gv[r] * (Math.exp(zv[r * c + j] - lse[r]) - 0.1 / c - (j == t.toLongArray()[r] ? 0.9 : 0));
          assertEquals(want, got[r * c + j], 1e-5 * Math.max(1, Math.abs(want)), dt + " (" + r + ", " + j + ")");
        }
      }
    }
    // one row: nothing to align between rows
    Tensor one = Tensor.randn(g, DType.FLOAT32, 1, 5);
    Fused.CrossEntropy ce = Fused.crossEntropy(one, Tensor.of(2L), -100, 0);
    assertTrue(Fused.crossEntropyBackward(Tensor.ones(1), one, Tensor.of(2L), -100, 0, ce.logSumExp()).isContiguous());
  }

  @Test
  void crossEntropyBadTargetsAndArguments() {
    Tensor z = Tensor.zeros(4, 3);
    assertMessage(IndexOutOfBoundsException.class, "row 2", () -> Fused.crossEntropy(z, Tensor.of(0L, 1, 3, 0), -100, 0));
    assertMessage(IndexOutOfBoundsException.class, "row 0", () -> Fused.crossEntropy(z, Tensor.of(-1L, 1, 2, 0), -100, 0));
    assertMessage(IndexOutOfBoundsException.class, "row 3",
        () -> Fused.crossEntropyBackward(Tensor.ones(4), z, Tensor.of(0L, 1, 2, 7), -100, 0, Tensor.zeros(4)));
    assertEquals(0.0, Fused.crossEntropy(z, Tensor.of(0L, 1, 2, 5), 5, 0).losses().toDoubleArray()[3]);
    assertMessage(IllegalArgumentException.class, "int64", () -> Fused.crossEntropy(z, Tensor.of(0f, 1, 2, 0), -100, 0));
    assertMessage(IllegalArgumentException.class, "(N, C)", () -> Fused.crossEntropy(Tensor.zeros(12), Tensor.of(0L), -100, 0));
    assertMessage(IllegalArgumentException.class, "expected (4,)", () -> Fused.crossEntropy(z, Tensor.of(0L, 1), -100, 0));
    assertMessage(IllegalArgumentException.class, "labelSmoothing", () -> Fused.crossEntropy(z, Tensor.of(0L, 1, 2, 0), -100, 1.5));
    assertMessage(IllegalArgumentException.class, "logSumExp has shape (3,)",
        () -> Fused.crossEntropyBackward(Tensor.ones(4), z, Tensor.of(0L, 1, 2, 0), -100, 0, Tensor.zeros(3)));
    assertEquals(0, Fused.crossEntropy(Tensor.zeros(0, 3), Tensor.zeros(DType.INT64, 0), -100, 0).losses().numel());
  }

  // ---------------------------------------------------------------- AdamW

  @Test
  @Tag("kernels") // also on the scalar path (tensor/pom.xml)
  void adamwFollowsTorchOverSeveralSteps() {
    checkAdamSteps(true, new Generator(9));
  }

  /** The same with torch.optim.Adam's weight decay: an L2 term on the gradient, no decoupled decay. */
  @Test
  @Tag("kernels") // also on the scalar path (tensor/pom.xml)
  void adamFollowsTorchOverSeveralSteps() {
    checkAdamSteps(false, new Generator(14));
  }

  /**
   * Three steps of torch.optim.AdamW ({@code decoupled}) or Adam written out per element in
   * float64, against Fused.adamwStep_ / adamStep_ over sizes that take the vector path and its tail.
   */
  private static void checkAdamSteps(boolean decoupled, Generator g) {
    for (DType dt : FLOATS) {
      for (int n : new int[] {1, 7, 1000, 70_001}) {
        for (boolean maximize : new boolean[] {false, true}) {
          double[] p = randomArray(g, -1, 1, n);
          double[] m = new double[n];
          double[] v = new double[n];
          Tensor pt = tensor(p, dt, n);
          Tensor mt = Tensor.zeros(dt, n);
          Tensor vt = Tensor.zeros(dt, n);
          double lr = 1e-2, b1 = 0.9, b2 = 0.99, eps = 1e-8, wd = 0.1;
          for (int step = 1; step <= 3; step++) {
            double[] grad = randomArray(g, -1, 1, n);
            for (int i = 0; i < n; i++) {
              double gi = maximize ? -grad[i] : grad[i];
              if (decoupled) p[i] -= lr * wd * p[i];
              else gi += wd * p[i];
              m[i] = b1 * m[i] + (1 - b1) * gi;
              v[i] = b2 * v[i] + (1 - b2) * gi * gi;
              p[i] -= lr * (m[i] / (1 - Math.pow(b1, step))) / (Math.sqrt(v[i] / (1 - Math.pow(b2, step))) + eps);
            }
            int pv = pt.storage().version();
            if (decoupled) Fused.adamwStep_(pt, tensor(grad, dt, n), mt, vt, lr, b1, b2, eps, wd, step, maximize);
            else Fused.adamStep_(pt, tensor(grad, dt, n), mt, vt, lr, b1, b2, eps, wd, step, maximize);
            assertTrue(pt.storage().version() > pv, "param version bumped");
          }
          String what = (decoupled ? "adamw " : "adam ") + dt + " n " + n + " maximize " + maximize;
          double tol = dt == DType.FLOAT32 ? 1e-5 : 1e-12;
          assertClose(what + " param", p, pt, tol, tol);
          assertClose(what + " exp_avg", m, mt, tol, tol);
          assertClose(what + " exp_avg_sq", v, vt, tol, tol);
        }
      }
    }
  }

  /** The weight decay of a zero-decay step with an infinite parameter must not become 0 x inf = NaN. */
  @Test
  void adamWithoutWeightDecayLeavesInfiniteParametersAlone() {
    Tensor p = Tensor.fromArray(new double[] {Double.POSITIVE_INFINITY, 1}, 2).to(DType.FLOAT32);
    Fused.adamStep_(p, Tensor.ones(2), Tensor.zeros(2), Tensor.zeros(2), 1e-3, 0.9, 0.999, 1e-8, 0, 1, false);
    assertEquals(Double.POSITIVE_INFINITY, p.toDoubleArray()[0]);
  }

  @Test
  void adamBadArguments() {
    Tensor p = Tensor.zeros(4);
    assertMessage(IllegalArgumentException.class, "adamStep_: expAvgSq has shape (3,)",
        () -> Fused.adamStep_(p, p.clone(), p.clone(), Tensor.zeros(3), 1e-3, 0.9, 0.999, 1e-8, 0, 1, false));
    assertMessage(IllegalArgumentException.class, "adamStep_: invalid weight decay",
        () -> Fused.adamStep_(p, p.clone(), p.clone(), p.clone(), 1e-3, 0.9, 0.999, 1e-8, -1, 1, false));
    assertMessage(IllegalArgumentException.class, "step counts from 1",
        () -> Fused.adamStep_(p, p.clone(), p.clone(), p.clone(), 1e-3, 0.9, 0.999, 1e-8, 0, 0, false));
  }

  @Test
  void adamwBadArguments() {
    Tensor p = Tensor.zeros(4);
    assertMessage(IllegalArgumentException.class, "grad has shape (5,)",
        () -> Fused.adamwStep_(p, Tensor.zeros(5), Tensor.zeros(4), Tensor.zeros(4), 1e-3, 0.9, 0.999, 1e-8, 0, 1));
    assertMessage(IllegalArgumentException.class, "expAvgSq is float64",
        () -> Fused.adamwStep_(p, Tensor.zeros(4), Tensor.zeros(4), Tensor.zeros(DType.FLOAT64, 4), 1e-3, 0.9, 0.999, 1e-8, 0, 1));
    assertMessage(IllegalArgumentException.class, "contiguous",
        () -> Fused.adamwStep_(Tensor.zeros(2, 2).t(), Tensor.zeros(2, 2), Tensor.zeros(2, 2), Tensor.zeros(2, 2), 1e-3, 0.9, 0.999, 1e-8,
            0, 1));
    assertMessage(IllegalArgumentException.class, "step", () -> Fused.adamwStep_(p, p.clone(), p.clone(), p.clone(), 1e-3, 0.9, 0.999, 1e-8, 0, 0));
    assertMessage(IllegalArgumentException.class, "beta2", () -> Fused.adamwStep_(p, p.clone(), p.clone(), p.clone(), 1e-3, 0.9, 1, 1e-8, 0, 1));
  }

  /** The list step equals one adamwStep_ per tensor bit for bit (the CPU backend steps them one by one), empty tensors included. */
  @Test
  void adamwStepAllEqualsTheSingleSteps() {
    Generator g = new Generator(77);
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      int[] sizes = {5, 0, 1023, 64, 3};
      java.util.List<Tensor> ps = new java.util.ArrayList<>(), gs = new java.util.ArrayList<>(), ms = new java.util.ArrayList<>(),
          vs = new java.util.ArrayList<>();
      Tensor[][] single = new Tensor[sizes.length][];
      for (int i = 0; i < sizes.length; i++) {
        Tensor p = Tensor.rand(g, dt, sizes[i]).sub(0.5), grad = Tensor.rand(g, dt, sizes[i]).sub(0.5);
        Tensor m = Tensor.rand(g, dt, sizes[i]).mul(0.1), v = Tensor.rand(g, dt, sizes[i]).mul(0.01);
        single[i] = new Tensor[] {p.clone(), grad, m.clone(), v.clone()};
        ps.add(p);
        gs.add(grad);
        ms.add(m);
        vs.add(v);
      }
      Fused.adamwStepAll_(ps, gs, ms, vs, 1e-2, 0.9, 0.99, 1e-8, 0.1, 3, false);
      for (int i = 0; i < sizes.length; i++) {
        Tensor[] t = single[i];
        Fused.adamwStep_(t[0], t[1], t[2], t[3], 1e-2, 0.9, 0.99, 1e-8, 0.1, 3, false);
        assertArrayEquals(t[0].toDoubleArray(), ps.get(i).toDoubleArray(), dt + " param " + i);
        assertArrayEquals(t[2].toDoubleArray(), ms.get(i).toDoubleArray(), dt + " exp_avg " + i);
        assertArrayEquals(t[3].toDoubleArray(), vs.get(i).toDoubleArray(), dt + " exp_avg_sq " + i);
      }
    }
  }

  /** zeroAll_ zeroes every listed tensor whatever its dtype or layout, leaves the rest of a view's storage alone, and bumps versions. */
  @Test
  void zeroAllZeroesEveryTensorAndOnlyThem() {
    Tensor base = Tensor.rand(new Generator(78), DType.FLOAT32, 6, 5).add(1);
    Tensor column = base.select(1, 2);  // a strided view: the other columns must survive
    Tensor f64 = Tensor.rand(new Generator(79), DType.FLOAT64, 7).add(1), i64 = Tensor.of(3L, 4L), flags = Tensor.of(1.0, 2.0).gt(0.0);
    int before = f64.storage().version();
    Fused.zeroAll_(java.util.Arrays.asList(column, f64, null, i64, flags, Tensor.zeros(0)));
    for (Tensor t : new Tensor[] {column, f64, i64, flags}) assertEquals(0.0, t.to(DType.FLOAT64).abs().sum().item(), t.dtype() + " zeroed");
    assertEquals(30 - 6, (int) base.ne(0.0).sum().item(), "only the column is zeroed");
    assertTrue(f64.storage().version() > before, "the version moves");
    assertMessage(IllegalArgumentException.class, "more than one element", () -> Fused.zeroAll_(java.util.List.of(Tensor.zeros(1).expand(3))));
  }

  @Test
  void adamwStepAllBadArgumentsNameTheTensor() {
    Tensor a = Tensor.zeros(4), b = Tensor.zeros(DType.FLOAT64, 3);
    java.util.List<Tensor> two = java.util.List.of(a, b);
    assertMessage(IllegalArgumentException.class, "lists of one length",
        () -> Fused.adamwStepAll_(two, java.util.List.of(a), two, two, 1e-3, 0.9, 0.999, 1e-8, 0, 1, false));
    assertMessage(IllegalArgumentException.class, "(tensor 1): param is float64, expected float32",
        () -> Fused.adamwStepAll_(two, java.util.List.of(Tensor.zeros(4), Tensor.zeros(DType.FLOAT64, 3)),
            java.util.List.of(Tensor.zeros(4), Tensor.zeros(DType.FLOAT64, 3)), java.util.List.of(Tensor.zeros(4), Tensor.zeros(DType.FLOAT64, 3)),
            1e-3, 0.9, 0.999, 1e-8, 0, 1, false));
    assertMessage(IllegalArgumentException.class, "(tensor 0): grad has shape (5,)",
        () -> Fused.adamwStepAll_(java.util.List.of(a), java.util.List.of(Tensor.zeros(5)), java.util.List.of(a.clone()),
            java.util.List.of(a.clone()), 1e-3, 0.9, 0.999, 1e-8, 0, 1, false));
  }

  // ---------------------------------------------------------------- Lion

  /**
   * lion-pytorch's update, written out per element: float64 in double arithmetic; float32 in float
   * arithmetic as the kernel (and PyTorch) computes it, since a double reference would flip the sign
   * of the odd element whose interpolation rounds to within a float ulp of zero.
   */
  @Test
  @Tag("kernels") // also on the scalar path (tensor/pom.xml)
  void lionFollowsTheUpdateRuleOverSeveralSteps() {
    Generator g = new Generator(10);
    for (DType dt : FLOATS) {
      for (int n : new int[] {1, 7, 1000, 70_001}) {
        double[] p = randomArray(g, -1, 1, n);
        double[] m = new double[n];
        Tensor pt = tensor(p, dt, n);
        Tensor mt = Tensor.zeros(dt, n);
        double lr = 1e-2, b1 = 0.9, b2 = 0.99, wd = 0.1;
        for (int step = 1; step <= 3; step++) {
          double[] grad = randomArray(g, -1, 1, n);
          if (step == 1) grad[0] = 0; // m and g both 0: sign(0) = 0, the parameter only decays
          Tensor gt = tensor(grad, dt, n);
          for (int i = 0; i < n; i++) {
            if (dt == DType.FLOAT32) {
              float gi = (float) grad[i];
              float mi = (float) m[i];
              p[i] = (float) p[i] * (float) (1 - lr * wd) - (float) lr * Math.signum((float) b1 * mi + (float) (1 - b1) * gi);
              m[i] = (float) b2 * mi + (float) (1 - b2) * gi;
            } else {
              p[i] = p[i] * (1 - lr * wd) - lr * Math.signum(b1 * m[i] + (1 - b1) * grad[i]);
              m[i] = b2 * m[i] + (1 - b2) * grad[i];
            }
          }
          int pv = pt.storage().version();
          Fused.lionStep_(pt, gt, mt, lr, b1, b2, wd);
          assertTrue(pt.storage().version() > pv, "param version bumped");
        }
        String what = "lion " + dt + " n " + n;
        double tol = dt == DType.FLOAT32 ? 1e-6 : 1e-14;
        assertClose(what + " param", p, pt, tol, tol);
        assertClose(what + " exp_avg", m, mt, tol, tol);
      }
    }
  }

  @Test
  void lionBadArguments() {
    Tensor p = Tensor.zeros(4);
    assertMessage(IllegalArgumentException.class, "grad has shape (5,)", () -> Fused.lionStep_(p, Tensor.zeros(5), Tensor.zeros(4), 1e-4, 0.9, 0.99, 0));
    assertMessage(IllegalArgumentException.class, "expAvg is float64",
        () -> Fused.lionStep_(p, Tensor.zeros(4), Tensor.zeros(DType.FLOAT64, 4), 1e-4, 0.9, 0.99, 0));
    assertMessage(IllegalArgumentException.class, "contiguous",
        () -> Fused.lionStep_(Tensor.zeros(2, 2).t(), Tensor.zeros(2, 2), Tensor.zeros(2, 2), 1e-4, 0.9, 0.99, 0));
    assertMessage(IllegalArgumentException.class, "beta1", () -> Fused.lionStep_(p, p.clone(), p.clone(), 1e-4, 1, 0.99, 0));
    assertMessage(IllegalArgumentException.class, "learning rate", () -> Fused.lionStep_(p, p.clone(), p.clone(), -1e-4, 0.9, 0.99, 0));
  }

  // ---------------------------------------------------------------- SGD

  /** An SGD configuration: momentum, dampening, weight decay, Nesterov, maximize. */
  private record SgdConfig(double momentum, double dampening, double wd, boolean nesterov, boolean maximize) {}

  /**
   * torch.optim.SGD's update written out per element in the dtype's arithmetic, in the order of
   * roundings Backend#sgdStep specifies (float32: float products and sums of float-cast
   * hyperparameters): the fused step must match it bit for bit on the scalar and the vector path
   * (n from 1 to 70 001). float64 is checked against the same formula in double.
   */
  @Test
  @Tag("kernels") // also on the scalar path (tensor/pom.xml)
  void sgdFollowsTheUpdateRuleBitForBitOverSeveralSteps() {
    Generator g = new Generator(12);
    SgdConfig[] configs = {new SgdConfig(0, 0, 0, false, false), new SgdConfig(0, 0, 0.01, false, true), new SgdConfig(0.9, 0, 0, false, false),
        new SgdConfig(0.9, 0.1, 0.01, false, false), new SgdConfig(0.9, 0, 0.01, true, true)};
    double lr = 0.05;
    for (DType dt : FLOATS) {
      for (SgdConfig c : configs) {
        for (int n : new int[] {1, 7, 1000, 70_001}) {
          double[] p = randomArray(g, -1, 1, n);
          double[] buf = new double[n];
          Tensor pt = tensor(p, dt, n);
          Tensor bt = c.momentum() != 0 ? Tensor.zeros(dt, n) : null;
          for (int step = 1; step <= 3; step++) {
            double[] grad = randomArray(g, -1, 1, n);
            Tensor gt = tensor(grad, dt, n);
            boolean first = step == 1;
            for (int i = 0; i < n; i++) {
              if (dt == DType.FLOAT32) {
                float d = (c.maximize() ? -1f : 1f) * (float) grad[i];
                float wd = (float) c.wd(), mom = (float) c.momentum();
                if (wd != 0) d = d + wd * (float) p[i];
                if (mom != 0) {
                  float b = first ? d : (float) buf[i] * mom + (float) (1 - c.dampening()) * d;
                  buf[i] = b;
                  d = c.nesterov() ? d + mom * b : b;
                }
                p[i] = (float) p[i] + (float) -lr * d;
              } else {
                double d = (c.maximize() ? -1 : 1) * grad[i];
                if (c.wd() != 0) d = d + c.wd() * p[i];
                if (c.momentum() != 0) {
                  buf[i] = first ? d : buf[i] * c.momentum() + (1 - c.dampening()) * d;
                  d = c.nesterov() ? d + c.momentum() * buf[i] : buf[i];
                }
                p[i] = p[i] + -lr * d;
              }
            }
            int pv = pt.storage().version();
            Fused.sgdStep_(pt, gt, bt, lr, c.momentum(), c.dampening(), c.wd(), c.nesterov(), c.maximize(), first);
            assertTrue(pt.storage().version() > pv, "param version bumped");
          }
          String what = "sgd " + dt + " n " + n + " " + c;
          assertClose(what + " param", p, pt, 0, 0);
          if (bt != null) assertClose(what + " momentum buffer", buf, bt, 0, 0);
        }
      }
    }
  }

  /** The fused step and the chain of tensor ops that SGD ran before it agree to rounding (float64, so that both are near exact). */
  @Test
  void sgdMatchesTheChainOfTensorOps() {
    Generator g = new Generator(13);
    int n = 257;
    Tensor p = Tensor.rand(g, DType.FLOAT64, n), buf = Tensor.rand(g, DType.FLOAT64, n);
    Tensor p2 = p.clone(), buf2 = buf.clone();
    Tensor grad = Tensor.rand(g, DType.FLOAT64, n);
    double lr = 0.1, momentum = 0.8, dampening = 0.2, wd = 0.05;
    Fused.sgdStep_(p, grad, buf, lr, momentum, dampening, wd, false, true, false);
    Tensor d = grad.neg().add(p2.mul(wd));
    buf2.mul_(momentum).add_(d.mul(1 - dampening));
    p2.add_(buf2.mul(-lr));
    assertTrue(p.allclose(p2, 1e-14, 1e-15), "param");
    assertTrue(buf.allclose(buf2, 1e-14, 1e-15), "momentum buffer");
  }

  @Test
  void sgdBadArguments() {
    Tensor p = Tensor.zeros(4);
    assertMessage(IllegalArgumentException.class, "needs a momentumBuffer", () -> Fused.sgdStep_(p, p.clone(), null, 0.1, 0.9, 0, 0, false, false, true));
    assertMessage(IllegalArgumentException.class, "only read with momentum",
        () -> Fused.sgdStep_(p, p.clone(), p.clone(), 0.1, 0, 0, 0, false, false, false));
    assertMessage(IllegalArgumentException.class, "momentumBuffer has shape (5,)",
        () -> Fused.sgdStep_(p, p.clone(), Tensor.zeros(5), 0.1, 0.9, 0, 0, false, false, false));
    assertMessage(IllegalArgumentException.class, "grad is float64",
        () -> Fused.sgdStep_(p, Tensor.zeros(DType.FLOAT64, 4), null, 0.1, 0, 0, 0, false, false, false));
    assertMessage(IllegalArgumentException.class, "contiguous",
        () -> Fused.sgdStep_(Tensor.zeros(2, 2).t(), Tensor.zeros(2, 2), null, 0.1, 0, 0, 0, false, false, false));
    assertMessage(IllegalArgumentException.class, "learning rate", () -> Fused.sgdStep_(p, p.clone(), null, -0.1, 0, 0, 0, false, false, false));
    assertMessage(IllegalArgumentException.class, "dampening", () -> Fused.sgdStep_(p, p.clone(), p.clone(), 0.1, 0.9, 1.5, 0, false, false, false));
    assertMessage(IllegalArgumentException.class, "weight decay", () -> Fused.sgdStep_(p, p.clone(), null, 0.1, 0, 0, -1, false, false, false));
    assertMessage(IllegalArgumentException.class, "Nesterov", () -> Fused.sgdStep_(p, p.clone(), p.clone(), 0.1, 0.9, 0.1, 0, true, false, false));
    assertEquals(0.0, p.abs().sum().item(), "a refused step leaves the parameter as it was");
  }

  // ---------------------------------------------------------------- RMSprop and Adagrad

  /**
   * torch.optim.RMSprop's update written out per element in the dtype's arithmetic, in
   * Backend#rmspropStep's order of roundings: the fused step must match it bit for bit (plain,
   * centered, momentum, both with weight decay and maximize), on the vector and scalar paths.
   */
  @Test
  @Tag("kernels") // also on the scalar path (tensor/pom.xml)
  void rmspropFollowsTheUpdateRuleBitForBit() {
    Generator g = new Generator(15);
    double lr = 1e-2, alpha = 0.9, eps = 1e-8;
    for (DType dt : FLOATS) {
      for (int config = 0; config < 4; config++) {
        boolean centered = (config & 1) != 0, withMomentum = (config & 2) != 0, maximize = config == 3;
        double wd = config >= 2 ? 0.01 : 0, momentum = withMomentum ? 0.8 : 0;
        for (int n : new int[] {7, 70_001}) {
          double[] p = randomArray(g, -1, 1, n), sq = new double[n], ga = new double[n], buf = new double[n];
          Tensor pt = tensor(p, dt, n), st = Tensor.zeros(dt, n);
          Tensor gat = centered ? Tensor.zeros(dt, n) : null, bt = withMomentum ? Tensor.zeros(dt, n) : null;
          for (int step = 1; step <= 3; step++) {
            double[] grad = randomArray(g, -1, 1, n);
            for (int i = 0; i < n; i++) {
              if (dt == DType.FLOAT32) {
                float fa = (float) alpha, c = (float) (1 - alpha);
                float d = (maximize ? -1f : 1f) * (float) grad[i];
                if (wd != 0) d = d + (float) wd * (float) p[i];
                float s = (float) sq[i] * fa + (c * d) * d;
                sq[i] = s;
                float a;
                if (centered) {
                  float m = (float) ga[i] * fa + c * d;
                  ga[i] = m;
                  a = (float) Math.sqrt(s - m * m);
                } else {
                  a = (float) Math.sqrt(s);
                }
                a = a + (float) eps;
                if (withMomentum) {
                  float b = (float) buf[i] * (float) momentum + d / a;
                  buf[i] = b;
                  p[i] = (float) p[i] + b * (float) -lr;
                } else {
                  p[i] = (float) p[i] + (d * (float) -lr) / a;
                }
              } else {
                double d = (maximize ? -1 : 1) * grad[i];
                if (wd != 0) d = d + wd * p[i];
                sq[i] = sq[i] * alpha + ((1 - alpha) * d) * d;
                double a;
                if (centered) {
                  ga[i] = ga[i] * alpha + (1 - alpha) * d;
                  a = Math.sqrt(sq[i] - ga[i] * ga[i]);
                } else {
                  a = Math.sqrt(sq[i]);
                }
                a = a + eps;
                if (withMomentum) {
                  buf[i] = buf[i] * momentum + d / a;
                  p[i] = p[i] + buf[i] * -lr;
                } else {
                  p[i] = p[i] + (d * -lr) / a;
                }
              }
            }
            Fused.rmspropStep_(pt, tensor(grad, dt, n), st, gat, bt, lr, alpha, eps, wd, momentum, maximize);
          }
          String what = "rmsprop " + dt + " n " + n + " centered " + centered + " momentum " + withMomentum + " maximize " + maximize;
          assertClose(what + " param", p, pt, 0, 0);
          assertClose(what + " square average", sq, st, 0, 0);
          if (centered) assertClose(what + " gradient average", ga, gat, 0, 0);
          if (withMomentum) assertClose(what + " momentum buffer", buf, bt, 0, 0);
        }
      }
    }
  }

  /** torch.optim.Adagrad's update written out per element, bit for bit, with a learning-rate decay over the steps. */
  @Test
  @Tag("kernels") // also on the scalar path (tensor/pom.xml)
  void adagradFollowsTheUpdateRuleBitForBit() {
    Generator g = new Generator(16);
    double lr = 1e-2, lrDecay = 0.05, eps = 1e-10, wd = 0.01;
    for (DType dt : FLOATS) {
      for (boolean maximize : new boolean[] {false, true}) {
        for (int n : new int[] {7, 70_001}) {
          double[] p = randomArray(g, -1, 1, n), sum = new double[n];
          java.util.Arrays.fill(sum, 0.1);
          Tensor pt = tensor(p, dt, n), st = tensor(sum, dt, n);
          if (dt == DType.FLOAT32) for (int i = 0; i < n; i++) sum[i] = 0.1f;
          for (int step = 1; step <= 3; step++) {
            double[] grad = randomArray(g, -1, 1, n);
            double negClr = -(lr / (1 + (step - 1) * lrDecay));
            for (int i = 0; i < n; i++) {
              if (dt == DType.FLOAT32) {
                float d = (maximize ? -1f : 1f) * (float) grad[i];
                d = d + (float) wd * (float) p[i];
                float si = (float) sum[i] + d * d;
                sum[i] = si;
                p[i] = (float) p[i] + (d * (float) negClr) / ((float) Math.sqrt(si) + (float) eps);
              } else {
                double d = (maximize ? -1 : 1) * grad[i] + wd * p[i];
                sum[i] = sum[i] + d * d;
                p[i] = p[i] + (d * negClr) / (Math.sqrt(sum[i]) + eps);
              }
            }
            Fused.adagradStep_(pt, tensor(grad, dt, n), st, lr, lrDecay, wd, eps, step, maximize);
          }
          String what = "adagrad " + dt + " n " + n + " maximize " + maximize;
          assertClose(what + " param", p, pt, 0, 0);
          assertClose(what + " sum", sum, st, 0, 0);
        }
      }
    }
  }

  @Test
  void rmspropAndAdagradBadArguments() {
    Tensor p = Tensor.zeros(4);
    assertMessage(IllegalArgumentException.class, "momentumBuffer goes with momentum > 0",
        () -> Fused.rmspropStep_(p, p.clone(), p.clone(), null, null, 1e-2, 0.99, 1e-8, 0, 0.9, false));
    assertMessage(IllegalArgumentException.class, "momentumBuffer goes with momentum > 0",
        () -> Fused.rmspropStep_(p, p.clone(), p.clone(), null, p.clone(), 1e-2, 0.99, 1e-8, 0, 0, false));
    assertMessage(IllegalArgumentException.class, "gradAvg has shape (3,)",
        () -> Fused.rmspropStep_(p, p.clone(), p.clone(), Tensor.zeros(3), null, 1e-2, 0.99, 1e-8, 0, 0, false));
    assertMessage(IllegalArgumentException.class, "alpha", () -> Fused.rmspropStep_(p, p.clone(), p.clone(), null, null, 1e-2, 1.5, 1e-8, 0, 0, false));
    assertMessage(IllegalArgumentException.class, "sum is float64",
        () -> Fused.adagradStep_(p, p.clone(), Tensor.zeros(DType.FLOAT64, 4), 1e-2, 0, 0, 1e-10, 1, false));
    assertMessage(IllegalArgumentException.class, "learning rate decay", () -> Fused.adagradStep_(p, p.clone(), p.clone(), 1e-2, -1, 0, 1e-10, 1, false));
    assertMessage(IllegalArgumentException.class, "step counts from 1", () -> Fused.adagradStep_(p, p.clone(), p.clone(), 1e-2, 0, 0, 1e-10, 0, false));
  }

  private static int x(int[] shape) {
    return Arrays.stream(shape).reduce(1, (p, q) -> p * q);
  }

  private static void assertMessage(Class<? extends RuntimeException> type, String fragment, Runnable r) {
    RuntimeException e = assertThrows(type, r::run);
    assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
  }
}
