// Scaled dot-product attention, forward and backward, without storing the (Tq, Tk) probabilities
// (FlashAttention, Dao et al. 2022; the backward in two kernels as FlashAttention-2's, one over
// query tiles for dq and one over key tiles for dk and dv, so that no gradient row has two writers
// and no atomics make the sums depend on scheduling). The CPU reference is
// io.frontier.tensor.cpu.AttentionKernels (the same recomputation, on 64-query blocks through the
// CPU's GEMM); the host emulation checks these kernels against a float64 attention written from
// the definition.
//
// A (batch, head) pair's q is a (Tq, D) matrix, k and v (Tk, D); query i keeps keys j <= i + offset
// (offset >= Tk keeps all). Optional dropout on the weights draws its mask from the Philox stream
// in every kernel (never stored), as Tensor.rand(...).ge(p) would draw it. Tensors arrive as 4-D views (N0, N1, T, D) with a unit last stride: a
// base pointer and a View of element strides for N0, N1 and T, so heads cut from a fused qkv
// projection are read where they lie and the output can be written in (B, T, H, D) order.
//
// Blocks: 128 threads own 32 rows (queries in the forward and dq kernels, keys in dk/dv), four
// threads a row. Thread (r, g) computes its row's scores against rows g, g + 4, ..., g + 28 of each
// 32-row tile the loop walks, and owns the row's output columns in chunks of 16 bytes (chunks g,
// g + 4, ...: NC of them, so D <= 16 NC bytes' worth). Tiles are copied into shared memory and read
// back 16 bytes at a time: for each load of a row chunk a thread does 4 (float32) multiply-adds,
// where one load a multiply-add would leave the kernels bound by shared-memory instructions. Tile
// rows are padded by 16 bytes so that the 8 rows a warp reads together start in different banks.
// Softmax statistics are merged across the four threads of a row by shuffles, and per-row scratch
// (probabilities, dS) is shared through a (32, 32 + 16 bytes) tile that only the row's own warp
// reads (__syncwarp).
//
// Work: 2 Tq Tk D multiply-adds a pair forward (halved by the causal mask), 4 (dq pass) + 4
// (dk/dv pass) backward; memory: q, k, v and out read or written once a block, k and v re-read
// from L2 by each query tile. These are CUDA-core kernels in the input's dtype (float32
// accumulating in float32, as FlashAttention's float32 path): no tensor cores, so every matmul
// precision gives the same result. Target on an H100 (unmeasured): the GPT step's attention
// (B 32, H 8, T 256, D 64) in well under the 5 ms its unfused products, softmaxes and head copies
// took in the TF32 profile.
#include "common.cuh"
#include "philox.cuh"

namespace attention_impl {

constexpr int ROWS = 32;     // rows a block owns, and rows of each tile its loop walks
constexpr int THREADS = 128; // four threads a row
constexpr int SLOTS = 8;     // ROWS / 4: a thread's scores per tile

// Shared memory is read 16 bytes at a time: V elements (4 float, 2 double). Tiles hold D rounded
// up to V columns (the extra ones zero) in rows of ld = that + V elements: 16-byte aligned, and
// the rows a warp reads together start in different banks. Scratch rows are ROWS + V long.
template <class T>
struct Lanes {
  static constexpr int V = 16 / sizeof(T);
};
template <class T>
__device__ __forceinline__ int cols_of(int d) {
  return (d + Lanes<T>::V - 1) / Lanes<T>::V * Lanes<T>::V;
}
template <class T>
__device__ __forceinline__ int ld_of(int d) {
  return cols_of<T>(d) + Lanes<T>::V;
}
template <class T>
__device__ __forceinline__ constexpr int scratch_ld() {
  return ROWS + Lanes<T>::V;
}

// 16 bytes of shared memory at p into v.
__device__ __forceinline__ void lds16(const float* p, float (&v)[4]) {
  FRONTIER_VECTOR_ACCESS(p, 16);
  const float4 x = *reinterpret_cast<const float4*>(p);
  v[0] = x.x;
  v[1] = x.y;
  v[2] = x.z;
  v[3] = x.w;
}
__device__ __forceinline__ void lds16(const double* p, double (&v)[2]) {
  FRONTIER_VECTOR_ACCESS(p, 16);
  const double2 x = *reinterpret_cast<const double2*>(p);
  v[0] = x.x;
  v[1] = x.y;
}

// Element strides of a 4-D view's dims N0, N1 and T (its last stride is 1).
struct View {
  int s0, s1, st;
};

__device__ __forceinline__ float shfl_xor(float v, int d) { return __shfl_xor_sync(0xffffffffu, v, d); }
__device__ __forceinline__ double shfl_xor(double v, int d) { return __shfl_xor_sync(0xffffffffu, v, d); }
__device__ __forceinline__ float ex(float x) { return expf(x); }
__device__ __forceinline__ double ex(double x) { return exp(x); }
__device__ __forceinline__ float lg(float x) { return logf(x); }
__device__ __forceinline__ double lg(double x) { return log(x); }

// The four threads of a row (lanes 4r .. 4r + 3 of a warp) combine their values.
template <class T>
__device__ __forceinline__ T quad_max(T x) {
  x = fmax(x, shfl_xor(x, 1));
  return fmax(x, shfl_xor(x, 2));
}
template <class T>
__device__ __forceinline__ T quad_sum(T x) {
  x += shfl_xor(x, 1);
  return x + shfl_xor(x, 2);
}

template <class T>
__device__ __forceinline__ const T* row_of(const T* base, View v, int a, int b, int t) {
  return base + (long long)a * v.s0 + (long long)b * v.s1 + (long long)t * v.st;
}

// Rows [t0, t0 + ROWS) of a pair's (T, D) matrix into a tile of row stride ld_of<T>(d): a warp per
// row, lanes along it (coalesced); rows at or past tEnd, and columns from d to cols_of<T>(d), are 0.
template <class T>
__device__ __forceinline__ void load_tile(T* tile, const T* base, View v, int a, int b, int t0, int tEnd, int d) {
  const int warp = threadIdx.x >> 5, lane = threadIdx.x & 31, cols = cols_of<T>(d), ld = ld_of<T>(d);
  for (int r = warp; r < ROWS; r += THREADS / 32) {
    const int t = t0 + r;
    const T* src = t < tEnd ? row_of(base, v, a, b, t) : nullptr;
    for (int c = lane; c < cols; c += 32) tile[r * ld + c] = src && c < d ? src[c] : (T)0;
  }
}

__device__ __forceinline__ long long lmin(long long a, long long b) { return a < b ? a : b; }
__device__ __forceinline__ long long lmax(long long a, long long b) { return a > b ? a : b; }

// Keys any query of the tile [i0, i0 + ROWS) keeps: those before min(i0 + ROWS, tq) + offset.
__device__ __forceinline__ int keys_end(int i0, int tq, int tk, int offset) {
  return (int)lmin(tk, (long long)(i0 + ROWS < tq ? i0 + ROWS : tq) + offset);
}

// Whether key j is kept by query i (both in range).
__device__ __forceinline__ bool keeps(int i, int j, int offset) { return (long long)j <= (long long)i + offset; }

// Dropout on the attention weights (torch's dropout_p): element idx = (pair Tq + i) Tk + j of the
// pair's (Tq, Tk) weights is kept where the dtype's uniform value idx of the Philox stream (seed,
// offset) is at least p, as Tensor.rand(...).ge(p) keeps it (io.frontier.tensor.Generator: 4
// float32 or 2 float64 values a block), and then scaled by keepScale = 1 / (1 - p); 0 otherwise.
// The forward and both backward kernels draw the same mask, so it is never stored.
__device__ __forceinline__ float dropout_factor(float p, float keepScale, unsigned long long seed, unsigned long long offset,
                                                long long idx) {
  const frontier_philox::Words w = frontier_philox::philox_block(seed, offset + (unsigned long long)(idx >> 2));
  const int at = (int)(idx & 3);  // selects, not an indexed load: an indexed word array would go to local memory
  const unsigned int word = at == 0 ? w.w[0] : at == 1 ? w.w[1] : at == 2 ? w.w[2] : w.w[3];
  return frontier_philox::uniform_float(word) >= p ? keepScale : 0.0f;
}
__device__ __forceinline__ double dropout_factor(double p, double keepScale, unsigned long long seed, unsigned long long offset,
                                                 long long idx) {
  const frontier_philox::Words w = frontier_philox::philox_block(seed, offset + (unsigned long long)(idx >> 1));
  const bool second = (idx & 1) != 0;
  return frontier_philox::uniform_double(second ? w.w[2] : w.w[0], second ? w.w[3] : w.w[1]) >= p ? keepScale : 0.0;
}

// The factor of a nonzero weight p_ij: 1 without dropout.
template <class T>
__device__ __forceinline__ T weight_factor(T dropout, T keepScale, unsigned long long seed, unsigned long long offset, int pair, int tq,
                                           int tk, int i, int j) {
  if (!(dropout > (T)0)) return (T)1;
  return dropout_factor(dropout, keepScale, seed, offset, ((long long)pair * tq + i) * tk + j);
}

// Tiles run heaviest first: under a causal mask a query tile's work grows with its index.
__device__ __forceinline__ int tile_start() { return (int)(gridDim.y - 1 - blockIdx.y) * ROWS; }

// Row r of tile a against rows g, g + 4, ..., g + 28 of tile b: dot[e] = a_r . b_(g + 4e), 16 bytes
// of each row per shared-memory load.
template <class T>
__device__ __forceinline__ void dots(const T* ta, const T* tb, int r, int g, int d, T (&dot)[SLOTS]) {
  constexpr int V = Lanes<T>::V;
  const int cols = cols_of<T>(d), ld = ld_of<T>(d);
#pragma unroll
  for (int e = 0; e < SLOTS; ++e) dot[e] = 0;
  for (int c = 0; c < cols; c += V) {
    T x[V];
    lds16(ta + r * ld + c, x);
#pragma unroll
    for (int e = 0; e < SLOTS; ++e) {
      T y[V];
      lds16(tb + (g + 4 * e) * ld + c, y);
#pragma unroll
      for (int l = 0; l < V; ++l) dot[e] += x[l] * y[l];
    }
  }
}

// acc += sum_j w[r][j] tile[j] over the tile's ROWS rows, for this thread's chunks of V columns
// (chunk g + 4u, u < NC): 16 bytes of w and of each tile row per load.
template <class T, int NC>
__device__ __forceinline__ void accumulate(const T* w, const T* tile, int r, int g, int d, T (&acc)[NC][Lanes<T>::V]) {
  constexpr int V = Lanes<T>::V, WLD = scratch_ld<T>();
  const int ld = ld_of<T>(d);
  for (int j = 0; j < ROWS; j += V) {
    T wv[V];
    lds16(w + r * WLD + j, wv);
#pragma unroll
    for (int x = 0; x < V; ++x) {
      const T* row = tile + (j + x) * ld;
#pragma unroll
      for (int u = 0; u < NC; ++u) {
        const int c = (g + 4 * u) * V;
        if (c < d) {
          T y[V];
          lds16(row + c, y);
#pragma unroll
          for (int l = 0; l < V; ++l) acc[u][l] += wv[x] * y[l];
        }
      }
    }
  }
}

// Writes this thread's chunks of a row, times mul; columns past d are not written.
template <class T, int NC>
__device__ __forceinline__ void store_row(T* row, int g, int d, const T (&acc)[NC][Lanes<T>::V], T mul) {
  constexpr int V = Lanes<T>::V;
#pragma unroll
  for (int u = 0; u < NC; ++u) {
#pragma unroll
    for (int l = 0; l < V; ++l) {
      const int c = (g + 4 * u) * V + l;
      if (c < d) row[c] = acc[u][l] * mul;
    }
  }
}

template <class T, int NC>
__device__ __forceinline__ void zero(T (&acc)[NC][Lanes<T>::V]) {
#pragma unroll
  for (int u = 0; u < NC; ++u)
#pragma unroll
    for (int l = 0; l < Lanes<T>::V; ++l) acc[u][l] = 0;
}

// out_i = sum_j p_ij v_j with p_ij = exp(scale q_i . k_j - lse_i), online over key tiles: the running
// max m rescales the thread's partial sum l and its columns o when it grows.
template <class T, int NC>
__device__ void forward(int n1, int tq, int tk, int d, int offset, T scale, T dropout, T keepScale, unsigned long long seed,
                        unsigned long long philoxOffset, const T* __restrict__ q, View vq, const T* __restrict__ k, View vk,
                        const T* __restrict__ v, View vv, T* __restrict__ out, View vo, T* __restrict__ lse) {
  constexpr int V = Lanes<T>::V, WLD = scratch_ld<T>();
  FRONTIER_DYNAMIC_SHARED(attn_smem);
  const int ld = ld_of<T>(d);
  T* const qs = reinterpret_cast<T*>(attn_smem);
  T* const ks = qs + ROWS * ld;
  T* const vs = ks + ROWS * ld;
  T* const ps = vs + ROWS * ld;
  const int pair = blockIdx.x, a = pair / n1, b = pair - a * n1;
  const int i0 = tile_start();
  const int r = threadIdx.x >> 2, g = threadIdx.x & 3, i = i0 + r;
  load_tile(qs, q, vq, a, b, i0, tq, d);
  const int keysEnd = keys_end(i0, tq, tk, offset);
  T o[NC][V];
  zero(o);
  T m = -(T)INFINITY, l = 0;
  for (int j0 = 0; j0 < keysEnd; j0 += ROWS) {
    __syncthreads();  // the previous tile's readers are done (and q's tile is written, the first time)
    load_tile(ks, k, vk, a, b, j0, tk, d);
    load_tile(vs, v, vv, a, b, j0, tk, d);
    __syncthreads();
    T s[SLOTS];
    dots(qs, ks, r, g, d, s);
    T tileMax = -(T)INFINITY;
#pragma unroll
    for (int e = 0; e < SLOTS; ++e) {
      const int j = j0 + g + 4 * e;
      s[e] = j < tk && keeps(i, j, offset) ? s[e] * scale : -(T)INFINITY;
      tileMax = fmax(tileMax, s[e]);
    }
    const T mNew = fmax(m, quad_max(tileMax));
    // key 0 is kept by every query, so mNew is finite from the first tile on; the guard keeps
    // -inf - -inf out all the same
    const T base = mNew == -(T)INFINITY ? (T)0 : mNew;
    const T corr = ex(m - base);
    l *= corr;
#pragma unroll
    for (int u = 0; u < NC; ++u)
#pragma unroll
      for (int x = 0; x < V; ++x) o[u][x] *= corr;
    m = mNew;
#pragma unroll
    for (int e = 0; e < SLOTS; ++e) {
      const T p = ex(s[e] - base);
      l += p;  // the normaliser sums the weights before dropout
      ps[r * WLD + g + 4 * e] = p == (T)0 ? p : p * weight_factor(dropout, keepScale, seed, philoxOffset, pair, tq, tk, i, j0 + g + 4 * e);
    }
    __syncwarp();
    accumulate(ps, vs, r, g, d, o);
    __syncwarp();  // the row's scratch is read before the next tile overwrites it
  }
  l = quad_sum(l);
  if (i < tq) {
    store_row(const_cast<T*>(row_of<T>(out, vo, a, b, i)), g, d, o, (T)1 / l);
    if (g == 0) lse[(long long)pair * tq + i] = m + lg(l);
  }
}

// delta_i = gradOut_i . out_i, the softmax backward's per-row term: a warp per row, float64 sums.
template <class T>
__device__ void delta(int n1, int tq, int d, const T* __restrict__ go, View vg, const T* __restrict__ out, View vo, T* __restrict__ dl,
                      long long rows) {
  const long long row = (long long)blockIdx.x * (blockDim.x >> 5) + (threadIdx.x >> 5);
  if (row >= rows) return;
  const int lane = threadIdx.x & 31;
  const int pair = (int)(row / tq), i = (int)(row - (long long)pair * tq), a = pair / n1, b = pair - a * n1;
  const T* g = row_of(go, vg, a, b, i);
  const T* o = row_of(out, vo, a, b, i);
  double s = 0;
  for (int c = lane; c < d; c += 32) s += (double)g[c] * (double)o[c];
#pragma unroll
  for (int w = 16; w > 0; w >>= 1) s += __shfl_xor_sync(0xffffffffu, s, w);
  if (lane == 0) dl[row] = (T)s;
}

// dq_i = scale sum_j dS_ij k_j, dS_ij = p_ij (gradOut_i . v_j - delta_i), over key tiles.
template <class T, int NC>
__device__ void backward_dq(int n1, int tq, int tk, int d, int offset, T scale, T dropout, T keepScale, unsigned long long seed,
                            unsigned long long philoxOffset, const T* __restrict__ q, View vq,
                            const T* __restrict__ k, View vk, const T* __restrict__ v, View vv, const T* __restrict__ go, View vg,
                            const T* __restrict__ lse, const T* __restrict__ dl, T* __restrict__ dq, View vdq) {
  constexpr int V = Lanes<T>::V, WLD = scratch_ld<T>();
  FRONTIER_DYNAMIC_SHARED(attn_smem);
  const int ld = ld_of<T>(d);
  T* const qs = reinterpret_cast<T*>(attn_smem);
  T* const gs = qs + ROWS * ld;
  T* const ks = gs + ROWS * ld;
  T* const vs = ks + ROWS * ld;
  T* const ps = vs + ROWS * ld;
  const int pair = blockIdx.x, a = pair / n1, b = pair - a * n1;
  const int i0 = tile_start();
  const int r = threadIdx.x >> 2, g = threadIdx.x & 3, i = i0 + r;
  load_tile(qs, q, vq, a, b, i0, tq, d);
  load_tile(gs, go, vg, a, b, i0, tq, d);
  const T rowLse = i < tq ? lse[(long long)pair * tq + i] : (T)0;
  const T rowDelta = i < tq ? dl[(long long)pair * tq + i] : (T)0;
  const int keysEnd = keys_end(i0, tq, tk, offset);
  T acc[NC][V];
  zero(acc);
  for (int j0 = 0; j0 < keysEnd; j0 += ROWS) {
    __syncthreads();
    load_tile(ks, k, vk, a, b, j0, tk, d);
    load_tile(vs, v, vv, a, b, j0, tk, d);
    __syncthreads();
    T s[SLOTS], dp[SLOTS];
    dots(qs, ks, r, g, d, s);
    dots(gs, vs, r, g, d, dp);
#pragma unroll
    for (int e = 0; e < SLOTS; ++e) {
      const int j = j0 + g + 4 * e;
      const T p = i < tq && j < tk && keeps(i, j, offset) ? ex(s[e] * scale - rowLse) : (T)0;
      const T z = p == (T)0 ? (T)0 : weight_factor(dropout, keepScale, seed, philoxOffset, pair, tq, tk, i, j);
      ps[r * WLD + g + 4 * e] = p * (dp[e] * z - rowDelta);
    }
    __syncwarp();
    accumulate(ps, ks, r, g, d, acc);
    __syncwarp();
  }
  if (i < tq) store_row(const_cast<T*>(row_of<T>(dq, vdq, a, b, i)), g, d, acc, scale);
}

// dv_j = sum_i p_ij gradOut_i and dk_j = scale sum_i dS_ij q_i over the query tiles that keep key
// tile j0 (queries i >= j0 - offset); this block's rows are keys.
template <class T, int NC>
__device__ void backward_dkdv(int n1, int tq, int tk, int d, int offset, T scale, T dropout, T keepScale, unsigned long long seed,
                              unsigned long long philoxOffset, const T* __restrict__ q, View vq,
                              const T* __restrict__ k, View vk, const T* __restrict__ v, View vv, const T* __restrict__ go, View vg,
                              const T* __restrict__ lse, const T* __restrict__ dl, T* __restrict__ dk, View vdk, T* __restrict__ dv,
                              View vdv) {
  constexpr int V = Lanes<T>::V, WLD = scratch_ld<T>();
  FRONTIER_DYNAMIC_SHARED(attn_smem);
  const int ld = ld_of<T>(d);
  T* const ks = reinterpret_cast<T*>(attn_smem);
  T* const vs = ks + ROWS * ld;
  T* const qs = vs + ROWS * ld;
  T* const gs = qs + ROWS * ld;
  T* const pt = gs + ROWS * ld;  // p of (key r, query ii)
  T* const st = pt + ROWS * WLD; // dS of (key r, query ii)
  T* const rowLse = st + ROWS * WLD;
  T* const rowDelta = rowLse + ROWS;
  const int pair = blockIdx.x, a = pair / n1, b = pair - a * n1;
  const int j0 = tile_start();
  const int r = threadIdx.x >> 2, g = threadIdx.x & 3, j = j0 + r;
  load_tile(ks, k, vk, a, b, j0, tk, d);
  load_tile(vs, v, vv, a, b, j0, tk, d);
  T accK[NC][V], accV[NC][V];
  zero(accK);
  zero(accV);
  const long long first = lmax(0, (long long)j0 - offset);
  for (int i0 = (int)(first / ROWS * ROWS); i0 < tq; i0 += ROWS) {
    __syncthreads();
    load_tile(qs, q, vq, a, b, i0, tq, d);
    load_tile(gs, go, vg, a, b, i0, tq, d);
    if (threadIdx.x < ROWS) {
      const int i = i0 + threadIdx.x;
      rowLse[threadIdx.x] = i < tq ? lse[(long long)pair * tq + i] : (T)0;
      rowDelta[threadIdx.x] = i < tq ? dl[(long long)pair * tq + i] : (T)0;
    }
    __syncthreads();
    T s[SLOTS], dp[SLOTS];
    dots(ks, qs, r, g, d, s);
    dots(vs, gs, r, g, d, dp);
#pragma unroll
    for (int e = 0; e < SLOTS; ++e) {
      const int ii = g + 4 * e, i = i0 + ii;
      const T p = i < tq && j < tk && keeps(i, j, offset) ? ex(s[e] * scale - rowLse[ii]) : (T)0;
      const T z = p == (T)0 ? (T)0 : weight_factor(dropout, keepScale, seed, philoxOffset, pair, tq, tk, i, j);
      pt[r * WLD + ii] = p * z;
      st[r * WLD + ii] = p * (dp[e] * z - rowDelta[ii]);
    }
    __syncwarp();
    accumulate(pt, gs, r, g, d, accV);
    accumulate(st, qs, r, g, d, accK);
    __syncwarp();
  }
  if (j < tk) {
    store_row(const_cast<T*>(row_of<T>(dk, vdk, a, b, j)), g, d, accK, scale);
    store_row(const_cast<T*>(row_of<T>(dv, vdv, a, b, j)), g, d, accV, (T)1);
  }
}

}  // namespace attention_impl

using attention_impl::View;

// attn_fwd_<dtype>_d<max D>, attn_bwd_dq_..., attn_bwd_dkdv_...: grid (pairs, tiles), 128 threads,
// dynamic shared memory as io.frontier.cuda.AttentionPlan gives it. MIN_BLOCKS_FWD and _BWD
// (resident blocks an SM should hold) set ptxas's register budget, 65536 / (128 MIN_BLOCKS) a
// thread, for the forward and for the two backward kernels: without them ptxas picked 64 to 168
// registers and spilled a few bytes in six of the kernels; these are the largest counts that
// compile without spills on sm_80 to sm_90.
#define ATTENTION_KERNELS(DN, T, MAXD, MIN_BLOCKS_FWD, MIN_BLOCKS_BWD)                                                                                      \
  extern "C" __global__ void __launch_bounds__(128, MIN_BLOCKS_FWD) attn_fwd_##DN##_d##MAXD(                                                 \
      int n1, int tq, int tk, int d, int offset, T scale, T dropout, T keepScale, unsigned long long seed,                   \
      unsigned long long philoxOffset, const T* __restrict__ q, View vq, const T* __restrict__ k, View vk,                   \
      const T* __restrict__ v, View vv, T* __restrict__ out, View vo, T* __restrict__ lse) {                                 \
    attention_impl::forward<T, MAXD / 4 / (16 / sizeof(T))>(n1, tq, tk, d, offset, scale, dropout, keepScale, seed, philoxOffset, q, vq, \
                                                           k, vk, v, vv, out, vo, lse);                                     \
  }                                                                                                                          \
  extern "C" __global__ void __launch_bounds__(128, MIN_BLOCKS_BWD) attn_bwd_dq_##DN##_d##MAXD(                                              \
      int n1, int tq, int tk, int d, int offset, T scale, T dropout, T keepScale, unsigned long long seed,                   \
      unsigned long long philoxOffset, const T* __restrict__ q, View vq, const T* __restrict__ k, View vk,                   \
      const T* __restrict__ v, View vv, const T* __restrict__ go, View vg, const T* __restrict__ lse,                        \
      const T* __restrict__ dl, T* __restrict__ dq, View vdq) {                                                             \
    attention_impl::backward_dq<T, MAXD / 4 / (16 / sizeof(T))>(n1, tq, tk, d, offset, scale, dropout, keepScale, seed, philoxOffset,   \
                                                               q, vq, k, vk, v, vv, go, vg, lse, dl, dq, vdq);             \
  }                                                                                                                          \
  extern "C" __global__ void __launch_bounds__(128, MIN_BLOCKS_BWD) attn_bwd_dkdv_##DN##_d##MAXD(                                            \
      int n1, int tq, int tk, int d, int offset, T scale, T dropout, T keepScale, unsigned long long seed,                   \
      unsigned long long philoxOffset, const T* __restrict__ q, View vq, const T* __restrict__ k, View vk,                   \
      const T* __restrict__ v, View vv, const T* __restrict__ go, View vg, const T* __restrict__ lse,                        \
      const T* __restrict__ dl, T* __restrict__ dk, View vdk, T* __restrict__ dv, View vdv) {                               \
    attention_impl::backward_dkdv<T, MAXD / 4 / (16 / sizeof(T))>(n1, tq, tk, d, offset, scale, dropout, keepScale, seed,            \
                                                                 philoxOffset, q, vq, k, vk, v, vv, go, vg, lse, dl, dk, vdk,     \
                                                                 dv, vdv);                                                       \
  }

ATTENTION_KERNELS(f32, float, 64, 3, 3)
ATTENTION_KERNELS(f32, float, 128, 2, 2)
ATTENTION_KERNELS(f64, double, 64, 2, 2)
// no float64 d128: its dk/dv kernel needs more than 255 registers (128 of them its two float64
// accumulator rows) and spilled on sm_80 to sm_89; float64 heads past 64 run on the host

// attn_bwd_delta_<dtype>: 256 threads, a warp per (pair, query) row.
#define ATTENTION_DELTA_KERNEL(DN, T)                                                                                     \
  extern "C" __global__ void __launch_bounds__(256) attn_bwd_delta_##DN(int n1, int tq, int d, const T* __restrict__ go,  \
                                                                         View vg, const T* __restrict__ out, View vo,      \
                                                                         T* __restrict__ dl, long long rows) {             \
    attention_impl::delta<T>(n1, tq, d, go, vg, out, vo, dl, rows);                                                       \
  }
ATTENTION_DELTA_KERNEL(f32, float)
ATTENTION_DELTA_KERNEL(f64, double)
