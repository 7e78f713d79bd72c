// Batched matrix products C[b] = A[b] @ B[b] (CudaMatmul, GemmPlan).
//
// Every kernel takes the same arguments:
//   (int M, int N, int K, int batch,
//    const T* A, int lda, long long strideA,    A[m][k] = A[m*lda + k]   (_n)  or A[k*lda + m]  (_t)
//    const T* B, int ldb, long long strideB,    B[k][n] = B[k*ldb + n]   (_n)  or B[n*ldb + k]  (_t)
//    T* C, int ldc, long long strideC,          C[m][n] = C[m*ldc + n]   (always row-major)
//    int vecA, int vecB, int vecC)              1: 16-byte (C of the tensor-core kernels: 8-byte)
//                                               vector accesses are aligned (checked by GemmPlan)
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

namespace gemm_impl {

// 16 bytes of T.
template <typename T> struct Vec16;
template <> struct Vec16<float> { typedef float4 type; static constexpr int N = 4; };
template <> struct Vec16<double> { typedef double2 type; static constexpr int N = 2; };

// Tile indices of block blockIdx.x: groups of GROUP tile rows, column-major inside a group.
__device__ __forceinline__ void tile_coords(int M, int N, int BM, int BN, int& tm, int& tn) {
  constexpr int GROUP = 8;
  int tilesM = (M + BM - 1) / BM;
  int tilesN = (N + BN - 1) / BN;
  int tile = blockIdx.x;
  int perGroup = GROUP * tilesN;
  int first = (tile / perGroup) * GROUP;
  int rows = min(tilesM - first, GROUP);
  int inGroup = tile % perGroup;
  tm = first + inGroup % rows;
  tn = inGroup / rows;
}

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
                                          T* __restrict__ C, int ldc, long long strideC, int vecA, int vecB, int vecC) {
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
    const T* a = A + (long long)bz * strideA;
    const T* b = B + (long long)bz * strideB;
    T* c = C + (long long)bz * strideC;

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

    T acc[2 * V][2 * V];
#pragma unroll
    for (int i = 0; i < 2 * V; ++i)
#pragma unroll
      for (int j = 0; j < 2 * V; ++j) acc[i][j] = T(0);

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
enum Prec { TF32 = 0, BF16 = 1 };

template <int P> struct TcTraits;
template <> struct TcTraits<TF32> {
  typedef uint32_t E;        // a TF32 value in an FP32 bit pattern
  static constexpr int BK = 16;  // two k8 steps
  static constexpr int KS = 8;
  static constexpr int PADK = 4;  // k-contiguous rows of 20 words
  static constexpr int PADMN = 8; // m/n-contiguous rows of 136 words
  __device__ __forceinline__ static E convert(float x) {
    uint32_t r;
    asm("cvt.rna.tf32.f32 %0, %1;" : "=r"(r) : "f"(x));
    return r;
  }
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
  *reinterpret_cast<uint4*>(s) = make_uint4(TcTraits<TF32>::convert(x[0]), TcTraits<TF32>::convert(x[1]),
                                            TcTraits<TF32>::convert(x[2]), TcTraits<TF32>::convert(x[3]));
}
__device__ __forceinline__ void store4(unsigned short* s, const float* x) {
  uint32_t lo = TcTraits<BF16>::convert(x[0]) | ((uint32_t)TcTraits<BF16>::convert(x[1]) << 16);
  uint32_t hi = TcTraits<BF16>::convert(x[2]) | ((uint32_t)TcTraits<BF16>::convert(x[3]) << 16);
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

constexpr int TC_THREADS = 256;

template <int P, bool TA, bool TB>
__device__ __forceinline__ void tc_gemm(int M, int N, int K, int batch, const float* __restrict__ A, int lda,
                                        long long strideA, const float* __restrict__ B, int ldb, long long strideB,
                                        float* __restrict__ C, int ldc, long long strideC, int vecA, int vecB, int vecC) {
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
    const float* a = A + (long long)bz * strideA;
    const float* b = B + (long long)bz * strideB;
    float* c = C + (long long)bz * strideC;

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
#pragma unroll
    for (int i = 0; i < 4; ++i)
#pragma unroll
      for (int j = 0; j < 4; ++j)
#pragma unroll
        for (int q = 0; q < 4; ++q) acc[i][j][q] = 0.0f;

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

    // Accumulator fragment: d0, d1 at (g, 2t..2t+1), d2, d3 at (g + 8, 2t..2t+1).
#pragma unroll
    for (int mi = 0; mi < 4; ++mi) {
#pragma unroll
      for (int h = 0; h < 2; ++h) {
        const int m = m0 + wm + mi * 16 + g + h * 8;
        if (m >= M) continue;
        float* crow = c + (long long)m * ldc;
#pragma unroll
        for (int ni = 0; ni < 4; ++ni) {
          const int n = n0 + wn + ni * 8 + 2 * t;
          const float x0 = acc[mi][ni][2 * h], x1 = acc[mi][ni][2 * h + 1];
          if (vecC && n + 2 <= N) {
            *reinterpret_cast<float2*>(crow + n) = make_float2(x0, x1);
          } else {
            if (n < N) crow[n] = x0;
            if (n + 1 < N) crow[n + 1] = x1;
          }
        }
      }
    }
  }
}

}  // namespace gemm_impl

#define GEMM_PARAMS(T)                                                                                   \
  int M, int N, int K, int batch, const T* __restrict__ A, int lda, long long strideA, const T* __restrict__ B, \
      int ldb, long long strideB, T* __restrict__ C, int ldc, long long strideC, int vecA, int vecB, int vecC
#define GEMM_ARGS M, N, K, batch, A, lda, strideA, B, ldb, strideB, C, ldc, strideC, vecA, vecB, vecC

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
