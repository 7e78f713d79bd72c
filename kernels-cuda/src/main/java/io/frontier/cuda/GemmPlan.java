package io.frontier.cuda;

import io.frontier.tensor.DType;

/**
 * How one batched product {@code C[b] = A[b] @ B[b]} runs on the gemm.cu kernels: which kernel,
 * which operand is read transposed, leading dimensions, batch strides, vector-alignment flags and
 * the grid. Pure Java (tested without a GPU); {@link CudaMatmul} makes the tensors fit first.
 *
 * <p>The kernels read A and B either row-major (unit column stride) or column-major (unit row
 * stride, the {@code _t} variants) and write C row-major. A column-major C is written as
 * {@code C^T = B^T A^T}, which swaps the operands; any other layout needs a copy
 * ({@link #operandLayout} or {@link #outputUsable} says no).
 */
record GemmPlan(String kernel, int m, int n, int k, int batch, int inner, Operand a, Operand b, Operand c, boolean swapped,
    LaunchConfig launch) {

  /**
   * One matrix of a batch of views: rows x cols with element strides, the batch stride and storage
   * offset; with two batch dims (a (B1, B2, rows, cols) view), {@code inner} = B2 and its stride
   * {@code batchStride2}: matrix z is at {@code (z / inner) * batchStride + (z % inner) * batchStride2}.
   */
  record View(int rows, int cols, int rowStride, int colStride, long batchStride, long offset, int inner, long batchStride2) {
    /** A view with one batch dim. */
    View(int rows, int cols, int rowStride, int colStride, long batchStride, long offset) {
      this(rows, cols, rowStride, colStride, batchStride, offset, 1, 0);
    }
  }

  /**
   * An operand as a kernel takes it: read transposed or not, its leading dimension, batch strides
   * (the second 0 with one batch dim), and whether 16-byte (C of the tensor-core kernels: 8-byte)
   * vector accesses are aligned.
   */
  record Operand(boolean transposed, int ld, long batchStride, long batchStride2, boolean vec) {}

  /** A kernel family: its name prefix, block tile and threads, and vector widths (elements) of its operand and output accesses. */
  enum Family {
    SGEMM128("gemm_sgemm128", 128, 128, 256, 4, 4),
    SGEMM64("gemm_sgemm64", 64, 64, 64, 4, 4),
    DGEMM64("gemm_dgemm64", 64, 64, 256, 2, 2),
    TF32("gemm_tf32", 128, 128, 256, 4, 2),
    BF16("gemm_bf16", 128, 128, 256, 4, 2);

    final String prefix;
    final int tileM, tileN, threads, vecIn, vecOut;

    Family(String prefix, int tileM, int tileN, int threads, int vecIn, int vecOut) {
      this.prefix = prefix;
      this.tileM = tileM;
      this.tileN = tileN;
      this.threads = threads;
      this.vecIn = vecIn;
      this.vecOut = vecOut;
    }
  }

  static final int MAX_GRID_Y = 65535;

  /**
   * Whether a matrix is readable in place, and how: {@code false} for row-major (element (r, c) at
   * r * ld + c), {@code true} for column-major (at c * ld + r), {@code null} when it is neither.
   * A dimension of size 1 has no stride to respect; when both layouts fit, the one that is
   * contiguous along the longer dimension wins (it gives vector loads). An empty matrix (K = 0) is
   * read as row-major: the kernels never touch it.
   */
  static Boolean operandLayout(View v) {
    if (v.rows() == 0 || v.cols() == 0) return false; // nothing is read
    boolean rowMajor = v.colStride() == 1 || v.cols() == 1;
    boolean colMajor = v.rowStride() == 1 || v.rows() == 1;
    if (rowMajor && colMajor) return v.rows() > v.cols();
    if (rowMajor) return false;
    if (colMajor) return true;
    return null;
  }

  /** Whether an output view can be written in place (row-major, or column-major through the swap). */
  static boolean outputUsable(View c) {
    return operandLayout(c) != null;
  }

  /** The family for a dtype and precision; FP32 products too small to fill the GPU with 128 x 128 tiles take 64 x 64 ones. */
  static Family family(DType dtype, MatmulPrecision precision, int m, int n, int batch, int multiprocessors) {
    if (dtype == DType.FLOAT64) return Family.DGEMM64;
    if (dtype != DType.FLOAT32) throw new IllegalArgumentException("matmul on CUDA needs float32 or float64, got " + dtype);
    return switch (precision) {
      case TF32 -> Family.TF32;
      case BF16 -> Family.BF16;
      // 3xTF32 products that TcPlan does not pack run as FP32, its accuracy
      case HIGHEST, TF32X3 -> tiles(m, n, Family.SGEMM128) * batch >= multiprocessors ? Family.SGEMM128 : Family.SGEMM64;
    };
  }

  /**
   * The plan for {@code a} (M x K), {@code b} (K x N) and {@code c} (M x N), each readable in place
   * ({@link #operandLayout}, {@link #outputUsable}); batch strides are ignored when batch is 1.
   * A {@link #swapped} plan takes the tensor b as its A operand and a as its B operand.
   */
  static GemmPlan of(DType dtype, MatmulPrecision precision, int multiprocessors, int batch, View a, View b, View c) {
    if (a.cols() != b.rows() || a.rows() != c.rows() || b.cols() != c.cols()) {
      throw new IllegalArgumentException("matmul views do not align: " + a + " @ " + b + " -> " + c);
    }
    if (a.inner() != c.inner() || b.inner() != c.inner()) {
      throw new IllegalArgumentException("matmul views have different inner batch sizes: " + a + " @ " + b + " -> " + c);
    }
    if (operandLayout(c)) {
      // Column-major C: C^T (N x M, row-major) = B^T (N x K) @ A^T (K x M).
      View at = new View(a.cols(), a.rows(), a.colStride(), a.rowStride(), a.batchStride(), a.offset(), a.inner(), a.batchStride2());
      View bt = new View(b.cols(), b.rows(), b.colStride(), b.rowStride(), b.batchStride(), b.offset(), b.inner(), b.batchStride2());
      View ct = new View(c.cols(), c.rows(), c.colStride(), c.rowStride(), c.batchStride(), c.offset(), c.inner(), c.batchStride2());
      return build(dtype, precision, multiprocessors, batch, bt, at, ct, true);
    }
    return build(dtype, precision, multiprocessors, batch, a, b, c, false);
  }

  private static GemmPlan build(DType dtype, MatmulPrecision precision, int multiprocessors, int batch, View a, View b, View c,
      boolean swapped) {
    int m = c.rows(), n = c.cols(), k = a.cols();
    Family f = family(dtype, precision, m, n, batch, multiprocessors);
    Operand oa = operand(a, batch, f.vecIn);
    Operand ob = operand(b, batch, f.vecIn);
    Operand oc = operand(c, batch, f.vecOut);
    long tiles = tiles(m, n, f);
    if (tiles > Integer.MAX_VALUE) throw new IllegalArgumentException("matmul of " + m + " x " + n + " has too many tiles for one grid");
    LaunchConfig launch = new LaunchConfig((int) tiles, Math.min(batch, MAX_GRID_Y), 1, f.threads, 1, 0);
    String name = f.prefix + "_" + (oa.transposed() ? "t" : "n") + (ob.transposed() ? "t" : "n");
    return new GemmPlan(name, m, n, k, batch, c.inner(), oa, ob, oc, swapped, launch);
  }

  private static long tiles(int m, int n, Family f) {
    return LaunchConfig.ceilDiv(m, f.tileM) * LaunchConfig.ceilDiv(n, f.tileN);
  }

  private static Operand operand(View v, int batch, int vecWidth) {
    Boolean transposed = operandLayout(v);
    if (transposed == null) throw new IllegalArgumentException("matmul operand is neither row- nor column-major: " + v);
    int ld = transposed ? v.colStride() : v.rowStride();
    // The dimension that steps by ld; with one entry ld is never multiplied by a non-zero index.
    int strided = transposed ? v.cols() : v.rows();
    long batchStride = batch == 1 ? 0 : v.batchStride();
    long batchStride2 = batch == 1 || v.inner() == 1 ? 0 : v.batchStride2();
    boolean vec = v.offset() % vecWidth == 0 && (strided == 1 || ld % vecWidth == 0) && batchStride % vecWidth == 0
        && batchStride2 % vecWidth == 0;
    return new Operand(transposed, ld, batchStride, batchStride2, vec);
  }
}
