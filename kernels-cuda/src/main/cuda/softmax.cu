// Softmax and log-softmax along one dim: exp(x - max) / sum exp(x - max) and
// x - (max + log sum exp(x - max)).
//
// One pass over the row keeps an online (max, sum) pair per thread, rescaling the sum when the max
// grows; the pairs are merged across the warp (shuffles) and the block (shared memory); a second
// pass writes the outputs. A row of all -inf has max -inf and sum 0 and gives NaN, as PyTorch; a
// +inf or NaN in the row gives NaN everywhere, as the CPU reference (inf - inf is NaN).
//
// Row layouts (io.frontier.cuda.AlongDim): 0 one thread per row (rows adjacent in memory, the
// dim strided), 1 one warp per row, 2 one block per row.
//
// Memory traffic: 2 reads + 1 write per element (the second read of a row usually hits L2); target
// >= 80% of copy bandwidth on rows of 1k-100k elements. float32 rows exponentiate in float32
// (expf, no fast-math) and accumulate the sum in float64.
#include "common.cuh"

namespace softmax_impl {

__device__ __forceinline__ float shfl_xor(float v, int d) { return __shfl_xor_sync(0xffffffffu, v, d); }
__device__ __forceinline__ double shfl_xor(double v, int d) { return __shfl_xor_sync(0xffffffffu, v, d); }

__device__ __forceinline__ float ex(float x) { return expf(x); }
__device__ __forceinline__ double ex(double x) { return exp(x); }

// Folds element x into the running (m, s). -inf adds nothing and is skipped so that -inf - -inf
// never appears; a NaN turns s into NaN.
template <class T>
__device__ __forceinline__ void fold(T x, T& m, double& s) {
  if (x > m) {
    s = s * exp((double)m - (double)x) + 1.0;
    m = x;
  } else if (x != -(T)INFINITY) {
    s += (double)ex(x - m);
  }
}

// Merges (m2, s2) into (m, s). m is never NaN.
template <class T>
__device__ __forceinline__ void merge(T& m, double& s, T m2, double s2) {
  const T mm = m > m2 ? m : m2;
  if (mm == -(T)INFINITY) {
    s += s2;  // both empty so far (0 + 0)
  } else {
    s = s * exp((double)m - (double)mm) + s2 * exp((double)m2 - (double)mm);
  }
  m = mm;
}

template <class T>
__device__ __forceinline__ T out_value(T x, T m, double s, double shift, float inv, bool logOut);

template <>
__device__ __forceinline__ float out_value<float>(float x, float m, double s, double shift, float inv, bool logOut) {
  return logOut ? (float)((double)x - shift) : expf(x - m) * inv;
}

template <>
__device__ __forceinline__ double out_value<double>(double x, double m, double s, double shift, float inv, bool logOut) {
  return logOut ? x - shift : exp(x - m) / s;
}

// exp(x - m) / s from e = exp(x - m): float32 multiplies by the rounded reciprocal, float64 divides
// (the same arithmetic as out_value).
template <class T> __device__ __forceinline__ T scale(T e, double s, float inv);
template <> __device__ __forceinline__ float scale<float>(float e, double s, float inv) { return e * inv; }
template <> __device__ __forceinline__ double scale<double>(double e, double s, float inv) { return e / s; }

template <class T>
__device__ __forceinline__ void softmax_body(int nRows, int n, int mode, int logOut, const T* __restrict__ in,
                                             const Strided& inRows, int si, T* __restrict__ out,
                                             const Strided& outRows, int so) {
  __shared__ T sm[32];
  __shared__ double ss[32];
  const int warp = threadIdx.x >> 5, lane = threadIdx.x & 31;
  long long row;
  int t, nt;
  if (mode == 0) {
    row = (long long)blockIdx.x * blockDim.x + threadIdx.x; t = 0; nt = 1;
  } else if (mode == 1) {
    row = (long long)blockIdx.x * (blockDim.x >> 5) + warp; t = lane; nt = 32;
  } else {
    row = blockIdx.x; t = threadIdx.x; nt = blockDim.x;
  }
  if (row >= nRows) return;  // uniform per warp (mode 1) and per block (mode 2)
  const T* x = in + strided_offset(inRows, (unsigned)row);
  T* y = out + strided_offset(outRows, (unsigned)row);
  T m = -(T)INFINITY;
  double s = 0.0;
  for (int i = t; i < n; i += nt) fold(x[(long long)i * si], m, s);
  if (mode != 0) {
    for (int d = 16; d > 0; d >>= 1) {
      T m2 = shfl_xor(m, d);
      double s2 = shfl_xor(s, d);
      merge(m, s, m2, s2);
    }
    if (mode == 2) {
      if (lane == 0) { sm[warp] = m; ss[warp] = s; }
      __syncthreads();
      // Every thread merges the warps' pairs in the same order, so all agree bit for bit.
      m = sm[0];
      s = ss[0];
      for (int w = 1; w < (int)(blockDim.x >> 5); w++) merge(m, s, sm[w], ss[w]);
    }
  }
  if (m == (T)INFINITY) s = __longlong_as_double(0x7ff8000000000000LL);  // inf - inf: NaN, as the CPU
  const double shift = (double)m + log(s);
  const float inv = (float)(1.0 / s);
  const bool lg = logOut != 0;
  for (int i = t; i < n; i += nt) y[(long long)i * so] = out_value<T>(x[(long long)i * si], m, s, shift, inv, lg);
}


// ---- register tiles: rows of up to 512 * P elements (8192 float32, 4096 float64) ----------------
//
// A group of G threads (a power of two, 32..512) owns one row; a block holds max(G, 128) / G rows.
// Each thread keeps P = 64 / sizeof(T) elements of its row in registers (16 float32 / 8 float64),
// so the row is read once and written once: 1 read + 1 write per element. With VEC the row is
// contiguous, its start and length multiples of 16 bytes (the Java side checks), and the thread's
// K = P / W accesses are 16-byte loads and stores (float4 / double2) at access index k * G + t, so
// a warp moves 512 contiguous bytes per instruction; without VEC the same tile is filled by scalar
// loads at element k * G + t (any stride, any alignment; still coalesced when si == 1).
// Then: max (4 independent chains, then shuffles and shared memory), sum of exp(x - max) in 4
// independent accumulators of T (each over P / 4 terms) combined in float64, and the outputs.
// Expected: like exp's 1 read + 1 write (0.91 of memcpy in run 1) minus one block-wide reduction
// per row: >= 0.8 of memcpy (~2400 GB/s on the H100) for rows of 4096 float32.
template <class T> struct Vec16;
template <> struct Vec16<float> { typedef float4 type; };
template <> struct Vec16<double> { typedef double2 type; };

__device__ __forceinline__ void unpack(const float4& a, float* d) { d[0] = a.x; d[1] = a.y; d[2] = a.z; d[3] = a.w; }
__device__ __forceinline__ void unpack(const double2& a, double* d) { d[0] = a.x; d[1] = a.y; }
__device__ __forceinline__ float4 pack(const float* d) { return make_float4(d[0], d[1], d[2], d[3]); }
__device__ __forceinline__ double2 pack(const double* d) { return make_double2(d[0], d[1]); }

__device__ __forceinline__ float fmx(float a, float b) { return fmaxf(a, b); }
__device__ __forceinline__ double fmx(double a, double b) { return fmax(a, b); }

// Reduces v over the G threads of each group (G a power of two >= 32, warps of a group adjacent);
// every thread of the group gets the same bits (xor butterflies of a commutative op, then the
// group's warps in one order). sh: 32 entries used once per launch. Contains a __syncthreads
// when G > 32: every thread of the block must call it (G is uniform).
template <bool IS_MAX, class A>
__device__ __forceinline__ A group_reduce(A v, int G, A* sh) {
#pragma unroll
  for (int d = 16; d > 0; d >>= 1) {
    const A u = shfl_xor(v, d);
    v = IS_MAX ? fmx(v, u) : v + u;
  }
  if (G > 32) {
    const int warp = threadIdx.x >> 5, nw = G >> 5, first = warp / nw * nw;
    if ((threadIdx.x & 31) == 0) sh[warp] = v;
    __syncthreads();
    v = sh[first];
    for (int w = 1; w < nw; w++) v = IS_MAX ? fmx(v, sh[first + w]) : v + sh[first + w];
  }
  return v;
}

template <class T, bool VEC>
__device__ __forceinline__ void tile_body(int nRows, int n, int G, int logOut, const T* __restrict__ in,
                                          const Strided& inRows, int si, T* __restrict__ out,
                                          const Strided& outRows, int so) {
  constexpr int P = 64 / (int)sizeof(T);
  constexpr int W = VEC ? 16 / (int)sizeof(T) : 1;  // elements per access
  constexpr int K = P / W;                          // accesses per thread
  typedef typename Vec16<T>::type V;
  __shared__ T shm[32];
  __shared__ double shs[32];
  const int t = threadIdx.x & (G - 1);
  const long long row = (long long)blockIdx.x * (blockDim.x / G) + threadIdx.x / G;
  // Rows past the end (last block) compute on -inf padding and write nothing; they cannot return
  // early because group_reduce holds __syncthreads.
  const bool valid = row < nRows;
  const T* x = in + (valid ? strided_offset(inRows, (unsigned)row) : 0);
  const T ninf = -(T)INFINITY;
  T v[P];
#pragma unroll
  for (int k = 0; k < K; k++) {
    const int q = k * G + t;  // access index in the row; q * W < 512 * P, no overflow
    if (VEC) {
      if (valid && q * W < n) {
        FRONTIER_VECTOR_ACCESS(x + q * W, sizeof(V));
        unpack(reinterpret_cast<const V*>(x)[q], &v[k * W]);
      } else {
#pragma unroll
        for (int j = 0; j < W; j++) v[k * W + j] = ninf;
      }
    } else {
      v[k] = valid && q < n ? x[(long long)q * si] : ninf;
    }
  }
  // Max: NaN is ignored here (fmax) and reaches every output through the sum instead.
  T m4[4] = {v[0], v[1], v[2], v[3]};
#pragma unroll
  for (int i = 4; i < P; i++) m4[i & 3] = fmx(m4[i & 3], v[i]);
  const T m = group_reduce<true, T>(fmx(fmx(m4[0], m4[1]), fmx(m4[2], m4[3])), G, shm);
  // exp(pad - m) = 0 for finite m; m = -inf (all -inf) or +inf in the row give NaN via -inf - -inf
  // or inf - inf, as the CPU reference and PyTorch.
  const bool lg = logOut != 0;
  T s4[4] = {T(0), T(0), T(0), T(0)};
#pragma unroll
  for (int i = 0; i < P; i++) {
    const T e = ex(v[i] - m);
    if (!lg) v[i] = e;
    s4[i & 3] += e;
  }
  const double s = group_reduce<false, double>(((double)s4[0] + (double)s4[1]) + ((double)s4[2] + (double)s4[3]), G, shs);
  if (!valid) return;  // after the last __syncthreads
  const double shift = (double)m + log(s);
  const float inv = (float)(1.0 / s);
#pragma unroll
  for (int i = 0; i < P; i++) v[i] = lg ? out_value<T>(v[i], m, s, shift, inv, true) : scale<T>(v[i], s, inv);
  T* y = out + strided_offset(outRows, (unsigned)row);
#pragma unroll
  for (int k = 0; k < K; k++) {
    const int q = k * G + t;
    if (VEC) {
      if (q * W < n) {
        FRONTIER_VECTOR_ACCESS(y + q * W, sizeof(V));
        reinterpret_cast<V*>(y)[q] = pack(&v[k * W]);
      }
    } else {
      if (q < n) y[(long long)q * so] = v[k];
    }
  }
}

}  // namespace softmax_impl

#define SOFTMAX_KERNEL(DN, T)                                                                                  \
  extern "C" __global__ void softmax_##DN(int nRows, int n, int mode, int logOut, const T* __restrict__ in,    \
                                          Strided inRows, int si, T* __restrict__ out, Strided outRows, int so) { \
    softmax_impl::softmax_body<T>(nRows, n, mode, logOut, in, inRows, si, out, outRows, so);                      \
  }

SOFTMAX_KERNEL(f32, float)
SOFTMAX_KERNEL(f64, double)

// Register-tile kernels (tile_body): G threads per row, max(G, 128) threads per block.
#define SOFTMAX_TILE_KERNEL(NAME, T, VEC)                                                                      \
  extern "C" __global__ void NAME(int nRows, int n, int G, int logOut, const T* __restrict__ in, Strided inRows, \
                                  int si, T* __restrict__ out, Strided outRows, int so) {                       \
    softmax_impl::tile_body<T, VEC>(nRows, n, G, logOut, in, inRows, si, out, outRows, so);                     \
  }

SOFTMAX_TILE_KERNEL(softmax_tile_f32, float, false)
SOFTMAX_TILE_KERNEL(softmax_tile_f64, double, false)
SOFTMAX_TILE_KERNEL(softmax_tile_vec_f32, float, true)
SOFTMAX_TILE_KERNEL(softmax_tile_vec_f64, double, true)

// ------------------------------------------------------------------------------------------------
// Causal attention softmax and the scaled softmax backward (io.frontier.tensor.Fused.causalSoftmax
// and softmaxBackward; CPU reference: io.frontier.tensor.cpu.CausalSoftmaxKernels). One warp per
// row of n contiguous elements, 8 rows per 256-thread block, each lane striding over its row.
//
// causal_softmax: row r is query i = r mod T; keys j <= i + offset are kept, y = softmax(scale x)
// over them, 0 elsewhere. Three sweeps of the kept prefix: max; exponentials written to y and
// summed; y scaled (each lane rereads its own writes). The rereads hit L1 (attention rows are a few
// KB), so memory traffic is one read and one write per element, where scale, mask and softmax done
// apart take three of each.
// Target >= 80% of copy bandwidth at >= 64 MB. The masked part of a row is only written.
//
// softmax_bwd: dx = scale y (g - sum(g y)) per row; the dot accumulates in float64. Reads g and y
// once (the second sweep hits L1) and writes dx: 12 bytes per float32 element, target as above.
// ------------------------------------------------------------------------------------------------
namespace causal_softmax_impl {

template <typename T>
__device__ __forceinline__ T warp_max(T v) {
#pragma unroll
  for (int d = 16; d > 0; d >>= 1) v = fmax(v, __shfl_xor_sync(0xffffffffu, v, d));
  return v;
}

template <typename A>
__device__ __forceinline__ A warp_sum(A v) {
#pragma unroll
  for (int d = 16; d > 0; d >>= 1) v += __shfl_xor_sync(0xffffffffu, v, d);
  return v;
}

template <typename T>
__device__ __forceinline__ void forward(int rows, int n, int queries, int offset, T scale, const T* __restrict__ x, T* __restrict__ y) {
  const int lane = threadIdx.x & 31;
  const long long row = (long long)blockIdx.x * (blockDim.x >> 5) + (threadIdx.x >> 5);
  if (row >= rows) return;  // a whole warp at once
  const int k = (int)min((long long)n, row % queries + offset + 1);
  const T* xr = x + row * n;
  T* yr = y + row * n;
  T m = -INFINITY;
  for (int j = lane; j < k; j += 32) m = fmax(m, scale * xr[j]);
  m = warp_max(m);
  T s = 0;
  for (int j = lane; j < k; j += 32) {
    const T e = exp(scale * xr[j] - m);
    yr[j] = e;  // each lane rereads only what it wrote
    s += e;
  }
  s = warp_sum(s);
  const T inv = T(1) / s;
  for (int j = lane; j < n; j += 32) yr[j] = j < k ? yr[j] * inv : T(0);
}

template <typename T>
__device__ __forceinline__ void backward(int rows, int n, T scale, const T* __restrict__ g, const T* __restrict__ y, T* __restrict__ dx) {
  const int lane = threadIdx.x & 31;
  const long long row = (long long)blockIdx.x * (blockDim.x >> 5) + (threadIdx.x >> 5);
  if (row >= rows) return;
  const T* gr = g + row * n;
  const T* yr = y + row * n;
  T* dr = dx + row * n;
  double dot = 0;
  for (int j = lane; j < n; j += 32) dot += (double)gr[j] * (double)yr[j];
  const T d = (T)warp_sum(dot);
  for (int j = lane; j < n; j += 32) dr[j] = scale * yr[j] * (gr[j] - d);
}

}  // namespace causal_softmax_impl

#define CAUSAL_SOFTMAX_KERNELS(DN, T)                                                                             \
  extern "C" __global__ void __launch_bounds__(256) causal_softmax_##DN(int rows, int n, int queries, int offset, T scale, \
                                                                        const T* __restrict__ x, T* __restrict__ y) {  \
    causal_softmax_impl::forward<T>(rows, n, queries, offset, scale, x, y);                                         \
  }                                                                                                                 \
  extern "C" __global__ void __launch_bounds__(256) softmax_bwd_##DN(int rows, int n, T scale, const T* __restrict__ g,  \
                                                                     const T* __restrict__ y, T* __restrict__ dx) {      \
    causal_softmax_impl::backward<T>(rows, n, scale, g, y, dx);                                                     \
  }
CAUSAL_SOFTMAX_KERNELS(f32, float)
CAUSAL_SOFTMAX_KERNELS(f64, double)
