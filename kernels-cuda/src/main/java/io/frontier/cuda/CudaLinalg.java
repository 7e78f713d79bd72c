package io.frontier.cuda;

import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.BlockedCholesky;
import io.frontier.tensor.backend.BlockedLu;
import io.frontier.tensor.backend.Linalg;
import jcuda.driver.CUdeviceptr;

/**
 * Dense linear algebra for CUDA tensors. The Cholesky factor, triangular solves (what fitting and
 * querying a Gaussian process needs; {@link #choleskyInverse} runs through two of them) and LU
 * with partial pivoting (solve, inverse, slogdet) run on the device (linalg.cu); from {@link
 * #BLOCKED_CHOLESKY_FROM} rows the Cholesky factor runs blocked ({@link BlockedCholesky}), its
 * trailing updates as matrix products over the whole device. QR (Householder), eigh (cyclic
 * Jacobi) and the SVD (one-sided Jacobi) run on the device for matrices up to {@link
 * #MAX_DEVICE_ORDER} (linalg_decomp.cu, in a float64 workspace); larger ones run on the host
 * ({@link HostLinalg}). The device's eigenvectors and singular vectors may differ in sign from
 * the CPU's (neither fixes one; both are correct).
 *
 * <p>{@link #cholesky}, {@link #solve} and {@link #inverse} synchronise to read the kernels'
 * per-matrix info (the first failing leading minor, the first zero pivot), as torch's do, and
 * throw the CPU backend's ArithmeticException.
 */
final class CudaLinalg implements Linalg {
  /** Threads per block of the linalg kernels (linalg.cu's LA_THREADS) and the most blocks a launch takes. */
  static final int THREADS = 256, MAX_BLOCKS = 4096;

  private final Launcher launcher;
  private final CudaBackend backend;

  CudaLinalg(Launcher launcher, CudaBackend backend) {
    this.launcher = launcher;
    this.backend = backend;
    this.luSteps = new CudaLuSteps(launcher);
  }

  @Override
  public void cholesky(Tensor a, boolean upper, Tensor out) {
    int batch = a.size(0), n = a.size(1);
    if (batch == 0 || n == 0) return;
    Tensor lower = upper ? Tensor.empty(out.dtype(), out.device(), batch, n, n) : out;
    Tensor info = Tensor.empty(DType.INT64, a.device(), batch);
    choleskyEx(a, lower, info);
    long[] orders = info.to(Device.CPU).toLongArray();
    CudaBackend.releaseScratch(info);
    for (int i = 0; i < batch; i++) {
      if (orders[i] != 0) {
        throw new ArithmeticException((batch > 1 ? "cholesky (batch element " + i + ")" : "cholesky")
            + ": the factorization could not be completed because the input is not positive-definite (the leading minor of order "
            + orders[i] + " is not positive-definite)");
      }
    }
    if (upper) {
      backend.copy(lower.transpose(1, 2), out);
      CudaBackend.releaseScratch(lower);
    }
  }

  /**
   * Width of the diagonal blocks of the blocked factor. From {@link #BLOCKED_CHOLESKY_FROM} rows
   * on ({@code frontier.cuda.cholesky.blockedFrom}, or {@link CudaBackend#setBlockedCholeskyFrom}), the factor runs blocked ({@link
   * BlockedCholesky}): linalg_cholesky on 128 x 128 diagonal blocks, linalg_trsm for the panels and
   * FP32 / FP64 products for the trailing updates, which spread over the whole device what the
   * one-block kernel does on one SM. The threshold is an estimate (one block's n barriers and n^3 / 3
   * multiply-adds on one SM against about six launches a block column): no GPU has run it yet.
   */
  static final int CHOLESKY_BLOCK = 128;

  static final int BLOCKED_CHOLESKY_FROM = Integer.getInteger("frontier.cuda.cholesky.blockedFrom", 4 * CHOLESKY_BLOCK);

  /** The order from which this backend's Cholesky factors run blocked (benchmarks move it). */
  volatile int blockedCholeskyFrom = BLOCKED_CHOLESKY_FROM;

  @Override
  public void choleskyEx(Tensor a, Tensor out, Tensor info) {
    int batch = a.size(0), n = a.size(1);
    if (batch == 0) return;
    if (n == 0) {
      backend.fill(info, 0L);
      return;
    }
    // The kernel reads a's lower triangle while it writes the factor: never in place.
    Tensor src = a.storage() == out.storage() ? a.clone() : a;
    // blocked only past one block: the diagonal blocks' own factors then take the kernel
    if (n >= blockedCholeskyFrom && n > CHOLESKY_BLOCK) {
      BlockedCholesky.factorLower(src, out, info, CHOLESKY_BLOCK, this, backend::matmulFullPrecision);
    } else {
      launcher.launch("linalg_cholesky_" + suffix(a.dtype()), matrixLaunch(batch), batch, n, CudaTensors.ptr(src), CudaTensors.ptr(out),
          CudaTensors.ptr(info));
    }
    if (src != a) CudaBackend.releaseScratch(src);
  }

  @Override
  public void solveTriangular(Tensor a, Tensor b, boolean upper, boolean left, boolean unitriangular, Tensor out) {
    int batch = a.size(0), n = a.size(1);
    if (out != b) backend.copy(b, out); // solved in place
    TriangularSolve s = TriangularSolve.of(batch, n, out.size(1), out.size(2), upper, left);
    if (s == null) return;
    launcher.launch("linalg_trsm_" + suffix(a.dtype()), s.launch(), batch, n, s.cols(), CudaTensors.ptr(a), s.aRowStride(),
        s.aColStride(), s.lower() ? 1 : 0, unitriangular ? 1 : 0, CudaTensors.ptr(out), s.yRowStride(), s.yColStride(),
        (long) out.size(1) * out.size(2));
  }

  /** One block per matrix (Cholesky, LU), grid-stride beyond {@link #MAX_BLOCKS}. */
  static LaunchConfig matrixLaunch(int batch) {
    return new LaunchConfig(Math.min(batch, MAX_BLOCKS), 1, 1, THREADS, 1, 0);
  }

  /**
   * linalg_trsm's arguments for {@code A X = B} (left, X (rows, cols)) or {@code X A = B} (right,
   * X (rows, n)): it solves op(A) Y = C column by column, with Y = X (left) or Y = X^T and op(A) =
   * A^T (right: a lower A is then an upper op(A)). Null when there is nothing to solve.
   */
  record TriangularSolve(int cols, long aRowStride, long aColStride, boolean lower, long yRowStride, long yColStride,
      LaunchConfig launch) {
    static TriangularSolve of(int batch, int n, int rows, int columns, boolean upper, boolean left) {
      int cols = left ? columns : rows;
      if (batch == 0 || n == 0 || cols == 0) return null;
      long warps = (long) batch * cols;
      LaunchConfig launch = new LaunchConfig((int) Math.min(LaunchConfig.ceilDiv(warps * 32, THREADS), MAX_BLOCKS), 1, 1, THREADS, 1, 0);
      return left
          ? new TriangularSolve(cols, n, 1, !upper, columns, 1, launch)
          : new TriangularSolve(cols, 1, n, upper, 1, columns, launch);
    }
  }

  static String suffix(DType dtype) {
    return switch (dtype) {
      case FLOAT32 -> "f32";
      case FLOAT64 -> "f64";
      default -> throw new IllegalArgumentException("linear algebra on CUDA needs float32 or float64, got " + dtype);
    };
  }

  @Override
  public void solve(Tensor a, Tensor b, Tensor out) {
    if (out != b) backend.copy(b, out);
    luSolve("solve", a, out);
  }

  @Override
  public void inverse(Tensor a, Tensor out) {
    // the identity, filled on the device (no host-built eye copied up per call)
    backend.fill(out, 0.0);
    backend.fill(out.diagonal(0, 1, 2), 1.0);
    luSolve("inv", a, out); // named as the CPU backend names it
  }

  @Override
  public void slogdet(Tensor a, Tensor sign, Tensor logAbsDet) {
    int batch = a.size(0), n = a.size(1);
    if (batch == 0) return;
    Tensor info = Tensor.empty(DType.INT64, a.device(), batch);
    if (n >= blockedLuFrom) { // blockedLuFrom >= 1: never an empty matrix
      BlockedFactors f = blockedLu(a, info);
      BlockedLu.slogdet(f.lu(), f.pivots(), sign, logAbsDet);
      f.release();
      CudaBackend.releaseScratch(info);
      return;
    }
    Tensor lu = a.clone();
    launcher.launch("linalg_lu_" + suffix(a.dtype()), matrixLaunch(batch), batch, n, CudaTensors.ptr(lu), new CUdeviceptr(), 0,
        CudaTensors.ptr(info), CudaTensors.ptr(sign), CudaTensors.ptr(logAbsDet));
    CudaBackend.releaseScratch(lu);
    CudaBackend.releaseScratch(info);
  }

  /**
   * Overwrites {@code x} (holding B) with A^-1 B: LU of a copy of A with B's rows swapped alongside
   * (linalg_lu), then the unit-lower and upper triangular solves. Reads the LU's info (a
   * synchronisation, as torch's solve) and throws the CPU backend's ArithmeticException for a
   * singular matrix.
   */
  private void luSolve(String op, Tensor a, Tensor x) {
    int batch = a.size(0), n = a.size(1), cols = x.size(2);
    if (batch == 0 || n == 0) return;
    Tensor info = Tensor.empty(DType.INT64, a.device(), batch);
    if (n >= blockedLuFrom) {
      BlockedFactors f = blockedLu(a, info);
      requireNonSingular(op, info, f.lu());
      BlockedLu.solve(f.lu(), f.pivots(), x, luSteps, this);
      f.release();
      return;
    }
    Tensor lu = a.clone();
    launcher.launch("linalg_lu_" + suffix(a.dtype()), matrixLaunch(batch), batch, n, CudaTensors.ptr(lu), CudaTensors.ptr(x), cols,
        CudaTensors.ptr(info), new CUdeviceptr(), new CUdeviceptr());
    requireNonSingular(op, info, lu);
    solveTriangular(lu, x, false, true, true, x);
    solveTriangular(lu, x, true, true, false, x);
    CudaBackend.releaseScratch(lu);
  }

  /** Reads the LU's info (a synchronisation) and throws the CPU backend's ArithmeticException for the first singular matrix. */
  private static void requireNonSingular(String op, Tensor info, Tensor lu) {
    long[] zeroPivots = info.to(Device.CPU).toLongArray();
    CudaBackend.releaseScratch(info);
    for (int i = 0; i < zeroPivots.length; i++) {
      if (zeroPivots[i] != 0) {
        CudaBackend.releaseScratch(lu);
        long j = zeroPivots[i] - 1;
        throw new ArithmeticException((zeroPivots.length > 1 ? op + " (batch element " + i + ")" : op) + ": the input matrix is singular (U["
            + j + ", " + j + "] of its LU factorization is zero)");
      }
    }
  }

  /**
   * Width of the blocked LU's panels. From {@link #BLOCKED_LU_FROM} rows on ({@code
   * frontier.cuda.lu.blockedFrom}, or {@link CudaBackend#setBlockedLuFrom}) solve, inverse and
   * slogdet factor blocked ({@link BlockedLu}: linalg_lu_panel, linalg_lu_swap, linalg_trsm and
   * FP32 / FP64 products for the trailing updates) instead of one thread block per matrix. An
   * estimate, as for the Cholesky factor: no GPU has run it yet.
   */
  static final int LU_BLOCK = 64;

  static final int BLOCKED_LU_FROM = Integer.getInteger("frontier.cuda.lu.blockedFrom", 512);

  /** The order from which this backend's LU runs blocked (benchmarks move it). */
  volatile int blockedLuFrom = BLOCKED_LU_FROM;

  private final CudaLuSteps luSteps;

  /** The blocked LU's factors of a copy of A, and its pivots; {@code info} gets each matrix's first zero pivot's order. */
  private BlockedFactors blockedLu(Tensor a, Tensor info) {
    Tensor lu = a.clone();
    Tensor pivots = Tensor.empty(DType.INT64, a.device(), a.size(0), a.size(1));
    BlockedLu.factor(lu, pivots, info, LU_BLOCK, luSteps, this, backend::matmulFullPrecision);
    return new BlockedFactors(lu, pivots);
  }

  private record BlockedFactors(Tensor lu, Tensor pivots) {
    void release() {
      CudaBackend.releaseScratch(lu);
      CudaBackend.releaseScratch(pivots);
    }
  }


  /**
   * The largest order the device decompositions take; larger matrices, and views that are not
   * contiguous, go to the host ({@link HostLinalg}). One block works on one matrix, and a Jacobi
   * sweep costs O(n^3) on that one SM with n barriers, so past a few hundred EJML on the host's
   * cores is as fast (an estimate: no GPU has run these kernels yet); batches of small matrices are
   * where the device wins. linalg_decomp.cu's hard limit is 2 048 (eigh keeps a round's 1 024
   * rotations in shared memory).
   */
  static final int MAX_DEVICE_ORDER = 256;

  private static boolean onDevice(int rows, int cols, Tensor... all) {
    if (Math.max(rows, cols) > MAX_DEVICE_ORDER) return false;
    for (Tensor t : all) {
      if (!t.isContiguous()) return false;
    }
    return true;
  }

  /** A float64 workspace of {@code perMatrix} doubles for every matrix of the batch. */
  private static Tensor workspace(Tensor a, int batch, long perMatrix) {
    long total = perMatrix * batch;
    if (total > Integer.MAX_VALUE) throw new IllegalArgumentException("linear algebra workspace of " + total + " doubles is too large");
    return Tensor.empty(DType.FLOAT64, a.device(), (int) total);
  }

  @Override
  public void qr(Tensor a, Tensor q, Tensor r) {
    int batch = a.size(0), m = a.size(1), n = a.size(2), k = Math.min(m, n);
    if (!onDevice(m, n, a, q, r)) {
      HostLinalg.qr(a, q, r);
      return;
    }
    long stride = (long) m * n + (long) m * k + 2L * k;
    Tensor work = workspace(a, batch, stride);
    launcher.launch("linalg_qr_" + suffix(a.dtype()), matrixLaunch(batch), batch, m, n, CudaTensors.ptr(a), CudaTensors.ptr(q),
        CudaTensors.ptr(r), CudaTensors.ptr(work), stride);
    CudaBackend.releaseScratch(work);
  }

  @Override
  public void eigh(Tensor a, Tensor eigenvalues, Tensor eigenvectors) {
    int batch = a.size(0), n = a.size(1);
    if (!onDevice(n, n, a, eigenvalues, eigenvectors)) {
      HostLinalg.eigh(a, eigenvalues, eigenvectors);
      return;
    }
    long stride = 2L * n * n;
    Tensor work = workspace(a, batch, stride);
    launcher.launch("linalg_eigh_" + suffix(a.dtype()), matrixLaunch(batch), batch, n, CudaTensors.ptr(a), CudaTensors.ptr(eigenvalues),
        CudaTensors.ptr(eigenvectors), CudaTensors.ptr(work), stride);
    CudaBackend.releaseScratch(work);
  }

  @Override
  public void svd(Tensor a, Tensor u, Tensor s, Tensor vh) {
    int batch = a.size(0), m = a.size(1), n = a.size(2), k = Math.min(m, n);
    if (!onDevice(m, n, a, u, s, vh)) {
      HostLinalg.svd(a, u, s, vh);
      return;
    }
    long stride = (long) Math.max(m, n) * k + (long) k * k + k;
    Tensor work = workspace(a, batch, stride);
    launcher.launch("linalg_svd_" + suffix(a.dtype()), matrixLaunch(batch), batch, m, n, CudaTensors.ptr(a), CudaTensors.ptr(u),
        CudaTensors.ptr(s), CudaTensors.ptr(vh), CudaTensors.ptr(work), stride);
    CudaBackend.releaseScratch(work);
  }
}
