// The packed tensor-core product through wgmma (sm_90a: H100, H200): the same operands, arguments
// and results as gemm.cu's gemm_tc_tf32 / gemm_tc_bf16 (TcPlan; the pack kernels gemm_pack_* are
// gemm.cu's), with the mma.sync inner loop replaced by warpgroup matrix multiplies (wgmma.cuh).
// Compiled for sm_90a only, into a module of its own (build-kernels.sh); CudaContext loads it on
// compute capability 9.0 and TcPlan.Mode.WGMMA selects it.
//
// Why: mma.sync reaches about half of an H100's tensor-core rate (TF32 0.42-0.48, BF16 0.36-0.47
// of cuBLAS, 2026-11-27-h100.md); cuBLAS gets the rest through wgmma, which reads both operands
// straight from shared memory (no ldmatrix, no fragment registers) and runs asynchronously.
//
// Block tile 128 (m) x 256 (n) x 128 bytes of k, as gemm_tc_*: 2 warpgroups (256 threads), each
// m64n256 over its 64 rows: 4 wgmma (32 bytes of k each) per k tile, 128 FP32 accumulators per
// thread. The packed operands are copied global -> shared with 16-byte cp.async into 128-byte
// rows swizzled by tensor_core.cuh's swz, which is wgmma's 128-byte swizzle when each stage's
// tiles start 1024-byte aligned (the kernel aligns the dynamic shared memory itself: one extra
// KiB). 4 stages: tiles kt+1 and kt+2 are in flight while the wgmma of tiles kt and kt-1 may run,
// so a stage is refilled two iterations after its wgmma was issued, once wgmma_wait<1> has
// retired it in every warpgroup and a barrier has passed.
//
// Memory traffic: as gemm_tc_*, (1/256 + 1/128) * sizeof(E) bytes of L2 reads per multiply-add;
// compute bound, the target is cuBLAS's wgmma rate.
#include "common.cuh"
#include "tensor_core.cuh"
#include "wgmma.cuh"

namespace gemm_wgmma {
using namespace gemm_impl;

constexpr int BM = 128, BN = 256, ROW = 128, STAGES = 4, THREADS = 256;
constexpr int STAGE_BYTES = (BM + BN) * ROW;  // 49152, a multiple of 1024
// 197632 bytes: TcPlan.WGMMA_SHARED_BYTES (the opt-in limit is 232448 on an H100 and an H200).
constexpr int SMEM = STAGES * STAGE_BYTES + 1024;
static_assert(SMEM <= 232448, "more shared memory than an H100 block may opt in to");

template <int P>
__device__ __forceinline__ void wg_gemm(int M, int N, int numK, int batch, const char* __restrict__ A, long long strideA,
                                        const char* __restrict__ B, long long strideB, int rowBytes, float* __restrict__ C,
                                        int ldc, long long strideC, int vecC, const float* __restrict__ bias, int inner,
                                        long long strideC2) {
  FRONTIER_DYNAMIC_SHARED(wg_smem);
  // wgmma's swizzle works on address bits 4-9: every stage must start 1024-byte aligned.
  const uint32_t sbase = ((uint32_t)__cvta_generic_to_shared(wg_smem) + 1023u) & ~1023u;
  int tm, tn;
  tile_coords(M, N, BM, BN, tm, tn);
  const int m0 = tm * BM, n0 = tn * BN;
  const int warpgroup = threadIdx.x / 128;        // rows 64 * warpgroup .. + 63 of the tile
  const int wm = warpgroup * 64 + (threadIdx.x % 128) / 32 * 16;  // this warp's 16 accumulator rows
  constexpr int AHEAD = STAGES - 2;                // tiles loaded ahead of the one multiplied

  for (int bz = blockIdx.y; bz < batch; bz += gridDim.y) {
    const char* a = A + (long long)bz * strideA + (long long)m0 * rowBytes;
    const char* b = B + (long long)bz * strideB + (long long)n0 * rowBytes;
    float* c = C + batch_offset(bz, inner, strideC, strideC2);

    // Tile kt (bytes kt*128 .. +127 of every row) into stage s: 128 + 256 rows of 8 chunks, 12 per thread.
    auto loadStage = [&](int kt, int s) {
      const uint32_t sa = sbase + s * STAGE_BYTES, sb = sa + BM * ROW;
      const char* ak = a + kt * ROW;
      const char* bk = b + kt * ROW;
#pragma unroll
      for (int i = 0; i < BM * 8 / THREADS; ++i) {
        const int id = threadIdx.x + i * THREADS, r = id / 8, ch = id % 8;
        cp_async16(sa + swz(r, ch), ak + (long long)r * rowBytes + ch * 16);
      }
#pragma unroll
      for (int i = 0; i < BN * 8 / THREADS; ++i) {
        const int id = threadIdx.x + i * THREADS, r = id / 8, ch = id % 8;
        cp_async16(sb + swz(r, ch), bk + (long long)r * rowBytes + ch * 16);
      }
    };

    // Zero accumulators, the bias added after the last wgmma: starting them at the bias (as
    // gemm_tc_* does) made ptxas serialize the wgmma (warning C7515: the copies of a column's
    // bias into its two rows' registers were placed inside the pipeline).
    float acc[1][32][4];
    init_accumulators<1, 32>(acc, nullptr, n0, N);

    // One cp.async group per k tile (empty past the end): before iteration kt, AHEAD + kt groups
    // are committed, and wait_group<AHEAD - 1> means groups 0..kt have landed.
#pragma unroll
    for (int s = 0; s < AHEAD; ++s) {
      if (s < numK) loadStage(s, s);
      cp_async_commit();
    }
    for (int kt = 0; kt < numK; ++kt) {
      cp_async_wait<AHEAD - 1>();
      fence_proxy_async_shared();  // this thread's copies of tile kt, visible to wgmma ...
      __syncthreads();             // ... and everyone's; every warpgroup has retired tile kt - 2's wgmma
      const int nk = kt + AHEAD;
      if (nk < numK) loadStage(nk, nk % STAGES);  // the stage of tile kt - 2
      cp_async_commit();

      const uint32_t sa = sbase + (kt % STAGES) * STAGE_BYTES + warpgroup * 64 * ROW;
      const uint32_t sb = sbase + (kt % STAGES) * STAGE_BYTES + BM * ROW;
      wgmma_fence();
#pragma unroll
      for (int ks = 0; ks < ROW / 32; ++ks) {
        wgmma_m64n256<P>(acc[0], wgmma_descriptor(sa + 32 * ks), wgmma_descriptor(sb + 32 * ks));
      }
      wgmma_commit();
      wgmma_wait<1>();  // tile kt - 1's wgmma have finished: its stage may be refilled next iteration
    }
    wgmma_wait<0>();
    wgmma_fence_accumulators(acc[0]);
    add_bias<1, 32>(acc, bias, n0, N);
    // The next batch's prologue refills stages that other warps may still be reading.
    cp_async_wait<0>();
    __syncthreads();

    store_accumulators<1, 32>(acc, c, ldc, m0 + wm, n0, M, N, vecC);
  }
}

}  // namespace gemm_wgmma

// gemm.cu's GEMM_TC2 arguments.
#define GEMM_WG(NAME, P)                                                                                      \
  extern "C" __global__ void __launch_bounds__(gemm_wgmma::THREADS, 1)                                       \
      NAME(int M, int N, int numK, int batch, const char* __restrict__ A, long long strideA,                 \
           const char* __restrict__ B, long long strideB, int rowBytes, float* __restrict__ C, int ldc,      \
           long long strideC, int vecC, const float* __restrict__ bias, int inner, long long strideC2) {     \
    gemm_wgmma::wg_gemm<P>(M, N, numK, batch, A, strideA, B, strideB, rowBytes, C, ldc, strideC, vecC, bias, inner, strideC2); \
  }
GEMM_WG(gemm_wg_tf32, gemm_impl::TF32)
GEMM_WG(gemm_wg_bf16, gemm_impl::BF16)
