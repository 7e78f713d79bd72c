// Stable sort along one dim for rows of up to a few thousand elements (cpu/SortKernels.java is the
// reference; longer rows take the host fallback, see CudaIndexing.sort).
//
// A block sorts `rows` rows of `n` elements at once, each padded to the power of two `p`, with a
// bitonic network in shared memory over (key, original index) pairs. Keys are the elements mapped
// to unsigned integers whose order is the requested one (NaN above every number, -0.0 equal to
// 0.0, complemented for descending); ties break by the original index, so all pairs are distinct
// and the network's result is the unique stable order. Padding (key all ones, index >= n) sorts
// after every real element. The values are then read back from the input by index, so -0.0 and
// NaN payloads survive exactly.
//
// Memory traffic: each element is read once for its key, once more (from L1/L2) for its value,
// and written twice (value and int64 index): 2 reads + 1 value write + 8 bytes per element. The
// network costs log2(p)(log2(p)+1)/2 shared-memory passes, so short rows are bound by memory
// bandwidth and rows in the thousands by shared-memory bandwidth. Rows along an inner dim
// (stride 1) are read and written coalesced; along an outer dim each access is a separate
// transaction.
#include "common.cuh"

namespace sort_impl {

// Order-preserving maps to unsigned integers.
__device__ __forceinline__ unsigned int sort_key(float x) {
  if (x != x) return 0xFFFFFFFFu;  // every NaN above +inf (0xFF800000 mapped)
  if (x == 0.0f) x = 0.0f;         // -0.0 equals 0.0
  unsigned int u = __float_as_uint(x);
  return (u & 0x80000000u) ? ~u : (u | 0x80000000u);
}
__device__ __forceinline__ unsigned long long sort_key(double x) {
  if (x != x) return 0xFFFFFFFFFFFFFFFFull;
  if (x == 0.0) x = 0.0;
  unsigned long long u = (unsigned long long)__double_as_longlong(x);
  return (u & 0x8000000000000000ull) ? ~u : (u | 0x8000000000000000ull);
}
__device__ __forceinline__ unsigned long long sort_key(long long x) {
  return (unsigned long long)x ^ 0x8000000000000000ull;
}
__device__ __forceinline__ unsigned int sort_key(fbool x) { return x ? 1u : 0u; }

template <typename T> struct KeyOf { typedef unsigned int type; };
template <> struct KeyOf<double> { typedef unsigned long long type; };
template <> struct KeyOf<long long> { typedef unsigned long long type; };

// The block's shared memory: keys[rows * p] (8-byte aligned at the start) then idx[rows * p].
template <typename T>
__device__ __forceinline__ void sort_rows(int n, int p, int rows, int numRows, const T* __restrict__ in, Strided inRows,
                                          int inStep, T* __restrict__ values, Strided valRows, int valStep,
                                          long long* __restrict__ indices, Strided idxRows, int idxStep, int descending) {
  typedef typename KeyOf<T>::type K;
  FRONTIER_DYNAMIC_SHARED(sort_shared);
  const int tile = rows * p;
  K* keys = reinterpret_cast<K*>(sort_shared);
  int* idx = reinterpret_cast<int*>(keys + tile);
  const int firstRow = blockIdx.x * rows;
  const K pad = (K)~(K)0;

  for (int e = threadIdx.x; e < tile; e += blockDim.x) {
    int r = e / p, j = e - r * p, row = firstRow + r;
    K k = pad;
    int at = p + j;  // >= n: padding sorts last
    if (j < n && row < numRows) {
      k = sort_key(in[strided_offset(inRows, (unsigned int)row) + (long long)j * inStep]);
      if (descending) k = ~k;
      at = j;
    }
    keys[e] = k;
    idx[e] = at;
  }
  __syncthreads();

  // Bitonic sort of every p-element segment. Stages below p alternate direction by (i & size);
  // the last stage sorts every segment ascending (the usual rule would flip odd segments).
  const int half = tile >> 1;
  for (int size = 2; size <= p; size <<= 1) {
    for (int stride = size >> 1; stride > 0; stride >>= 1) {
      for (int t = threadIdx.x; t < half; t += blockDim.x) {
        int i = ((t & ~(stride - 1)) << 1) | (t & (stride - 1));
        int l = i + stride;
        bool up = size == p || (i & size) == 0;
        K ki = keys[i], kl = keys[l];
        int ii = idx[i], il = idx[l];
        bool lFirst = kl < ki || (kl == ki && il < ii);
        if (lFirst == up) {
          keys[i] = kl;
          keys[l] = ki;
          idx[i] = il;
          idx[l] = ii;
        }
      }
      __syncthreads();
    }
  }

  for (int e = threadIdx.x; e < tile; e += blockDim.x) {
    int r = e / p, j = e - r * p, row = firstRow + r;
    if (j < n && row < numRows) {
      int src = idx[e];
      values[strided_offset(valRows, (unsigned int)row) + (long long)j * valStep] =
          in[strided_offset(inRows, (unsigned int)row) + (long long)src * inStep];
      indices[strided_offset(idxRows, (unsigned int)row) + (long long)j * idxStep] = src;
    }
  }
}

}  // namespace sort_impl

// Rows are described by each operand's view with the sorted dim removed (inRows, ...) and the
// element stride along that dim (inStep, ...). Grid: ceil(numRows / rows) blocks.
#define SORT_KERNEL(N, T)                                                                                          \
  extern "C" __global__ void sort_rows_##N(int n, int p, int rows, int numRows, const T* __restrict__ in,          \
                                           Strided inRows, int inStep, T* __restrict__ values, Strided valRows,    \
                                           int valStep, long long* __restrict__ indices, Strided idxRows,          \
                                           int idxStep, int descending) {                                          \
    sort_impl::sort_rows<T>(n, p, rows, numRows, in, inRows, inStep, values, valRows, valStep, indices, idxRows,   \
                            idxStep, descending);                                                                  \
  }

SORT_KERNEL(f32, float)
SORT_KERNEL(f64, double)
SORT_KERNEL(i64, long long)
SORT_KERNEL(bool, fbool)
