// Stable sort along one dim (cpu/SortKernels.java is the reference): sort_rows for rows that fit
// one block's shared memory (SortPlan), and for longer ones (a vocabulary's logits, for top-k and
// top-p sampling) tiles sorted in shared memory then merged in global memory (LongSortPlan, below).
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

// Bitonic sort of every p-element segment of keys[0, tile) (and idx with them) ascending by (key,
// index); the caller has synchronised after filling them, and every thread of the block calls it.
// Stages below p alternate direction by (i & size); the last stage sorts every segment ascending
// (the usual rule would flip odd segments).
template <typename K>
__device__ __forceinline__ void bitonic_segments(K* keys, int* idx, int tile, int p) {
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
}

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

  bitonic_segments<K>(keys, idx, tile, p);

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

// ------------------------------------------------------------------------------------ long rows
// Rows too long for one block (LongSortPlan) in three kernels over run storage: (key, original
// index) pairs of every row, keys widened to 64 bits, rows n apart ([row][n], two buffers of each
// that the merge passes alternate between).
//   sort_tiles: block b sorts tile b % tilesPerRow (tileP elements, a power of two) of row
//     b / tilesPerRow in shared memory, as sort_rows sorts a row, and writes its pairs to the runs
//     (the last tile's padding, which sorts last, is not written);
//   sort_merge: merges runs of `width` pairs two by two (runs of 2 width), MERGE_PER_THREAD outputs
//     a thread, each thread finding where its outputs start by a binary search along the merge
//     path of its two runs;
//   sort_gather: values[j] = in[index of pair j], indices[j] = that index.
// Pairs are distinct (the index breaks ties), so the merged order is the unique stable one.
// Memory traffic: the tiles read each element once and write 16 bytes; each of the
// log2(n / tileP) merge passes reads and writes 16 bytes per element (plus the search, from L2);
// the gather reads the index and the value and writes both.
constexpr int MERGE_PER_THREAD = 8;

template <typename T>
__device__ __forceinline__ void sort_tiles(int n, int tileP, int tilesPerRow, int numRows, const T* __restrict__ in, Strided inRows,
                                           int inStep, unsigned long long* __restrict__ runKeys, long long* __restrict__ runIdx,
                                           int descending) {
  typedef typename KeyOf<T>::type K;
  FRONTIER_DYNAMIC_SHARED(sort_shared);
  K* keys = reinterpret_cast<K*>(sort_shared);
  int* idx = reinterpret_cast<int*>(keys + tileP);
  const int row = blockIdx.x / tilesPerRow;
  const int j0 = (blockIdx.x - row * tilesPerRow) * tileP;
  const int valid = min(tileP, n - j0);
  const long long base = strided_offset(inRows, (unsigned int)row);
  for (int e = threadIdx.x; e < tileP; e += blockDim.x) {
    K k = (K)~(K)0;
    int at = n + e;  // padding: after every real element
    if (e < valid) {
      k = sort_key(in[base + (long long)(j0 + e) * inStep]);
      if (descending) k = ~k;
      at = j0 + e;
    }
    keys[e] = k;
    idx[e] = at;
  }
  __syncthreads();
  bitonic_segments<K>(keys, idx, tileP, tileP);
  const long long out = (long long)row * n + j0;
  for (int e = threadIdx.x; e < valid; e += blockDim.x) {
    runKeys[out + e] = (unsigned long long)keys[e];
    runIdx[out + e] = idx[e];
  }
}

__device__ __forceinline__ bool pair_before(unsigned long long ka, long long ia, unsigned long long kb, long long ib) {
  return ka < kb || (ka == kb && ia < ib);
}

__device__ __forceinline__ void sort_merge(int n, int width, int numRows, const unsigned long long* __restrict__ inKeys,
                                           const long long* __restrict__ inIdx, unsigned long long* __restrict__ outKeys,
                                           long long* __restrict__ outIdx) {
  const int chunksPerRow = (n + MERGE_PER_THREAD - 1) / MERGE_PER_THREAD;
  GRID_STRIDE_LOOP(c, (long long)numRows * chunksPerRow) {
    const int row = (int)(c / chunksPerRow);
    const int pos = (int)(c - (unsigned int)row * chunksPerRow) * MERGE_PER_THREAD;  // a multiple of 8: never across two runs' pair
    const int count = min(MERGE_PER_THREAD, n - pos);
    const long long rowBase = (long long)row * n;
    const int start = pos / (2 * width) * (2 * width);  // the pair of runs holding pos
    const int aLen = min(width, n - start), bStart = start + aLen, bLen = max(0, min(width, n - bStart));
    const unsigned long long* ak = inKeys + rowBase + start;
    const long long* ai = inIdx + rowBase + start;
    const unsigned long long* bk = inKeys + rowBase + bStart;
    const long long* bi = inIdx + rowBase + bStart;
    const int d = pos - start;
    // i: how many of the first d outputs come from run a
    int lo = max(0, d - bLen), hi = min(d, aLen);
    while (lo < hi) {
      const int mid = (lo + hi) >> 1;
      if (pair_before(ak[mid], ai[mid], bk[d - mid - 1], bi[d - mid - 1])) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    int ia = lo, ib = d - lo;
    for (int k = 0; k < count; ++k) {
      const bool takeA = ib >= bLen || (ia < aLen && pair_before(ak[ia], ai[ia], bk[ib], bi[ib]));
      outKeys[rowBase + pos + k] = takeA ? ak[ia] : bk[ib];
      outIdx[rowBase + pos + k] = takeA ? ai[ia] : bi[ib];
      if (takeA) {
        ++ia;
      } else {
        ++ib;
      }
    }
  }
}

template <typename T>
__device__ __forceinline__ void sort_gather(int n, int numRows, const long long* __restrict__ runIdx, const T* __restrict__ in,
                                            Strided inRows, int inStep, T* __restrict__ values, Strided valRows, int valStep,
                                            long long* __restrict__ indices, Strided idxRows, int idxStep) {
  GRID_STRIDE_LOOP(e, (long long)numRows * n) {
    const int row = (int)(e / (unsigned int)n), j = (int)(e - (unsigned int)row * n);
    const long long src = runIdx[e];
    values[strided_offset(valRows, (unsigned int)row) + (long long)j * valStep] =
        in[strided_offset(inRows, (unsigned int)row) + src * inStep];
    indices[strided_offset(idxRows, (unsigned int)row) + (long long)j * idxStep] = src;
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

// Long rows (LongSortPlan): tiles, then merge passes (one kernel for every dtype: the keys are
// widened), then the gather.
#define LONG_SORT_KERNELS(N, T)                                                                                   \
  extern "C" __global__ void sort_tiles_##N(int n, int tileP, int tilesPerRow, int numRows, const T* __restrict__ in, \
                                            Strided inRows, int inStep, unsigned long long* __restrict__ runKeys,    \
                                            long long* __restrict__ runIdx, int descending) {                        \
    sort_impl::sort_tiles<T>(n, tileP, tilesPerRow, numRows, in, inRows, inStep, runKeys, runIdx, descending);        \
  }                                                                                                                \
  extern "C" __global__ void sort_gather_##N(int n, int numRows, const long long* __restrict__ runIdx,               \
                                             const T* __restrict__ in, Strided inRows, int inStep, T* __restrict__ values, \
                                             Strided valRows, int valStep, long long* __restrict__ indices,           \
                                             Strided idxRows, int idxStep) {                                          \
    sort_impl::sort_gather<T>(n, numRows, runIdx, in, inRows, inStep, values, valRows, valStep, indices, idxRows, idxStep); \
  }

SORT_KERNEL(f32, float)
SORT_KERNEL(f64, double)
SORT_KERNEL(i64, long long)
SORT_KERNEL(bool, fbool)
LONG_SORT_KERNELS(f32, float)
LONG_SORT_KERNELS(f64, double)
LONG_SORT_KERNELS(i64, long long)
LONG_SORT_KERNELS(bool, fbool)

extern "C" __global__ void sort_merge(int n, int width, int numRows, const unsigned long long* __restrict__ inKeys,
                                      const long long* __restrict__ inIdx, unsigned long long* __restrict__ outKeys,
                                      long long* __restrict__ outIdx) {
  sort_impl::sort_merge(n, width, numRows, inKeys, inIdx, outKeys, outIdx);
}
