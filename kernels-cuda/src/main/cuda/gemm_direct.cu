// Direct tensor-core TF32 products (DirectTcPlan): C[b] = A[b] @ B[b] on float32 operands read in
// place, without the pack kernels of the packed path (gemm.cu, gemm_pack_* / gemm_tc_*). The
// arguments of gemm.cu's kernels (GEMM_PARAMS) up to the bias: one batch dim only (a product over
// two batch dims takes the packed path; the kernels sit at the 255-register limit, and the second
// level's arithmetic made them spill). Every operand must be 16-byte aligned: base, leading
// dimension and batch stride multiples of 4 floats (GemmPlan's vec flags, checked by
// DirectTcPlan).
//
// Why: in a GPT training step the packs were 11.3 of the 54 ms of TF32 device time (H200,
// 2026-11-27), each operand read and written once more before the product read it again.
//
// Block tile 128 (m) x 256 (n) x 32 (k), 8 warps as 2 (m) x 4 (n), each warp 64 x 64 = 4 (m16) x
// 8 (n8) mma.m16n8k8 tiles, 3-stage cp.async pipeline, as the packed product kernel (up to
// 150 KiB of shared memory, with the padding below). Tiles are copied global -> shared with 16-byte cp.async; a chunk that crosses the
// edge of the matrix is zero-filled past it (cp.async's src-size), one wholly outside reads nothing.
// Each operand stays in shared memory in its global layout:
//   k-contiguous (A row-major, B transposed): rows of 32 k = 128 bytes, chunk c of row r at
//     c ^ (r & 7) (tensor_core.cuh swz); fragments through ldmatrix.x4 exactly as gemm_tc_*.
//   m/n-contiguous (A transposed, B row-major): 32 k-rows of BM (BN) floats plus 8 floats of
//     padding. A fragment read (element (i, k) with i = base + g, k = base + t, lanes g = 0..7,
//     t = 0..3) then hits bank (8t + g) mod 32: 32 banks, no conflict; and every offset is a
//     constant from one base address (an XOR swizzle needed a register per fragment word and
//     made these kernels spill). Fragments are read one 32-bit word at a time.
//
// TF32 rounding: the tensor core reads the upper 19 bits of each 32-bit operand, i.e. it
// truncates an FP32 value. ROUND applies cvt.rna.tf32.f32 to every fragment register (the same
// rounding the pack kernels apply, so the results equal the packed path's bit for bit); without
// ROUND the raw FP32 bits go in (truncation: a relative error up to 2^-10 per operand instead of
// 2^-11, biased towards zero). Both exist so that the cost of the conversions can be measured.
//
// Memory traffic: (1/256 + 1/128) * 4 bytes per multiply-add from L2, as the packed product; no
// pack traffic. Compute bound: the target is the mma.sync throughput.
#include "common.cuh"
#include "tensor_core.cuh"

namespace gemm_direct {
using namespace gemm_impl;

constexpr int BM = 128, BN = 256, BK = 32, STAGES = 3, THREADS = 256;
constexpr int MN_PAD = 8;  // floats of padding per k-row of an m/n-contiguous tile (see above)

// Bytes of one stage's tile of R rows (m or n) by BK: swizzled 128-byte rows when k-contiguous,
// BK rows of R + MN_PAD floats otherwise.
__host__ __device__ constexpr int tile_bytes(bool kContiguous, int R) { return kContiguous ? R * BK * 4 : BK * (R + MN_PAD) * 4; }
// The most shared memory any layout takes (both operands m/n-contiguous): 153600 bytes,
// DirectTcPlan.SHARED_BYTES (the opt-in limit is 166912 on an A100, 232448 on an H100).
constexpr int SMEM = STAGES * (tile_bytes(false, BM) + tile_bytes(false, BN));

// Byte offset of element (i, k) of an i-contiguous tile of W floats per k-row.
template <int W>
__device__ __forceinline__ uint32_t mn_offset(int i, int k) {
  return (uint32_t)((k * (W + MN_PAD) + i) * 4);
}

__device__ __forceinline__ int clamp16(int bytes) { return bytes < 0 ? 0 : (bytes > 16 ? 16 : bytes); }

// Copies an R x BK tile of a k-contiguous operand (element (r, k) at p[r * ld + k], rows < rows,
// k < K) into swizzled 128-byte rows at s.
template <int R>
__device__ __forceinline__ void load_k_contiguous(uint32_t s, const float* p, int ld, int r0, int rows, int k0, int K) {
#pragma unroll
  for (int i = 0; i < R * 8 / THREADS; ++i) {
    const int id = threadIdx.x + i * THREADS, r = id >> 3, ch = id & 7;
    const int row = r0 + r, k = k0 + ch * 4;
    const int bytes = row < rows ? clamp16(4 * (K - k)) : 0;
    cp_async16_zfill(s + swz(r, ch), bytes > 0 ? p + (long long)row * ld + k : p, bytes);
  }
}

// Copies a BK x W tile of an i-contiguous operand (element (i, k) at p[k * ld + i], i < rows,
// k < K) into k-rows of W floats at s.
template <int W>
__device__ __forceinline__ void load_mn_contiguous(uint32_t s, const float* p, int ld, int i0, int rows, int k0, int K) {
  constexpr int CPR = W / 4;  // chunks per k-row
#pragma unroll
  for (int i = 0; i < BK * CPR / THREADS; ++i) {
    const int id = threadIdx.x + i * THREADS, kr = id / CPR, c = id % CPR;
    const int k = k0 + kr, col = i0 + c * 4;
    const int bytes = k < K ? clamp16(4 * (rows - col)) : 0;
    cp_async16_zfill(s + mn_offset<W>(c * 4, kr), bytes > 0 ? p + (long long)k * ld + col : p, bytes);
  }
}

template <bool AKC, bool BKC, bool ROUND>
__device__ __forceinline__ void tcd_gemm(int M, int N, int K, int batch, const float* __restrict__ A, int lda,
                                         long long strideA, const float* __restrict__ B, int ldb, long long strideB,
                                         float* __restrict__ C, int ldc, long long strideC, int vecC,
                                         const float* __restrict__ bias) {
  FRONTIER_DYNAMIC_SHARED(tcd_smem);
  const uint32_t sbase = (uint32_t)__cvta_generic_to_shared(tcd_smem);
  int tm, tn;
  tile_coords(M, N, BM, BN, tm, tn);
  const int m0 = tm * BM, n0 = tn * BN;
  const int warp = threadIdx.x / 32, lane = threadIdx.x % 32;
  const int g = lane / 4, t = lane % 4;  // mma groupID, threadID_in_group
  const int lj = lane / 8, lr = lane % 8;  // ldmatrix: the matrix this lane addresses, and its row
  const int wm = (warp / 4) * 64, wn = (warp % 4) * 64;
  const int numK = (K + BK - 1) / BK;
  constexpr int A_BYTES = tile_bytes(AKC, BM), STAGE_BYTES = A_BYTES + tile_bytes(BKC, BN);

  for (int bz = blockIdx.y; bz < batch; bz += gridDim.y) {
    const float* a = A + (long long)bz * strideA;
    const float* b = B + (long long)bz * strideB;
    float* c = C + (long long)bz * strideC;

    auto loadStage = [&](int kt, int s) {
      const uint32_t sa = sbase + s * STAGE_BYTES, sb = sa + A_BYTES;
      const int k0 = kt * BK;
      if constexpr (AKC) load_k_contiguous<BM>(sa, a, lda, m0, M, k0, K);
      else load_mn_contiguous<BM>(sa, a, lda, m0, M, k0, K);
      if constexpr (BKC) load_k_contiguous<BN>(sb, b, ldb, n0, N, k0, K);
      else load_mn_contiguous<BN>(sb, b, ldb, n0, N, k0, K);
    };

    float acc[4][8][4];
    init_accumulators<4, 8>(acc, bias, n0 + wn, N);

    // One commit group per k tile (empty past the end), so that wait_group<STAGES - 2> at
    // iteration kt means: groups 0..kt have landed.
#pragma unroll
    for (int s = 0; s < STAGES - 1; ++s) {
      if (s < numK) loadStage(s, s);
      cp_async_commit();
    }
    for (int kt = 0; kt < numK; ++kt) {
      cp_async_wait<STAGES - 2>();
      // Tile kt is visible to all threads, and every thread has finished reading the stage of
      // tile kt - 1, which the next line refills.
      __syncthreads();
      const int nk = kt + STAGES - 1;
      if (nk < numK) loadStage(nk, nk % STAGES);
      cp_async_commit();

      const uint32_t sa = sbase + (kt % STAGES) * STAGE_BYTES, sb = sa + A_BYTES;
      const unsigned char* pa = tcd_smem + (kt % STAGES) * STAGE_BYTES;
      const unsigned char* pb = pa + A_BYTES;
#pragma unroll
      for (int ks = 0; ks < BK / 8; ++ks) {  // one mma.m16n8k8 step of k
        const int kk = ks * 8 + t;
        uint32_t af[4][4], bf[8][2];
#pragma unroll
        for (int mi = 0; mi < 4; ++mi) {
          const int r = wm + mi * 16;
          if constexpr (AKC) {
            ldmatrix_x4(af[mi], sa + swz(r + (lj & 1) * 8 + lr, 2 * ks + (lj >> 1)));
          } else {
            // a0 (g, t), a1 (g + 8, t), a2 (g, t + 4), a3 (g + 8, t + 4)
            af[mi][0] = *reinterpret_cast<const uint32_t*>(pa + mn_offset<BM>(r + g, kk));
            af[mi][1] = *reinterpret_cast<const uint32_t*>(pa + mn_offset<BM>(r + g + 8, kk));
            af[mi][2] = *reinterpret_cast<const uint32_t*>(pa + mn_offset<BM>(r + g, kk + 4));
            af[mi][3] = *reinterpret_cast<const uint32_t*>(pa + mn_offset<BM>(r + g + 8, kk + 4));
          }
        }
#pragma unroll
        for (int np = 0; np < 4; ++np) {
          const int r = wn + np * 16;
          if constexpr (BKC) {
            uint32_t q[4];
            ldmatrix_x4(q, sb + swz(r + (lj >> 1) * 8 + lr, 2 * ks + (lj & 1)));
            bf[2 * np][0] = q[0];
            bf[2 * np][1] = q[1];
            bf[2 * np + 1][0] = q[2];
            bf[2 * np + 1][1] = q[3];
          } else {
            // b0 (k = t, n = g), b1 (k = t + 4, n = g), for the n8 tiles at r and r + 8
#pragma unroll
            for (int h = 0; h < 2; ++h) {
              bf[2 * np + h][0] = *reinterpret_cast<const uint32_t*>(pb + mn_offset<BN>(r + h * 8 + g, kk));
              bf[2 * np + h][1] = *reinterpret_cast<const uint32_t*>(pb + mn_offset<BN>(r + h * 8 + g, kk + 4));
            }
          }
        }
        if constexpr (ROUND) {
#pragma unroll
          for (int mi = 0; mi < 4; ++mi)
#pragma unroll
            for (int q = 0; q < 4; ++q) af[mi][q] = tf32_rna(__uint_as_float(af[mi][q]));
#pragma unroll
          for (int ni = 0; ni < 8; ++ni)
#pragma unroll
            for (int q = 0; q < 2; ++q) bf[ni][q] = tf32_rna(__uint_as_float(bf[ni][q]));
        }
#pragma unroll
        for (int mi = 0; mi < 4; ++mi)
#pragma unroll
          for (int ni = 0; ni < 8; ++ni) mma<TF32>(acc[mi][ni], af[mi], bf[ni]);
      }
    }
    // The next batch's prologue refills stages that other warps may still be reading.
    cp_async_wait<0>();
    __syncthreads();

    store_accumulators(acc, c, ldc, m0 + wm, n0 + wn, M, N, vecC);
  }
}

}  // namespace gemm_direct

// Kernel names: gemm_tcd_tf32_<A><B> (rounded) and gemm_tcdz_tf32_<A><B> (truncated, "z" for
// round toward zero), with n / t as in gemm.cu: A row-major (n) is k-contiguous, B transposed (t) is.
#define GEMM_TCD(NAME, ROUND, TA, TB)                                                                        \
  extern "C" __global__ void __launch_bounds__(gemm_direct::THREADS, 1)                                     \
      NAME(int M, int N, int K, int batch, const float* __restrict__ A, int lda, long long strideA,          \
           const float* __restrict__ B, int ldb, long long strideB, float* __restrict__ C, int ldc,          \
           long long strideC, int vecA, int vecB, int vecC, const float* __restrict__ bias) {                 \
    gemm_direct::tcd_gemm<!TA, TB, ROUND>(M, N, K, batch, A, lda, strideA, B, ldb, strideB, C, ldc, strideC, vecC, bias); \
  }
#define GEMM_TCD_LAYOUTS(PREFIX, ROUND)       \
  GEMM_TCD(PREFIX##_nn, ROUND, false, false) \
  GEMM_TCD(PREFIX##_nt, ROUND, false, true)  \
  GEMM_TCD(PREFIX##_tn, ROUND, true, false)  \
  GEMM_TCD(PREFIX##_tt, ROUND, true, true)

GEMM_TCD_LAYOUTS(gemm_tcd_tf32, true)
GEMM_TCD_LAYOUTS(gemm_tcdz_tf32, false)
