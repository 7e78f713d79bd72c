package io.frontier.tensor.cpu.gemm;

import io.frontier.tensor.cpu.VectorSupport;

/**
 * General matrix multiplication on the CPU, the entry point the rest of the library calls.
 *
 * <p>Operands are addressed through explicit strides: A is m×k with A(i,p) =
 * a[aOff + i*aRowStride + p*aColStride], B is k×n with B(p,j) = b[bOff + p*bRowStride +
 * j*bColStride], C is m×n with C(i,j) = c[cOff + i*ldc + j]. Row-major, column-major (transposed)
 * and broadcast (stride 0) operands are all handled without copies; C must not overlap A or B.
 *
 * <p>Dispatch: tiny products, products with at most 16 elements of C, and matrix-vector products
 * (n = 1) take a direct loop with no packing and no threads; the rest take the packed,
 * register-blocked Vector API kernels when {@link VectorSupport#available()}, else a blocked
 * scalar kernel.
 */
public final class Gemm {
  /**
   * Up to this many multiply-adds (m·n·k) the direct loop wins: packing and the tile write-back
   * cost about as much as the arithmetic. Measured crossover: 9×9×9 (≈ 265 ns either way).
   */
  static final long SMALL_FMA = 9L * 9 * 9;

  /**
   * Up to this many elements of C the direct loop wins whatever k is: a 2×2×5000 product fills
   * 4 of the 256 lanes of a register tile, and ran at 0.7 GFLOP/s packed against 4.2 direct.
   */
  static final int SMALL_C = 16;

  private static final boolean VECTOR = VectorSupport.available();

  private Gemm() {}

  /**
   * Float32 GEMM: C = A·B ({@code accumulate} false) or C += A·B ({@code accumulate} true).
   * A(i,p) = a[aOff + i*aRowStride + p*aColStride], B(p,j) = b[bOff + p*bRowStride +
   * j*bColStride], C(i,j) = c[cOff + i*ldc + j]. Strides are arbitrary non-negative ints
   * (row-major, column-major/transposed, or even 0 for broadcast), so transposed operands need no
   * copy. m, n, k >= 0 (k == 0 gives zeros or leaves C unchanged when accumulating). Uses up to
   * {@link io.frontier.tensor.cpu.Parallel#numThreads()} threads when {@code parallel} is true and
   * the problem is large enough.
   *
   * @throws IllegalArgumentException for a negative size, offset or stride, or ldc &lt; n with m &gt; 1
   * @throws IndexOutOfBoundsException when an operand reaches past the end of its array
   */
  public static void sgemm(int m, int n, int k,
      float[] a, int aOff, int aRowStride, int aColStride,
      float[] b, int bOff, int bRowStride, int bColStride,
      float[] c, int cOff, int ldc, boolean accumulate, boolean parallel) {
    if (a == null || b == null || c == null
        || !GemmArguments.valid(m, n, k, a.length, aOff, aRowStride, aColStride,
            b.length, bOff, bRowStride, bColStride, c.length, cOff, ldc)) {
      throw GemmArguments.describeFailure("sgemm", m, n, k,
          a, a == null ? 0 : a.length, aOff, aRowStride, aColStride,
          b, b == null ? 0 : b.length, bOff, bRowStride, bColStride,
          c, c == null ? 0 : c.length, cOff, ldc);
    }
    if (m == 0 || n == 0) return;
    if (k == 0) {
      if (!accumulate) ZeroFill.zero(c, cOff, ldc, m, n);
    } else if (direct(m, n, k)) {
      SmallGemm.sgemm(m, n, k, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, bColStride,
          c, cOff, ldc, accumulate);
    } else if (VECTOR) {
      VectorGemmF32.sgemm(m, n, k, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, bColStride,
          c, cOff, ldc, accumulate, parallel);
    } else {
      ScalarGemm.sgemm(m, n, k, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, bColStride,
          c, cOff, ldc, accumulate, parallel);
    }
  }

  /** Float64 GEMM, with the same operand layout and contract as {@link #sgemm}. */
  public static void dgemm(int m, int n, int k,
      double[] a, int aOff, int aRowStride, int aColStride,
      double[] b, int bOff, int bRowStride, int bColStride,
      double[] c, int cOff, int ldc, boolean accumulate, boolean parallel) {
    if (a == null || b == null || c == null
        || !GemmArguments.valid(m, n, k, a.length, aOff, aRowStride, aColStride,
            b.length, bOff, bRowStride, bColStride, c.length, cOff, ldc)) {
      throw GemmArguments.describeFailure("dgemm", m, n, k,
          a, a == null ? 0 : a.length, aOff, aRowStride, aColStride,
          b, b == null ? 0 : b.length, bOff, bRowStride, bColStride,
          c, c == null ? 0 : c.length, cOff, ldc);
    }
    if (m == 0 || n == 0) return;
    if (k == 0) {
      if (!accumulate) ZeroFill.zero(c, cOff, ldc, m, n);
    } else if (direct(m, n, k)) {
      SmallGemm.dgemm(m, n, k, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, bColStride,
          c, cOff, ldc, accumulate);
    } else if (VECTOR) {
      VectorGemmF64.dgemm(m, n, k, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, bColStride,
          c, cOff, ldc, accumulate, parallel);
    } else {
      ScalarGemm.dgemm(m, n, k, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, bColStride,
          c, cOff, ldc, accumulate, parallel);
    }
  }

  /**
   * Whether a product takes the direct loop: tiny products, tiny C, and matrix-vector products
   * (n = 1), where packing A costs more than the single multiply-add per element of A it enables
   * (1000×1×1000: 4.3 GFLOP/s direct, 2.8 packed). Columns n ≥ 2 already favour the packed path.
   */
  static boolean direct(int m, int n, int k) {
    return (long) m * n * k <= SMALL_FMA || (long) m * n <= SMALL_C || n == 1;
  }

  /** Which implementation {@link #sgemm} and {@link #dgemm} dispatch to: "vector" or "scalar". */
  public static String implementation() {
    return VECTOR ? "vector" : "scalar";
  }
}
