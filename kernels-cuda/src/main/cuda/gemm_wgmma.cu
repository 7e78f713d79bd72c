// Tensor-core products through wgmma (sm_90a: H100, H200): C[b] = A[b] @ B[b] from K-major
// operands, the results of gemm.cu's gemm_tc_tf32 / gemm_tc_bf16 (TcPlan) with the mma.sync inner
// loop replaced by warpgroup matrix multiplies (wgmma.cuh). Compiled for sm_90a only, into a module
// of its own (build-kernels.sh); CudaContext loads it on compute capability 9.0 and
// TcPlan.Mode.WGMMA selects it.
//
// Each operand is a set of K-major rows (A: m rows, B: n rows, k contiguous), either
//   packed by gemm.cu's gemm_pack_* (TF32 rounded with cvt.rna, or BF16; rows and k zero-padded), or
//   (TF32 only) the float32 tensor itself, read in place when it is already K-major and 16-byte
//   aligned (a linear layer's x and W in x W^T): no pack kernel, and the tensor core reads the
//   FP32 bits as TF32, i.e. truncates them (cuBLAS's TF32 wgmma kernels do the same).
// gemm_wg_tf32x3 (3xTF32, float32 accuracy) takes each operand twice, as high parts (in place or
// packed) and low parts (packed by gemm_pack_tf32x3), and multiplies a_hi b_hi + a_hi b_lo +
// a_lo b_hi from one stage holding all four tiles of a k tile (gemm_wg_tf32x3_passes instead runs
// the k loop three times, one product each: it reads the high parts twice).
// Rows are at ld bytes from each other; matrix bz at batch_offset(bz, inner, stride, stride2)
// bytes. Rows past M (N) and bytes past kBytes are zero-filled by cp.async, so neither kind
// needs padding.
//
// Why: mma.sync reaches about half of an H100's tensor-core rate (TF32 0.42-0.48, BF16 0.36-0.47
// of cuBLAS, 2026-11-27-h100.md); cuBLAS gets the rest through wgmma, which reads both operands
// straight from shared memory (no ldmatrix, no fragment registers) and runs asynchronously.
//
// Block tile 128 (m) x 256 (n) x 128 bytes of k, as gemm_tc_*: 2 warpgroups (256 threads), each
// m64n256 over its 64 rows: 4 wgmma (32 bytes of k each) per k tile, 128 FP32 accumulators per
// thread; or (gemm_wg_*_n64, products of at most 64 columns) 128 x 64 with m64n64, 32
// accumulators, two blocks per SM. The packed operands are copied global -> shared with 16-byte cp.async into 128-byte
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

constexpr int BM = 128, ROW = 128, STAGES = 4, THREADS = 256;
// The tile's width: 256 columns (m64n256 per warpgroup), or 64 (m64n64) for products of at most
// 64 columns (attention's P V, dS K: on the wide tile 3/4 of their multiplies were padding).
constexpr int BN_WIDE = 256, BN_NARROW = 64;
template <int BN>
__host__ __device__ constexpr int stage_bytes() { return (BM + BN) * ROW; }  // 49152 or 24576, multiples of 1024
// 197632 / 99328 bytes: TcPlan.WGMMA_SHARED_BYTES / WGMMA_NARROW_SHARED_BYTES (the opt-in limit is
// 232448 on an H100 and an H200; two narrow blocks fit an SM).
template <int BN>
__host__ __device__ constexpr int smem() { return STAGES * stage_bytes<BN>() + 1024; }
constexpr int SMEM = smem<BN_WIDE>(), SMEM_NARROW = smem<BN_NARROW>();
static_assert(SMEM <= 232448, "more shared memory than an H100 block may opt in to");
static_assert(2 * SMEM_NARROW <= 232448, "two narrow blocks per SM");

// One thread's share of copying a tile of R K-major rows into a stage's R swizzled 128-byte rows:
// chunk ch = threadIdx.x % 8 of rows threadIdx.x / 8 + 32 i. `row` points at chunk ch of the
// thread's first row (byte 0 of k), rowsLeft counts the rows from there that exist.
struct RowCopier {
  const char* base;  // the matrix: the address of copies that read nothing
  const char* row;
  long long step;  // 32 rows
  int rowsLeft, ch;

  __device__ __forceinline__ RowCopier(const char* __restrict__ p, long long ld, int r0, int rows) {
    ch = threadIdx.x % 8;
    const int r = threadIdx.x / 8;
    rowsLeft = rows - r0 - r;
    base = p;
    row = p + (long long)(r0 + r) * ld + ch * 16;
    step = 32 * ld;
  }

  // Bytes k0 + 16 ch .. of the thread's rows into stage rows at s; a chunk crossing kBytes is
  // zero-filled past it, one past the rows or kBytes reads nothing (from a valid address).
  template <int R>
  __device__ __forceinline__ void copy(uint32_t s, int k0, int kBytes) const {
    const int bytes = min(max(kBytes - k0 - ch * 16, 0), 16);
    const uint32_t dst = s + swz(threadIdx.x / 8, ch);
#pragma unroll
    for (int i = 0; i < R * 8 / THREADS; ++i) {
      const int b = i * 32 < rowsLeft ? bytes : 0;
      // rows 32 i apart keep r & 7, so their swizzled chunk is the same: 32 * 128 bytes further
      cp_async16_zfill(dst + i * 32 * ROW, b > 0 ? row + i * step + k0 : base, b);
    }
  }
};

// One operand's rows: base, row distance and batch strides, all in bytes.
struct Rows {
  const char* p;
  long long ld, stride, stride2;
};

// SPLIT (3xTF32, MatmulPrecision.TF32X3): each operand comes as high parts (hiA, hiB: the float32
// tensor read in place, which the tensor core truncates, or packed) and low parts (loA, loB,
// packed by gemm_pack_tf32x3), and the k loop runs three times over kBytes: a_hi b_hi, a_hi b_lo,
// a_lo b_hi, into the same accumulators. Otherwise loA and loB are unused.
template <int P, int BN, bool SPLIT>
__device__ __forceinline__ void wg_gemm(int M, int N, int kBytes, int batch, Rows hiA, Rows hiB, Rows loA, Rows loB,
                                        float* __restrict__ C, int ldc, long long strideC, int vecC, const float* __restrict__ bias,
                                        int inner, long long strideC2) {
  constexpr int J = BN / 8, STAGE_BYTES = stage_bytes<BN>();  // accumulator fragments of 8 columns
  FRONTIER_DYNAMIC_SHARED(wg_smem);
  // wgmma's swizzle works on address bits 4-9: every stage must start 1024-byte aligned.
  const uint32_t sbase = ((uint32_t)__cvta_generic_to_shared(wg_smem) + 1023u) & ~1023u;
  int tm, tn;
  tile_coords(M, N, BM, BN, tm, tn);
  const int m0 = tm * BM, n0 = tn * BN;
  const int warpgroup = threadIdx.x / 128;        // rows 64 * warpgroup .. + 63 of the tile
  const int wm = warpgroup * 64 + (threadIdx.x % 128) / 32 * 16;  // this warp's 16 accumulator rows
  constexpr int AHEAD = STAGES - 2;                // tiles loaded ahead of the one multiplied
  const int segmentK = (kBytes + ROW - 1) / ROW;   // k tiles per pass over kBytes
  const int numK = (SPLIT ? 3 : 1) * segmentK;

  for (int bz = blockIdx.y; bz < batch; bz += gridDim.y) {
    const RowCopier a(hiA.p + batch_offset(bz, inner, hiA.stride, hiA.stride2), hiA.ld, m0, M);
    const RowCopier b(hiB.p + batch_offset(bz, inner, hiB.stride, hiB.stride2), hiB.ld, n0, N);
    // (SPLIT only; unused pointers otherwise)
    const RowCopier aLo(loA.p + batch_offset(bz, inner, loA.stride, loA.stride2), loA.ld, m0, M);
    const RowCopier bLo(loB.p + batch_offset(bz, inner, loB.stride, loB.stride2), loB.ld, n0, N);
    float* c = C + batch_offset(bz, inner, strideC, strideC2);

    // Tile kt (bytes kt*128 .. +127 of every row) into stage s: 128 + BN rows of 8 chunks, (128 + BN) / 32 per thread.
    // SPLIT: tile kt of pass kt / segmentK, which multiplies a_hi b_hi, a_hi b_lo, then a_lo b_hi.
    auto loadStage = [&](int kt, int s) {
      const uint32_t sa = sbase + s * STAGE_BYTES;
      if constexpr (SPLIT) {
        const int pass = kt / segmentK, k0 = (kt - pass * segmentK) * ROW;
        // branches, not a selected reference: choosing the object put both copiers in local memory
        if (pass == 2) aLo.copy<BM>(sa, k0, kBytes); else a.copy<BM>(sa, k0, kBytes);
        if (pass == 1) bLo.copy<BN>(sa + BM * ROW, k0, kBytes); else b.copy<BN>(sa + BM * ROW, k0, kBytes);
      } else {
        a.copy<BM>(sa, kt * ROW, kBytes);
        b.copy<BN>(sa + BM * ROW, kt * ROW, kBytes);
      }
    };

    // Zero accumulators, the bias added after the last wgmma: starting them at the bias (as
    // gemm_tc_* does) made ptxas serialize the wgmma (warning C7515: the copies of a column's
    // bias into its two rows' registers were placed inside the pipeline).
    float acc[1][J][4];
    init_accumulators<1, J>(acc, nullptr, n0, N);

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
        wgmma_m64<P, J>(acc[0], wgmma_descriptor(sa + 32 * ks), wgmma_descriptor(sb + 32 * ks));
      }
      wgmma_commit();
      wgmma_wait<1>();  // tile kt - 1's wgmma have finished: its stage may be refilled next iteration
    }
    wgmma_wait<0>();
    wgmma_fence_accumulators(acc[0]);
    add_bias<1, J>(acc, bias, n0, N);
    // The next batch's prologue refills stages that other warps may still be reading.
    cp_async_wait<0>();
    __syncthreads();

    store_accumulators<1, J>(acc, c, ldc, m0 + wm, n0, M, N, vecC);
  }
}

// 3xTF32 with the three products of a k tile from one stage: a stage holds the tile's a_hi, b_hi,
// a_lo and b_lo rows (96 KiB at BN = 256, so two stages fill what four single tiles did), and each
// k step issues a_hi b_hi, a_hi b_lo, a_lo b_hi. Why: the TF32 and BF16 wgmma kernels both move
// about 6 TB/s from L2 into the SMs on an H100 (2026-11-28-h100.md: 271 and 512 TFLOP/s at 8192,
// the same bytes a second at 4 and 2 bytes an element), so they are bound by L2 bandwidth, not the
// tensor cores; three passes over k load the high tiles twice and move 3 x 48 KiB per 32 k of a
// 128 x 256 tile, this 96 KiB: a third less traffic for the same multiplies.
// Pipeline: tile kt + 1 is copied into the other stage while tile kt's wgmma run; each iteration
// ends with wgmma_wait<0>, so at the next barrier every warpgroup has retired the stage the
// copies after it overwrite.
template <int BN>
__device__ __forceinline__ void wg_gemm_x3(int M, int N, int kBytes, int batch, Rows hiA, Rows hiB, Rows loA, Rows loB,
                                           float* __restrict__ C, int ldc, long long strideC, int vecC, const float* __restrict__ bias,
                                           int inner, long long strideC2) {
  constexpr int J = BN / 8, TILES = stage_bytes<BN>(), STAGE = 2 * TILES, X3_STAGES = 2;
  static_assert(X3_STAGES * STAGE + 1024 == smem<BN>(), "the same shared memory as the single-product kernels");
  // offsets in a stage: a_hi, b_hi, a_lo, b_lo (multiples of 1024: each tile starts swizzle-aligned)
  constexpr int B_HI = BM * ROW, A_LO = TILES, B_LO = TILES + BM * ROW;
  FRONTIER_DYNAMIC_SHARED(wg_smem);
  const uint32_t sbase = ((uint32_t)__cvta_generic_to_shared(wg_smem) + 1023u) & ~1023u;
  int tm, tn;
  tile_coords(M, N, BM, BN, tm, tn);
  const int m0 = tm * BM, n0 = tn * BN;
  const int warpgroup = threadIdx.x / 128;
  const int wm = warpgroup * 64 + (threadIdx.x % 128) / 32 * 16;
  const int numK = (kBytes + ROW - 1) / ROW;

  for (int bz = blockIdx.y; bz < batch; bz += gridDim.y) {
    const RowCopier a(hiA.p + batch_offset(bz, inner, hiA.stride, hiA.stride2), hiA.ld, m0, M);
    const RowCopier b(hiB.p + batch_offset(bz, inner, hiB.stride, hiB.stride2), hiB.ld, n0, N);
    const RowCopier aLo(loA.p + batch_offset(bz, inner, loA.stride, loA.stride2), loA.ld, m0, M);
    const RowCopier bLo(loB.p + batch_offset(bz, inner, loB.stride, loB.stride2), loB.ld, n0, N);
    float* c = C + batch_offset(bz, inner, strideC, strideC2);
    auto loadStage = [&](int kt, int s) {
      const uint32_t st = sbase + s * STAGE;
      a.copy<BM>(st, kt * ROW, kBytes);
      b.copy<BN>(st + B_HI, kt * ROW, kBytes);
      aLo.copy<BM>(st + A_LO, kt * ROW, kBytes);
      bLo.copy<BN>(st + B_LO, kt * ROW, kBytes);
    };
    float acc[1][J][4];
    init_accumulators<1, J>(acc, nullptr, n0, N);

    if (numK > 0) loadStage(0, 0);
    cp_async_commit();
    for (int kt = 0; kt < numK; ++kt) {
      cp_async_wait<0>();          // this thread's copies of tile kt have landed ...
      fence_proxy_async_shared();  // ... are visible to wgmma ...
      __syncthreads();             // ... and so are everyone's; every warpgroup has retired tile kt - 1
      const uint32_t st = sbase + (kt % X3_STAGES) * STAGE, rows = warpgroup * 64 * ROW;
      wgmma_fence();
#pragma unroll
      for (int ks = 0; ks < ROW / 32; ++ks) {
        const uint64_t ah = wgmma_descriptor(st + rows + 32 * ks), al = wgmma_descriptor(st + A_LO + rows + 32 * ks);
        const uint64_t bh = wgmma_descriptor(st + B_HI + 32 * ks), bl = wgmma_descriptor(st + B_LO + 32 * ks);
        wgmma_m64<TF32, J>(acc[0], ah, bh);
        wgmma_m64<TF32, J>(acc[0], ah, bl);
        wgmma_m64<TF32, J>(acc[0], al, bh);
      }
      wgmma_commit();
      // the other stage (tile kt - 1's, retired before the barrier) takes tile kt + 1 while these run
      if (kt + 1 < numK) loadStage(kt + 1, (kt + 1) % X3_STAGES);
      cp_async_commit();
      wgmma_wait<0>();
    }
    wgmma_fence_accumulators(acc[0]);
    add_bias<1, J>(acc, bias, n0, N);
    // the next batch's first copies go to stage 0, which other warps may still be reading
    cp_async_wait<0>();
    __syncthreads();

    store_accumulators<1, J>(acc, c, ldc, m0 + wm, n0, M, N, vecC);
  }
}

}  // namespace gemm_wgmma

// (M, N, kBytes: bytes of k per operand row, batch,
//  A, lda, strideA, strideA2: operand rows and batch strides in bytes (packed: rowBytes and the
//  packed matrix size; in place: the tensor's, times 4), B likewise,
//  C, ldc, strideC, vecC, bias, inner, strideC2: as gemm.cu's kernels)
#define GEMM_WG(NAME, P, BN, BLOCKS_PER_SM)                                                                        \
  extern "C" __global__ void __launch_bounds__(gemm_wgmma::THREADS, BLOCKS_PER_SM)                              \
      NAME(int M, int N, int kBytes, int batch, const char* __restrict__ A, long long lda, long long strideA,   \
           long long strideA2, const char* __restrict__ B, long long ldb, long long strideB, long long strideB2, \
           float* __restrict__ C, int ldc, long long strideC, int vecC, const float* __restrict__ bias, int inner, \
           long long strideC2) {                                                                                 \
    const gemm_wgmma::Rows a{A, lda, strideA, strideA2}, b{B, ldb, strideB, strideB2};                          \
    gemm_wgmma::wg_gemm<P, BN, false>(M, N, kBytes, batch, a, b, a, b, C, ldc, strideC, vecC, bias, inner, strideC2); \
  }
GEMM_WG(gemm_wg_tf32, gemm_impl::TF32, gemm_wgmma::BN_WIDE, 1)
GEMM_WG(gemm_wg_bf16, gemm_impl::BF16, gemm_wgmma::BN_WIDE, 1)
// The narrow tile (128 x 64): two blocks per SM.
GEMM_WG(gemm_wg_tf32_n64, gemm_impl::TF32, gemm_wgmma::BN_NARROW, 2)
GEMM_WG(gemm_wg_bf16_n64, gemm_impl::BF16, gemm_wgmma::BN_NARROW, 2)

// 3xTF32 (MatmulPrecision.TF32X3) on the wide tile: as gemm_wg_tf32, plus each operand's low parts
// (ALo, BLo: rows of gemm_pack_tf32x3, in bytes as A and B); A and B are the high parts, in place
// (truncated by the tensor core) or packed. kBytes: bytes of k of every one of the four.
// gemm_wg_tf32x3: the three products of each k tile from one stage (wg_gemm_x3);
// gemm_wg_tf32x3_passes (-Dfrontier.cuda.tf32x3.passes=true): three passes over k (wg_gemm's SPLIT).
#define GEMM_WG_X3(NAME, CALL)                                                                                            \
  extern "C" __global__ void __launch_bounds__(gemm_wgmma::THREADS, 1)                                                   \
      NAME(int M, int N, int kBytes, int batch, const char* __restrict__ A, long long lda, long long strideA,            \
           long long strideA2, const char* __restrict__ ALo, long long ldaLo, long long strideALo, long long strideA2Lo, \
           const char* __restrict__ B, long long ldb, long long strideB, long long strideB2, const char* __restrict__ BLo, \
           long long ldbLo, long long strideBLo, long long strideB2Lo, float* __restrict__ C, int ldc, long long strideC, \
           int vecC, const float* __restrict__ bias, int inner, long long strideC2) {                                    \
    CALL(M, N, kBytes, batch, gemm_wgmma::Rows{A, lda, strideA, strideA2}, gemm_wgmma::Rows{B, ldb, strideB, strideB2},   \
         gemm_wgmma::Rows{ALo, ldaLo, strideALo, strideA2Lo}, gemm_wgmma::Rows{BLo, ldbLo, strideBLo, strideB2Lo}, C, ldc,   \
         strideC, vecC, bias, inner, strideC2);                                                                          \
  }
GEMM_WG_X3(gemm_wg_tf32x3, (gemm_wgmma::wg_gemm_x3<gemm_wgmma::BN_WIDE>))
GEMM_WG_X3(gemm_wg_tf32x3_passes, (gemm_wgmma::wg_gemm<gemm_impl::TF32, gemm_wgmma::BN_WIDE, true>))
