// Shared definitions for every Frontier kernel.
//
// A tensor view reaches a kernel as a base pointer (already advanced to the view's storage offset)
// plus a Strided descriptor: up to FRONTIER_MAX_DIMS sizes and element strides, int32 each (a
// Frontier tensor has fewer than 2^31 elements and int strides). The Java side merges adjacent
// dimensions before launching, so most views arrive with one or two dimensions.
//
// The layout of Strided must match io.frontier.cuda.StridedDesc: int ndim, int size[8],
// int stride[8], passed by value (68 bytes).
#pragma once
#include <stdint.h>

#define FRONTIER_MAX_DIMS 8

// The block's dynamic shared memory, as an array of bytes named `name` (a host emulation build,
// FRONTIER_HOST_EMULATION, defines its own in kernels-cuda/src/test/cuda/emulation.h).
#ifndef FRONTIER_HOST_EMULATION
#define FRONTIER_DYNAMIC_SHARED(name) extern __shared__ __align__(128) unsigned char name[]
#endif

// Elements of T from p to its next 16-byte boundary (0 when p is on one), at most n: the scalar
// head before a kernel's 16-byte packs. p must be sizeof(T)-aligned.
template <typename T>
__host__ __device__ __forceinline__ int head_to_16_bytes(const T* p, int n) {
  const int head = (int)(((16u - ((unsigned)(uintptr_t)p & 15u)) & 15u) / sizeof(T));
  return head < n ? head : n;
}

// A vector access of `bytes` at p: on the GPU a misaligned one faults, so the host emulation
// (emulation.h) checks it, where x86 would quietly load it; nothing on the GPU.
#ifndef FRONTIER_HOST_EMULATION
#define FRONTIER_VECTOR_ACCESS(p, bytes) ((void)0)
#endif

struct Strided {
  int ndim;
  int size[FRONTIER_MAX_DIMS];
  int stride[FRONTIER_MAX_DIMS];
};

// Element offset of the row-major linear index i within a strided view.
__device__ __forceinline__ long long strided_offset(const Strided& d, unsigned int i) {
  long long off = 0;
#pragma unroll
  for (int k = FRONTIER_MAX_DIMS - 1; k >= 0; --k) {
    if (k < d.ndim) {
      unsigned int s = (unsigned int)d.size[k];
      unsigned int q = i / s;
      off += (long long)(i - q * s) * d.stride[k];
      i = q;
    }
  }
  return off;
}

// A grid-stride loop over [0, n).
#define GRID_STRIDE_LOOP(i, n)                                                       \
  for (unsigned int i = blockIdx.x * blockDim.x + threadIdx.x; i < (unsigned int)(n); \
       i += blockDim.x * gridDim.x)

// Element types by Frontier dtype: FLOAT32 float, FLOAT64 double, INT64 long long, BOOL uint8_t.
typedef unsigned char fbool;

// Errors a kernel cannot throw: the first one is recorded in a device word pair {code, detail}
// that the host reads at its next synchronisation (io.frontier.cuda.DeviceErrors) and turns into an
// exception. Codes must match DeviceErrors.Code.
#define FRONTIER_ERR_INDEX_GATHER 1
#define FRONTIER_ERR_INDEX_SCATTER 2
#define FRONTIER_ERR_INDEX_SELECT 3
#define FRONTIER_ERR_INDEX_ADD 4
#define FRONTIER_ERR_INT_DIV_ZERO 5
#define FRONTIER_ERR_CROSS_ENTROPY 6  // detail: the row whose target is out of range

__device__ __forceinline__ void frontier_report(int* flag, int code, long long detail) {
  if (atomicCAS(flag, 0, code) == 0) {
    flag[1] = (int)detail;
    __threadfence();
  }
}
