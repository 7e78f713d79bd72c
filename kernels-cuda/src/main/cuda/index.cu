// gather, scatter (set and accumulate), index_select and index_add.
//
// All four are one of two shapes over an iteration space of n positions (row-major over the
// "plain" operand's shape, which the index has too, or is expanded to):
//   index_take_*:   dst[plain(i)] = src[indexed(i)]             gather, index_select
//   index_put_*:    dst[indexed(i)] = / += src[plain(i)]        scatter, scatter_add, index_add
// where indexed(i) = strided_offset(d, i) + idx * along: the indexed operand's descriptor has
// stride 0 along the indexed dim, and idx (int64) is read at strided_offset(idxD, i). For
// index_select/index_add the Java side passes the 1-D index as a view expanded to the iteration
// shape (its stride along dim, 0 elsewhere), so every op uses the same kernels.
//
// Indices are not range-checked by the frontend on the device: each kernel checks
// 0 <= idx < size, reports the first bad one through frontier_report and skips the element.
//
// Memory traffic per position: 8 bytes of index read plus one element read and one written
// (accumulating: one atomic read-modify-write). With the indexed dim outermost (embedding
// lookups, index_add over rows) consecutive threads touch consecutive addresses of the indexed
// operand too, so the target is the DRAM bandwidth (~80%); along an inner dim the indexed
// accesses scatter over cache lines and run at the L2/DRAM transaction rate instead.
#include "common.cuh"

namespace index_impl {

__device__ __forceinline__ long long offset_of(const Strided& d, unsigned int i, int dense) {
  return dense ? (long long)i : strided_offset(d, i);
}

// The accumulate step of each dtype: atomic add, exact for int64 (two's complement wraps as
// Java's long does) and logical or for bool, as the CPU's scatter_add/index_add.
__device__ __forceinline__ void accumulate(float* p, float v) { atomicAdd(p, v); }
__device__ __forceinline__ void accumulate(double* p, double v) { atomicAdd(p, v); }
__device__ __forceinline__ void accumulate(long long* p, long long v) {
  atomicAdd(reinterpret_cast<unsigned long long*>(p), (unsigned long long)v);
}
// Every writer stores the same 1, so plain byte stores need no atomics.
__device__ __forceinline__ void accumulate(fbool* p, fbool v) {
  if (v) *p = 1;
}

// dense: bit 0 the index, bit 1 the plain operand (linear index == element offset).
template <typename T>
__device__ __forceinline__ void take(int n, const T* __restrict__ src, Strided srcD, long long along, int size,
                                     const long long* __restrict__ idx, Strided idxD, T* __restrict__ dst,
                                     Strided dstD, int dense, int* flag, int code) {
  GRID_STRIDE_LOOP(i, n) {
    long long j = idx[offset_of(idxD, i, dense & 1)];
    if (j < 0 || j >= size) {
      frontier_report(flag, code, j);
      continue;
    }
    dst[offset_of(dstD, i, dense & 2)] = src[strided_offset(srcD, i) + j * along];
  }
}

template <typename T>
__device__ __forceinline__ void put(int n, const T* __restrict__ src, Strided srcD, const long long* __restrict__ idx,
                                    Strided idxD, T* __restrict__ dst, Strided dstD, long long along, int size,
                                    int accumulating, int dense, int* flag, int code) {
  GRID_STRIDE_LOOP(i, n) {
    long long j = idx[offset_of(idxD, i, dense & 1)];
    if (j < 0 || j >= size) {
      frontier_report(flag, code, j);
      continue;
    }
    T v = src[offset_of(srcD, i, dense & 2)];
    T* p = dst + strided_offset(dstD, i) + j * along;
    if (accumulating) accumulate(p, v);
    else *p = v;
  }
}

}  // namespace index_impl

#define INDEX_KERNELS(N, T)                                                                                      \
  extern "C" __global__ void index_take_##N(int n, const T* __restrict__ src, Strided srcD, long long along,    \
                                            int size, const long long* __restrict__ idx, Strided idxD,          \
                                            T* __restrict__ dst, Strided dstD, int dense, int* flag, int code) { \
    index_impl::take<T>(n, src, srcD, along, size, idx, idxD, dst, dstD, dense, flag, code);                     \
  }                                                                                                              \
  extern "C" __global__ void index_put_##N(int n, const T* __restrict__ src, Strided srcD,                       \
                                           const long long* __restrict__ idx, Strided idxD, T* dst,              \
                                           Strided dstD, long long along, int size, int accumulating, int dense, \
                                           int* flag, int code) {                                                \
    index_impl::put<T>(n, src, srcD, idx, idxD, dst, dstD, along, size, accumulating, dense, flag, code);       \
  }

INDEX_KERNELS(f32, float)
INDEX_KERNELS(f64, double)
INDEX_KERNELS(i64, long long)
INDEX_KERNELS(bool, fbool)
