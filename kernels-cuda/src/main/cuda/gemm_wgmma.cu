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
// A may instead come from registers (TcPlan.registerA; gemm_wg_tf32_ra, gemm_wg_tf32x3_ra, _ra_t):
// the float32 tensor read in place in either layout, K-major or MN-major (a weight gradient's g^T,
// which shared-memory TF32 operands cannot be), each thread loading its fragment from the stage
// and rounding it (3xTF32: splitting it into hi and lo), so that A is never packed.
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
// The kernels built on wg_gemm take their tiles in a loop over blockIdx.x, + gridDim.x, ...: a block
// per tile by default (one pass), or a persistent grid of one wave (TcPlan.persistent), where a
// block loads its next tile's first stages while it stores the last one's results, instead of
// every tile paying its pipeline's fill after the previous block's stores.
//
// Memory traffic: as gemm_tc_*, (1/256 + 1/128) * sizeof(E) bytes of L2 reads per multiply-add;
// compute bound, the target is cuBLAS's wgmma rate.
#include <type_traits>

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

  __device__ __forceinline__ RowCopier() {}  // set before use (wg_gemm selects a tile's)
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

  // As copy, in a loop kept rolled (one source pointer stepped by 32 rows): fewer registers than
  // the unrolled copies' four addresses, which made wg_gemm_x3_ra's K-major form spill.
  template <int R>
  __device__ __forceinline__ void copy_rolled(uint32_t s, int k0, int kBytes) const {
    const int bytes = min(max(kBytes - k0 - ch * 16, 0), 16);
    uint32_t dst = s + swz(threadIdx.x / 8, ch);
    const char* src = row + k0;
#pragma unroll 1
    for (int i = 0; i < R * 8 / THREADS; ++i, dst += 32 * ROW, src += step) {
      const int b = i * 32 < rowsLeft ? bytes : 0;
      cp_async16_zfill(dst, b > 0 ? src : base, b);
    }
  }
};

// One operand's rows: base, row distance and batch strides, all in bytes.
struct Rows {
  const char* p;
  long long ld, stride, stride2;
};

// The end of a tile's k loop, the same in every kernel here: its wgmma retired (a no-op where the
// loop ended with wgmma_wait<0>), the bias added, every copy landed, then a barrier: past it no
// warp reads any stage, so the next tile's (or batch's) first copies may refill them.
template <int J>
__device__ __forceinline__ void retire_tile(float (&acc)[1][J][4], const float* __restrict__ bias, int n0, int N) {
  wgmma_wait<0>();
  wgmma_fence_accumulators(acc[0]);
  add_bias<1, J>(acc, bias, n0, N);
  cp_async_wait<0>();
  __syncthreads();
}

// retire_tile, then C stored: the end of a kernel that takes one tile a block.
template <int J>
__device__ __forceinline__ void finish_tile(float (&acc)[1][J][4], const float* __restrict__ bias, float* __restrict__ c, int ldc,
                                            int m, int n0, int M, int N, int vecC) {
  retire_tile<J>(acc, bias, n0, N);
  store_accumulators<1, J>(acc, c, ldc, m, n0, M, N, vecC);
}

// gemm_wg_tf32_ra: A stored transposed (MN-major: element (m, k) at k * ld + m, the g^T of a
// weight gradient g^T x) read in place through registers. wgmma takes a TF32 operand from shared
// memory K-major only, so gemm_wg_tf32 needs such an A packed first (gemm_pack_tf32: a read and a
// write of A in global memory, and a buffer the size of A: 1.6 GB for a GPT's (8192, 50257)
// logits gradient); wgmma's other form takes A from registers in any order the kernel loads it.
// A tile of A is 32 rows of k, each 128 floats of m (512 bytes), copied by 16-byte cp.async as
// they lie; each thread then loads its fragment (wgmma.cuh: rows g, g + 8, k t, t + 4 of its
// warp's 16) from shared memory, rounding to TF32 (cvt.rna, as the pack does). B is as gemm_wg_tf32's.
// Chunk c (16 bytes, 4 floats of m) of k row r lies at chunk c ^ (2 (r % 4)): the warp's loads of
// one fragment register (8 rows g, 4 k t) then touch 32 distinct banks (chunks c0 + {0, 1} XOR
// {0, 2, 4, 6} cover 8 chunks, each chunk's 4 floats 4 banks).
// Memory traffic: A and B once from L2 per tile, as gemm_wg_tf32's; no pack of A.
__device__ __forceinline__ uint32_t ra_offset(int k, int chunk) { return (uint32_t)(k * 512 + ((chunk ^ (2 * (k & 3))) << 4)); }

// One thread's share of copying a 32 (k) x 128 (m) tile of an MN-major A into a stage: chunk
// threadIdx.x % 32 of k rows threadIdx.x / 32 + 8 i.
struct ColumnCopier {
  const char* base;  // the matrix: the address of copies that read nothing
  const char* col;   // chunk ch of k row 0 of the tile's columns
  long long ld;      // bytes from one k row to the next
  int bytes, ch;     // bytes of the chunk inside M (0..16)

  __device__ __forceinline__ ColumnCopier() {}  // set before use (wg_gemm selects a tile's)
  __device__ __forceinline__ ColumnCopier(const char* __restrict__ p, long long ld_, int m0, int M) {
    ch = threadIdx.x % 32;
    bytes = 4 * min(max(M - m0 - 4 * ch, 0), 4);
    base = p;
    col = p + 4LL * m0 + ch * 16;
    ld = ld_;
  }

  // k rows k0 .. k0 + 31 of the tile into the stage at s; rows at or past K are zero-filled.
  __device__ __forceinline__ void copy(uint32_t s, int k0, int K) const {
#pragma unroll
    for (int i = 0; i < 32 * 32 / THREADS; ++i) {
      const int r = threadIdx.x / 32 + 8 * i;
      const int b = k0 + r < K ? bytes : 0;
      cp_async16_zfill(s + ra_offset(r, ch), b > 0 ? col + (long long)(k0 + r) * ld : base, b);
    }
  }
};

// Element (m, k) of the A tile of a stage (generic pointer): MN-major as ColumnCopier lays it, or
// K-major as RowCopier does (rows of m, 128 bytes of k swizzled by swz; the warp's loads of one
// fragment register, 8 rows g and 4 k t, touch 32 distinct banks there too).
template <bool MN>
__device__ __forceinline__ float a_element(const unsigned char* stage, int m, int k) {
  if constexpr (MN) {
    return *reinterpret_cast<const float*>(stage + ra_offset(k, m / 4) + (m % 4) * 4);
  } else {
    return *reinterpret_cast<const float*>(stage + swz(m, k / 4) + (k % 4) * 4);
  }
}

// Element (m, k) of an MN-major A tile, rounded to TF32.
__device__ __forceinline__ uint32_t ra_element(const unsigned char* stage, int m, int k) { return tf32_rna(a_element<true>(stage, m, k)); }

// 3xTF32's split of x into TF32 hi + lo, as gemm.cu's store4_split with hi rounded to nearest: lo is
// x - hi (exact in float32) rounded to TF32, 0 where hi is infinite or NaN.
__device__ __forceinline__ void split_tf32(float x, uint32_t& hi, uint32_t& lo) {
  hi = tf32_rna(x);
  const float h = __uint_as_float(hi);
  lo = tf32_rna(isfinite(h) ? x - h : 0.0f);
}

// SPLIT (3xTF32, MatmulPrecision.TF32X3): each operand comes as high parts (hiA, hiB: the float32
// tensor read in place, which the tensor core truncates, or packed) and low parts (loA, loB,
// packed by gemm_pack_tf32x3), and the k loop runs three times over kBytes: a_hi b_hi, a_hi b_lo,
// a_lo b_hi, into the same accumulators. Otherwise loA and loB are unused.
// REG_A (gemm_wg_tf32_ra): hiA is an MN-major float32 A, copied as ColumnCopier lays it and
// multiplied from registers (the fragments loaded and rounded after each stage's barrier); kBytes
// is 4 K.
template <int P, int BN, bool SPLIT, bool REG_A = false>
__device__ __forceinline__ void wg_gemm(int M, int N, int kBytes, int batch, Rows hiA, Rows hiB, Rows loA, Rows loB,
                                        float* __restrict__ C, int ldc, long long strideC, int vecC, const float* __restrict__ bias,
                                        int inner, long long strideC2) {
  static_assert(!REG_A || (P == TF32 && BN == BN_WIDE && !SPLIT), "A from registers: one TF32 product on the wide tile");
  static_assert(32 * 512 == BM * ROW, "an MN-major A tile (32 k rows of 128 floats) fills the K-major one's bytes");
  constexpr int J = BN / 8, STAGE_BYTES = stage_bytes<BN>();  // accumulator fragments of 8 columns
  FRONTIER_DYNAMIC_SHARED(wg_smem);
  // wgmma's swizzle works on address bits 4-9: every stage must start 1024-byte aligned.
  const uint32_t raw = (uint32_t)__cvta_generic_to_shared(wg_smem);
  const uint32_t sbase = (raw + 1023u) & ~1023u;
  const unsigned char* sgen = wg_smem + (sbase - raw);  // the same bytes, for REG_A's fragment loads
  const int g = (threadIdx.x % 32) / 4, t = threadIdx.x % 4;
  const int tiles = ((M + BM - 1) / BM) * ((N + BN - 1) / BN);
  const int warpgroup = threadIdx.x / 128;        // rows 64 * warpgroup .. + 63 of the tile
  const int wm = warpgroup * 64 + (threadIdx.x % 128) / 32 * 16;  // this warp's 16 accumulator rows
  constexpr int AHEAD = STAGES - 2;                // tiles loaded ahead of the one multiplied
  const int segmentK = (kBytes + ROW - 1) / ROW;   // k tiles per pass over kBytes
  const int numK = (SPLIT ? 3 : 1) * segmentK;

  for (int bz = blockIdx.y; bz < batch; bz += gridDim.y) {
    const char* const pa = hiA.p + batch_offset(bz, inner, hiA.stride, hiA.stride2);
    const char* const pb = hiB.p + batch_offset(bz, inner, hiB.stride, hiB.stride2);
    const char* const paLo = loA.p + batch_offset(bz, inner, loA.stride, loA.stride2);  // (SPLIT only; unused otherwise)
    const char* const pbLo = loB.p + batch_offset(bz, inner, loB.stride, loB.stride2);
    float* c = C + batch_offset(bz, inner, strideC, strideC2);
    // Tiles blockIdx.x, + gridDim.x, ...: one each where the grid has a block per tile (the
    // default); a persistent grid (TcPlan.persistent) loops, and loads the next tile's first
    // stages while it stores this one's results.
    int tile = blockIdx.x, m0, n0;
    RowCopier a, b, aLo, bLo;
    ColumnCopier aColumns;  // (REG_A only)
    auto select = [&](int which) {
      int tm, tn;
      tile_coords_at(which, M, N, BM, BN, tm, tn);
      m0 = tm * BM;
      n0 = tn * BN;
      if constexpr (REG_A) {
        aColumns = ColumnCopier(pa, hiA.ld, m0, M);
      } else {
        a = RowCopier(pa, hiA.ld, m0, M);
      }
      b = RowCopier(pb, hiB.ld, n0, N);
      if constexpr (SPLIT) {
        aLo = RowCopier(paLo, loA.ld, m0, M);
        bLo = RowCopier(pbLo, loB.ld, n0, N);
      }
    };

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
        if constexpr (REG_A) {
          aColumns.copy(sa, kt * 32, kBytes / 4);
        } else {
          a.copy<BM>(sa, kt * ROW, kBytes);
        }
        b.copy<BN>(sa + BM * ROW, kt * ROW, kBytes);
      }
    };
    // One cp.async group per k tile (empty past the end): before iteration kt, AHEAD + kt groups
    // are committed, and wait_group<AHEAD - 1> means groups 0..kt have landed.
    auto prologue = [&] {
#pragma unroll
      for (int s = 0; s < AHEAD; ++s) {
        if (s < numK) loadStage(s, s);
        cp_async_commit();
      }
    };
    if (tile >= tiles) continue;
    select(tile);
    prologue();

    for (;;) {
      // Zero accumulators, the bias added after the last wgmma: starting them at the bias (as
      // gemm_tc_* does) made ptxas serialize the wgmma (warning C7515: the copies of a column's
      // bias into its two rows' registers were placed inside the pipeline).
      float acc[1][J][4];
      init_accumulators<1, J>(acc, nullptr, n0, N);
      for (int kt = 0; kt < numK; ++kt) {
        cp_async_wait<AHEAD - 1>();
        fence_proxy_async_shared();  // this thread's copies of tile kt, visible to wgmma ...
        __syncthreads();             // ... and everyone's; every warpgroup has retired tile kt - 2's wgmma
        const int nk = kt + AHEAD;
        if (nk < numK) loadStage(nk, nk % STAGES);  // the stage of tile kt - 2
        cp_async_commit();

        const uint32_t sb = sbase + (kt % STAGES) * STAGE_BYTES + BM * ROW;
        if constexpr (REG_A) {
          const unsigned char* st = sgen + (kt % STAGES) * STAGE_BYTES;
          uint32_t af[ROW / 32][4];
#pragma unroll
          for (int ks = 0; ks < ROW / 32; ++ks) {
            const int k = 8 * ks + t, m = wm + g;
            af[ks][0] = ra_element(st, m, k);
            af[ks][1] = ra_element(st, m + 8, k);
            af[ks][2] = ra_element(st, m, k + 4);
            af[ks][3] = ra_element(st, m + 8, k + 4);
          }
          wgmma_fence();  // the fragments written above, before the wgmma read them
#pragma unroll
          for (int ks = 0; ks < ROW / 32; ++ks) wgmma_m64n256_tf32_ra(acc[0], af[ks], wgmma_descriptor(sb + 32 * ks));
        } else {
          const uint32_t sa = sbase + (kt % STAGES) * STAGE_BYTES + warpgroup * 64 * ROW;
          wgmma_fence();
#pragma unroll
          for (int ks = 0; ks < ROW / 32; ++ks) {
            wgmma_m64<P, J>(acc[0], wgmma_descriptor(sa + 32 * ks), wgmma_descriptor(sb + 32 * ks));
          }
        }
        wgmma_commit();
        wgmma_wait<1>();  // tile kt - 1's wgmma have finished: its stage may be refilled next iteration
      }
      retire_tile<J>(acc, bias, n0, N);
      const int m = m0 + wm, n = n0, next = tile + gridDim.x;
      if (next < tiles) {  // the next tile's first stages load while this one's results are stored
        select(next);
        prologue();
      }
      store_accumulators<1, J>(acc, c, ldc, m, n, M, N, vecC);
      if (next >= tiles) break;
      tile = next;
    }
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
    finish_tile<J>(acc, bias, c, ldc, m0 + wm, n0, M, N, vecC);
  }
}

// 3xTF32 with A from registers (gemm_wg_tf32x3_ra, _ra_t): A is read in place, K-major (MN = false,
// a linear layer's x) or MN-major (MN = true, a weight gradient's g^T), as float32, and each thread
// splits its fragment into hi and lo (split_tf32) in registers; B comes as hi and lo rows
// (gemm_wg_tf32x3's). So A needs no pack at all: gemm_wg_tf32x3 packs A's low parts (and, for an
// MN-major A, its high parts too). A stage holds A (16 KiB) and B's hi and lo (32 KiB each): 80 KiB
// per 32 k where gemm_wg_tf32x3 moves 96 KiB, for the same three products a_hi b_hi, a_hi b_lo,
// a_lo b_hi. Two stages (the pipeline of wg_gemm_x3: tile kt + 1 copied while tile kt's wgmma run,
// wgmma_wait<0> at the end of each iteration).
template <bool MN>
__device__ __forceinline__ void wg_gemm_x3_ra(int M, int N, int kBytes, int batch, Rows A, Rows hiB, Rows loB, float* __restrict__ C,
                                              int ldc, long long strideC, int vecC, const float* __restrict__ bias, int inner,
                                              long long strideC2) {
  constexpr int BN = BN_WIDE, J = BN / 8, TILE_A = BM * ROW, TILE_B = BN * ROW, STAGE = TILE_A + 2 * TILE_B, X3_STAGES = 2;
  static_assert(X3_STAGES * STAGE + 1024 <= SMEM, "within the shared memory of the other wide kernels");
  constexpr int B_HI = TILE_A, B_LO = TILE_A + TILE_B;  // multiples of 1024: each tile starts swizzle-aligned
  FRONTIER_DYNAMIC_SHARED(wg_smem);
  const uint32_t raw = (uint32_t)__cvta_generic_to_shared(wg_smem);
  const uint32_t sbase = (raw + 1023u) & ~1023u;
  const unsigned char* sgen = wg_smem + (sbase - raw);
  const int tiles = ((M + BM - 1) / BM) * ((N + BN - 1) / BN);
  const int warpgroup = threadIdx.x / 128;
  const int wm = warpgroup * 64 + (threadIdx.x % 128) / 32 * 16;
  const int g = (threadIdx.x % 32) / 4, t = threadIdx.x % 4;
  const int K = kBytes / 4, numK = (K + 31) / 32;

  for (int bz = blockIdx.y; bz < batch; bz += gridDim.y) {
    const char* const pa = A.p + batch_offset(bz, inner, A.stride, A.stride2);
    const char* const pbHi = hiB.p + batch_offset(bz, inner, hiB.stride, hiB.stride2);
    const char* const pbLo = loB.p + batch_offset(bz, inner, loB.stride, loB.stride2);
    float* c = C + batch_offset(bz, inner, strideC, strideC2);
    // tiles blockIdx.x, + gridDim.x, ... as wg_gemm takes them
    int tile = blockIdx.x, m0, n0;
    std::conditional_t<MN, ColumnCopier, RowCopier> a;
    RowCopier bHi, bLo;
    auto select = [&](int which) {
      int tm, tn;
      tile_coords_at(which, M, N, BM, BN, tm, tn);
      m0 = tm * BM;
      n0 = tn * BN;
      a = std::conditional_t<MN, ColumnCopier, RowCopier>(pa, A.ld, m0, M);
      bHi = RowCopier(pbHi, hiB.ld, n0, N);
      bLo = RowCopier(pbLo, loB.ld, n0, N);
    };
    auto loadStage = [&](int kt, int s) {
      const uint32_t st = sbase + s * STAGE;
      if constexpr (MN) {
        a.copy(st, kt * 32, K);
      } else {
        a.template copy_rolled<BM>(st, kt * ROW, kBytes);
      }
      bHi.copy<BN>(st + B_HI, kt * ROW, kBytes);
      bLo.copy<BN>(st + B_LO, kt * ROW, kBytes);
    };
    if (tile >= tiles) continue;
    select(tile);
    if (numK > 0) loadStage(0, 0);
    cp_async_commit();
    for (;;) {
      float acc[1][J][4];
      init_accumulators<1, J>(acc, nullptr, n0, N);
      for (int kt = 0; kt < numK; ++kt) {
        cp_async_wait<0>();          // this thread's copies of tile kt have landed ...
        fence_proxy_async_shared();  // ... B's are visible to wgmma ...
        __syncthreads();             // ... and so are everyone's; every warpgroup has retired tile kt - 1
        const int s = kt % X3_STAGES;
        const unsigned char* st = sgen + s * STAGE;
        uint32_t hi[ROW / 32][4], lo[ROW / 32][4];
#pragma unroll
        for (int ks = 0; ks < ROW / 32; ++ks) {
          const int k = 8 * ks + t, m = wm + g;
          split_tf32(a_element<MN>(st, m, k), hi[ks][0], lo[ks][0]);
          split_tf32(a_element<MN>(st, m + 8, k), hi[ks][1], lo[ks][1]);
          split_tf32(a_element<MN>(st, m, k + 4), hi[ks][2], lo[ks][2]);
          split_tf32(a_element<MN>(st, m + 8, k + 4), hi[ks][3], lo[ks][3]);
        }
        const uint32_t sb = sbase + s * STAGE;
        wgmma_fence();
#pragma unroll
        for (int ks = 0; ks < ROW / 32; ++ks) {
          const uint64_t bh = wgmma_descriptor(sb + B_HI + 32 * ks), bl = wgmma_descriptor(sb + B_LO + 32 * ks);
          wgmma_m64n256_tf32_ra(acc[0], hi[ks], bh);
          wgmma_m64n256_tf32_ra(acc[0], hi[ks], bl);
          wgmma_m64n256_tf32_ra(acc[0], lo[ks], bh);
        }
        wgmma_commit();
        // the other stage (tile kt - 1's, retired before the barrier) takes tile kt + 1 while these run
        if (kt + 1 < numK) loadStage(kt + 1, (kt + 1) % X3_STAGES);
        cp_async_commit();
        wgmma_wait<0>();
      }
      retire_tile<J>(acc, bias, n0, N);
      const int m = m0 + wm, n = n0, next = tile + gridDim.x;
      if (next < tiles) {  // the next tile's first stage loads while this one's results are stored
        select(next);
        if (numK > 0) loadStage(0, 0);
        cp_async_commit();
      }
      store_accumulators<1, J>(acc, c, ldc, m, n, M, N, vecC);
      if (next >= tiles) break;
      tile = next;
    }
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

// TF32 with A stored transposed (MN-major: A's rows are its k rows, lda bytes apart, 16-byte
// aligned) read through registers (wg_gemm's REG_A); B and the rest as gemm_wg_tf32. kBytes: 4 K.
extern "C" __global__ void __launch_bounds__(gemm_wgmma::THREADS, 1)
    gemm_wg_tf32_ra(int M, int N, int kBytes, int batch, const char* __restrict__ A, long long lda, long long strideA,
                    long long strideA2, const char* __restrict__ B, long long ldb, long long strideB, long long strideB2,
                    float* __restrict__ C, int ldc, long long strideC, int vecC, const float* __restrict__ bias, int inner,
                    long long strideC2) {
  const gemm_wgmma::Rows a{A, lda, strideA, strideA2}, b{B, ldb, strideB, strideB2};
  gemm_wgmma::wg_gemm<gemm_impl::TF32, gemm_wgmma::BN_WIDE, false, true>(M, N, kBytes, batch, a, b, a, b, C, ldc, strideC, vecC, bias,
                                                                          inner, strideC2);
}

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

// 3xTF32 with A from registers (wg_gemm_x3_ra): A read in place as float32, row-major (K-major,
// gemm_wg_tf32x3_ra) or transposed (MN-major, gemm_wg_tf32x3_ra_t), 16-byte aligned rows, and
// split into hi and lo in registers; B as gemm_wg_tf32x3's (hi rows, lo rows). kBytes: 4 K.
#define GEMM_WG_X3_RA(NAME, MN)                                                                                          \
  extern "C" __global__ void __launch_bounds__(gemm_wgmma::THREADS, 1)                                                   \
      NAME(int M, int N, int kBytes, int batch, const char* __restrict__ A, long long lda, long long strideA,            \
           long long strideA2, const char* __restrict__ B, long long ldb, long long strideB, long long strideB2,         \
           const char* __restrict__ BLo, long long ldbLo, long long strideBLo, long long strideB2Lo, float* __restrict__ C, \
           int ldc, long long strideC, int vecC, const float* __restrict__ bias, int inner, long long strideC2) {          \
    gemm_wgmma::wg_gemm_x3_ra<MN>(M, N, kBytes, batch, gemm_wgmma::Rows{A, lda, strideA, strideA2},                       \
                                  gemm_wgmma::Rows{B, ldb, strideB, strideB2}, gemm_wgmma::Rows{BLo, ldbLo, strideBLo, strideB2Lo}, \
                                  C, ldc, strideC, vecC, bias, inner, strideC2);                                           \
  }
GEMM_WG_X3_RA(gemm_wg_tf32x3_ra, false)
GEMM_WG_X3_RA(gemm_wg_tf32x3_ra_t, true)
