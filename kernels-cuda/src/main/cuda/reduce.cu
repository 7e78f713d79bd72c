// Reductions over any set of dims (reduce_*), max/min with the winning index along one dim
// (argreduce_*), and inclusive scans along one dim (scan_*).
//
// The Java side (io.frontier.cuda.CudaReductions, ReducePlan, AlongDim) splits each view into
// "kept" and "reduced" (or "row") dims, each described by its own Strided descriptor, and picks
// the thread layout; the kernels only follow it.
#include "common.cuh"

namespace reduce_impl {

enum Op { SUM = 0, PROD, MAX, MIN, ANY, ALL };

template <class A> __device__ __forceinline__ A lowest();
template <> __device__ __forceinline__ float lowest<float>() { return -INFINITY; }
template <> __device__ __forceinline__ double lowest<double>() { return -INFINITY; }
template <> __device__ __forceinline__ long long lowest<long long>() { return (long long)0x8000000000000000ULL; }
template <> __device__ __forceinline__ fbool lowest<fbool>() { return 0; }

template <class A> __device__ __forceinline__ A highest();
template <> __device__ __forceinline__ float highest<float>() { return INFINITY; }
template <> __device__ __forceinline__ double highest<double>() { return INFINITY; }
template <> __device__ __forceinline__ long long highest<long long>() { return 0x7fffffffffffffffLL; }
template <> __device__ __forceinline__ fbool highest<fbool>() { return 1; }

// int64 sums and products wrap around as Java's do (signed overflow is undefined in C++).
__device__ __forceinline__ double add(double a, double b) { return a + b; }
__device__ __forceinline__ long long add(long long a, long long b) {
  return (long long)((unsigned long long)a + (unsigned long long)b);
}
__device__ __forceinline__ double mul(double a, double b) { return a * b; }
__device__ __forceinline__ long long mul(long long a, long long b) {
  return (long long)((unsigned long long)a * (unsigned long long)b);
}

template <int OP, class A> __device__ __forceinline__ A identity() {
  if constexpr (OP == SUM || OP == ANY) return A(0);
  else if constexpr (OP == PROD || OP == ALL) return A(1);
  else if constexpr (OP == MAX) return lowest<A>();
  else return highest<A>();
}

// MAX and MIN propagate NaN (x != x is false for integers and bools).
template <int OP, class A> __device__ __forceinline__ A combine(A a, A b) {
  if constexpr (OP == SUM) return add(a, b);
  else if constexpr (OP == PROD) return mul(a, b);
  else if constexpr (OP == MAX) return (a > b || a != a) ? a : b;
  else if constexpr (OP == MIN) return (a < b || a != a) ? a : b;
  else if constexpr (OP == ANY) return (A)(a | b);
  else return (A)(a & b);
}

// Element to accumulator: bools are read as truth values.
template <class A, class I> __device__ __forceinline__ A to_acc(I x) { return (A)x; }
template <> __device__ __forceinline__ fbool to_acc<fbool, fbool>(fbool x) { return x != 0; }

// Reduces nRed elements into each of nOut outputs.
//
// Block layout: "lanes" threads cooperate on one output and "slots" outputs share a block. In the
// inner layout (reduced elements adjacent in memory) lanes run along threadIdx.x; in the outer
// layout (kept elements adjacent, e.g. sum(0) of a row-major matrix) slots run along threadIdx.x
// so neighbouring threads read neighbouring outputs' elements. lanes is a power of two.
//
// Split reductions: blockIdx.y picks the chunk [y * chunk, min((y + 1) * chunk, nRed)) and the
// result goes to out + y * splitStride (a partial of accumulator type; a second launch with
// nRed = splits reduces the partials).
//
// Memory traffic: reads every input element once (bytes read = numel * itemsize) plus one write
// per output; target >= 80% of the device copy bandwidth for large contiguous reductions. The
// shared-memory tree is log2(lanes) steps per block, negligible next to long loops.
template <int OP, class I, class A, class O>
__device__ __forceinline__ void reduce_body(int nOut, int nRed, int chunk, int outer, const I* __restrict__ in,
                                            const Strided& kept, const Strided& red, int redFlat, int redStride,
                                            O* __restrict__ out, const Strided& od, long long splitStride) {
  FRONTIER_DYNAMIC_SHARED(reduce_smem);  // lanes * slots accumulators (CudaReductions sizes the launch)
  A* smem = reinterpret_cast<A*>(reduce_smem);
  const unsigned lane = outer ? threadIdx.y : threadIdx.x;
  const unsigned lanes = outer ? blockDim.y : blockDim.x;
  const unsigned slot = outer ? threadIdx.x : threadIdx.y;
  const unsigned slots = outer ? blockDim.x : blockDim.y;
  const long long o = (long long)blockIdx.x * slots + slot;
  const unsigned begin = blockIdx.y * (unsigned)chunk;  // the Java side keeps (splits - 1) * chunk < nRed
  const unsigned end = (unsigned)min((long long)nRed, (long long)begin + chunk);
  A acc = identity<OP, A>();
  if (o < nOut) {
    const I* base = in + strided_offset(kept, (unsigned)o);
    unsigned j = begin + lane;
    if (redFlat) {
      const long long s = redStride;
      // Four independent loads in flight per thread.
      for (; j + 3u * lanes < end; j += 4u * lanes) {
        I v0 = base[(long long)j * s];
        I v1 = base[(long long)(j + lanes) * s];
        I v2 = base[(long long)(j + 2u * lanes) * s];
        I v3 = base[(long long)(j + 3u * lanes) * s];
        acc = combine<OP, A>(acc, to_acc<A, I>(v0));
        acc = combine<OP, A>(acc, to_acc<A, I>(v1));
        acc = combine<OP, A>(acc, to_acc<A, I>(v2));
        acc = combine<OP, A>(acc, to_acc<A, I>(v3));
      }
      for (; j < end; j += lanes) acc = combine<OP, A>(acc, to_acc<A, I>(base[(long long)j * s]));
    } else {
      for (; j < end; j += lanes) acc = combine<OP, A>(acc, to_acc<A, I>(base[strided_offset(red, j)]));
    }
  }
  const unsigned me = threadIdx.y * blockDim.x + threadIdx.x;
  const unsigned step = outer ? blockDim.x : 1u;  // smem distance between neighbouring lanes
  smem[me] = acc;
  __syncthreads();
  for (unsigned h = lanes >> 1; h > 0; h >>= 1) {
    if (lane < h) smem[me] = combine<OP, A>(smem[me], smem[me + h * step]);
    __syncthreads();
  }
  if (lane == 0 && o < nOut) out[strided_offset(od, (unsigned)o) + (long long)blockIdx.y * splitStride] = (O)smem[me];
}

// reduce_body's outer layout four kept elements at a time, for float32 inputs whose kept elements
// fall into aligned 16-byte packs (CudaReductions: the last kept dim contiguous, a multiple of 4,
// every other kept stride, the reduced stride and the view's offset multiples of 4): pack o is
// elements 4 o .. 4 o + 3 of the kept order, at 4 * strided_offset(keptPacks, o), and a thread
// reads its pack of every reduced row with one 16-byte load. Sums of (rows, C) matrices over their
// rows (a linear layer's bias gradient g.sum(0) over 8192 tokens) read a row's 128 bytes per warp
// with reduce_body's scalar loads; here 512. Memory traffic: every input element once, as
// reduce_body; target >= 80% of copy bandwidth.
template <int OP, class A, class O>
__device__ __forceinline__ void reduce_body_v4(int nPacks, int nRed, int chunk, const float* __restrict__ in, const Strided& keptPacks,
                                               int redStride, O* __restrict__ out, const Strided& od, long long splitStride) {
  FRONTIER_DYNAMIC_SHARED(reduce_smem);  // 4 accumulators a thread
  A* smem = reinterpret_cast<A*>(reduce_smem);
  const unsigned lane = threadIdx.y, lanes = blockDim.y, slot = threadIdx.x, slots = blockDim.x;
  const long long o = (long long)blockIdx.x * slots + slot;
  const unsigned begin = blockIdx.y * (unsigned)chunk;
  const unsigned end = (unsigned)min((long long)nRed, (long long)begin + chunk);
  A acc[4];
#pragma unroll
  for (int q = 0; q < 4; ++q) acc[q] = identity<OP, A>();
  auto add4 = [&](const float* p) {
    const float4 v = *reinterpret_cast<const float4*>(p);
    acc[0] = combine<OP, A>(acc[0], (A)v.x);
    acc[1] = combine<OP, A>(acc[1], (A)v.y);
    acc[2] = combine<OP, A>(acc[2], (A)v.z);
    acc[3] = combine<OP, A>(acc[3], (A)v.w);
  };
  if (o < nPacks) {
    const float* base = in + 4 * strided_offset(keptPacks, (unsigned)o);
    const long long s = redStride;
    // every load is 16-byte aligned when the first is and the row stride is a multiple of 4 floats
    FRONTIER_VECTOR_ACCESS(base, 16);
    FRONTIER_VECTOR_ACCESS(base + s, 16);
    unsigned j = begin + lane;
    // Four 16-byte loads in flight per thread.
    for (; j + 3u * lanes < end; j += 4u * lanes) {
      const float4 v0 = *reinterpret_cast<const float4*>(base + (long long)j * s);
      const float4 v1 = *reinterpret_cast<const float4*>(base + (long long)(j + lanes) * s);
      const float4 v2 = *reinterpret_cast<const float4*>(base + (long long)(j + 2u * lanes) * s);
      const float4 v3 = *reinterpret_cast<const float4*>(base + (long long)(j + 3u * lanes) * s);
      const float4 vs[4] = {v0, v1, v2, v3};
#pragma unroll
      for (int u = 0; u < 4; ++u) {
        acc[0] = combine<OP, A>(acc[0], (A)vs[u].x);
        acc[1] = combine<OP, A>(acc[1], (A)vs[u].y);
        acc[2] = combine<OP, A>(acc[2], (A)vs[u].z);
        acc[3] = combine<OP, A>(acc[3], (A)vs[u].w);
      }
    }
    for (; j < end; j += lanes) add4(base + (long long)j * s);
  }
  const unsigned me = threadIdx.y * blockDim.x + threadIdx.x;
#pragma unroll
  for (int q = 0; q < 4; ++q) smem[4 * me + q] = acc[q];
  __syncthreads();
  for (unsigned h = lanes >> 1; h > 0; h >>= 1) {  // lanes are blockDim.x apart
    if (lane < h) {
#pragma unroll
      for (int q = 0; q < 4; ++q) smem[4 * me + q] = combine<OP, A>(smem[4 * me + q], smem[4 * (me + h * slots) + q]);
    }
    __syncthreads();
  }
  if (lane == 0 && o < nPacks) {
#pragma unroll
    for (int q = 0; q < 4; ++q) out[strided_offset(od, (unsigned)(4 * o + q)) + (long long)blockIdx.y * splitStride] = (O)smem[4 * me + q];
  }
}

// reduce_body_v4 split over the reduced rows (grid y) in one launch: each block writes its float64
// partials ([split][output], nOut = 4 nPacks), and the last block of a column of blocks to finish
// (a ticket per blockIdx.x, as sum_flat_body's) sums that column's partials in split order, so
// the result does not depend on which block finished last, and resets its ticket for the next
// launch. Instead of a second launch (reduce_sum_f32_fin) per reduction: a linear layer's bias
// gradient was two launches, the second a few microseconds of a few KB.
__device__ __forceinline__ void reduce_sum_v4_split(int nPacks, int nRed, int chunk, const float* __restrict__ in, const Strided& keptPacks,
                                                    int redStride, double* __restrict__ partials, unsigned int* __restrict__ tickets,
                                                    float* __restrict__ out, const Strided& od) {
  __shared__ bool last;
  const int nOut = 4 * nPacks;
  const Strided dense{1, {nOut}, {1}};
  reduce_body_v4<SUM, double, double>(nPacks, nRed, chunk, in, keptPacks, redStride, partials, dense, nOut);
  __threadfence();  // this thread's partials are visible device-wide before the ticket is taken
  __syncthreads();
  const unsigned me = threadIdx.y * blockDim.x + threadIdx.x, threads = blockDim.x * blockDim.y;
  if (me == 0) last = atomicAdd(&tickets[blockIdx.x], 1u) == gridDim.y - 1;
  __syncthreads();
  if (!last) return;  // uniform per block
  const int first = 4 * blockIdx.x * blockDim.x, count = min(4 * (int)blockDim.x, nOut - first);
  for (unsigned i = me; i < (unsigned)count; i += threads) {
    double sum = 0.0;
    for (unsigned y = 0; y < gridDim.y; ++y) sum += __ldcg(&partials[(long long)y * nOut + first + i]);
    out[strided_offset(od, (unsigned)(first + i))] = (float)sum;
  }
  if (me == 0) tickets[blockIdx.x] = 0u;
}

// ---- arg-reductions -------------------------------------------------------------------------

// Row layouts shared by the along-dim kernels (io.frontier.cuda.AlongDim):
//   0: one thread per row (rows adjacent in memory, the dim strided: coalesced across threads),
//   1: one warp per row (blockDim.x / 32 rows per block),
//   2: one block per row.
enum RowMode { THREAD = 0, WARP = 1, BLOCK = 2 };

__device__ __forceinline__ float shfl_down(float v, int d) { return __shfl_down_sync(0xffffffffu, v, d); }
__device__ __forceinline__ double shfl_down(double v, int d) { return __shfl_down_sync(0xffffffffu, v, d); }
__device__ __forceinline__ long long shfl_down(long long v, int d) { return __shfl_down_sync(0xffffffffu, v, d); }
__device__ __forceinline__ fbool shfl_down(fbool v, int d) { return (fbool)__shfl_down_sync(0xffffffffu, (int)v, d); }

// Whether candidate (c, ci) beats the best so far (b, bi): a NaN beats every number, then the
// larger (MAX) or smaller (MIN) value, and ties go to the smaller index, so the result is the
// first NaN or the first extreme whatever order the candidates are combined in. bi < 0: empty.
template <bool IS_MAX, class T>
__device__ __forceinline__ bool wins(T c, long long ci, T b, long long bi) {
  if (ci < 0) return false;
  if (bi < 0) return true;
  const bool cn = c != c, bn = b != b;
  if (cn || bn) return cn && (!bn || ci < bi);
  if (IS_MAX ? c > b : c < b) return true;
  return c == b && ci < bi;
}

// Memory traffic: reads every element once, writes one value and one int64 index per row; the
// thread-per-row and contiguous-row layouts are coalesced, target >= 80% of copy bandwidth.
template <bool IS_MAX, class T>
__device__ __forceinline__ void argreduce_body(int nRows, int n, int mode, const T* __restrict__ in, const Strided& inRows,
                                               int si, T* __restrict__ values, const Strided& vRows,
                                               long long* __restrict__ indices, const Strided& iRows) {
  __shared__ T sval[32];
  __shared__ long long sidx[32];
  const int warp = threadIdx.x >> 5, lane = threadIdx.x & 31;
  long long row;
  int t, nt;
  if (mode == THREAD) {
    row = (long long)blockIdx.x * blockDim.x + threadIdx.x; t = 0; nt = 1;
  } else if (mode == WARP) {
    row = (long long)blockIdx.x * (blockDim.x >> 5) + warp; t = lane; nt = 32;
  } else {
    row = blockIdx.x; t = threadIdx.x; nt = blockDim.x;
  }
  if (row >= nRows) return;  // uniform per warp (WARP) and per block (BLOCK)
  const T* base = in + strided_offset(inRows, (unsigned)row);
  T b = T(0);
  long long bi = -1;
  for (int i = t; i < n; i += nt) {
    T c = base[(long long)i * si];
    if (wins<IS_MAX, T>(c, i, b, bi)) { b = c; bi = i; }
  }
  if (mode != THREAD) {
    for (int d = 16; d > 0; d >>= 1) {
      T c = shfl_down(b, d);
      long long ci = shfl_down(bi, d);
      if (wins<IS_MAX, T>(c, ci, b, bi)) { b = c; bi = ci; }
    }
    if (mode == BLOCK) {
      if (lane == 0) { sval[warp] = b; sidx[warp] = bi; }
      __syncthreads();
      if (threadIdx.x == 0) {
        for (int w = 1; w < (int)(blockDim.x >> 5); w++) {
          if (wins<IS_MAX, T>(sval[w], sidx[w], b, bi)) { b = sval[w]; bi = sidx[w]; }
        }
      }
    }
  }
  if (t == 0) {
    values[strided_offset(vRows, (unsigned)row)] = b;
    indices[strided_offset(iRows, (unsigned)row)] = bi;
  }
}

// ---- whole dense tensor to one sum ----------------------------------------------------------
//
// One launch: a grid-stride loop over 16-byte vectors (float4 / double2) of the dense input, four
// loads in flight per thread, each vector summed in T (4 float32 or 2 float64 terms) and added to
// one of four float64 accumulators; the block's total goes to partials[blockIdx.x] and the block
// that finishes last (a ticket counter) adds the partials in index order (deterministic) into out
// and resets the counter to 0 for the next launch. The unaligned head (before the first 16-byte
// boundary) and the tail (after the last whole vector) are at most 3 elements each.
// Memory traffic: reads every element once (4 or 8 bytes), no other traffic; with the grid at 4
// blocks of 256 threads per SM (64 KB of loads in flight per SM) it should stream at about the
// device's read bandwidth: >= 0.9 of memcpy's GB/s from 256 MB up, ~0.8 at 64 MB, where the one
// launch (~3 us) and the last block's tail weigh on a ~22 us kernel.
template <class T> struct Vec16;
template <> struct Vec16<float> { typedef float4 type; };
template <> struct Vec16<double> { typedef double2 type; };

__device__ __forceinline__ double vsum(const float4& a) { return (double)((a.x + a.y) + (a.z + a.w)); }
__device__ __forceinline__ double vsum(const double2& a) { return a.x + a.y; }

// The block's sum of v in thread 0 (other threads: unspecified). sh: 32 doubles; a __syncthreads
// inside, so every thread calls it; two calls may share sh (the barrier orders them).
__device__ __forceinline__ double block_sum(double v, double* sh) {
#pragma unroll
  for (int d = 16; d > 0; d >>= 1) v += shfl_down(v, d);
  const int warp = threadIdx.x >> 5, lane = threadIdx.x & 31;
  if (lane == 0) sh[warp] = v;
  __syncthreads();
  if (warp == 0) {
    v = lane < (int)(blockDim.x >> 5) ? sh[lane] : 0.0;
#pragma unroll
    for (int d = 16; d > 0; d >>= 1) v += shfl_down(v, d);
  }
  return v;
}

template <class T>
__device__ __forceinline__ void sum_flat_body(int n, const T* __restrict__ in, double* __restrict__ partials,
                                              unsigned int* counter, T* __restrict__ out) {
  constexpr int W = 16 / (int)sizeof(T);
  typedef typename Vec16<T>::type V;
  __shared__ double sh[32];
  __shared__ bool last;
  // in is sizeof(T)-aligned, so the head is a whole number of elements.
  const int head = head_to_16_bytes(in, n);
  const unsigned nv = (unsigned)(n - head) / W;
  const int tail = head + (int)nv * W;
  const V* vin = reinterpret_cast<const V*>(in + head);
  FRONTIER_VECTOR_ACCESS(vin, sizeof(V));
  const unsigned tid = blockIdx.x * blockDim.x + threadIdx.x, stride = gridDim.x * blockDim.x;
  double a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0;
  unsigned i = tid;
  // nv < 2^30 and stride < 2^21, so i + 3 * stride does not wrap.
  for (; i + 3u * stride < nv; i += 4u * stride) {
    const V x0 = vin[i], x1 = vin[i + stride], x2 = vin[i + 2u * stride], x3 = vin[i + 3u * stride];
    a0 += vsum(x0);
    a1 += vsum(x1);
    a2 += vsum(x2);
    a3 += vsum(x3);
  }
  for (; i < nv; i += stride) a0 += vsum(vin[i]);
  if (tid < (unsigned)head) a1 += (double)in[tid];
  if (tid < (unsigned)(n - tail)) a2 += (double)in[tail + tid];
  const double b = block_sum((a0 + a1) + (a2 + a3), sh);
  if (threadIdx.x == 0) {
    partials[blockIdx.x] = b;
    __threadfence();  // the partial is visible device-wide before the ticket is taken
    last = atomicAdd(counter, 1u) == gridDim.x - 1;
  }
  __syncthreads();
  if (!last) return;  // uniform per block
  double p = 0.0;
  for (unsigned k = threadIdx.x; k < gridDim.x; k += blockDim.x) p += __ldcg(&partials[k]);
  p = block_sum(p, sh);
  if (threadIdx.x == 0) {
    *out = (T)p;
    *counter = 0u;
  }
}

// ---- scans ----------------------------------------------------------------------------------

__device__ __forceinline__ double shfl_up(double v, int d) { return __shfl_up_sync(0xffffffffu, v, d); }
__device__ __forceinline__ long long shfl_up(long long v, int d) { return __shfl_up_sync(0xffffffffu, v, d); }
__device__ __forceinline__ double shfl_idx(double v, int l) { return __shfl_sync(0xffffffffu, v, l); }
__device__ __forceinline__ long long shfl_idx(long long v, int l) { return __shfl_sync(0xffffffffu, v, l); }

template <bool IS_SUM, class A> __device__ __forceinline__ A scan_op(A a, A b) { return IS_SUM ? add(a, b) : mul(a, b); }

// Inclusive scan of v across the warp.
template <bool IS_SUM, class A> __device__ __forceinline__ A warp_scan(A v, int lane) {
#pragma unroll
  for (int d = 1; d < 32; d <<= 1) {
    A u = shfl_up(v, d);
    if (lane >= d) v = scan_op<IS_SUM, A>(u, v);
  }
  return v;
}

// Inclusive scan along a row; A is double for float32 and float64 (as the CPU accumulates float32
// in float64) and int64 for int64. The thread-per-row layout adds in the CPU's sequential order;
// the warp and block layouts add a tile's elements as a tree, then the running carry.
//
// Memory traffic: reads and writes every element once; the thread and warp layouts over
// contiguous rows are coalesced, target >= 80% of copy bandwidth for many rows. One long row
// (block layout) is latency bound: a tile of blockDim.x elements per two __syncthreads.
template <bool IS_SUM, class T, class A>
__device__ __forceinline__ void scan_body(int nRows, int n, int mode, const T* __restrict__ in, const Strided& inRows, int si,
                                          T* __restrict__ out, const Strided& outRows, int so) {
  __shared__ A wtot[32];
  const A one = IS_SUM ? A(0) : A(1);
  const int warp = threadIdx.x >> 5, lane = threadIdx.x & 31;
  long long row;
  if (mode == THREAD) row = (long long)blockIdx.x * blockDim.x + threadIdx.x;
  else if (mode == WARP) row = (long long)blockIdx.x * (blockDim.x >> 5) + warp;
  else row = blockIdx.x;
  if (row >= nRows) return;  // uniform per warp (WARP) and per block (BLOCK)
  const T* x = in + strided_offset(inRows, (unsigned)row);
  T* y = out + strided_offset(outRows, (unsigned)row);
  A carry = one;
  if (mode == THREAD) {
    for (int i = 0; i < n; i++) {
      carry = scan_op<IS_SUM, A>(carry, (A)x[(long long)i * si]);
      y[(long long)i * so] = (T)carry;
    }
  } else if (mode == WARP) {
    for (int t0 = 0; t0 < n; t0 += 32) {
      const int i = t0 + lane;
      A v = i < n ? (A)x[(long long)i * si] : one;
      v = scan_op<IS_SUM, A>(carry, warp_scan<IS_SUM, A>(v, lane));
      if (i < n) y[(long long)i * so] = (T)v;
      carry = shfl_idx(v, 31);
    }
  } else {
    const int nw = blockDim.x >> 5;
    for (int t0 = 0; t0 < n; t0 += blockDim.x) {
      const int i = t0 + threadIdx.x;
      A v = i < n ? (A)x[(long long)i * si] : one;
      v = warp_scan<IS_SUM, A>(v, lane);
      if (lane == 31) wtot[warp] = v;
      __syncthreads();
      if (warp == 0) {
        A w = lane < nw ? wtot[lane] : one;
        w = warp_scan<IS_SUM, A>(w, lane);
        if (lane < nw) wtot[lane] = w;
      }
      __syncthreads();
      if (warp > 0) v = scan_op<IS_SUM, A>(wtot[warp - 1], v);
      v = scan_op<IS_SUM, A>(carry, v);
      if (i < n) y[(long long)i * so] = (T)v;
      carry = scan_op<IS_SUM, A>(carry, wtot[nw - 1]);
      __syncthreads();  // wtot is rewritten by the next tile
    }
  }
}

}  // namespace reduce_impl

// ---- kernels --------------------------------------------------------------------------------

#define REDUCE_PARAMS(I, O)                                                                                   \
  int nOut, int nRed, int chunk, int outer, const I *__restrict__ in, Strided kept, Strided red, int redFlat, \
      int redStride, O *__restrict__ out, Strided od, long long splitStride
#define REDUCE_ARGS nOut, nRed, chunk, outer, in, kept, red, redFlat, redStride, out, od, splitStride

// Three entry points per op and dtype: the direct reduction (T -> T), the first pass of a split one
// (T -> accumulator partials) and its second pass (partials -> T).
#define REDUCE_KERNELS(NAME, OP, DN, T, A)                                                        \
  extern "C" __global__ void reduce_##NAME##_##DN(REDUCE_PARAMS(T, T)) {                          \
    reduce_impl::reduce_body<reduce_impl::OP, T, A, T>(REDUCE_ARGS);                              \
  }                                                                                               \
  extern "C" __global__ void reduce_##NAME##_##DN##_part(REDUCE_PARAMS(T, A)) {                   \
    reduce_impl::reduce_body<reduce_impl::OP, T, A, A>(REDUCE_ARGS);                              \
  }                                                                                               \
  extern "C" __global__ void reduce_##NAME##_##DN##_fin(REDUCE_PARAMS(A, T)) {                    \
    reduce_impl::reduce_body<reduce_impl::OP, A, A, T>(REDUCE_ARGS);                              \
  }

// reduce_body_v4 (float32 sums, float64 accumulation): the direct reduction.
#define REDUCE_V4_PARAMS(O)                                                                                \
  int nPacks, int nRed, int chunk, const float *__restrict__ in, Strided keptPacks, int redStride, \
      O *__restrict__ out, Strided od, long long splitStride
extern "C" __global__ void reduce_sum_f32_v4(REDUCE_V4_PARAMS(float)) {
  reduce_impl::reduce_body_v4<reduce_impl::SUM, double, float>(nPacks, nRed, chunk, in, keptPacks, redStride, out, od, splitStride);
}
// Split over the reduced rows (grid y), partials and their sum in one launch (reduce_sum_v4_split).
extern "C" __global__ void reduce_sum_f32_v4_split(int nPacks, int nRed, int chunk, const float* __restrict__ in, Strided keptPacks,
                                                   int redStride, double* __restrict__ partials, unsigned int* __restrict__ tickets,
                                                   float* __restrict__ out, Strided od) {
  reduce_impl::reduce_sum_v4_split(nPacks, nRed, chunk, in, keptPacks, redStride, partials, tickets, out, od);
}

// float32 sums and products accumulate in float64, as the CPU backend does.
// Whole dense float tensors to one sum (sum_flat_body); launched with 256 threads per block.
#define SUM_FLAT_KERNEL(DN, T)                                                                         \
  extern "C" __global__ void __launch_bounds__(256) reduce_sum_flat_##DN(                              \
      int n, const T* __restrict__ in, double* __restrict__ partials, unsigned int* counter, T* __restrict__ out) { \
    reduce_impl::sum_flat_body<T>(n, in, partials, counter, out);                                      \
  }
SUM_FLAT_KERNEL(f32, float)
SUM_FLAT_KERNEL(f64, double)

REDUCE_KERNELS(sum, SUM, f32, float, double)
REDUCE_KERNELS(sum, SUM, f64, double, double)
REDUCE_KERNELS(sum, SUM, i64, long long, long long)
REDUCE_KERNELS(prod, PROD, f32, float, double)
REDUCE_KERNELS(prod, PROD, f64, double, double)
REDUCE_KERNELS(prod, PROD, i64, long long, long long)
REDUCE_KERNELS(max, MAX, f32, float, float)
REDUCE_KERNELS(max, MAX, f64, double, double)
REDUCE_KERNELS(max, MAX, i64, long long, long long)
REDUCE_KERNELS(max, MAX, bool, fbool, fbool)
REDUCE_KERNELS(min, MIN, f32, float, float)
REDUCE_KERNELS(min, MIN, f64, double, double)
REDUCE_KERNELS(min, MIN, i64, long long, long long)
REDUCE_KERNELS(min, MIN, bool, fbool, fbool)
REDUCE_KERNELS(any, ANY, bool, fbool, fbool)
REDUCE_KERNELS(all, ALL, bool, fbool, fbool)

#define ARGREDUCE_KERNEL(NAME, IS_MAX, DN, T)                                                                   \
  extern "C" __global__ void argreduce_##NAME##_##DN(int nRows, int n, int mode, const T* __restrict__ in,      \
                                                     Strided inRows, int si, T* __restrict__ values,             \
                                                     Strided vRows, long long* __restrict__ indices,             \
                                                     Strided iRows) {                                            \
    reduce_impl::argreduce_body<IS_MAX, T>(nRows, n, mode, in, inRows, si, values, vRows, indices, iRows);       \
  }

ARGREDUCE_KERNEL(max, true, f32, float)
ARGREDUCE_KERNEL(max, true, f64, double)
ARGREDUCE_KERNEL(max, true, i64, long long)
ARGREDUCE_KERNEL(max, true, bool, fbool)
ARGREDUCE_KERNEL(min, false, f32, float)
ARGREDUCE_KERNEL(min, false, f64, double)
ARGREDUCE_KERNEL(min, false, i64, long long)
ARGREDUCE_KERNEL(min, false, bool, fbool)

#define SCAN_KERNEL(NAME, IS_SUM, DN, T, A)                                                                  \
  extern "C" __global__ void scan_##NAME##_##DN(int nRows, int n, int mode, const T* __restrict__ in,        \
                                                Strided inRows, int si, T* __restrict__ out, Strided outRows, \
                                                int so) {                                                     \
    reduce_impl::scan_body<IS_SUM, T, A>(nRows, n, mode, in, inRows, si, out, outRows, so);                  \
  }

SCAN_KERNEL(cumsum, true, f32, float, double)
SCAN_KERNEL(cumsum, true, f64, double, double)
SCAN_KERNEL(cumsum, true, i64, long long, long long)
SCAN_KERNEL(cumprod, false, f32, float, double)
SCAN_KERNEL(cumprod, false, f64, double, double)
SCAN_KERNEL(cumprod, false, i64, long long, long long)
