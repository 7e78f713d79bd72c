// Copies with dtype casts and fills.
//
// Memory traffic: a copy reads each input element once and writes each output element once, so
// it should reach the device-to-device copy bandwidth (cuMemcpyDtoD) on contiguous views; strided
// views pay for the index arithmetic and uncoalesced accesses.
#include "common.cuh"

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
