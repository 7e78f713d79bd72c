// Copies with dtype casts and fills.
//
// Memory traffic: a copy reads each input element once and writes each output element once, so
// it should reach the device-to-device copy bandwidth (cuMemcpyDtoD) on contiguous views; strided
// views pay for the index arithmetic and uncoalesced accesses.
#include "common.cuh"
#include "pack.cuh"

template <typename S, typename D>
__device__ __forceinline__ D cast_to(S x) { return (D)x; }
// bool is 0/1: any non-zero source value (NaN included) is true, as in PyTorch.
template <> __device__ __forceinline__ fbool cast_to<float, fbool>(float x) { return x != 0.0f; }
template <> __device__ __forceinline__ fbool cast_to<double, fbool>(double x) { return x != 0.0; }
template <> __device__ __forceinline__ fbool cast_to<long long, fbool>(long long x) { return x != 0; }
template <> __device__ __forceinline__ fbool cast_to<fbool, fbool>(fbool x) { return x != 0; }

template <typename S, typename D>
__device__ __forceinline__ void copy_body(int n, const S* __restrict__ src, Strided sd, D* __restrict__ dst,
                                          Strided dd, int contiguous) {
  if (contiguous) {
    GRID_STRIDE_LOOP(i, n) dst[i] = cast_to<S, D>(src[i]);
  } else {
    GRID_STRIDE_LOOP(i, n) dst[strided_offset(dd, i)] = cast_to<S, D>(src[strided_offset(sd, i)]);
  }
}

#define COPY_KERNEL(SN, S, DN, D)                                                                  \
  extern "C" __global__ void copy_##SN##_##DN(int n, const S* __restrict__ src, Strided sd,         \
                                              D* __restrict__ dst, Strided dd, int contiguous) {    \
    copy_body<S, D>(n, src, sd, dst, dd, contiguous);                                               \
  }

#define COPY_FROM(SN, S)               \
  COPY_KERNEL(SN, S, f32, float)       \
  COPY_KERNEL(SN, S, f64, double)      \
  COPY_KERNEL(SN, S, i64, long long)   \
  COPY_KERNEL(SN, S, bool, fbool)

COPY_FROM(f32, float)
COPY_FROM(f64, double)
COPY_FROM(i64, long long)
COPY_FROM(bool, fbool)

// Same-dtype strided copies in 16-byte packs (copy_vec_*): where both views end in a run of
// contiguous elements whose length, and every other stride and the base offsets, are multiples of
// V = 16 / sizeof(T) (StridedDesc.packed checks it and gives the descriptors in units of packs),
// pack i is V elements that are contiguous in both views. A head split or merge of attention
// (B, H, T, D) <-> (B, T, H, D) is such a copy: per element, copy_* spent its time on the index
// arithmetic of 4-dim offsets with one 4-byte load in flight per thread (0.94 TB/s, 31% of an
// H100's copy bandwidth, in a GPT step's profile); a pack does that arithmetic once for V elements
// and moves 16 bytes. Memory traffic: as copy_*; the target is copy bandwidth.
template <typename T>
__device__ __forceinline__ void copy_vec_body(int packs, const T* __restrict__ src, Strided sd, T* __restrict__ dst, Strided dd) {
  constexpr int V = 16 / sizeof(T);
  GRID_STRIDE_LOOP(i, packs) st<T, V>(dst + strided_offset(dd, i) * V, 0, ld<T, V>(src + strided_offset(sd, i) * V, 0));
}

#define COPY_VEC_KERNEL(N, T)                                                                       \
  extern "C" __global__ void copy_vec_##N(int packs, const T* __restrict__ src, Strided sd, T* __restrict__ dst, Strided dd) { \
    copy_vec_body<T>(packs, src, sd, dst, dd);                                                      \
  }
COPY_VEC_KERNEL(f32, float)
COPY_VEC_KERNEL(f64, double)
COPY_VEC_KERNEL(i64, long long)

// Fills: the value arrives in the element type (the Java side converts it exactly).
#define FILL_KERNEL(N, T)                                                                          \
  extern "C" __global__ void fill_##N(int n, T* __restrict__ dst, Strided dd, int contiguous, T v) { \
    if (contiguous) {                                                                              \
      GRID_STRIDE_LOOP(i, n) dst[i] = v;                                                           \
    } else {                                                                                       \
      GRID_STRIDE_LOOP(i, n) dst[strided_offset(dd, i)] = v;                                       \
    }                                                                                              \
  }

FILL_KERNEL(f32, float)
FILL_KERNEL(f64, double)
FILL_KERNEL(i64, long long)
FILL_KERNEL(bool, fbool)

// Zeroes up to FRONTIER_ZERO_LIST tensors in one launch (a model's gradients between steps: one
// launch where there was one a tensor), each as the 4-byte words of a contiguous float32, float64
// or int64 buffer: the words before its first 16-byte boundary one by one, then 16-byte packs,
// then the tail. Tensor t owns blocks [first[t], first[t + 1]) and walks its words with a
// grid-stride loop of its own. The layout must match io.frontier.cuda.ZeroList.
#define FRONTIER_ZERO_LIST 32
struct ZeroList {
  unsigned int* p[FRONTIER_ZERO_LIST];
  long long words[FRONTIER_ZERO_LIST];
  int first[FRONTIER_ZERO_LIST + 1];
  int count;
};

extern "C" __global__ void zero_list(ZeroList list) {
  int t = 0;
  while (t + 1 < list.count && list.first[t + 1] <= (int)blockIdx.x) ++t;
  const long long stride = (long long)(list.first[t + 1] - list.first[t]) * blockDim.x;
  const long long start = (long long)(blockIdx.x - list.first[t]) * blockDim.x + threadIdx.x;
  unsigned int* const p = list.p[t];
  const long long n = list.words[t];
  const long long toBoundary = (long long)(((16u - ((unsigned)(uintptr_t)p & 15u)) & 15u) / 4u);
  const long long head = toBoundary < n ? toBoundary : n;
  for (long long i = start; i < head; i += stride) p[i] = 0u;
  uint4* const packs = reinterpret_cast<uint4*>(p + head);
  const long long count = (n - head) / 4;
  for (long long i = start; i < count; i += stride) {
    FRONTIER_VECTOR_ACCESS(packs + i, 16);
    packs[i] = make_uint4(0u, 0u, 0u, 0u);
  }
  for (long long i = head + count * 4 + start; i < n; i += stride) p[i] = 0u;
}
