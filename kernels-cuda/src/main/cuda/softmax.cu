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

}  // namespace softmax_impl

#define SOFTMAX_KERNEL(DN, T)                                                                                  \
  extern "C" __global__ void softmax_##DN(int nRows, int n, int mode, int logOut, const T* __restrict__ in,    \
                                          Strided inRows, int si, T* __restrict__ out, Strided outRows, int so) { \
    softmax_impl::softmax_body<T>(nRows, n, mode, logOut, in, inRows, si, out, outRows, so);                      \
  }

SOFTMAX_KERNEL(f32, float)
SOFTMAX_KERNEL(f64, double)
