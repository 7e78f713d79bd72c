package io.frontier.cuda;

import static jcuda.jcublas.JCublas2.cublasCreate;
import static jcuda.jcublas.JCublas2.cublasDestroy;
import static jcuda.jcublas.JCublas2.cublasDgemmStridedBatched;
import static jcuda.jcublas.JCublas2.cublasSetMathMode;
import static jcuda.jcublas.JCublas2.cublasSetStream;
import static jcuda.jcublas.JCublas2.cublasSgemmStridedBatched;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jcuda.Pointer;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasMath;
import jcuda.jcublas.cublasOperation;
import jcuda.jcublas.cublasStatus;
import jcuda.runtime.cudaStream_t;

/**
 * Batched products through NVIDIA's cuBLAS (JCublas 12.6), to compare our gemm.cu kernels against;
 * never required. {@code -Dfrontier.cuda.gemm=cublas} routes every matrix product here
 * ({@link CudaMatmul}), and {@code frontier gpu-bench} measures it beside ours when it loads.
 *
 * <p>JCublas 12.6's native library needs CUDA 12's {@code libcublas.so.12}; a machine with only
 * CUDA 13 has {@code libcublas.so.13}, and then {@link #available()} is false and
 * {@link #unavailableReason()} says so in one line. Nothing is loaded until the first use.
 *
 * <p>Offered: float32 at {@link MatmulPrecision#HIGHEST} (cuBLAS default math; also what
 * {@link MatmulPrecision#TF32X3} runs as, the nearest cuBLAS offers, at least as accurate) and
 * {@link MatmulPrecision#TF32} ({@code CUBLAS_TF32_TENSOR_OP_MATH}), and float64. BF16 is not
 * offered: cuBLAS would need bfloat16 operands (cublasGemmEx) that we would have to convert first,
 * which is not the product our BF16 kernels compute from float32 tensors.
 *
 * <p>One cuBLAS handle per backend, bound to the backend's stream, so products queue behind and
 * ahead of our kernels without host synchronisation. cuBLAS is column-major: a row-major product
 * {@code C = A B} is issued as {@code C^T = B^T A^T}, which reads each row-major operand as the
 * transpose it already is in column-major terms.
 */
public final class CublasGemm {
  private final CudaContext ctx;
  private cublasHandle handle; // guarded by this
  private String reason; // why handle is null, once tried
  private boolean tried;

  CublasGemm(CudaContext ctx) {
    this.ctx = ctx;
  }

  /** Whether cuBLAS products can run here (loads JCublas and creates the handle on the first call). */
  public synchronized boolean available() {
    start();
    return handle != null;
  }

  /** One line on why {@link #available()} is false; null when it is true. */
  public synchronized String unavailableReason() {
    start();
    return handle == null ? reason : null;
  }

  /**
   * "available" or the reason, for {@code ./frontier info}. Loads the library only (cheap, no device
   * work) unless a product already created the handle, so that listing backends starts no cuBLAS.
   */
  synchronized String status() {
    String why = tried ? reason : Native.LOAD_FAILURE;
    return why == null ? "available" : why;
  }

  /**
   * Throws when products cannot run: {@link IllegalStateException} with the reason when cuBLAS
   * is unavailable, {@link UnsupportedOperationException} for BF16.
   */
  void require(DType dtype, MatmulPrecision precision) {
    if (!available()) throw new IllegalStateException("frontier.cuda.gemm=cublas, but cuBLAS is unavailable: " + unavailableReason());
    if (dtype == DType.FLOAT32 && precision == MatmulPrecision.BF16) {
      throw new UnsupportedOperationException("cuBLAS products are offered at HIGHEST and TF32 precision, not BF16"
          + " (frontier.cuda.gemm=auto, simple or packed run BF16)");
    }
  }

  /**
   * Queues {@code dst = first @ second} as {@code p} lays them out (p's A, B and C; K > 0), each
   * operand {@link #readable}.
   */
  synchronized void gemm(GemmPlan p, Tensor first, Tensor second, Tensor dst, MatmulPrecision precision) {
    require(dst.dtype(), precision);
    Call c = Call.of(p);
    ctx.makeCurrent();
    boolean tf32 = dst.dtype() == DType.FLOAT32 && precision == MatmulPrecision.TF32;
    check(cublasSetMathMode(handle, tf32 ? cublasMath.CUBLAS_TF32_TENSOR_OP_MATH : cublasMath.CUBLAS_DEFAULT_MATH), "cublasSetMathMode");
    // cuBLAS's A is our B (second), its B our A (first).
    if (dst.dtype() == DType.FLOAT64) {
      check(cublasDgemmStridedBatched(handle, c.transA, c.transB, c.m, c.n, c.k, Pointer.to(new double[] {1}),
          CudaTensors.ptr(second), c.lda, c.strideA, CudaTensors.ptr(first), c.ldb, c.strideB, Pointer.to(new double[] {0}),
          CudaTensors.ptr(dst), c.ldc, c.strideC, c.batch), "cublasDgemmStridedBatched");
    } else {
      check(cublasSgemmStridedBatched(handle, c.transA, c.transB, c.m, c.n, c.k, Pointer.to(new float[] {1}),
          CudaTensors.ptr(second), c.lda, c.strideA, CudaTensors.ptr(first), c.ldb, c.strideB, Pointer.to(new float[] {0}),
          CudaTensors.ptr(dst), c.ldc, c.strideC, c.batch), "cublasSgemmStridedBatched");
    }
  }

  /**
   * Whether cuBLAS can read (or write) a view in place: a layout {@link GemmPlan#operandLayout}
   * accepts whose leading dimension covers its contiguous dimension. cuBLAS rejects overlapping
   * rows (say a stride-0 expand along the strided dimension) that our kernels read; those are
   * made contiguous first.
   */
  static boolean readable(GemmPlan.View v) {
    Boolean transposed = GemmPlan.operandLayout(v);
    if (transposed == null) return false;
    if (v.rows() == 0 || v.cols() == 0) return true;
    int ld = transposed ? v.colStride() : v.rowStride();
    int strided = transposed ? v.cols() : v.rows();
    int contiguous = transposed ? v.rows() : v.cols();
    return strided == 1 || ld >= contiguous;
  }

  /** The arguments of one cublas?gemmStridedBatched call, in cuBLAS's (column-major) terms. */
  record Call(int transA, int transB, int m, int n, int k, int lda, long strideA, int ldb, long strideB, int ldc, long strideC,
      int batch) {

    /**
     * For plan p (row-major C = A B, m x n x k): cuBLAS computes the column-major m' x n' matrix
     * C^T = B^T A^T with m' = p.n, n' = p.m. A row-major operand is, column-major, its own
     * transpose (CUBLAS_OP_N); a column-major one needs CUBLAS_OP_T.
     */
    static Call of(GemmPlan p) {
      int m = p.n(), n = p.m(), k = p.k();
      GemmPlan.Operand a = p.b(), b = p.a();
      int transA = a.transposed() ? cublasOperation.CUBLAS_OP_T : cublasOperation.CUBLAS_OP_N;
      int transB = b.transposed() ? cublasOperation.CUBLAS_OP_T : cublasOperation.CUBLAS_OP_N;
      // Stored (column-major) shapes: op(A) is m x k, op(B) is k x n, C is m x n.
      int lda = a.transposed() ? ld(a.ld(), k, m) : ld(a.ld(), m, k);
      int ldb = b.transposed() ? ld(b.ld(), n, k) : ld(b.ld(), k, n);
      int ldc = ld(p.c().ld(), m, n);
      return new Call(transA, transB, m, n, k, lda, a.batchStride(), ldb, b.batchStride(), ldc, p.c().batchStride(), p.batch());
    }

    /** cuBLAS checks ld >= rows even when there is one column, whose ld is never used: give it a valid one then. */
    private static int ld(int ld, int rows, int cols) {
      return cols <= 1 ? Math.max(1, rows) : ld;
    }
  }

  /** Loads JCublas, creates the handle and binds it to the stream (once); records the reason on failure. */
  private void start() {
    if (tried) return;
    tried = true;
    reason = Native.LOAD_FAILURE;
    if (reason != null) return;
    try {
      ctx.makeCurrent();
      cublasHandle h = new cublasHandle();
      check(cublasCreate(h), "cublasCreate");
      int rc = cublasSetStream(h, new cudaStream_t(ctx.stream()));
      if (rc != cublasStatus.CUBLAS_STATUS_SUCCESS) {
        cublasDestroy(h);
        check(rc, "cublasSetStream");
      }
      handle = h;
    } catch (Throwable t) { // never fatal: the backend runs on without cuBLAS
      reason = describe(t, false);
    }
  }

  private static void check(int rc, String what) {
    if (rc != cublasStatus.CUBLAS_STATUS_SUCCESS) throw new CudaKernelException(what + " failed: " + cublasStatus.stringFor(rc));
  }

  /** Loads JCublas2's native library once per JVM (its class initialiser does); null when it loaded. */
  private static final class Native {
    static final String LOAD_FAILURE = load();

    private static String load() {
      try {
        JCublas2.setExceptionsEnabled(false);
        return null;
      } catch (Throwable t) { // UnsatisfiedLinkError when libcublas.so.12 is missing
        return describe(t, hasLibcublas13());
      }
    }
  }

  private static final Pattern MISSING_LIBRARY = Pattern.compile("([\\w.+-]+\\.so[\\w.]*): cannot open shared object file");

  /**
   * One line on why JCublas did not load or start: the missing shared library when the linker
   * names one ({@code hasLibcublas13}: whether this machine has CUDA 13's cuBLAS instead), else the
   * first line of the message.
   */
  static String describe(Throwable t, boolean hasLibcublas13) {
    String msg = String.valueOf(t.getMessage());
    if (t instanceof LinkageError) {
      Matcher m = MISSING_LIBRARY.matcher(msg);
      if (m.find()) {
        String lib = m.group(1);
        return lib + " not found (" + (lib.startsWith("libcublas") && hasLibcublas13
            ? "this machine has CUDA 13's libcublas.so.13; JCublas 12.6 needs 12)" : "JCublas 12.6 needs CUDA 12's cuBLAS)");
      }
      return "JCublas did not load: " + firstLine(msg);
    }
    return firstLine(msg);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** Whether libcublas.so.13 is in LD_LIBRARY_PATH, java.library.path or the CUDA toolkit's usual places. */
  private static boolean hasLibcublas13() {
    List<String> dirs = new ArrayList<>();
    for (String path : new String[] {System.getenv("LD_LIBRARY_PATH"), System.getProperty("java.library.path")}) {
      if (path != null) dirs.addAll(List.of(path.split(":")));
    }
    dirs.addAll(List.of("/usr/local/cuda/lib64", "/usr/local/cuda/targets/x86_64-linux/lib", "/usr/lib64"));
    for (String d : dirs) {
      if (!d.isEmpty() && Files.exists(Path.of(d, "libcublas.so.13"))) return true;
    }
    return false;
  }
}
