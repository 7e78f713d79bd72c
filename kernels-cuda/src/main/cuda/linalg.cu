// Batched dense linear algebra on the device (io.frontier.cuda.CudaLinalg): the Cholesky factor
// and triangular solves (every Gaussian-process fit and prediction), and LU with partial pivoting
// (solve, inverse, slogdet). Matrices are
// contiguous (B, n, n) row-major; sums run in float64 for both dtypes, as the CPU backend's do.
//
// Cholesky (left-looking, by columns), one block of LA_THREADS threads per matrix (grid-stride
// over the batch): for column j, every warp computes the pivot d = a[j][j] - sum_k<j l[j][k]^2
// itself (the same lanes and order, so every warp agrees on it), then each warp takes rows
// i > j in turn, l[i][j] = (a[i][j] - sum_k<j l[i][k] l[j][k]) / sqrt(d), its lanes reading row i
// along k (coalesced); one barrier per column. A pivot that is not positive (or NaN) stops the
// matrix and sets info[z] to the order j + 1 of that leading minor (0: factored), as LAPACK's
// potrf and torch.linalg.cholesky_ex do; CudaLinalg reads info and throws the CPU backend's
// ArithmeticException. Memory traffic: n^3 / 3
// multiply-adds over rows that stay in L1/L2 for n up to about a thousand; latency bound (one
// block per matrix, n barriers): batches of small matrices, and the diagonal blocks of the blocked
// factor (io.frontier.tensor.backend.BlockedCholesky), which CudaLinalg runs for large matrices
// so that their trailing updates are matrix products over the whole device.
//
// Triangular solve op(A) Y = C in place in Y (which holds C), one warp per (batch, column of Y):
// for each row i in order (forward for lower, backward for upper), the warp's lanes sum
// op(A)[i][k] y[k] over the solved k (lanes along k), then lane 0 divides by the diagonal (or not,
// unitriangular). op(A)[i][k] = a[i * ars + k * acs] and y[i] = y[i * yrs + col * ycs], so one
// kernel serves left (A X = B: Y = X) and right (X A = B: Y = X^T, op(A) = A^T, lower and upper
// swapped) solves. n steps of a warp reduction per column.
#include "common.cuh"

namespace linalg_impl {

constexpr int LA_THREADS = 256;

__device__ __forceinline__ double warp_sum(double v) {
  for (int d = 16; d > 0; d >>= 1) v += __shfl_xor_sync(0xffffffffu, v, d);
  return v;
}

template <typename T>
__device__ __forceinline__ void cholesky(int batch, int n, const T* __restrict__ a, T* __restrict__ l, long long* __restrict__ info) {
  const int lane = threadIdx.x % 32, warp = threadIdx.x / 32, warps = blockDim.x / 32;
  const long long nn = (long long)n * n;
  for (int z = blockIdx.x; z < batch; z += gridDim.x) {
    const T* A = a + z * nn;
    T* L = l + z * nn;
    int failedAt = 0;  // 1-based order of the first leading minor that is not positive definite
    for (int j = 0; j < n; ++j) {
      const T* lj = L + (long long)j * n;
      double s = 0.0;
      for (int k = lane; k < j; k += 32) s += (double)lj[k] * (double)lj[k];
      const double d = (double)A[(long long)j * n + j] - warp_sum(s);
      if (!(d > 0.0)) {  // not positive, or NaN; every thread computed the same d: the block leaves together
        failedAt = j + 1;
        break;
      }
      const double ljj = sqrt(d);
      for (int i = j + 1 + warp; i < n; i += warps) {
        const T* li = L + (long long)i * n;
        double t = 0.0;
        for (int k = lane; k < j; k += 32) t += (double)li[k] * (double)lj[k];
        t = warp_sum(t);
        if (lane == 0) L[(long long)i * n + j] = (T)(((double)A[(long long)i * n + j] - t) / ljj);
      }
      if (threadIdx.x == 0) L[(long long)j * n + j] = (T)ljj;
      __syncthreads();  // column j is complete before column j + 1 reads row j + 1 of it
    }
    if (threadIdx.x == 0) info[z] = failedAt;
    // The strict upper triangle is zero; on failure the factor is left as it is (undefined).
    if (failedAt == 0) {
      for (long long e = threadIdx.x; e < nn; e += blockDim.x) {
        const int r = (int)(e / n), c = (int)(e % n);
        if (c > r) L[e] = (T)0;
      }
    }
    __syncthreads();  // the next matrix's threads start together
  }
}

template <typename T>
__device__ __forceinline__ void solve_triangular(int batch, int n, int cols, const T* __restrict__ a, long long ars, long long acs,
                                                 int lower, int unit, T* __restrict__ y, long long yrs, long long ycs,
                                                 long long yBatch) {
  const int lane = threadIdx.x % 32;
  const long long warpId = ((long long)blockIdx.x * blockDim.x + threadIdx.x) / 32;
  const long long warpsTotal = (long long)gridDim.x * blockDim.x / 32;
  const long long nn = (long long)n * n;
  for (long long w = warpId; w < (long long)batch * cols; w += warpsTotal) {
    const long long z = w / cols;
    const int col = (int)(w % cols);
    const T* A = a + z * nn;
    T* Y = y + z * yBatch + col * ycs;
    for (int step = 0; step < n; ++step) {
      const int i = lower ? step : n - 1 - step;
      // the solved entries: k < i (lower) or k > i (upper)
      const int k0 = lower ? 0 : i + 1, k1 = lower ? i : n;
      double s = 0.0;
      for (int k = k0 + lane; k < k1; k += 32) s += (double)A[i * ars + k * acs] * (double)Y[k * yrs];
      s = warp_sum(s);
      if (lane == 0) {
        double v = (double)Y[i * yrs] - s;
        if (!unit) v /= (double)A[i * ars + i * acs];
        Y[i * yrs] = (T)v;
      }
      __syncwarp();  // y[i] is written before the next row reads it
    }
  }
}

// The pivot of column j of a row-major matrix (row stride ld) over rows j..rows-1: the first row
// of the largest |a[i][j]| (LAPACK's idamax), its value in pivotAbs (-1 when there are no rows; a
// NaN never wins), found by the whole block through bestValue / bestRow (blockDim.x entries each,
// a power of two). Every thread returns the same row; the block may overwrite the scratch after.
template <typename T>
__device__ __forceinline__ int pivot_row(const T* __restrict__ A, long long ld, int rows, int j, double* bestValue, int* bestRow,
                                         double& pivotAbs) {
  const int tid = threadIdx.x, threads = blockDim.x;
  double v = -1.0;
  int row = rows;
  for (int i = j + tid; i < rows; i += threads) {
    const double x = fabs((double)A[(long long)i * ld + j]);
    if (x > v) {  // rows ascend per thread: a later equal value never wins
      v = x;
      row = i;
    }
  }
  bestValue[tid] = v;
  bestRow[tid] = row;
  __syncthreads();
  for (int half = threads / 2; half > 0; half >>= 1) {
    if (tid < half) {
      const double w = bestValue[tid + half];
      const int r = bestRow[tid + half];
      if (w > bestValue[tid] || (w == bestValue[tid] && r < bestRow[tid])) {
        bestValue[tid] = w;
        bestRow[tid] = r;
      }
    }
    __syncthreads();
  }
  pivotAbs = bestValue[0];
  const int p = bestRow[0];
  __syncthreads();  // everyone has read the winner before the next column overwrites it
  return p;
}

// One column c of LU with partial pivoting inside the panel of columns [k, k + w) of the
// row-major n x n A (the whole matrix: k = 0, w = n), its pivot row p (> 0 in magnitude) chosen:
// rows c and p swap within the panel's columns, the multipliers below the diagonal are divided by
// the pivot, and the panel's columns right of c take the rank-one update, with a barrier after each
// step. Shared by linalg_lu and linalg_lu_panel.
template <typename T>
__device__ __forceinline__ void eliminate_column(T* __restrict__ A, int n, int k, int w, int c, int p) {
  const int tid = threadIdx.x, threads = blockDim.x;
  if (p != c) {
    for (int col = k + tid; col < k + w; col += threads) {
      const T t = A[(long long)c * n + col];
      A[(long long)c * n + col] = A[(long long)p * n + col];
      A[(long long)p * n + col] = t;
    }
    __syncthreads();
  }
  const T pivot = A[(long long)c * n + c];
  for (int i = c + 1 + tid; i < n; i += threads) A[(long long)i * n + c] /= pivot;
  __syncthreads();
  const int m = n - c - 1, r = k + w - c - 1;  // the panel's (m x r) update right of column c
  for (long long e = tid; e < (long long)m * r; e += threads) {
    const int i = c + 1 + (int)(e / r), col = c + 1 + (int)(e % r);
    A[(long long)i * n + col] -= A[(long long)i * n + c] * A[(long long)c * n + col];
  }
  __syncthreads();
}

// LU with partial pivoting (P A = L U, right-looking), in place on lu (a copy of A), one block
// per matrix: for column j the block finds the pivot (the first largest |a[i][j]|, i >= j, as
// LAPACK's idamax), swaps rows j and p of the matrix and of b (when given: b becomes P B for the
// two triangular solves that follow), stores the multipliers below the diagonal and updates the
// trailing submatrix, with a barrier between the steps. A zero pivot column (exactly zero: LAPACK
// getrf's test) is skipped and recorded: info[z] = j + 1 of the first. With sign and logAbsDet the
// block also writes slogdet: the permutation's parity times the signs of U's diagonal, and the sum
// of log |u_jj| (0 and -inf when singular). Memory traffic: 2 n^3 / 3 multiply-adds on a matrix
// that stays in L1/L2; n barriers x 3.
template <typename T>
__device__ __forceinline__ void lu(int batch, int n, T* __restrict__ lu, T* __restrict__ b, int cols, long long* __restrict__ info,
                                   T* __restrict__ sign, T* __restrict__ logAbsDet) {
  __shared__ double bestValue[LA_THREADS];
  __shared__ int bestRow[LA_THREADS];
  const int tid = threadIdx.x, threads = blockDim.x;
  const long long nn = (long long)n * n;
  for (int z = blockIdx.x; z < batch; z += gridDim.x) {
    T* A = lu + z * nn;
    T* B = b == nullptr ? nullptr : b + (long long)z * n * cols;
    int singularAt = 0, swaps = 0;
    for (int j = 0; j < n; ++j) {
      double pivotAbs;
      const int p = pivot_row(A, n, n, j, bestValue, bestRow, pivotAbs);
      if (!(pivotAbs > 0.0)) {  // a zero column below the diagonal (or NaN): nothing to eliminate
        if (singularAt == 0) singularAt = j + 1;
        continue;
      }
      if (p != j) {
        ++swaps;
        if (B != nullptr) {  // B's rows are not read here again: eliminate_column's barriers order them
          for (int c = tid; c < cols; c += threads) {
            const T t = B[(long long)j * cols + c];
            B[(long long)j * cols + c] = B[(long long)p * cols + c];
            B[(long long)p * cols + c] = t;
          }
        }
      }
      eliminate_column(A, n, 0, n, j, p);  // the whole matrix is the panel
    }
    if (tid == 0) {
      info[z] = singularAt;
      if (sign != nullptr) {
        double s = (swaps & 1) ? -1.0 : 1.0, log = 0.0;
        for (int j = 0; j < n; ++j) {
          const double u = (double)A[(long long)j * n + j];
          if (u == 0.0) {
            s = 0.0;
            log = -INFINITY;
            break;
          }
          if (u < 0) s = -s;
          log += ::log(fabs(u));
        }
        sign[z] = (T)s;
        logAbsDet[z] = (T)log;
      }
    }
    __syncthreads();
  }
}


// One panel of the blocked LU (io.frontier.tensor.backend.BlockedLu; LAPACK getrf's getf2 step),
// one block per matrix: columns k..k+w-1 of rows k..n-1 of the (B, n, n) row-major lu, in place,
// with partial pivoting over all n - k rows. For each column c: the pivot row p (pivot_row) goes to
// pivots[z][c] (a global row index; c itself for a zero column), rows c and p swap within the
// panel's columns only (linalg_lu_swap applies the panel's swaps to the other columns), the
// multipliers below the diagonal are divided by the pivot and the panel's columns right of c take
// the rank-one update. A zero pivot column (or NaN) is skipped, and its order c + 1 goes to info[z]
// unless an earlier panel put one there (info starts at zero). Memory traffic: (n - k) w^2 / 2
// multiply-adds on a panel that stays in L2; w x 5 barriers.
template <typename T>
__device__ __forceinline__ void lu_panel(int batch, int n, int k, int w, T* __restrict__ lu, long long* __restrict__ pivots,
                                         long long* __restrict__ info) {
  __shared__ double bestValue[LA_THREADS];
  __shared__ int bestRow[LA_THREADS];
  const int tid = threadIdx.x;
  const long long nn = (long long)n * n;
  for (int z = blockIdx.x; z < batch; z += gridDim.x) {
    T* A = lu + z * nn;
    for (int c = k; c < k + w; ++c) {
      double pivotAbs;
      const int p = pivot_row(A, n, n, c, bestValue, bestRow, pivotAbs);
      if (!(pivotAbs > 0.0)) {  // nothing to eliminate below; no swap
        if (tid == 0) {
          pivots[(long long)z * n + c] = c;
          if (info[z] == 0) info[z] = c + 1;
        }
        continue;
      }
      if (tid == 0) pivots[(long long)z * n + c] = p;
      eliminate_column(A, n, k, w, c, p);
    }
  }
}

// The row swaps of pivots k..k+w-1 (LAPACK's laswp, in order: rows k + j and pivots[z][k + j])
// applied to the columns of m (B matrices of row stride ld, batchStride apart) outside
// [skipFrom, skipFrom + skipCount): the blocked LU's columns left and right of a panel
// (linalg_lu_panel swapped the panel's own), or every column of a right-hand side. One thread per
// (matrix, column), grid-stride; a warp's threads read adjacent columns of a row. Memory traffic:
// two reads and two writes per swap and column.
template <typename T>
__device__ __forceinline__ void lu_swap(int batch, int cols, T* __restrict__ m, long long ld, long long batchStride, int skipFrom,
                                        int skipCount, const long long* __restrict__ pivots, long long pivotBatch, int k, int w) {
  const int kept = cols - skipCount;
  const long long total = (long long)batch * kept;
  for (long long e = (long long)blockIdx.x * blockDim.x + threadIdx.x; e < total; e += (long long)gridDim.x * blockDim.x) {
    const long long z = e / kept;
    const int c0 = (int)(e % kept), col = c0 < skipFrom ? c0 : c0 + skipCount;
    T* M = m + z * batchStride + col;
    const long long* piv = pivots + z * pivotBatch;
    for (int j = k; j < k + w; ++j) {
      const long long p = piv[j];
      if (p != j) {
        const T t = M[(long long)j * ld];
        M[(long long)j * ld] = M[p * ld];
        M[p * ld] = t;
      }
    }
  }
}

}  // namespace linalg_impl

#define LINALG_KERNELS(DN, T)                                                                                              \
  extern "C" __global__ void __launch_bounds__(linalg_impl::LA_THREADS)                                                    \
      linalg_cholesky_##DN(int batch, int n, const T* __restrict__ a, T* __restrict__ l, long long* __restrict__ info) {   \
    linalg_impl::cholesky<T>(batch, n, a, l, info);                                                                        \
  }                                                                                                                        \
  extern "C" __global__ void __launch_bounds__(linalg_impl::LA_THREADS)                                                    \
      linalg_trsm_##DN(int batch, int n, int cols, const T* __restrict__ a, long long ars, long long acs, int lower,       \
                       int unit, T* __restrict__ y, long long yrs, long long ycs, long long yBatch) {                      \
    linalg_impl::solve_triangular<T>(batch, n, cols, a, ars, acs, lower, unit, y, yrs, ycs, yBatch);                       \
  }                                                                                                                        \
  extern "C" __global__ void __launch_bounds__(linalg_impl::LA_THREADS)                                                    \
      linalg_lu_##DN(int batch, int n, T* __restrict__ lu, T* __restrict__ b, int cols, long long* __restrict__ info,        \
                     T* __restrict__ sign, T* __restrict__ logAbsDet) {                                                    \
    linalg_impl::lu<T>(batch, n, lu, b, cols, info, sign, logAbsDet);                                                      \
  }                                                                                                                        \
  extern "C" __global__ void __launch_bounds__(linalg_impl::LA_THREADS)                                                    \
      linalg_lu_panel_##DN(int batch, int n, int k, int w, T* __restrict__ lu, long long* __restrict__ pivots,              \
                           long long* __restrict__ info) {                                                                 \
    linalg_impl::lu_panel<T>(batch, n, k, w, lu, pivots, info);                                                            \
  }                                                                                                                        \
  extern "C" __global__ void __launch_bounds__(linalg_impl::LA_THREADS)                                                    \
      linalg_lu_swap_##DN(int batch, int cols, T* __restrict__ m, long long ld, long long batchStride, int skipFrom,        \
                          int skipCount, const long long* __restrict__ pivots, long long pivotBatch, int k, int w) {        \
    linalg_impl::lu_swap<T>(batch, cols, m, ld, batchStride, skipFrom, skipCount, pivots, pivotBatch, k, w);               \
  }

LINALG_KERNELS(f32, float)
LINALG_KERNELS(f64, double)
