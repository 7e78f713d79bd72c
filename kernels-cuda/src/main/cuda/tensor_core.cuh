// Building blocks of the matrix-product kernels (gemm.cu, gemm_direct.cu): tile order, the
// mma.sync instructions, cp.async copies, ldmatrix and the XOR swizzle of 128-byte shared rows.
// Fragment layouts are those of the PTX ISA ("Matrix Fragments for mma.m16n8k8 / m16n8k16");
// gemm.cu's comments spell them out.
#pragma once
#include <stdint.h>

#include "common.cuh"

namespace gemm_impl {

// Tile indices of tile number `tile` (tile_coords: of block blockIdx.x): groups of GROUP tile rows,
// column-major inside a group, so that neighbouring blocks share A and B panels in L2.
__device__ __forceinline__ void tile_coords_at(int tile, int M, int N, int BM, int BN, int& tm, int& tn) {
  constexpr int GROUP = 8;
  int tilesM = (M + BM - 1) / BM;
  int tilesN = (N + BN - 1) / BN;
  int perGroup = GROUP * tilesN;
  int first = (tile / perGroup) * GROUP;
  int rows = min(tilesM - first, GROUP);
  int inGroup = tile % perGroup;
  tm = first + inGroup % rows;
  tn = inGroup / rows;
}
__device__ __forceinline__ void tile_coords(int M, int N, int BM, int BN, int& tm, int& tn) {
  tile_coords_at(blockIdx.x, M, N, BM, BN, tm, tn);
}

enum Prec { TF32 = 0, BF16 = 1 };

// Element offset of matrix bz of a batch with two batch dims, the inner of size `inner`: matrix
// (bz / inner, bz % inner) at outer * stride + in * stride2 (one batch dim: inner = 1). A view
// split into heads, (batch, heads, T, D) over a (batch, T, heads * D) tensor, is read in place.
__device__ __forceinline__ long long batch_offset(int bz, int inner, long long stride, long long stride2) {
  return (long long)(bz / inner) * stride + (long long)(bz % inner) * stride2;
}

// mma accumulators of a warp's MI x NI tiles of 16 x 8 (first column n0), set to the bias of
// their column (d0, d2 at column n0 + 8 ni + 2t, d1, d3 at the next), or zero without a bias: a
// linear layer's bias costs nothing in the epilogue, where the registers are scarcest.
template <int MI, int NI>
__device__ __forceinline__ void init_accumulators(float (&acc)[MI][NI][4], const float* __restrict__ bias, int n0, int N) {
  const int t = (threadIdx.x % 32) % 4;
#pragma unroll
  for (int ni = 0; ni < NI; ++ni) {
    const int n = n0 + ni * 8 + 2 * t;
    const float b0 = bias != nullptr && n < N ? bias[n] : 0.0f;
    const float b1 = bias != nullptr && n + 1 < N ? bias[n + 1] : 0.0f;
#pragma unroll
    for (int mi = 0; mi < MI; ++mi) {
      acc[mi][ni][0] = b0;
      acc[mi][ni][1] = b1;
      acc[mi][ni][2] = b0;
      acc[mi][ni][3] = b1;
    }
  }
}

// Adds the bias of their column to accumulators laid out as init_accumulators's (no-op without a bias).
template <int MI, int NI>
__device__ __forceinline__ void add_bias(float (&acc)[MI][NI][4], const float* __restrict__ bias, int n0, int N) {
  if (bias == nullptr) return;
  const int t = (threadIdx.x % 32) % 4;
#pragma unroll
  for (int ni = 0; ni < NI; ++ni) {
    const int n = n0 + ni * 8 + 2 * t;
    const float b0 = n < N ? bias[n] : 0.0f;
    const float b1 = n + 1 < N ? bias[n + 1] : 0.0f;
#pragma unroll
    for (int mi = 0; mi < MI; ++mi) {
      acc[mi][ni][0] += b0;
      acc[mi][ni][1] += b1;
      acc[mi][ni][2] += b0;
      acc[mi][ni][3] += b1;
    }
  }
}

// Writes a warp's MI x NI accumulator tiles of 16 x 8 (first row mBase, first column nBase) to the
// row-major C at ldc, skipping rows >= M and columns >= N; pairs as float2 when vecC says C's
// rows allow 8-byte stores. Accumulator fragment: d0, d1 at (g, 2t..2t+1), d2, d3 at (g + 8, ...).
template <int MI, int NI>
__device__ __forceinline__ void store_accumulators(const float (&acc)[MI][NI][4], float* __restrict__ c, int ldc, int mBase,
                                                   int nBase, int M, int N, int vecC) {
  const int lane = threadIdx.x % 32, g = lane / 4, t = lane % 4;
#pragma unroll
  for (int mi = 0; mi < MI; ++mi) {
#pragma unroll
    for (int h = 0; h < 2; ++h) {
      const int m = mBase + mi * 16 + g + h * 8;
      if (m >= M) continue;
      float* crow = c + (long long)m * ldc;
#pragma unroll
      for (int ni = 0; ni < NI; ++ni) {
        const int n = nBase + ni * 8 + 2 * t;
        const float x0 = acc[mi][ni][2 * h], x1 = acc[mi][ni][2 * h + 1];
        if (vecC && n + 2 <= N) {
          FRONTIER_VECTOR_ACCESS(crow + n, sizeof(float2));
          *reinterpret_cast<float2*>(crow + n) = make_float2(x0, x1);
        } else {
          if (n < N) crow[n] = x0;
          if (n + 1 < N) crow[n + 1] = x1;
        }
      }
    }
  }
}

// Byte offset of logical 16-byte chunk c (0..7) of row r in a swizzled tile of 128-byte rows:
// chunk c of row r is stored at chunk c ^ (r & 7).
__device__ __forceinline__ uint32_t swz(int r, int c) { return (uint32_t)(r * 128 + ((c ^ (r & 7)) << 4)); }

}  // namespace gemm_impl

// The PTX instructions. A host build that defines FRONTIER_HOST_EMULATION takes stand-ins with the
// same names and semantics instead (kernels-cuda/src/test/cuda/tensor_core_emulated.h), so that
// HostEmulationTest can run these kernels on the CPU.
#ifdef FRONTIER_HOST_EMULATION
#include "tensor_core_emulated.h"
#else
namespace gemm_impl {

// FP32 -> TF32, round to nearest with ties away from zero (NaN and infinities kept); the result
// is an FP32 bit pattern whose low 13 bits are zero.
__device__ __forceinline__ uint32_t tf32_rna(float x) {
  uint32_t r;
  asm("cvt.rna.tf32.f32 %0, %1;" : "=r"(r) : "f"(x));
  return r;
}

// d += a * b: m16n8k8 for TF32 (a: 4 registers, b: 2), m16n8k16 for BF16 (pairs in each register).
template <int P>
__device__ __forceinline__ void mma(float* d, const uint32_t* a, const uint32_t* b) {
  if constexpr (P == TF32) {
    asm volatile("mma.sync.aligned.m16n8k8.row.col.f32.tf32.tf32.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%0,%1,%2,%3};"
                 : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
                 : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]), "r"(b[1]));
  } else {
    asm volatile("mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%0,%1,%2,%3};"
                 : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
                 : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]), "r"(b[1]));
  }
}

// 16 bytes global -> shared, bypassing L1 (src 16-byte aligned).
__device__ __forceinline__ void cp_async16(uint32_t dst, const void* src) {
  asm volatile("cp.async.cg.shared.global [%0], [%1], 16;" ::"r"(dst), "l"(src) : "memory");
}
// The first `bytes` (0..16, a multiple of 4) of 16 bytes global -> shared, the rest zero-filled;
// with bytes = 0 nothing is read (src must still be a valid address).
__device__ __forceinline__ void cp_async16_zfill(uint32_t dst, const void* src, int bytes) {
  asm volatile("cp.async.cg.shared.global [%0], [%1], 16, %2;" ::"r"(dst), "l"(src), "r"(bytes) : "memory");
}
__device__ __forceinline__ void cp_async_commit() { asm volatile("cp.async.commit_group;" ::: "memory"); }
template <int N>
__device__ __forceinline__ void cp_async_wait() {
  asm volatile("cp.async.wait_group %0;" ::"n"(N) : "memory");
}
__device__ __forceinline__ void ldmatrix_x4(uint32_t* r, uint32_t addr) {
  asm volatile("ldmatrix.sync.aligned.m8n8.x4.shared.b16 {%0,%1,%2,%3}, [%4];"
               : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3])
               : "r"(addr)
               : "memory");
}

}  // namespace gemm_impl
#endif
