// Orthogonal decompositions of batched small and medium matrices on the device
// (io.frontier.cuda.CudaLinalg; the CPU backend's QrKernel and EighKernel are the references):
// reduced QR by Householder reflections, the symmetric eigendecomposition by cyclic Jacobi
// rotations and the reduced SVD by one-sided (Hestenes) Jacobi rotations. One block of DECOMP_THREADS threads per matrix (grid-stride over the batch); every
// matrix is copied into a float64 workspace in global memory (its rows stay in L1/L2 for the sizes
// these serve), so both dtypes compute in float64 and round once at the end. Inputs and outputs
// are contiguous (B, rows, cols) row-major.
//
// QR (m x n, k = min(m, n)): for column j < k, the block sums the column's squares below the
// diagonal, every thread derives the same reflector v (v0 = x0 - alpha, alpha = -sign(x0) |x|,
// LAPACK's choice, stable) and each thread applies it to its own columns (thread per column:
// coalesced along rows); v stays below the diagonal, v0 and 2 / |v|^2 in the workspace. Q is the
// reflectors applied in reverse to the first k columns of the identity. Then each row i of R and
// column i of Q with R[i][i] < 0 change sign, so that R's diagonal is non-negative (the CPU's
// convention, which makes the factors unique for a full-rank A).
// Memory traffic: about 2 m n k reads and writes of the workspace; latency bound (k barriers).
//
// eigh (n x n, the lower triangle read): S = A mirrored, V = I; sweeps of n' - 1 rounds (n' = n
// rounded up to even) of the round-robin (circle) pairing, n' / 2 disjoint pairs a round: each
// pair's rotation is computed from S[p][p], S[q][q], S[p][q] (Golub and Van Loan 8.5.2), then the
// block rotates rows p, q of S, then columns p, q of S and of V (a barrier between the phases).
// Sweeps stop when the off-diagonal mass is below (1e-15)^2 of the total (Jacobi converges
// quadratically: 5 to 10 sweeps) or after DECOMP_MAX_SWEEPS. The eigenvalues (S's diagonal) go
// out ascending with their vectors, each placed by its rank (ties by index).
//
// SVD (m x n, k = min(m, n)): one-sided Jacobi on W = A (m >= n) or A^T (m < n), M x k: sweeps of
// round-robin rounds as eigh's, one warp per pair of columns (p, q): it sums |w_p|^2, |w_q|^2 and
// w_p . w_q over the rows and, unless they are orthogonal to 1e-15, rotates both columns of W and
// of V (k x k, from I) so that they are; a sweep without a rotation ends it. The singular values
// are the column norms, placed descending by rank; U's columns are W's divided by them, except for
// singular values under 1e-13 of the largest, whose columns are completed to an orthonormal set
// (Gram-Schmidt of unit vectors against the other columns), as LAPACK's U is. For m < n the
// factors of A^T swap roles: U = V, Vh = U^T.
#include "common.cuh"

namespace decomp_impl {

constexpr int DECOMP_THREADS = 256;
constexpr int DECOMP_MAX_SWEEPS = 40;
// Pairs a Jacobi round holds in shared memory: matrices of up to 2 * MAX_PAIRS rows (CudaLinalg
// sends larger ones to the host).
constexpr int MAX_PAIRS = 1024;

// Sum of v over the block; every thread gets it. red holds DECOMP_THREADS / 32 doubles; the call
// synchronises the block (twice).
__device__ __forceinline__ double block_sum(double v, double* red) {
  for (int d = 16; d > 0; d >>= 1) v += __shfl_xor_sync(0xffffffffu, v, d);
  __syncthreads();  // earlier readers of red are done
  if ((threadIdx.x & 31) == 0) red[threadIdx.x >> 5] = v;
  __syncthreads();
  double s = 0.0;
  for (int w = 0; w < (int)(blockDim.x >> 5); ++w) s += red[w];
  return s;
}

// ------------------------------------------------------------------------------------------- QR
// work: m n (the matrix, then the reflectors below R) + m k (Q) + 2 k (v0, 2 / |v|^2) doubles per
// matrix, in matrices of `stride` doubles.
template <typename T>
__device__ __forceinline__ void qr(int batch, int m, int n, const T* __restrict__ a, T* __restrict__ q, T* __restrict__ r,
                                   double* __restrict__ work, long long stride) {
  __shared__ double red[DECOMP_THREADS / 32];
  const int k = min(m, n);
  for (int z = blockIdx.x; z < batch; z += gridDim.x) {
    const T* A = a + (long long)z * m * n;
    double* W = work + (long long)z * stride;
    double* Q = W + (long long)m * n;
    double* V0 = Q + (long long)m * k;
    double* B = V0 + k;
    for (long long e = threadIdx.x; e < (long long)m * n; e += blockDim.x) W[e] = (double)A[e];
    __syncthreads();
    for (int j = 0; j < k; ++j) {
      double part = 0.0;
      for (int i = j + threadIdx.x; i < m; i += blockDim.x) part += W[(long long)i * n + j] * W[(long long)i * n + j];
      const double s = block_sum(part, red);  // synchronises: W's column j is final
      const double x0 = W[(long long)j * n + j];
      const double norm = sqrt(s);
      const double alpha = x0 >= 0.0 ? -norm : norm;
      const double v0 = x0 - alpha;
      const double vv = s - x0 * x0 + v0 * v0;  // |v|^2
      const double beta = vv > 0.0 ? 2.0 / vv : 0.0;
      for (int c = j + 1 + threadIdx.x; c < n; c += blockDim.x) {
        double dot = v0 * W[(long long)j * n + c];
        for (int i = j + 1; i < m; ++i) dot += W[(long long)i * n + j] * W[(long long)i * n + c];
        const double f = beta * dot;
        W[(long long)j * n + c] -= f * v0;
        for (int i = j + 1; i < m; ++i) W[(long long)i * n + c] -= f * W[(long long)i * n + j];
      }
      __syncthreads();  // every column read x0 and the reflector before they are overwritten
      if (threadIdx.x == 0) {
        W[(long long)j * n + j] = beta > 0.0 ? alpha : x0;
        V0[j] = v0;
        B[j] = beta;
      }
      __syncthreads();
    }
    // Q = H_0 ... H_{k-1} I[:, :k], applied from the last reflector to the first (thread per column)
    for (long long e = threadIdx.x; e < (long long)m * k; e += blockDim.x) Q[e] = (e / k == e % k) ? 1.0 : 0.0;
    __syncthreads();
    for (int j = k - 1; j >= 0; --j) {
      const double v0 = V0[j], beta = B[j];
      for (int c = threadIdx.x; c < k; c += blockDim.x) {
        double dot = v0 * Q[(long long)j * k + c];
        for (int i = j + 1; i < m; ++i) dot += W[(long long)i * n + j] * Q[(long long)i * k + c];
        const double f = beta * dot;
        Q[(long long)j * k + c] -= f * v0;
        for (int i = j + 1; i < m; ++i) Q[(long long)i * k + c] -= f * W[(long long)i * n + j];
      }
    }
    __syncthreads();
    // R's diagonal made non-negative: row i of R and column i of Q change sign together
    T* R = r + (long long)z * k * n;
    T* Qo = q + (long long)z * m * k;
    for (long long e = threadIdx.x; e < (long long)k * n; e += blockDim.x) {
      const int i = (int)(e / n), c = (int)(e % n);
      const double sign = W[(long long)i * n + i] < 0.0 ? -1.0 : 1.0;
      R[e] = c < i ? (T)0 : (T)(sign * W[(long long)i * n + c]);
    }
    for (long long e = threadIdx.x; e < (long long)m * k; e += blockDim.x) {
      const int c = (int)(e % k);
      const double sign = W[(long long)c * n + c] < 0.0 ? -1.0 : 1.0;
      Qo[e] = (T)(sign * Q[e]);
    }
    __syncthreads();  // the next matrix reuses nothing, but its copy must not race this one's reads of W
  }
}

// ----------------------------------------------------------------------------------------- eigh
// The round-robin pair t of round r among np players (np even): player np - 1 stays, the others
// turn around it.
__device__ __forceinline__ void round_robin(int r, int t, int np, int& p, int& q) {
  const int ring = np - 1;
  p = (r + t) % ring;
  q = t == 0 ? ring : (r - t + ring) % ring;
  if (p > q) {
    const int x = p;
    p = q;
    q = x;
  }
}

// work: 2 n n doubles (S, V) per matrix, in matrices of `stride` doubles.
template <typename T>
__device__ __forceinline__ void eigh(int batch, int n, const T* __restrict__ a, T* __restrict__ values, T* __restrict__ vectors,
                                     double* __restrict__ work, long long stride) {
  __shared__ double red[DECOMP_THREADS / 32];
  __shared__ double cs[MAX_PAIRS], sn[MAX_PAIRS];
  __shared__ int pp[MAX_PAIRS], qq[MAX_PAIRS];
  const long long nn = (long long)n * n;
  const int np = n + (n & 1), pairs = np / 2;
  for (int z = blockIdx.x; z < batch; z += gridDim.x) {
    const T* A = a + z * nn;
    double* S = work + (long long)z * stride;
    double* V = S + nn;
    for (long long e = threadIdx.x; e < nn; e += blockDim.x) {
      const int i = (int)(e / n), j = (int)(e % n);
      S[e] = (double)(i >= j ? A[e] : A[(long long)j * n + i]);  // the lower triangle, mirrored
      V[e] = i == j ? 1.0 : 0.0;
    }
    __syncthreads();
    for (int sweep = 0; sweep < DECOMP_MAX_SWEEPS && n > 1; ++sweep) {
      double off = 0.0, all = 0.0;
      for (long long e = threadIdx.x; e < nn; e += blockDim.x) {
        const double x = S[e] * S[e];
        all += x;
        if (e / n != e % n) off += x;
      }
      off = block_sum(off, red);
      all = block_sum(all, red);
      if (!(off > 1e-30 * all)) break;  // converged (or a NaN: stop, the NaN shows in the result)
      for (int round = 0; round < np - 1; ++round) {
        for (int t = threadIdx.x; t < pairs; t += blockDim.x) {
          int p, q;
          round_robin(round, t, np, p, q);
          double c = 1.0, s = 0.0;
          if (q < n) {
            const double apq = S[(long long)p * n + q];
            if (apq != 0.0) {
              const double theta = (S[(long long)q * n + q] - S[(long long)p * n + p]) / (2.0 * apq);
              const double tt = (theta >= 0.0 ? 1.0 : -1.0) / (fabs(theta) + sqrt(theta * theta + 1.0));
              c = 1.0 / sqrt(tt * tt + 1.0);
              s = tt * c;
            }
          }
          cs[t] = c;
          sn[t] = s;
          pp[t] = p;
          qq[t] = q < n ? q : -1;  // the odd matrix's dummy player: no rotation
        }
        __syncthreads();
        // rows p, q of S: S <- J^T S
        for (long long e = threadIdx.x; e < (long long)pairs * n; e += blockDim.x) {
          const int t = (int)(e / n), j = (int)(e % n);
          if (qq[t] < 0) continue;
          const double c = cs[t], s = sn[t];
          double* sp = S + (long long)pp[t] * n;
          double* sq = S + (long long)qq[t] * n;
          const double x = sp[j], y = sq[j];
          sp[j] = c * x - s * y;
          sq[j] = s * x + c * y;
        }
        __syncthreads();
        // columns p, q of S and V: S <- S J, V <- V J
        for (long long e = threadIdx.x; e < (long long)pairs * n; e += blockDim.x) {
          const int t = (int)(e / n), i = (int)(e % n);
          if (qq[t] < 0) continue;
          const double c = cs[t], s = sn[t];
          const int p = pp[t], q = qq[t];
          double x = S[(long long)i * n + p], y = S[(long long)i * n + q];
          S[(long long)i * n + p] = c * x - s * y;
          S[(long long)i * n + q] = s * x + c * y;
          x = V[(long long)i * n + p];
          y = V[(long long)i * n + q];
          V[(long long)i * n + p] = c * x - s * y;
          V[(long long)i * n + q] = s * x + c * y;
        }
        __syncthreads();
      }
    }
    // ascending: eigenvalue i goes to its rank (ties by index), with its column of V
    T* w = values + (long long)z * n;
    T* vec = vectors + z * nn;
    for (int i = threadIdx.x; i < n; i += blockDim.x) {
      const double li = S[(long long)i * n + i];
      int rank = 0;
      for (int j = 0; j < n; ++j) {
        const double lj = S[(long long)j * n + j];
        rank += lj < li || (lj == li && j < i);
      }
      w[rank] = (T)li;
      for (int row = 0; row < n; ++row) vec[(long long)row * n + rank] = (T)V[(long long)row * n + i];
    }
    __syncthreads();
  }
}

// ------------------------------------------------------------------------------------------ SVD
__device__ __forceinline__ double warp_sum(double v) {
  for (int d = 16; d > 0; d >>= 1) v += __shfl_xor_sync(0xffffffffu, v, d);
  return v;
}

// work: M k (W, M = max(m, n)) + k k (V) + k (singular values by column) doubles per matrix, in
// matrices of `stride` doubles. U is (m, k), S (k), Vh (k, n).
template <typename T>
__device__ __forceinline__ void svd(int batch, int m, int n, const T* __restrict__ a, T* __restrict__ u, T* __restrict__ sv,
                                    T* __restrict__ vh, double* __restrict__ work, long long stride) {
  __shared__ double red[DECOMP_THREADS / 32];
  __shared__ int rotated;
  const bool transposed = m < n;
  const int M = transposed ? n : m, k = transposed ? m : n;
  const int np = k + (k & 1), pairs = np / 2;
  const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5, warps = blockDim.x >> 5;
  for (int z = blockIdx.x; z < batch; z += gridDim.x) {
    const T* A = a + (long long)z * m * n;
    double* W = work + (long long)z * stride;
    double* V = W + (long long)M * k;
    double* sigma = V + (long long)k * k;
    for (long long e = threadIdx.x; e < (long long)M * k; e += blockDim.x) {
      const int i = (int)(e / k), j = (int)(e % k);  // W[i][j] = A[i][j], or A[j][i] transposed
      W[e] = (double)(transposed ? A[(long long)j * n + i] : A[(long long)i * n + j]);
    }
    for (long long e = threadIdx.x; e < (long long)k * k; e += blockDim.x) V[e] = (e / k == e % k) ? 1.0 : 0.0;
    __syncthreads();
    for (int sweep = 0; sweep < DECOMP_MAX_SWEEPS && k > 1; ++sweep) {
      if (threadIdx.x == 0) rotated = 0;
      __syncthreads();
      for (int round = 0; round < np - 1; ++round) {
        for (int t = warp; t < pairs; t += warps) {
          int p, q;
          round_robin(round, t, np, p, q);
          if (q >= k) continue;
          double al = 0.0, be = 0.0, ga = 0.0;
          for (int i = lane; i < M; i += 32) {
            const double x = W[(long long)i * k + p], y = W[(long long)i * k + q];
            al += x * x;
            be += y * y;
            ga += x * y;
          }
          al = warp_sum(al);
          be = warp_sum(be);
          ga = warp_sum(ga);
          if (!(fabs(ga) > 1e-15 * sqrt(al * be))) continue;  // orthogonal already (or a zero column)
          if (lane == 0) rotated = 1;
          const double zeta = (be - al) / (2.0 * ga);
          const double tt = (zeta >= 0.0 ? 1.0 : -1.0) / (fabs(zeta) + sqrt(1.0 + zeta * zeta));
          const double c = 1.0 / sqrt(1.0 + tt * tt), s = c * tt;
          for (int i = lane; i < M; i += 32) {
            const double x = W[(long long)i * k + p], y = W[(long long)i * k + q];
            W[(long long)i * k + p] = c * x - s * y;
            W[(long long)i * k + q] = s * x + c * y;
          }
          for (int i = lane; i < k; i += 32) {
            const double x = V[(long long)i * k + p], y = V[(long long)i * k + q];
            V[(long long)i * k + p] = c * x - s * y;
            V[(long long)i * k + q] = s * x + c * y;
          }
        }
        __syncthreads();
      }
      if (!rotated) break;  // read after the round's barrier; every thread sees the same flag
      __syncthreads();      // before thread 0 clears it for the next sweep
    }
    // singular values: the column norms
    for (int j = warp; j < k; j += warps) {
      double s2 = 0.0;
      for (int i = lane; i < M; i += 32) s2 += W[(long long)i * k + j] * W[(long long)i * k + j];
      s2 = warp_sum(s2);
      if (lane == 0) sigma[j] = sqrt(s2);
    }
    __syncthreads();
    double largest = 0.0;
    for (int j = 0; j < k; ++j) largest = fmax(largest, sigma[j]);
    const double tiny = 1e-13 * largest;
    // columns of W with a real singular value, normalised in place; the others zeroed for now
    for (long long e = threadIdx.x; e < (long long)M * k; e += blockDim.x) {
      const int j = (int)(e % k);
      W[e] = sigma[j] > tiny ? W[e] / sigma[j] : 0.0;
    }
    __syncthreads();
    // completion: each (near-)zero column becomes the first unit vector e_t whose part orthogonal
    // to every other column (projected out twice: "twice is enough") is at least 1/(2 sqrt(M))
    // long, normalised. The other columns are orthonormal or zero and fewer than M, so the
    // squared lengths of the parts over all t sum to at least 1: some t reaches 1/sqrt(M).
    const double enough = 0.5 / sqrt((double)M);
    for (int j = 0; j < k; ++j) {
      if (sigma[j] > tiny) continue;
      for (int t = 0; t < M; ++t) {
        for (int i = threadIdx.x; i < M; i += blockDim.x) W[(long long)i * k + j] = i == t ? 1.0 : 0.0;
        __syncthreads();
        for (int c = 0; c < 2 * k; ++c) {
          if (c % k == j) continue;
          double part = 0.0;
          for (int i = threadIdx.x; i < M; i += blockDim.x) part += W[(long long)i * k + c % k] * W[(long long)i * k + j];
          const double d = block_sum(part, red);
          for (int i = threadIdx.x; i < M; i += blockDim.x) W[(long long)i * k + j] -= d * W[(long long)i * k + c % k];
          __syncthreads();
        }
        double part = 0.0;
        for (int i = threadIdx.x; i < M; i += blockDim.x) part += W[(long long)i * k + j] * W[(long long)i * k + j];
        const double len = sqrt(block_sum(part, red));
        if (len >= enough) {
          for (int i = threadIdx.x; i < M; i += blockDim.x) W[(long long)i * k + j] /= len;
          __syncthreads();
          break;
        }
        __syncthreads();  // every thread read len before the next candidate overwrites the column
      }
    }
    __syncthreads();
    // descending by rank (ties by index); U (m, k), S (k), Vh (k, n)
    T* U = u + (long long)z * m * k;
    T* Sv = sv + (long long)z * k;
    T* Vh = vh + (long long)z * k * n;
    for (int j = threadIdx.x; j < k; j += blockDim.x) {
      int rank = 0;
      for (int c = 0; c < k; ++c) rank += sigma[c] > sigma[j] || (sigma[c] == sigma[j] && c < j);
      Sv[rank] = (T)sigma[j];
      if (!transposed) {
        for (int i = 0; i < m; ++i) U[(long long)i * k + rank] = (T)W[(long long)i * k + j];
        for (int c = 0; c < n; ++c) Vh[(long long)rank * n + c] = (T)V[(long long)c * k + j];
      } else {  // A^T = W S V^T, so A = V S W^T
        for (int i = 0; i < m; ++i) U[(long long)i * k + rank] = (T)V[(long long)i * k + j];
        for (int c = 0; c < n; ++c) Vh[(long long)rank * n + c] = (T)W[(long long)c * k + j];
      }
    }
    __syncthreads();
  }
}

}  // namespace decomp_impl

#define DECOMP_KERNELS(DN, T)                                                                                               \
  extern "C" __global__ void __launch_bounds__(decomp_impl::DECOMP_THREADS, 1)                                                 \
      linalg_qr_##DN(int batch, int m, int n, const T* __restrict__ a, T* __restrict__ q, T* __restrict__ r,                \
                     double* __restrict__ work, long long stride) {                                                          \
    decomp_impl::qr<T>(batch, m, n, a, q, r, work, stride);                                                                 \
  }                                                                                                                         \
  extern "C" __global__ void __launch_bounds__(decomp_impl::DECOMP_THREADS, 1)                                                 \
      linalg_eigh_##DN(int batch, int n, const T* __restrict__ a, T* __restrict__ values, T* __restrict__ vectors,           \
                       double* __restrict__ work, long long stride) {                                                        \
    decomp_impl::eigh<T>(batch, n, a, values, vectors, work, stride);                                                       \
  }                                                                                                                         \
  extern "C" __global__ void __launch_bounds__(decomp_impl::DECOMP_THREADS, 1)                                                 \
      linalg_svd_##DN(int batch, int m, int n, const T* __restrict__ a, T* __restrict__ u, T* __restrict__ s,               \
                      T* __restrict__ vh, double* __restrict__ work, long long stride) {                                     \
    decomp_impl::svd<T>(batch, m, n, a, u, s, vh, work, stride);                                                           \
  }

DECOMP_KERNELS(f32, float)
DECOMP_KERNELS(f64, double)
