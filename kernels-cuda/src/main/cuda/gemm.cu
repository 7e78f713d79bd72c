// Batched matrix products C[b] = A[b] @ B[b] (CudaMatmul, GemmPlan).
//
// Every kernel takes the same arguments:
//   (int M, int N, int K, int batch,
//    const T* A, int lda, long long strideA,    A[m][k] = A[m*lda + k]   (_n)  or A[k*lda + m]  (_t)
//    const T* B, int ldb, long long strideB,    B[k][n] = B[k*ldb + n]   (_n)  or B[n*ldb + k]  (_t)
//    T* C, int ldc, long long strideC,          C[m][n] = C[m*ldc + n]   (always row-major)
//    int vecA, int vecB, int vecC,              1: 16-byte (C of the tensor-core kernels: 8-byte)
//                                               vector accesses are aligned (checked by GemmPlan)
//    const T* bias,                             null, or N values added to every row of C (a
//                                               linear layer's bias: the accumulators start at it)
//    int inner, long long strideA2, strideB2, strideC2)
//                                               two batch dims: matrix bz is (bz / inner, bz % inner)
//                                               at outer * stride + inner index * stride2
//                                               (tensor_core.cuh batch_offset; one dim: inner = 1)
// Batch strides may be 0 (a broadcast operand). The grid is (tilesM * tilesN, min(batch, 65535));
// blocks loop over the batch in steps of gridDim.y. Tiles are visited in groups of 8 tile rows so
// that neighbouring blocks share A and B panels in L2.
//
// Memory traffic: a BM x BN tile reads (BM + BN) * K elements for 2 * BM * BN * K flops, so the
// 128 x 128 tiles need 1 byte of global (mostly L2) traffic per 32 flops in FP32: the kernels are
// compute bound from about 512^3 up. Targets on an H100: FP32 SIMT >= 70% of cuBLAS FP32 (about
// 35 TFLOP/s), TF32 / BF16 mma.sync >= 50% of cuBLAS at the same precision, FP64 a plain tiled kernel.
//
// Operands are staged global -> registers -> shared memory with two shared buffers: the loads of
// tile k+1 are in flight while tile k is multiplied, and each k step needs one __syncthreads.
// Loads and stores outside [0, M) x [0, N) x [0, K) are guarded; out-of-range operand elements are
// staged as zeros, so partial tiles need no special case in the multiply loops.
#include <cuda_bf16.h>
#include "common.cuh"
#include "tensor_core.cuh"

namespace gemm_impl {

// 16 bytes of T.
template <typename T> struct Vec16;
template <> struct Vec16<float> { typedef float4 type; static constexpr int N = 4; };
template <> struct Vec16<double> { typedef double2 type; static constexpr int N = 2; };

// An R x C tile of a row-major view (element (r, c) at p[r * ld + c]) held in registers: each of
// the NT threads holds CHUNKS chunks of V elements that are consecutive along c. Elements outside
// rows < rmax, cols < cmax are zero. A chunk is loaded as one 16-byte vector when `vec` says the
// view is aligned for it and the chunk lies wholly inside the columns.
template <typename T, int R, int C, int V, int NT>
struct TileRegs {
  static constexpr int CPR = C / V;  // chunks per row
  static constexpr int CHUNKS = R * CPR / NT;
  static_assert(C % V == 0 && (R * CPR) % NT == 0 && CHUNKS >= 1, "tile does not split evenly over the threads");
  T v[CHUNKS][V];

  __device__ __forceinline__ void load(const T* __restrict__ p, int ld, int r0, int c0, int rmax, int cmax, int vec) {
#pragma unroll
    for (int i = 0; i < CHUNKS; ++i) {
      int chunk = threadIdx.x + i * NT;
      int r = r0 + chunk / CPR;
      int c = c0 + (chunk % CPR) * V;
      if (r < rmax) {
        const T* q = p + (long long)r * ld + c;
        if (vec && c + V <= cmax) {
          typedef typename Vec16<T>::type VT;
          static_assert(sizeof(VT) == V * sizeof(T), "vector width");
          FRONTIER_VECTOR_ACCESS(q, sizeof(VT));
          VT x = *reinterpret_cast<const VT*>(q);
          const T* xs = reinterpret_cast<const T*>(&x);
#pragma unroll
          for (int j = 0; j < V; ++j) v[i][j] = xs[j];
        } else {
#pragma unroll
          for (int j = 0; j < V; ++j) v[i][j] = c + j < cmax ? q[j] : T(0);
        }
      } else {
#pragma unroll
        for (int j = 0; j < V; ++j) v[i][j] = T(0);
      }
    }
  }

  // Tile coordinates (row, col) of element j of chunk i.
  __device__ __forceinline__ static int row(int i) { return (threadIdx.x + i * NT) / CPR; }
  __device__ __forceinline__ static int col(int i) { return ((threadIdx.x + i * NT) % CPR) * V; }
};

// ---------------------------------------------------------------------------------------------
// SIMT kernels (FP32 at "highest" precision, FP64): THR_M x THR_N threads, each computing a
// (2V) x (2V) micro-tile (8 x 8 floats, 4 x 4 doubles) as two V-row by two V-column blocks that
// lie half a tile apart, so that its shared-memory reads are 16-byte vectors without conflicts.
// Shared memory holds both operands k-major: As[k][m], Bs[k][n], rows padded by V elements.
// ---------------------------------------------------------------------------------------------
template <typename T, int THR_M, int THR_N, int BK, bool TA, bool TB>
__device__ __forceinline__ void simt_gemm(int M, int N, int K, int batch, const T* __restrict__ A, int lda,
                                          long long strideA, const T* __restrict__ B, int ldb, long long strideB,
                                          T* __restrict__ C, int ldc, long long strideC, int vecA, int vecB, int vecC,
                                          const T* __restrict__ bias, int inner, long long strideA2, long long strideB2,
                                          long long strideC2) {
  typedef typename Vec16<T>::type VT;
  constexpr int V = Vec16<T>::N;
  constexpr int NT = THR_M * THR_N;
  constexpr int BM = THR_M * 2 * V;
  constexpr int BN = THR_N * 2 * V;
  constexpr int SA = BM + V;  // padding: the transposed stores of row-major A hit distinct banks
  constexpr int SB = BN + V;
  __shared__ __align__(16) T As[2][BK * SA];
  __shared__ __align__(16) T Bs[2][BK * SB];

  // Global tile shapes: row-major A is BM x BK (rows m), transposed A is BK x BM (rows k), etc.
  TileRegs<T, TA ? BK : BM, TA ? BM : BK, V, NT> ra;
  TileRegs<T, TB ? BN : BK, TB ? BK : BN, V, NT> rb;

  int tm, tn;
  tile_coords(M, N, BM, BN, tm, tn);
  const int m0 = tm * BM, n0 = tn * BN;
  const int tx = threadIdx.x % THR_N, ty = threadIdx.x / THR_N;
  const int numK = (K + BK - 1) / BK;

  for (int bz = blockIdx.y; bz < batch; bz += gridDim.y) {
    const T* a = A + batch_offset(bz, inner, strideA, strideA2);
    const T* b = B + batch_offset(bz, inner, strideB, strideB2);
    T* c = C + batch_offset(bz, inner, strideC, strideC2);

    auto loadTiles = [&](int k0) {
      if (TA) ra.load(a, lda, k0, m0, K, M, vecA); else ra.load(a, lda, m0, k0, M, K, vecA);
      if (TB) rb.load(b, ldb, n0, k0, N, K, vecB); else rb.load(b, ldb, k0, n0, K, N, vecB);
    };
    auto storeTiles = [&](int buf) {
#pragma unroll
      for (int i = 0; i < ra.CHUNKS; ++i) {
#pragma unroll
        for (int j = 0; j < V; ++j) {
          int r = ra.row(i), cc = ra.col(i) + j;
          if (TA) As[buf][r * SA + cc] = ra.v[i][j];  // (k, m)
          else As[buf][cc * SA + r] = ra.v[i][j];     // (m, k) stored as [k][m]
        }
      }
#pragma unroll
      for (int i = 0; i < rb.CHUNKS; ++i) {
#pragma unroll
        for (int j = 0; j < V; ++j) {
          int r = rb.row(i), cc = rb.col(i) + j;
          if (TB) Bs[buf][cc * SB + r] = rb.v[i][j];  // (n, k) stored as [k][n]
          else Bs[buf][r * SB + cc] = rb.v[i][j];     // (k, n)
        }
      }
    };

    // The accumulators start at the bias of their column (zero without one).
    T acc[2 * V][2 * V];
#pragma unroll
    for (int j = 0; j < 2 * V; ++j) {
      const int n = n0 + (j / V) * (BN / 2) + tx * V + j % V;
      const T b0 = bias != nullptr && n < N ? bias[n] : T(0);
#pragma unroll
      for (int i = 0; i < 2 * V; ++i) acc[i][j] = b0;
    }

    if (numK > 0) {
      loadTiles(0);
      storeTiles(0);
      __syncthreads();
    }
    for (int kt = 0; kt < numK; ++kt) {
      const int cur = kt & 1;
      const bool more = kt + 1 < numK;
      if (more) loadTiles((kt + 1) * BK);
#pragma unroll
      for (int kk = 0; kk < BK; ++kk) {
        T av[2 * V], bv[2 * V];
        *reinterpret_cast<VT*>(&av[0]) = *reinterpret_cast<const VT*>(&As[cur][kk * SA + ty * V]);
        *reinterpret_cast<VT*>(&av[V]) = *reinterpret_cast<const VT*>(&As[cur][kk * SA + BM / 2 + ty * V]);
        *reinterpret_cast<VT*>(&bv[0]) = *reinterpret_cast<const VT*>(&Bs[cur][kk * SB + tx * V]);
        *reinterpret_cast<VT*>(&bv[V]) = *reinterpret_cast<const VT*>(&Bs[cur][kk * SB + BN / 2 + tx * V]);
#pragma unroll
        for (int i = 0; i < 2 * V; ++i)
#pragma unroll
          for (int j = 0; j < 2 * V; ++j) acc[i][j] = fma(av[i], bv[j], acc[i][j]);
      }
      // The other buffer was last read in iteration kt - 1, before that iteration's barrier.
      if (more) storeTiles(cur ^ 1);
      __syncthreads();
    }

#pragma unroll
    for (int i = 0; i < 2 * V; ++i) {
      int m = m0 + (i / V) * (BM / 2) + ty * V + i % V;
      if (m >= M) continue;
      T* crow = c + (long long)m * ldc;
#pragma unroll
      for (int h = 0; h < 2; ++h) {
        int n = n0 + h * (BN / 2) + tx * V;
        if (vecC && n + V <= N) {
          FRONTIER_VECTOR_ACCESS(crow + n, sizeof(VT));
          *reinterpret_cast<VT*>(crow + n) = *reinterpret_cast<const VT*>(&acc[i][h * V]);
        } else {
#pragma unroll
          for (int j = 0; j < V; ++j)
            if (n + j < N) crow[n + j] = acc[i][h * V + j];
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Tensor-core kernels for float32 operands: mma.sync m16n8k8 TF32 or m16n8k16 BF16, FP32
// accumulation. 128 x 128 block tile, 8 warps as 2 (m) x 4 (n), each warp 64 x 32 = 4 x 4 mma
// tiles. Operands are rounded to TF32 (cvt.rna) or BF16 (round to nearest even) as they are
// staged, and kept in shared memory in their global layout (k-contiguous or m/n-contiguous), with
// row paddings chosen so that the fragment reads of a warp hit 32 distinct banks.
// ---------------------------------------------------------------------------------------------

template <int P> struct TcTraits;
template <> struct TcTraits<TF32> {
  typedef uint32_t E;        // a TF32 value in an FP32 bit pattern
  static constexpr int BK = 16;  // two k8 steps
  static constexpr int KS = 8;
  static constexpr int PADK = 4;  // k-contiguous rows of 20 words
  static constexpr int PADMN = 8; // m/n-contiguous rows of 136 words
  __device__ __forceinline__ static E convert(float x) { return tf32_rna(x); }
};
template <> struct TcTraits<BF16> {
  typedef unsigned short E;  // BF16 bits
  static constexpr int BK = 16;  // one k16 step
  static constexpr int KS = 16;
  static constexpr int PADK = 8;  // k-contiguous rows of 24 halves (12 words)
  static constexpr int PADMN = 8; // m/n-contiguous rows of 136 halves
  __device__ __forceinline__ static E convert(float x) { return __bfloat16_as_ushort(__float2bfloat16_rn(x)); }
};

// Stores 4 converted values at s[0..3] (s is 16-byte aligned for TF32, 8-byte for BF16).
__device__ __forceinline__ void store4(uint32_t* s, const float* x) {
  FRONTIER_VECTOR_ACCESS(s, sizeof(uint4));
  *reinterpret_cast<uint4*>(s) = make_uint4(TcTraits<TF32>::convert(x[0]), TcTraits<TF32>::convert(x[1]),
                                            TcTraits<TF32>::convert(x[2]), TcTraits<TF32>::convert(x[3]));
}
__device__ __forceinline__ void store4(unsigned short* s, const float* x) {
  uint32_t lo = TcTraits<BF16>::convert(x[0]) | ((uint32_t)TcTraits<BF16>::convert(x[1]) << 16);
  uint32_t hi = TcTraits<BF16>::convert(x[2]) | ((uint32_t)TcTraits<BF16>::convert(x[3]) << 16);
  FRONTIER_VECTOR_ACCESS(s, sizeof(uint2));
  *reinterpret_cast<uint2*>(s) = make_uint2(lo, hi);
}

// Shared-memory operand: element (i, k) (i = m for A, n for B) of a tile kept k-contiguous
// (KC: s[i * S + k]) or i-contiguous (s[k * S + i]).
template <typename E, bool KC, int S>
__device__ __forceinline__ uint32_t elem(const E* s, int i, int k) {
  return KC ? s[i * S + k] : s[k * S + i];
}
// Two BF16 values (i, k) and (i, k + 1), k even, packed low then high as mma expects.
template <bool KC, int S>
__device__ __forceinline__ uint32_t pair(const unsigned short* s, int i, int k) {
  if (KC) return *reinterpret_cast<const uint32_t*>(s + i * S + k);
  return (uint32_t)s[k * S + i] | ((uint32_t)s[(k + 1) * S + i] << 16);
}

constexpr int TC_THREADS = 256;

template <int P, bool TA, bool TB>
__device__ __forceinline__ void tc_gemm(int M, int N, int K, int batch, const float* __restrict__ A, int lda,
                                        long long strideA, const float* __restrict__ B, int ldb, long long strideB,
                                        float* __restrict__ C, int ldc, long long strideC, int vecA, int vecB, int vecC,
                                        const float* __restrict__ bias, int inner, long long strideA2, long long strideB2,
                                        long long strideC2) {
  typedef TcTraits<P> Tr;
  typedef typename Tr::E E;
  constexpr int BM = 128, BN = 128, BK = Tr::BK, KS = Tr::KS;
  // A is k-contiguous when row-major (not TA); B when transposed (TB).
  constexpr bool AKC = !TA, BKC = TB;
  constexpr int SA = AKC ? BK + Tr::PADK : BM + Tr::PADMN;
  constexpr int SB = BKC ? BK + Tr::PADK : BN + Tr::PADMN;
  constexpr int A_ELEMS = AKC ? BM * SA : BK * SA;
  constexpr int B_ELEMS = BKC ? BN * SB : BK * SB;
  __shared__ __align__(16) E As[2][A_ELEMS];
  __shared__ __align__(16) E Bs[2][B_ELEMS];

  TileRegs<float, TA ? BK : BM, TA ? BM : BK, 4, TC_THREADS> ra;
  TileRegs<float, TB ? BN : BK, TB ? BK : BN, 4, TC_THREADS> rb;

  int tm, tn;
  tile_coords(M, N, BM, BN, tm, tn);
  const int m0 = tm * BM, n0 = tn * BN;
  const int warp = threadIdx.x / 32, lane = threadIdx.x % 32;
  const int g = lane / 4, t = lane % 4;  // mma groupID, threadID_in_group
  const int wm = (warp / 4) * 64, wn = (warp % 4) * 32;
  const int numK = (K + BK - 1) / BK;

  for (int bz = blockIdx.y; bz < batch; bz += gridDim.y) {
    const float* a = A + batch_offset(bz, inner, strideA, strideA2);
    const float* b = B + batch_offset(bz, inner, strideB, strideB2);
    float* c = C + batch_offset(bz, inner, strideC, strideC2);

    auto loadTiles = [&](int k0) {
      if (TA) ra.load(a, lda, k0, m0, K, M, vecA); else ra.load(a, lda, m0, k0, M, K, vecA);
      if (TB) rb.load(b, ldb, n0, k0, N, K, vecB); else rb.load(b, ldb, k0, n0, K, N, vecB);
    };
    // Each chunk goes to shared memory in its global layout: row r, columns col..col+3.
    auto storeTiles = [&](int buf) {
#pragma unroll
      for (int i = 0; i < ra.CHUNKS; ++i) store4(&As[buf][ra.row(i) * SA + ra.col(i)], ra.v[i]);
#pragma unroll
      for (int i = 0; i < rb.CHUNKS; ++i) store4(&Bs[buf][rb.row(i) * SB + rb.col(i)], rb.v[i]);
    };

    float acc[4][4][4];
    init_accumulators<4, 4>(acc, bias, n0 + wn, N);

    if (numK > 0) {
      loadTiles(0);
      storeTiles(0);
      __syncthreads();
    }
    for (int kt = 0; kt < numK; ++kt) {
      const int cur = kt & 1;
      const bool more = kt + 1 < numK;
      if (more) loadTiles((kt + 1) * BK);
      const E* as = As[cur];
      const E* bs = Bs[cur];
#pragma unroll
      for (int kb = 0; kb < BK; kb += KS) {
        uint32_t af[4][4], bf[4][2];
#pragma unroll
        for (int mi = 0; mi < 4; ++mi) {
          const int r = wm + mi * 16 + g;
          if constexpr (P == TF32) {
            // a0 (g, t), a1 (g + 8, t), a2 (g, t + 4), a3 (g + 8, t + 4)
            af[mi][0] = elem<E, AKC, SA>(as, r, kb + t);
            af[mi][1] = elem<E, AKC, SA>(as, r + 8, kb + t);
            af[mi][2] = elem<E, AKC, SA>(as, r, kb + t + 4);
            af[mi][3] = elem<E, AKC, SA>(as, r + 8, kb + t + 4);
          } else {
            // a0 (g, 2t..2t+1), a1 (g + 8, 2t..), a2 (g, 2t+8..), a3 (g + 8, 2t+8..)
            const unsigned short* s = reinterpret_cast<const unsigned short*>(as);
            af[mi][0] = pair<AKC, SA>(s, r, kb + 2 * t);
            af[mi][1] = pair<AKC, SA>(s, r + 8, kb + 2 * t);
            af[mi][2] = pair<AKC, SA>(s, r, kb + 2 * t + 8);
            af[mi][3] = pair<AKC, SA>(s, r + 8, kb + 2 * t + 8);
          }
        }
#pragma unroll
        for (int ni = 0; ni < 4; ++ni) {
          const int cidx = wn + ni * 8 + g;
          if constexpr (P == TF32) {
            // b0 (k = t, n = g), b1 (k = t + 4, n = g)
            bf[ni][0] = elem<E, BKC, SB>(bs, cidx, kb + t);
            bf[ni][1] = elem<E, BKC, SB>(bs, cidx, kb + t + 4);
          } else {
            // b0 (k = 2t..2t+1, n = g), b1 (k = 2t+8..2t+9, n = g)
            const unsigned short* s = reinterpret_cast<const unsigned short*>(bs);
            bf[ni][0] = pair<BKC, SB>(s, cidx, kb + 2 * t);
            bf[ni][1] = pair<BKC, SB>(s, cidx, kb + 2 * t + 8);
          }
        }
#pragma unroll
        for (int mi = 0; mi < 4; ++mi)
#pragma unroll
          for (int ni = 0; ni < 4; ++ni) mma<P>(acc[mi][ni], af[mi], bf[ni]);
      }
      if (more) storeTiles(cur ^ 1);
      __syncthreads();
    }

    store_accumulators(acc, c, ldc, m0 + wm, n0 + wn, M, N, vecC);
  }
}


// ---------------------------------------------------------------------------------------------
// Packed tensor-core path (TcPlan): the float32 operands are first packed (gemm_pack_*) into
// zero-padded, k-contiguous device buffers of TF32 (cvt.rna, 4 bytes) or BF16 (RN, 2 bytes):
//   A' [Mp][Kp] (row m = A's row m),  B' [Np][Kp] (row n = B's column n, i.e. B^T),
// with Mp a multiple of 128, Np of 256 and Kp * sizeof(E) a multiple of 128 bytes. The product
// kernel (gemm_tc_*) then needs no bounds checks on its loads and one layout only ("row.col"
// mma with both operands k-contiguous), and copies tiles global -> shared with cp.async
// (16 bytes, no register staging) through a 3-stage pipeline.
//
// Block tile 128 (m) x 256 (n) x 128 bytes of k (32 TF32 / 64 BF16 elements); 8 warps as 2 (m)
// x 4 (n), each warp 64 x 64 = 4 (m16) x 8 (n8) mma tiles: per 32 bytes of k a warp issues 8
// ldmatrix.x4 for 32 mma. Shared memory: 3 stages x (128 + 256) rows x 128 bytes = 144 KiB.
// Each 128-byte row holds 8 chunks of 16 bytes; logical chunk c of row r is stored at chunk
// c ^ (r & 7) (XOR swizzle), so that both the cp.async row stores (8 threads fill one row) and the
// ldmatrix phases (8 rows at one logical chunk, rows r..r+7 with r % 8 == 0) touch 8 distinct
// 16-byte bank groups: no bank conflicts.
//
// Fragments through ldmatrix (PTX ISA "ldmatrix": for .x4, lanes 8j..8j+7 give the row addresses
// of 8x8 matrix j (8 rows of 16 bytes), and lane l receives in register j the 32-bit word
// l % 4 of row l / 4 of matrix j). With 16-byte rows of k-contiguous data, lane l = 4g + t gets
// row g, word t, i.e.
//   BF16: elements (g, 2t..2t+1) of 8 (row) x 8 (k) values;  TF32: element (g, t) of 8 x 4.
// These are exactly the mma fragments (PTX ISA "Matrix Fragments for mma.m16n8k16 / m16n8k8", the
// same mapping the register-staged kernels above use):
//   A (16 x 32 bytes of k):  a0 rows 0-7 k-bytes 0-15, a1 rows 8-15 bytes 0-15,
//                            a2 rows 0-7 bytes 16-31, a3 rows 8-15 bytes 16-31
//     (BF16 a0 (g, 2t..2t+1), a1 (g+8, 2t..), a2 (g, 2t+8..), a3 (g+8, 2t+8..);
//      TF32 a0 (g, t), a1 (g+8, t), a2 (g, t+4), a3 (g+8, t+4))
//   B (8 n-rows x 32 bytes of k, B' is [n][k]):  b0 bytes 0-15, b1 bytes 16-31
//     (BF16 b0 (k 2t..2t+1, n g), b1 (k 2t+8.., n g); TF32 b0 (k t, n g), b1 (k t+4, n g))
// so one ldmatrix.x4 gives a whole A fragment (matrix j: rows +8 (j & 1), bytes +16 (j >> 1))
// and the B fragments of two n8 tiles (matrix j: rows +8 (j >> 1), bytes +16 (j & 1)).
//
// Memory traffic: the pack reads each operand once (4 bytes/element) and writes 4 (TF32) or 2
// (BF16) bytes/element, near copy bandwidth; the product reads (1/256 + 1/128) * sizeof(E)
// bytes per multiply-add from L2. Compute bound: the target is the mma.sync throughput.
// ---------------------------------------------------------------------------------------------
constexpr int TC2_BM = 128, TC2_BN = 256, TC2_ROW = 128, TC2_STAGES = 3, TC2_THREADS = 256;
constexpr int TC2_STAGE_BYTES = (TC2_BM + TC2_BN) * TC2_ROW;
constexpr int TC2_SMEM = TC2_STAGES * TC2_STAGE_BYTES;  // 147456: GemmPlan/TcPlan.SHARED_BYTES


// A: packed A' rows (strideA bytes per batch, 0 when broadcast); B: packed B' rows; rowBytes =
// Kp * sizeof(E) for both; numK = rowBytes / 128 k tiles.
template <int P>
__device__ __forceinline__ void tc2_gemm(int M, int N, int numK, int batch, const char* __restrict__ A, long long strideA,
                                         const char* __restrict__ B, long long strideB, int rowBytes,
                                         float* __restrict__ C, int ldc, long long strideC, int vecC,
                                         const float* __restrict__ bias, int inner, long long strideC2) {
  FRONTIER_DYNAMIC_SHARED(tc2_smem);
  const uint32_t sbase = (uint32_t)__cvta_generic_to_shared(tc2_smem);
  int tm, tn;
  tile_coords(M, N, TC2_BM, TC2_BN, tm, tn);
  const int m0 = tm * TC2_BM, n0 = tn * TC2_BN;
  const int warp = threadIdx.x / 32, lane = threadIdx.x % 32;
  const int lj = lane / 8, lr = lane % 8;  // ldmatrix: the matrix this lane addresses, and its row
  const int wm = (warp / 4) * 64, wn = (warp % 4) * 64;

  for (int bz = blockIdx.y; bz < batch; bz += gridDim.y) {
    const char* a = A + (long long)bz * strideA + (long long)m0 * rowBytes;
    const char* b = B + (long long)bz * strideB + (long long)n0 * rowBytes;
    float* c = C + batch_offset(bz, inner, strideC, strideC2);

    // Tile kt (bytes kt*128 .. +127 of every row) into stage s: 128 + 256 rows of 8 chunks, 12 per thread.
    auto loadStage = [&](int kt, int s) {
      const uint32_t sa = sbase + s * TC2_STAGE_BYTES, sb = sa + TC2_BM * TC2_ROW;
      const char* ak = a + kt * TC2_ROW;
      const char* bk = b + kt * TC2_ROW;
#pragma unroll
      for (int i = 0; i < TC2_BM * 8 / TC2_THREADS; ++i) {
        const int id = threadIdx.x + i * TC2_THREADS, r = id / 8, ch = id % 8;
        cp_async16(sa + swz(r, ch), ak + (long long)r * rowBytes + ch * 16);
      }
#pragma unroll
      for (int i = 0; i < TC2_BN * 8 / TC2_THREADS; ++i) {
        const int id = threadIdx.x + i * TC2_THREADS, r = id / 8, ch = id % 8;
        cp_async16(sb + swz(r, ch), bk + (long long)r * rowBytes + ch * 16);
      }
    };

    float acc[4][8][4];
    init_accumulators<4, 8>(acc, bias, n0 + wn, N);

    // One commit group per k tile (empty past the end), so that wait_group<STAGES - 2> at
    // iteration kt means: groups 0..kt have landed.
#pragma unroll
    for (int s = 0; s < TC2_STAGES - 1; ++s) {
      if (s < numK) loadStage(s, s);
      cp_async_commit();
    }
    for (int kt = 0; kt < numK; ++kt) {
      cp_async_wait<TC2_STAGES - 2>();
      // Tile kt is visible to all threads, and every thread has finished reading the stage of
      // tile kt - 1, which the next line refills.
      __syncthreads();
      const int nk = kt + TC2_STAGES - 1;
      if (nk < numK) loadStage(nk, nk % TC2_STAGES);
      cp_async_commit();

      const uint32_t sa = sbase + (kt % TC2_STAGES) * TC2_STAGE_BYTES, sb = sa + TC2_BM * TC2_ROW;
#pragma unroll
      for (int ks = 0; ks < TC2_ROW / 32; ++ks) {  // 32 bytes of k per mma
        uint32_t af[4][4], bf[8][2];
#pragma unroll
        for (int mi = 0; mi < 4; ++mi) ldmatrix_x4(af[mi], sa + swz(wm + mi * 16 + (lj & 1) * 8 + lr, 2 * ks + (lj >> 1)));
#pragma unroll
        for (int np = 0; np < 4; ++np) {
          uint32_t r[4];
          ldmatrix_x4(r, sb + swz(wn + np * 16 + (lj >> 1) * 8 + lr, 2 * ks + (lj & 1)));
          bf[2 * np][0] = r[0];
          bf[2 * np][1] = r[1];
          bf[2 * np + 1][0] = r[2];
          bf[2 * np + 1][1] = r[3];
        }
#pragma unroll
        for (int mi = 0; mi < 4; ++mi)
#pragma unroll
          for (int ni = 0; ni < 8; ++ni) mma<P>(acc[mi][ni], af[mi], bf[ni]);
      }
    }
    // The next batch's prologue refills stages that other warps may still be reading.
    cp_async_wait<0>();
    __syncthreads();

    store_accumulators(acc, c, ldc, m0 + wm, n0 + wn, M, N, vecC);
  }
}

// Pack: dst[z][r][k] = convert(src[batch_offset(z, inner, bs, bs2) + r * rs + k * ks]) for r < R, k < K, zero up to Rp x Kp
// (Rp a multiple of 64, Kp of 32). One block of 256 threads per 64 (r) x 32 (k) tile; every thread
// moves 2 chunks of 4 elements, read as one float4 where the source allows it (consecutive and
// 16-byte aligned) and written as one 16-byte (TF32) or 8-byte (BF16) store:
//   kContig (source k-contiguous): chunk = 4 consecutive k of one row, straight to dst;
//   otherwise (r contiguous, rs == 1, or any other strides): chunks of 4 consecutive r of one k
//   are read into a shared tile [k][r] (rows of 65 floats) and written out as 4 consecutive k of
//   one r, so that both the global reads and the writes are coalesced. Tile reads at
//   (k = 4 m + j, r) hit bank (4 m + j + r) mod 32: the 8 m and 4 r of a warp, 32 banks.
// Memory traffic: each element read once (4 bytes) and written once (4 or 2 bytes); the target is
// copy bandwidth. (It replaced 32 x 32 tiles of one scalar per thread and step: 11.3 ms of packs
// in the H200 GPT step profile for roughly 23 GB moved by our count, about 0.45 of the card's
// bandwidth; not yet timed on a GPU.)
constexpr int PACK_R = 64, PACK_K = 32, PACK_THREADS = 256;

// Four source elements p[0], p[step], p[2 step], p[3 step], of which the first n exist (zero after).
__device__ __forceinline__ void load4(const float* __restrict__ p, long long step, int n, float (&x)[4]) {
  if (n >= 4 && step == 1 && (reinterpret_cast<uintptr_t>(p) & 15) == 0) {
    const float4 v = *reinterpret_cast<const float4*>(p);
    x[0] = v.x;
    x[1] = v.y;
    x[2] = v.z;
    x[3] = v.w;
  } else {
#pragma unroll
    for (int j = 0; j < 4; ++j) x[j] = j < n ? p[j * step] : 0.0f;
  }
}

// 3xTF32 (MatmulPrecision.TF32X3): x = hi + lo, hi = tf32(x) and lo = tf32_rna(x - hi) (x - hi
// is exact in float32), and a product sums a_hi b_hi + a_hi b_lo + a_lo b_hi. The dropped a_lo b_lo
// and lo's rounding are each below 2^-21 of |a b| (2^-22 when hi is rounded to nearest): about
// float32's accuracy (CUTLASS's "3xTF32") at a third of the TF32 rate. A split pack writes each
// packed row as `segments` Kp-wide segments, lo in segment loSegment and hi in the others:
//   - for the unchanged mma.sync product kernel (gemm_tc_tf32): 3 segments, A' rows
//     [hi | hi | lo] and B' rows [hi | lo | hi] (loSegment 2 and 1), run over 3 Kp;
//   - for gemm_wg_tf32x3 (gemm_wgmma.cu), which reads hi and lo from their own rows: [hi | lo]
//     (2 segments, loSegment 1), or [lo] alone (1 segment, loSegment 0) for an operand whose hi the
//     tensor core reads in place from the float32 tensor, i.e. truncated: then hi here must be
//     the truncation too (truncateHi), so that hi + lo is x again.
// hi is rounded to nearest (cvt.rna) unless truncateHi. An infinite hi (or a NaN) gets lo = 0,
// so that inf stays inf, not inf - inf.
// Memory traffic: 4 bytes read and 4 written per element and segment.
__device__ __forceinline__ void store4_split(uint32_t* row, int Kp, int segments, int loSegment, int truncateHi, const float* x) {
  float hi[4], lo[4];
#pragma unroll
  for (int j = 0; j < 4; ++j) {
    hi[j] = truncateHi ? __uint_as_float(__float_as_uint(x[j]) & 0xffffe000u) : __uint_as_float(TcTraits<TF32>::convert(x[j]));
    lo[j] = isfinite(hi[j]) ? x[j] - hi[j] : 0.0f;
  }
  for (int s = 0; s < segments; ++s) store4(row + (long long)s * Kp, s == loSegment ? lo : hi);
}

// SPLIT: the 3xTF32 pack (store4_split), rows of `segments` Kp; otherwise the last three are unused.
template <int P, bool SPLIT>
__device__ __forceinline__ void tc2_pack(int R, int K, int Rp, int Kp, int zCount, const float* __restrict__ src, long long rs,
                                         long long ks, long long bs, int kContig, typename TcTraits<P>::E* __restrict__ dst, int inner,
                                         long long bs2, int segments, int loSegment, int truncateHi) {
  static_assert(!SPLIT || P == TF32, "only TF32 operands are split");
  __shared__ float tile[PACK_K][PACK_R + 1];
  const int r0 = blockIdx.x * PACK_R, k0 = blockIdx.y * PACK_K;
  const long long rowElems = (SPLIT ? segments : 1) * (long long)Kp;  // dst elements per packed row
  // Four converted elements at (r, k) of matrix d.
  auto put = [&](typename TcTraits<P>::E* d, int r, int k, const float* x) {
    if constexpr (SPLIT) {
      store4_split(d + (long long)r * rowElems + k, Kp, segments, loSegment, truncateHi, x);
    } else {
      store4(d + (long long)r * rowElems + k, x);
    }
  };
  for (int z = blockIdx.z; z < zCount; z += gridDim.z) {
    const float* s = src + batch_offset(z, inner, bs, bs2);
    typename TcTraits<P>::E* d = dst + (long long)z * Rp * rowElems;
    if (kContig) {
#pragma unroll
      for (int i = 0; i < 2; ++i) {
        const int c = threadIdx.x + i * PACK_THREADS, r = r0 + c / 8, k = k0 + (c % 8) * 4;
        float x[4];
        load4(s + (long long)r * rs + (long long)k * ks, ks, r < R ? min(K - k, 4) : 0, x);
        put(d, r, k, x);
      }
    } else {
#pragma unroll
      for (int i = 0; i < 2; ++i) {
        const int c = threadIdx.x + i * PACK_THREADS, k = c / 16, r = (c % 16) * 4;
        float x[4];
        load4(s + (long long)(r0 + r) * rs + (long long)(k0 + k) * ks, rs, k0 + k < K ? min(R - r0 - r, 4) : 0, x);
#pragma unroll
        for (int j = 0; j < 4; ++j) tile[k][r + j] = x[j];
      }
      __syncthreads();
#pragma unroll
      for (int i = 0; i < 2; ++i) {
        const int c = threadIdx.x + i * PACK_THREADS, r = c / 8, k = (c % 8) * 4;
        const float x[4] = {tile[k][r], tile[k + 1][r], tile[k + 2][r], tile[k + 3][r]};
        put(d, r0 + r, k0 + k, x);
      }
      __syncthreads();  // the next z refills the tile
    }
  }
}

}  // namespace gemm_impl

#define GEMM_PARAMS(T)                                                                                   \
  int M, int N, int K, int batch, const T* __restrict__ A, int lda, long long strideA, const T* __restrict__ B, \
      int ldb, long long strideB, T* __restrict__ C, int ldc, long long strideC, int vecA, int vecB, int vecC,       \
      const T* __restrict__ bias, int inner, long long strideA2, long long strideB2, long long strideC2
#define GEMM_ARGS \
  M, N, K, batch, A, lda, strideA, B, ldb, strideB, C, ldc, strideC, vecA, vecB, vecC, bias, inner, strideA2, strideB2, strideC2

// SIMT FP32, 128 x 128 x 8 tiles (256 threads, 8 x 8 per thread) and 64 x 64 x 8 tiles (64 threads)
// for products too small to fill the GPU with the large tiles. FP64: 64 x 64 x 8 (256 threads, 4 x 4).
#define GEMM_SIMT(NAME, T, THR_M, THR_N, MINB, TA, TB)                                                     \
  extern "C" __global__ void __launch_bounds__(THR_M * THR_N, MINB) NAME(GEMM_PARAMS(T)) {                \
    gemm_impl::simt_gemm<T, THR_M, THR_N, 8, TA, TB>(GEMM_ARGS);                                      \
  }
#define GEMM_TC(NAME, P, TA, TB)                                                                     \
  extern "C" __global__ void __launch_bounds__(gemm_impl::TC_THREADS, 1) NAME(GEMM_PARAMS(float)) {    \
    gemm_impl::tc_gemm<P, TA, TB>(GEMM_ARGS);                                                        \
  }
#define GEMM_ALL_LAYOUTS(MACRO, PREFIX, ...) \
  MACRO(PREFIX##_nn, __VA_ARGS__, false, false) \
  MACRO(PREFIX##_nt, __VA_ARGS__, false, true)  \
  MACRO(PREFIX##_tn, __VA_ARGS__, true, false)  \
  MACRO(PREFIX##_tt, __VA_ARGS__, true, true)

GEMM_ALL_LAYOUTS(GEMM_SIMT, gemm_sgemm128, float, 16, 16, 1)
GEMM_ALL_LAYOUTS(GEMM_SIMT, gemm_sgemm64, float, 8, 8, 1)
GEMM_ALL_LAYOUTS(GEMM_SIMT, gemm_dgemm64, double, 16, 16, 2)
GEMM_ALL_LAYOUTS(GEMM_TC, gemm_tf32, gemm_impl::TF32)
GEMM_ALL_LAYOUTS(GEMM_TC, gemm_bf16, gemm_impl::BF16)

// Packed tensor-core path (see tc2_gemm above): one product kernel and one pack kernel per precision.
#define GEMM_TC2(NAME, P)                                                                                     \
  extern "C" __global__ void __launch_bounds__(gemm_impl::TC2_THREADS, 1)                                    \
      NAME(int M, int N, int numK, int batch, const char* __restrict__ A, long long strideA,                 \
           const char* __restrict__ B, long long strideB, int rowBytes, float* __restrict__ C, int ldc,      \
           long long strideC, int vecC, const float* __restrict__ bias, int inner, long long strideC2) {     \
    gemm_impl::tc2_gemm<P>(M, N, numK, batch, A, strideA, B, strideB, rowBytes, C, ldc, strideC, vecC, bias, inner, strideC2); \
  }
#define GEMM_PACK(NAME, P)                                                                                    \
  extern "C" __global__ void __launch_bounds__(gemm_impl::PACK_THREADS) NAME(int R, int K, int Rp, int Kp, int zCount, \
                                                          const float* __restrict__ src, long long rs,       \
                                                          long long ks, long long bs, int kContig,           \
                                                          gemm_impl::TcTraits<P>::E* __restrict__ dst,       \
                                                          int inner, long long bs2) {                        \
    gemm_impl::tc2_pack<P, false>(R, K, Rp, Kp, zCount, src, rs, ks, bs, kContig, dst, inner, bs2, 1, 0, 0);  \
  }
GEMM_TC2(gemm_tc_tf32, gemm_impl::TF32)
GEMM_TC2(gemm_tc_bf16, gemm_impl::BF16)
GEMM_PACK(gemm_pack_tf32, gemm_impl::TF32)
GEMM_PACK(gemm_pack_bf16, gemm_impl::BF16)
// The 3xTF32 pack (store4_split): as gemm_pack_tf32, into rows of `segments` Kp (Kp per segment),
// the low parts in segment loSegment, hi truncated or rounded to nearest (truncateHi).
extern "C" __global__ void __launch_bounds__(gemm_impl::PACK_THREADS)
    gemm_pack_tf32x3(int R, int K, int Rp, int Kp, int zCount, const float* __restrict__ src, long long rs, long long ks,
                     long long bs, int kContig, uint32_t* __restrict__ dst, int inner, long long bs2, int segments, int loSegment,
                     int truncateHi) {
  gemm_impl::tc2_pack<gemm_impl::TF32, true>(R, K, Rp, Kp, zCount, src, rs, ks, bs, kContig, dst, inner, bs2, segments, loSegment,
                                             truncateHi);
}
