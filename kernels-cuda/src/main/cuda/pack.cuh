// 16-byte packs of V = 16 / sizeof(T) elements, moved as one vector access: the row kernels of
// fused.cu and the optimizer steps of optimizer.cu. The caller checks alignment (Java side, or
// head_to_16_bytes); FRONTIER_VECTOR_ACCESS makes the host emulation abort on a misaligned pack.
#pragma once
#include "common.cuh"

template <typename T, int V>
struct alignas(sizeof(T) * V) Pack {
  T v[V];
};

// Pack j of the 16-byte aligned p.
template <typename T, int V>
__device__ __forceinline__ Pack<T, V> ld(const T* p, int j) {
  FRONTIER_VECTOR_ACCESS(p + (long long)j * V, sizeof(Pack<T, V>));
  return reinterpret_cast<const Pack<T, V>*>(p)[j];
}

template <typename T, int V>
__device__ __forceinline__ void st(T* p, int j, const Pack<T, V>& v) {
  FRONTIER_VECTOR_ACCESS(p + (long long)j * V, sizeof(Pack<T, V>));
  reinterpret_cast<Pack<T, V>*>(p)[j] = v;
}
