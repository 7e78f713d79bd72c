package io.frontier.tensor.cpu.gemm;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;

/**
 * One GEMM test problem: seeded random operands stored in a given layout, and the float64
 * reference result computed by {@link NaiveGemm} from the same values.
 *
 * <p>For float32 cases the values are rounded to float first, so the reference sees exactly the
 * inputs the kernel sees. The error bound per element is the textbook one for a length-k dot
 * product, {@code tol · Σ_p |a_ip·b_pj| (+ |c_ij| when accumulating) + abs}; the Σ is itself
 * computed by NaiveGemm on the absolute values. Elements of C's array outside the m×n block (the
 * offset, the ldc padding, the tail) must come back bit-for-bit unchanged.
 */
final class GemmCase {
  /** How the operands are stored around the m×n×k product. */
  record Layout(boolean transA, boolean transB, int aOff, int bOff, int cOff, int aPad, int bPad, int cPad,
      boolean accumulate) {
    static final Layout ROW_MAJOR = new Layout(false, false, 0, 0, 0, 0, 0, 0, false);

    static Layout random(Random rnd) {
      return new Layout(rnd.nextBoolean(), rnd.nextBoolean(), rnd.nextInt(5), rnd.nextInt(5), rnd.nextInt(5),
          rnd.nextInt(3), rnd.nextInt(3), rnd.nextInt(3), rnd.nextBoolean());
    }

    Layout withTranspose(boolean a, boolean b) {
      return new Layout(a, b, aOff, bOff, cOff, aPad, bPad, cPad, accumulate);
    }

    Layout withAccumulate(boolean acc) {
      return new Layout(transA, transB, aOff, bOff, cOff, aPad, bPad, cPad, acc);
    }

    @Override
    public String toString() {
      return (transA ? "Aᵀ" : "A") + (transB ? "·Bᵀ" : "·B") + " off=(" + aOff + "," + bOff + "," + cOff
          + ") pad=(" + aPad + "," + bPad + "," + cPad + ")" + (accumulate ? " C+=" : " C=");
    }
  }

  final int m;
  final int n;
  final int k;
  final Layout layout;
  final boolean float32;
  final int aRs;
  final int aCs;
  final int bRs;
  final int bCs;
  final int ldc;
  final double[] a;
  final double[] b;
  final double[] c0;
  private final double[] ref;
  private final double[] bound;
  private final boolean[] inBlock;

  GemmCase(int m, int n, int k, Layout layout, boolean float32, long seed) {
    this.m = m;
    this.n = n;
    this.k = k;
    this.layout = layout;
    this.float32 = float32;
    Random rnd = new Random(seed);
    // A is m×k; stored transposed it is a k×m row-major array, so rows of A are its columns.
    int lda = (layout.transA ? m : k) + layout.aPad;
    aRs = layout.transA ? 1 : lda;
    aCs = layout.transA ? lda : 1;
    a = values(rnd, layout.aOff + (layout.transA ? k : m) * lda + 3);
    int ldb = (layout.transB ? k : n) + layout.bPad;
    bRs = layout.transB ? 1 : ldb;
    bCs = layout.transB ? ldb : 1;
    b = values(rnd, layout.bOff + (layout.transB ? n : k) * ldb + 3);
    ldc = n + layout.cPad;
    c0 = values(rnd, layout.cOff + m * ldc + 3);

    ref = c0.clone();
    NaiveGemm.dgemm(m, n, k, a, layout.aOff, aRs, aCs, b, layout.bOff, bRs, bCs, ref, layout.cOff, ldc,
        layout.accumulate);
    bound = new double[c0.length];
    for (int i = 0; i < c0.length; i++) bound[i] = layout.accumulate ? Math.abs(c0[i]) : 0;
    NaiveGemm.dgemm(m, n, k, abs(a), layout.aOff, aRs, aCs, abs(b), layout.bOff, bRs, bCs, bound, layout.cOff,
        ldc, true);
    inBlock = new boolean[c0.length];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) inBlock[layout.cOff + i * ldc + j] = true;
    }
  }

  private double[] values(Random rnd, int length) {
    double[] v = new double[length];
    for (int i = 0; i < length; i++) {
      double x = rnd.nextDouble() * 2 - 1;
      v[i] = float32 ? (double) (float) x : x;
    }
    return v;
  }

  private static double[] abs(double[] v) {
    double[] r = new double[v.length];
    for (int i = 0; i < v.length; i++) r[i] = Math.abs(v[i]);
    return r;
  }

  static float[] toFloat(double[] v) {
    float[] r = new float[v.length];
    for (int i = 0; i < v.length; i++) r[i] = (float) v[i];
    return r;
  }

  /** Checks a float32 result against the reference within 1e-5 relative + 1e-6 absolute. */
  void verify(float[] c, String impl) {
    for (int idx = 0; idx < c.length; idx++) {
      if (inBlock[idx]) {
        double tol = 1e-5 * bound[idx] + 1e-6;
        if (!(Math.abs(c[idx] - ref[idx]) <= tol)) fail(mismatch(impl, idx, c[idx], tol));
      } else if (Float.floatToRawIntBits(c[idx]) != Float.floatToRawIntBits((float) c0[idx])) {
        fail(impl + " " + this + ": wrote outside C at array index " + idx);
      }
    }
  }

  /** Checks a float64 result against the reference within 1e-13 relative + 1e-15 absolute. */
  void verify(double[] c, String impl) {
    for (int idx = 0; idx < c.length; idx++) {
      if (inBlock[idx]) {
        double tol = 1e-13 * bound[idx] + 1e-15;
        if (!(Math.abs(c[idx] - ref[idx]) <= tol)) fail(mismatch(impl, idx, c[idx], tol));
      } else if (Double.doubleToRawLongBits(c[idx]) != Double.doubleToRawLongBits(c0[idx])) {
        fail(impl + " " + this + ": wrote outside C at array index " + idx);
      }
    }
  }

  private String mismatch(String impl, int idx, double got, double tol) {
    int i = (idx - layout.cOff) / ldc;
    int j = (idx - layout.cOff) % ldc;
    return impl + " " + this + ": C(" + i + "," + j + ") = " + got + ", expected " + ref[idx] + " ± " + tol;
  }

  @Override
  public String toString() {
    return (float32 ? "f32 " : "f64 ") + m + "×" + n + "×" + k + " " + layout;
  }
}
