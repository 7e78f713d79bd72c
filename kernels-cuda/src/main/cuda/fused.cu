// Fused training ops: layer norm and RMS norm (forward, backward, weight and bias gradients),
// cross-entropy with label smoothing and an ignored index (forward, backward), and the activation
// backward (the optimizer steps are in optimizer.cu).
// The Java side (io.frontier.cuda.CudaFused) passes contiguous tensors only.
//
// Norm and cross-entropy rows: blockDim.x threads per row (a power of two >= 32), blockDim.y rows
// per block (io.frontier.cuda.FusedPlan). Row statistics accumulate in float64 for both dtypes and
// are reduced in a fixed order (warp xor-shuffles, then the row's warps in order), so results are
// deterministic. Where a row fits, each thread keeps its part of the row in registers (cached),
// so the row is read from memory once; otherwise it is read again for each pass. Rows move in
// 16-byte packs (V elements) when the row length and every pointer allow it (checked in Java).
#include "common.cuh"
#include "pack.cuh"

namespace fused_impl {

__device__ __forceinline__ float shfl_xor(float v, int d) { return __shfl_xor_sync(0xffffffffu, v, d); }
__device__ __forceinline__ double shfl_xor(double v, int d) { return __shfl_xor_sync(0xffffffffu, v, d); }

// The index of the calling thread's warp in its block, and the first warp of its row.
__device__ __forceinline__ int warp_in_block() { return (int)((threadIdx.y * blockDim.x + threadIdx.x) >> 5); }
__device__ __forceinline__ int first_warp_of_row() { return (int)(threadIdx.y * (blockDim.x >> 5)); }

// Sums a and b over the threads of one row; every thread of the row gets the same values. Every
// thread of the block must call it (it synchronises the block when a row spans several warps).
// shm holds 2 x 32 doubles.
__device__ __forceinline__ void row_sum2(double& a, double& b, double* shm) {
  for (int d = 16; d > 0; d >>= 1) {
    a += shfl_xor(a, d);
    b += shfl_xor(b, d);
  }
  if (blockDim.x == 32) return;
  __syncthreads();  // earlier readers of shm are done
  if ((threadIdx.x & 31) == 0) {
    shm[warp_in_block()] = a;
    shm[32 + warp_in_block()] = b;
  }
  __syncthreads();
  const int first = first_warp_of_row(), wpr = (int)(blockDim.x >> 5);
  a = 0.0;
  b = 0.0;
  for (int k = 0; k < wpr; k++) {
    a += shm[first + k];
    b += shm[32 + first + k];
  }
}

__device__ __forceinline__ double row_sum(double a, double* shm) {
  double b = 0.0;
  row_sum2(a, b, shm);
  return a;
}

// ------------------------------------------------------------------------------------------ norms
// Forward, memory traffic: 1 read + 1 write per element when the row is cached (target >= 80% of
// copy bandwidth at >= 64 MB), 3 reads + 1 write otherwise (the re-reads mostly hit L1/L2).
// centred = 0 is RMS norm (no mean, no bias).
template <typename T, int V, int K>
__device__ __forceinline__ void norm_fwd(int rows, int n, int cached, int centred, double eps, const T* __restrict__ x,
                                         const T* __restrict__ w, const T* __restrict__ b, T* __restrict__ y,
                                         T* __restrict__ mean, T* __restrict__ rstd) {
  __shared__ double shm[64];
  const int tx = threadIdx.x, tpr = blockDim.x, packs = n / V;
  const long long row = (long long)blockIdx.x * blockDim.y + threadIdx.y;
  const bool valid = row < rows;
  const T* xr = x + (valid ? row : 0) * (long long)n;
  Pack<T, V> c[K];
  double s = 0.0;
  if (valid) {
    if (cached) {
#pragma unroll
      for (int k = 0; k < K; k++) {
        const int j = tx + k * tpr;
        if (j < packs) {
          c[k] = ld<T, V>(xr, j);
#pragma unroll
          for (int e = 0; e < V; e++) s += (double)c[k].v[e];
        }
      }
    } else {
      for (int j = tx; j < packs; j += tpr) {
        const Pack<T, V> p = ld<T, V>(xr, j);
#pragma unroll
        for (int e = 0; e < V; e++) s += (double)p.v[e];
      }
    }
  }
  const double mu = centred ? row_sum(s, shm) / n : 0.0;
  double q = 0.0;
  if (valid) {
    if (cached) {
#pragma unroll
      for (int k = 0; k < K; k++) {
        if (tx + k * tpr < packs) {
#pragma unroll
          for (int e = 0; e < V; e++) {
            const double d = (double)c[k].v[e] - mu;
            q += d * d;
          }
        }
      }
    } else {
      for (int j = tx; j < packs; j += tpr) {
        const Pack<T, V> p = ld<T, V>(xr, j);
#pragma unroll
        for (int e = 0; e < V; e++) {
          const double d = (double)p.v[e] - mu;
          q += d * d;
        }
      }
    }
  }
  const double rs = 1.0 / sqrt(row_sum(q, shm) / n + eps);
  if (!valid) return;  // no block synchronisation below
  if (tx == 0) {
    if (centred) mean[row] = (T)mu;
    rstd[row] = (T)rs;
  }
  T* yr = y + row * (long long)n;
  auto emit = [&](const Pack<T, V>& p, int j) {
    Pack<T, V> o, wp, bp;
    if (w != nullptr) wp = ld<T, V>(w, j);
    if (b != nullptr) bp = ld<T, V>(b, j);
#pragma unroll
    for (int e = 0; e < V; e++) {
      double t = ((double)p.v[e] - mu) * rs;
      if (w != nullptr) t *= (double)wp.v[e];
      if (b != nullptr) t += (double)bp.v[e];
      o.v[e] = (T)t;
    }
    st<T, V>(yr, j, o);
  };
  if (cached) {
#pragma unroll
    for (int k = 0; k < K; k++) {
      const int j = tx + k * tpr;
      if (j < packs) emit(c[k], j);
    }
  } else {
    for (int j = tx; j < packs; j += tpr) emit(ld<T, V>(xr, j), j);
  }
}

// Backward (gradX only), memory traffic: reads gradOut and x once and writes gradX once when
// cached (12 bytes per float32 element; target >= 80% of copy bandwidth), reads both twice
// otherwise. With xhat = (x - mean) rstd and g = gradOut w:
// gradX = rstd (g - mean(g) - xhat mean(g xhat)); RMS norm drops the mean(g) term.
template <typename T, int V, int K>
__device__ __forceinline__ void norm_bwd(int rows, int n, int cached, int centred, const T* __restrict__ go,
                                         const T* __restrict__ x, const T* __restrict__ w, const T* __restrict__ mean,
                                         const T* __restrict__ rstd, T* __restrict__ gx) {
  __shared__ double shm[64];
  const int tx = threadIdx.x, tpr = blockDim.x, packs = n / V;
  const long long row = (long long)blockIdx.x * blockDim.y + threadIdx.y;
  const bool valid = row < rows;
  const long long base = (valid ? row : 0) * (long long)n;
  const T* gr = go + base;
  const T* xr = x + base;
  const double mu = valid && centred ? (double)mean[row] : 0.0;
  const double rs = valid ? (double)rstd[row] : 0.0;
  Pack<T, V> cg[K], cx[K];
  double a = 0.0, cc = 0.0;
  auto fold = [&](const Pack<T, V>& gp, const Pack<T, V>& xp, int j) {
    Pack<T, V> wp;
    if (w != nullptr) wp = ld<T, V>(w, j);
#pragma unroll
    for (int e = 0; e < V; e++) {
      const double g = w != nullptr ? (double)gp.v[e] * (double)wp.v[e] : (double)gp.v[e];
      a += g;
      cc += g * (((double)xp.v[e] - mu) * rs);
    }
  };
  if (valid) {
    if (cached) {
#pragma unroll
      for (int k = 0; k < K; k++) {
        const int j = tx + k * tpr;
        if (j < packs) {
          cg[k] = ld<T, V>(gr, j);
          cx[k] = ld<T, V>(xr, j);
          fold(cg[k], cx[k], j);
        }
      }
    } else {
      for (int j = tx; j < packs; j += tpr) fold(ld<T, V>(gr, j), ld<T, V>(xr, j), j);
    }
  }
  row_sum2(a, cc, shm);
  if (!valid) return;  // no block synchronisation below
  const double ma = centred ? a / n : 0.0, mc = cc / n;
  T* dr = gx + base;
  auto emit = [&](const Pack<T, V>& gp, const Pack<T, V>& xp, int j) {
    Pack<T, V> wp, o;
    if (w != nullptr) wp = ld<T, V>(w, j);
#pragma unroll
    for (int e = 0; e < V; e++) {
      const double g = w != nullptr ? (double)gp.v[e] * (double)wp.v[e] : (double)gp.v[e];
      const double xh = ((double)xp.v[e] - mu) * rs;
      o.v[e] = (T)(rs * (g - ma - xh * mc));
    }
    st<T, V>(dr, j, o);
  };
  if (cached) {
#pragma unroll
    for (int k = 0; k < K; k++) {
      const int j = tx + k * tpr;
      if (j < packs) emit(cg[k], cx[k], j);
    }
  } else {
    for (int j = tx; j < packs; j += tpr) emit(ld<T, V>(gr, j), ld<T, V>(xr, j), j);
  }
}

// Weight and bias gradients, deterministic in two kernels: blocks of (32 columns) x (8 row lanes)
// sum gradOut xhat and gradOut over one chunk of rows into float64 partials [chunk][column]; then
// norm_colsum adds each column's partials in chunk order. Memory traffic: reads gradOut and x once
// more (8 bytes per float32 element, coalesced along columns); the partials are small.
template <typename T>
__device__ __forceinline__ void norm_wgrad(int rows, int n, int rowsPerChunk, const T* __restrict__ go, const T* __restrict__ x,
                                           const T* __restrict__ mean, const T* __restrict__ rstd, double* __restrict__ partW,
                                           double* __restrict__ partB) {
  __shared__ double sw[8][33];
  __shared__ double sb[8][33];
  const int tx = threadIdx.x, ty = threadIdx.y;
  const int col = blockIdx.x * 32 + tx;
  const int r0 = blockIdx.y * rowsPerChunk;
  const int r1 = min(rows, r0 + rowsPerChunk);
  double aw = 0.0, ab = 0.0;
  if (col < n) {
    for (int r = r0 + ty; r < r1; r += 8) {
      const long long i = (long long)r * n + col;
      const double g = (double)go[i];
      const double mu = mean != nullptr ? (double)mean[r] : 0.0;
      aw += g * ((double)x[i] - mu) * (double)rstd[r];
      ab += g;
    }
  }
  sw[ty][tx] = aw;
  sb[ty][tx] = ab;
  __syncthreads();
  if (ty == 0 && col < n) {
    double sumW = 0.0, sumB = 0.0;
    for (int k = 0; k < 8; k++) {
      sumW += sw[k][tx];
      sumB += sb[k][tx];
    }
    const long long o = (long long)blockIdx.y * n + col;
    if (partW != nullptr) partW[o] = sumW;
    if (partB != nullptr) partB[o] = sumB;
  }
}

// --------------------------------------------------------------------------------- cross-entropy
// exp(d) for d <= 0: the factor that carries a running sum of exponentials over to a larger max.
// In float for float32 logits, whose exponentials are summed as floats anyway: the double exp it
// replaces (some 20 float64 instructions, at half the float32 rate on an H100 and a 64th on the
// consumer cards) ran a few times a row in every thread's fold and ten times a thread in the
// row's merge, while the SM's loads waited. exp(-inf) = 0 carries an empty sum over.
template <typename T>
__device__ __forceinline__ double rescale_factor(T d);
template <>
__device__ __forceinline__ double rescale_factor<float>(float d) {
  return (double)expf(d);
}
template <>
__device__ __forceinline__ double rescale_factor<double>(double d) {
  return exp(d);
}

// Folds x into a running (max m, sum of exp(. - m) s); -inf adds nothing; NaN makes s NaN.
template <typename T>
__device__ __forceinline__ void fold_exp(T x, T& m, double& s);

template <>
__device__ __forceinline__ void fold_exp<float>(float x, float& m, double& s) {
  if (x > m) {
    s = s * rescale_factor<float>(m - x) + 1.0;
    m = x;
  } else if (x != -INFINITY) {
    s += (double)expf(x - m);
  }
}

template <>
__device__ __forceinline__ void fold_exp<double>(double x, double& m, double& s) {
  if (x > m) {
    s = s * exp(m - x) + 1.0;
    m = x;
  } else if (x != -INFINITY) {
    s += exp(x - m);
  }
}

// Merges the running state (m2, s2) into (m, s): the sum of the smaller max is carried over to
// the larger (one exponential, one call site: two made ptxas spill the float64 forward on sm_90);
// equal maxima (two empty states, -inf, among them) need no factor.
template <typename T>
__device__ __forceinline__ void merge_exp(T& m, double& s, T m2, double s2) {
  if (m2 == m) {
    s += s2;
    return;
  }
  const bool secondLarger = m2 > m;
  const double f = rescale_factor<T>(secondLarger ? m - m2 : m2 - m);
  s = secondLarger ? s * f + s2 : s + s2 * f;
  m = secondLarger ? m2 : m;
}

// Folds a 16-byte pack of logits at once: one rescale of s for the pack's max, then V independent
// exponentials (summed in T, then added to s in double). -inf adds nothing; NaN and +inf make s
// NaN, as fold_exp does.
template <typename T, int V>
__device__ __forceinline__ void fold_pack(const Pack<T, V>& p, T& m, double& s) {
  bool nan = false;
  T mb = p.v[0];
#pragma unroll
  for (int e = 0; e < V; e++) {
    nan |= isnan(p.v[e]);
    mb = fmax(mb, p.v[e]);  // fmax drops a NaN: checked above
  }
  if (nan) {
    s = __longlong_as_double(0x7ff8000000000000LL);
    return;
  }
  if (mb == -(T)INFINITY) return;
  if (mb > m) {
    s = s * rescale_factor<T>(m - mb);
    m = mb;
  }
  T sum = 0;
#pragma unroll
  for (int e = 0; e < V; e++) sum += exp(p.v[e] - m);
  s += (double)sum;
}

template <typename T, int V>
__device__ __forceinline__ double pack_sum(const Pack<T, V>& p) {
  double sum = 0.0;
#pragma unroll
  for (int e = 0; e < V; e++) sum += (double)p.v[e];
  return sum;
}

// One thread's share of a row: its running (max, sum of exponentials) in m, s and, when SUM_LOGITS
// (label smoothing), the sum of its logits in zsum. The row (any alignment: rows of an odd
// vocabulary start anywhere) is read as up to V - 1 scalars to the first 16-byte boundary, then
// 16-byte packs, ce_unroll of them in flight per thread and step over two independent (max, sum)
// states so that the loads of a step overlap, then the scalar tail. Scalar loads with two states
// (the previous version) reached 0.54-0.60 of copy bandwidth on an H100 for 50 257-wide rows.
// float64 has the registers for two packs a step (64 a thread: two blocks of 512 per SM).
template <typename T>
__host__ __device__ constexpr int ce_unroll() { return sizeof(T) == 4 ? 4 : 2; }

template <typename T, bool SUM_LOGITS>
__device__ __forceinline__ void ce_row_share(const T* __restrict__ zr, int C, int tx, int tpr, T& m, double& s, double& zsum) {
  constexpr int V = 16 / sizeof(T);
  const int head = head_to_16_bytes(zr, C);
  const T* body = zr + head;
  const int packs = (C - head) / V;
  T mc[2] = {-(T)INFINITY, -(T)INFINITY};
  double sc[2] = {0.0, 0.0}, zc[2] = {0.0, 0.0};
  if (tx < head) {
    fold_exp<T>(zr[tx], mc[1], sc[1]);
    if (SUM_LOGITS) zc[1] += (double)zr[tx];
  }
  constexpr int U = ce_unroll<T>();
  int q = tx;
  for (; q + (U - 1) * tpr < packs; q += U * tpr) {
    Pack<T, V> p[U];
#pragma unroll
    for (int u = 0; u < U; u++) p[u] = ld<T, V>(body, q + u * tpr);
#pragma unroll
    for (int u = 0; u < U; u++) {
      fold_pack<T, V>(p[u], mc[u & 1], sc[u & 1]);
      if (SUM_LOGITS) zc[u & 1] += pack_sum<T, V>(p[u]);
    }
  }
  for (; q < packs; q += tpr) {
    const Pack<T, V> p = ld<T, V>(body, q);
    fold_pack<T, V>(p, mc[0], sc[0]);
    if (SUM_LOGITS) zc[0] += pack_sum<T, V>(p);
  }
  for (int j = head + packs * V + tx; j < C; j += tpr) {
    fold_exp<T>(zr[j], mc[1], sc[1]);
    if (SUM_LOGITS) zc[1] += (double)zr[j];
  }
  merge_exp<T>(m, s, mc[0], sc[0]);
  merge_exp<T>(m, s, mc[1], sc[1]);
  zsum += zc[0] + zc[1];
}

// Merges the (m, s, zsum) states of a row's threads into every thread of the row, in two steps:
// the row's max (float max over warp shuffles, then over the row's warps in shared memory), then
// each thread carries its sum over to that max (one factor) and the sums add up in float64, in a
// fixed order. Merging (m, s) pairs pairwise instead cost two exponentials per pair and level, ten
// a thread, in float64 (a few percent of the row's time on an H100, with the SM's loads idle).
// m is never NaN (a NaN logit makes s NaN); a row's max of +inf or -inf leaves s as it is, for
// ce_finish to turn into NaN. Every thread of the block calls it.
template <typename T>
__device__ __forceinline__ void ce_row_merge(T& m, double& s, double& zsum) {
  __shared__ T sm[32];
  __shared__ double ss[32];
  __shared__ double sz[32];
  const bool severalWarps = blockDim.x > 32;
  const int first = first_warp_of_row(), wpr = (int)(blockDim.x >> 5), lane = (int)(threadIdx.x & 31);
  T rowMax = m;
  for (int d = 16; d > 0; d >>= 1) rowMax = fmax(rowMax, shfl_xor(rowMax, d));
  if (severalWarps) {
    if (lane == 0) sm[warp_in_block()] = rowMax;
    __syncthreads();
    for (int k = 0; k < wpr; k++) rowMax = fmax(rowMax, sm[first + k]);
  }
  if (m < rowMax) s *= rescale_factor<T>(m - rowMax);
  m = rowMax;
  for (int d = 16; d > 0; d >>= 1) {
    s += shfl_xor(s, d);
    zsum += shfl_xor(zsum, d);
  }
  if (!severalWarps) return;
  if (lane == 0) {
    ss[warp_in_block()] = s;
    sz[warp_in_block()] = zsum;
  }
  __syncthreads();
  s = 0.0;
  zsum = 0.0;
  for (int k = 0; k < wpr; k++) {
    s += ss[first + k];
    zsum += sz[first + k];
  }
}

// The loss and log-sum-exp of a row from its merged state: lse = m + log s, loss = (1 - smoothing)
// (lse - z[t]) + smoothing (lse - mean z); an ignored target gives 0, an out-of-range one NaN and
// the error flag.
template <typename T>
__device__ __forceinline__ void ce_finish(long long row, int C, long long ignore, double smoothing, const T* __restrict__ zr,
                                          const long long* __restrict__ target, T m, double s, double zsum, T* __restrict__ losses,
                                          T* __restrict__ lse, int* flag) {
  // +inf or an all -inf row: NaN, as exp(x - max) on the CPU
  if (m == (T)INFINITY || m == -(T)INFINITY) s = __longlong_as_double(0x7ff8000000000000LL);
  const double l = (double)m + log(s);
  lse[row] = (T)l;
  const long long t = target[row];
  if (t == ignore) {
    losses[row] = (T)0;
    return;
  }
  if (t < 0 || t >= C) {
    frontier_report(flag, FRONTIER_ERR_CROSS_ENTROPY, row);
    losses[row] = (T)__longlong_as_double(0x7ff8000000000000LL);
    return;
  }
  double loss = (1.0 - smoothing) * (l - (double)zr[t]);
  if (smoothing > 0.0) loss += smoothing * (l - zsum / C);
  losses[row] = (T)loss;
}

template <typename T>
__device__ __forceinline__ void ce_share(const T* __restrict__ zr, int n, double smoothing, T& m, double& s, double& zsum) {
  if (smoothing > 0.0) {
    ce_row_share<T, true>(zr, n, threadIdx.x, blockDim.x, m, s, zsum);
  } else {
    ce_row_share<T, false>(zr, n, threadIdx.x, blockDim.x, m, s, zsum);
  }
}

// Forward: one pass over the row (online max and sum of exponentials, and the sum of logits for
// label smoothing). Memory traffic: logits read once (4 bytes per float32 element), two scalars
// written per row; target >= 80% of copy bandwidth at >= 256 MB.
template <typename T>
__device__ __forceinline__ void ce_fwd(int rows, int C, long long ignore, double smoothing, const T* __restrict__ z,
                                       const long long* __restrict__ target, T* __restrict__ losses, T* __restrict__ lse,
                                       int* flag) {
  const long long row = (long long)blockIdx.x * blockDim.y + threadIdx.y;
  const bool valid = row < rows;
  const T* zr = z + (valid ? row : 0) * (long long)C;
  T m = -(T)INFINITY;
  double s = 0.0, zsum = 0.0;
  if (valid) ce_share<T>(zr, C, smoothing, m, s, zsum);
  ce_row_merge<T>(m, s, zsum);
  if (valid && threadIdx.x == 0) ce_finish<T>(row, C, ignore, smoothing, zr, target, m, s, zsum, losses, lse, flag);
}

// Forward over the flattened logits in equal chunks, one per block (FusedPlan.ceStream), for rows
// too few to fill the card evenly as whole rows: 1 335 rows of a 50 257 vocabulary are 5.06 waves
// of two 512-thread blocks per SM on an H100, the sixth almost empty (0.73 of copy bandwidth at
// 256 MB against 0.83 at 1 GB). A chunk (at least one row long) covers the end of one row, whole
// rows, and the start of another: the block finishes its whole rows and writes the state of a cut
// row's piece to part (slot 0: the piece that ends a row, slot 1: the piece that starts one;
// layout [m, s, zsum][block][slot]); ce_stream_merge finishes the cut rows. Cutting rows into
// fixed segments instead cost more in per-block overhead than it won (0.43 of copy at 256 MB).
template <typename T>
__device__ __forceinline__ void ce_stream(int rows, int C, long long chunk, long long ignore, double smoothing, const T* __restrict__ z,
                                          const long long* __restrict__ target, T* __restrict__ losses, T* __restrict__ lse,
                                          double* __restrict__ part, int* flag) {
  const long long total = (long long)rows * C, slots = 2LL * gridDim.x;
  const long long begin = blockIdx.x * chunk, end = min(total, begin + chunk);
  for (long long pos = begin; pos < end;) {
    const long long row = pos / C, rowStart = row * C, rowEnd = rowStart + C;
    const long long pieceEnd = min(end, rowEnd);
    T m = -(T)INFINITY;
    double s = 0.0, zsum = 0.0;
    ce_share<T>(z + pos, (int)(pieceEnd - pos), smoothing, m, s, zsum);
    ce_row_merge<T>(m, s, zsum);
    if (threadIdx.x == 0) {
      if (pos == rowStart && pieceEnd == rowEnd) {
        ce_finish<T>(row, C, ignore, smoothing, z + rowStart, target, m, s, zsum, losses, lse, flag);
      } else {
        const long long slot = 2LL * blockIdx.x + (pos == rowStart ? 1 : 0);
        part[slot] = (double)m;
        part[slots + slot] = s;
        part[2 * slots + slot] = zsum;
      }
    }
    pos = pieceEnd;  // ce_row_merge's second barrier keeps the next piece's writes after this one's reads
  }
}

// One thread per chunk boundary b (1 <= b < blocks) that cuts a row: merges the start of the row
// (block b - 1, slot 1) and its end (block b, slot 0) and finishes the row.
template <typename T>
__device__ __forceinline__ void ce_stream_merge(int rows, int C, long long chunk, int blocks, long long ignore, double smoothing,
                                                const T* __restrict__ z, const long long* __restrict__ target,
                                                const double* __restrict__ part, T* __restrict__ losses, T* __restrict__ lse,
                                                int* flag) {
  const long long slots = 2LL * blocks;
  GRID_STRIDE_LOOP(i, blocks - 1) {
    const long long b = (long long)i + 1, pos = b * chunk, row = pos / C;
    if (pos - row * C == 0) continue;  // the boundary falls between rows: nothing cut
    T m = (T)part[2 * b - 1];
    double s = part[slots + 2 * b - 1], zsum = part[2 * slots + 2 * b - 1];
    merge_exp<T>(m, s, (T)part[2 * b], part[slots + 2 * b]);
    zsum += part[2 * slots + 2 * b];
    ce_finish<T>(row, C, ignore, smoothing, z + row * C, target, m, s, zsum, losses, lse, flag);
  }
}

template <typename T>
__device__ __forceinline__ double softmax_prob(T z, T lse);
template <>
__device__ __forceinline__ double softmax_prob<float>(float z, float lse) {
  return (double)expf((float)((double)z - (double)lse));
}
template <>
__device__ __forceinline__ double softmax_prob<double>(double z, double lse) {
  return exp(z - lse);
}

// d loss / d z[j] of a row with target t: g (softmax(z)[j] - smoothing / C - (j == t) (1 - smoothing)).
template <typename T>
__device__ __forceinline__ T ce_grad(T zv, int j, long long t, double g, T l, double uniform, double hit) {
  return (T)(g * (softmax_prob<T>(zv, l) - uniform - (j == t ? hit : 0.0)));
}

// Backward, elementwise over the (N, C) logits (the gradient's rows ldg apart): 1 read + 1 write
// per element (the per-row target, gradient and lse are cached); target >= 80% of copy bandwidth
// at >= 64 MB; 0.77 of copy on an H100 in a GPT step (every index divided by C, the row's scalars
// fetched per element). The default until ce_bwd_rows has run on a GPU.
template <typename T>
__device__ __forceinline__ void ce_bwd_flat(int total, int C, long long ldg, long long ignore, double smoothing,
                                            const T* __restrict__ gl, const T* __restrict__ z,
                                            const long long* __restrict__ target, const T* __restrict__ lse,
                                            T* __restrict__ gz, int* flag) {
  const double uniform = smoothing / C;
  GRID_STRIDE_LOOP(i, total) {
    const unsigned int row = i / (unsigned int)C;
    const int j = (int)(i - row * (unsigned int)C);
    const long long t = target[row];
    double out = 0.0;
    if (t != ignore) {
      if (t < 0 || t >= C) {
        if (j == 0) frontier_report(flag, FRONTIER_ERR_CROSS_ENTROPY, row);
        out = __longlong_as_double(0x7ff8000000000000LL);
      } else {
        const double p = softmax_prob<T>(z[i], lse[row]);
        out = (double)gl[row] * (p - uniform - (j == t ? 1.0 - smoothing : 0.0));
      }
    }
    gz[row * ldg + j] = (T)out;
  }
}

// Backward, one row per group of threads (the forward's launch shape, FusedPlan.rows; the
// gradient's rows ldg apart): the row's target, gradient and lse read once, then 1 read + 1 write
// per logit, 16-byte packs of the gradient (two in flight per thread and step) with a scalar head
// and tail; an ignored row writes zeros without reading its logits, an out-of-range target NaN
// and the error flag. Target >= 80% of copy bandwidth at >= 64 MB; not yet run on a GPU
// (-Dfrontier.cuda.ce.rowBackward=true selects it).
template <typename T>
__device__ __forceinline__ void ce_bwd_rows(int rows, int C, long long ldg, long long ignore, double smoothing,
                                            const T* __restrict__ gl, const T* __restrict__ z,
                                            const long long* __restrict__ target, const T* __restrict__ lse,
                                            T* __restrict__ gz, int* flag) {
  const long long row = (long long)blockIdx.x * blockDim.y + threadIdx.y;
  if (row >= rows) return;
  const int tx = threadIdx.x, tpr = blockDim.x;
  const T* zr = z + row * (long long)C;
  T* gr = gz + row * ldg;
  const long long t = target[row];
  if (t == ignore || t < 0 || t >= C) {
    const bool bad = t != ignore;
    if (bad && tx == 0) frontier_report(flag, FRONTIER_ERR_CROSS_ENTROPY, row);
    const T fill = bad ? (T)__longlong_as_double(0x7ff8000000000000LL) : (T)0;
    for (int j = tx; j < C; j += tpr) gr[j] = fill;
    return;
  }
  const double g = (double)gl[row], uniform = smoothing / C, hit = 1.0 - smoothing;
  const T l = lse[row];
  constexpr int V = 16 / sizeof(T);
  // Packs of the gradient from its first 16-byte boundary; the logits in packs too where their row
  // sits the same way against 16 bytes, else V scalars a pack (Fused pads the gradient's rows to 16
  // bytes; the logits' rows of an odd vocabulary start anywhere).
  const bool congruent = (((uintptr_t)zr ^ (uintptr_t)gr) & 15u) == 0;
  const int head = head_to_16_bytes(gr, C);
  for (int j = tx; j < head; j += tpr) gr[j] = ce_grad<T>(zr[j], j, t, g, l, uniform, hit);
  const int packs = (C - head) / V;
  const T* zb = zr + head;
  T* gb = gr + head;
  auto load = [&](int j) {
    if (congruent) return ld<T, V>(zb, j);
    Pack<T, V> p;
#pragma unroll
    for (int e = 0; e < V; e++) p.v[e] = zb[j * V + e];
    return p;
  };
  int q = tx;
  for (; q + tpr < packs; q += 2 * tpr) {
    Pack<T, V> p0 = load(q), p1 = load(q + tpr);
#pragma unroll
    for (int e = 0; e < V; e++) {
      p0.v[e] = ce_grad<T>(p0.v[e], head + q * V + e, t, g, l, uniform, hit);
      p1.v[e] = ce_grad<T>(p1.v[e], head + (q + tpr) * V + e, t, g, l, uniform, hit);
    }
    st<T, V>(gb, q, p0);
    st<T, V>(gb, q + tpr, p1);
  }
  if (q < packs) {
    Pack<T, V> p0 = load(q);
#pragma unroll
    for (int e = 0; e < V; e++) p0.v[e] = ce_grad<T>(p0.v[e], head + q * V + e, t, g, l, uniform, hit);
    st<T, V>(gb, q, p0);
  }
  for (int j = head + packs * V + tx; j < C; j += tpr) gr[j] = ce_grad<T>(zr[j], j, t, g, l, uniform, hit);
}

// ------------------------------------------------------------------------- activation backward
// gradIn = gradOut * f'(x) for op 0 GELU, 1 GELU_TANH, 2 SILU (io.frontier.tensor.backend.
// ActivationGrad has the formulas and the float64 reference). One pass: reads gradOut and x and
// writes gradIn (12 bytes per float32 element); target >= 80% of copy bandwidth at >= 64 MB, where
// the written-out GELU_TANH derivative makes some fifteen passes. Arithmetic in the element type.
template <typename T>
__device__ __forceinline__ T act_grad(int op, T x) {
  const T one = T(1), half = T(0.5);
  if (op == 0) {
    const T cdf = half * (one + erf(x * T(0.7071067811865476)));
    return cdf + x * T(0.3989422804014327) * exp(T(-0.5) * x * x);
  }
  if (op == 1) {
    const T c = T(0.7978845608028654), k = T(0.044715);
    const T x2 = x * x;
    const T t = tanh(c * (x + k * x2 * x));
    return half * (one + t) + half * x * (one - t * t) * c * (one + T(3) * k * x2);
  }
  const T s = one / (one + exp(-x));
  return s * (one + x * (one - s));
}

template <typename T>
__device__ __forceinline__ void act_bwd(int op, int n, int vec, const T* __restrict__ go, const T* __restrict__ x, T* __restrict__ gi) {
  constexpr int V = 16 / sizeof(T);
  const int packs = vec ? n / V : 0;
  GRID_STRIDE_LOOP(j, packs) {
    Pack<T, V> gp = ld<T, V>(go, j), xp = ld<T, V>(x, j);
#pragma unroll
    for (int e = 0; e < V; e++) gp.v[e] *= act_grad<T>(op, xp.v[e]);
    st<T, V>(gi, j, gp);
  }
  const unsigned int start = (unsigned int)packs * V;
  for (unsigned int i = start + blockIdx.x * blockDim.x + threadIdx.x; i < (unsigned int)n; i += blockDim.x * gridDim.x) {
    gi[i] = go[i] * act_grad<T>(op, x[i]);
  }
}

}  // namespace fused_impl

// Norm kernels: _v moves 16-byte packs. Cached packs per thread (FusedPlan mirrors these):
// forward 16 scalar / 8 packs, backward 8 scalar / 4 packs.
#define FUSED_NORM_KERNELS(DN, T, V)                                                                                        \
  extern "C" __global__ void __launch_bounds__(512, 1)                                                                         \
      fused_norm_fwd_##DN(int rows, int n, int cached, int centred, double eps, const T* __restrict__ x,                     \
                          const T* __restrict__ w, const T* __restrict__ b, T* __restrict__ y, T* __restrict__ mean,          \
                          T* __restrict__ rstd) {                                                                            \
    fused_impl::norm_fwd<T, 1, 16>(rows, n, cached, centred, eps, x, w, b, y, mean, rstd);                                   \
  }                                                                                                                          \
  extern "C" __global__ void __launch_bounds__(512, 1)                                                                         \
      fused_norm_fwd_##DN##_v(int rows, int n, int cached, int centred, double eps, const T* __restrict__ x,                 \
                              const T* __restrict__ w, const T* __restrict__ b, T* __restrict__ y, T* __restrict__ mean,      \
                              T* __restrict__ rstd) {                                                                        \
    fused_impl::norm_fwd<T, V, 8>(rows, n, cached, centred, eps, x, w, b, y, mean, rstd);                                    \
  }                                                                                                                          \
  extern "C" __global__ void __launch_bounds__(512, 1)                                                                         \
      fused_norm_bwd_##DN(int rows, int n, int cached, int centred, const T* __restrict__ go, const T* __restrict__ x,        \
                          const T* __restrict__ w, const T* __restrict__ mean, const T* __restrict__ rstd,                   \
                          T* __restrict__ gx) {                                                                              \
    fused_impl::norm_bwd<T, 1, 8>(rows, n, cached, centred, go, x, w, mean, rstd, gx);                                       \
  }                                                                                                                          \
  extern "C" __global__ void __launch_bounds__(512, 1)                                                                         \
      fused_norm_bwd_##DN##_v(int rows, int n, int cached, int centred, const T* __restrict__ go, const T* __restrict__ x,    \
                              const T* __restrict__ w, const T* __restrict__ mean, const T* __restrict__ rstd,               \
                              T* __restrict__ gx) {                                                                          \
    fused_impl::norm_bwd<T, V, 4>(rows, n, cached, centred, go, x, w, mean, rstd, gx);                                       \
  }                                                                                                                          \
  extern "C" __global__ void __launch_bounds__(256)                                                                          \
      fused_norm_wgrad_##DN(int rows, int n, int rowsPerChunk, const T* __restrict__ go, const T* __restrict__ x,             \
                            const T* __restrict__ mean, const T* __restrict__ rstd, double* __restrict__ partW,              \
                            double* __restrict__ partB) {                                                                    \
    fused_impl::norm_wgrad<T>(rows, n, rowsPerChunk, go, x, mean, rstd, partW, partB);                                       \
  }                                                                                                                          \
  extern "C" __global__ void fused_norm_colsum_##DN(int n, int chunks, const double* __restrict__ part, T* __restrict__ out) { \
    GRID_STRIDE_LOOP(i, n) {                                                                                                 \
      double s = 0.0;                                                                                                        \
      for (int c = 0; c < chunks; c++) s += part[(long long)c * n + i];                                                      \
      out[i] = (T)s;                                                                                                         \
    }                                                                                                                        \
  }

FUSED_NORM_KERNELS(f32, float, 4)
FUSED_NORM_KERNELS(f64, double, 2)

#define FUSED_CE_KERNELS(DN, T, FWD_BLOCKS_PER_SM)                                                                     \
  extern "C" __global__ void __launch_bounds__(512, FWD_BLOCKS_PER_SM)                                                         \
      fused_ce_fwd_##DN(int rows, int C, long long ignore, double smoothing, const T* __restrict__ z,                        \
                        const long long* __restrict__ target, T* __restrict__ losses, T* __restrict__ lse, int* flag) {      \
    fused_impl::ce_fwd<T>(rows, C, ignore, smoothing, z, target, losses, lse, flag);                                         \
  }                                                                                                                          \
  extern "C" __global__ void __launch_bounds__(512, 2)                                                                         \
      fused_ce_stream_##DN(int rows, int C, long long chunk, long long ignore, double smoothing, const T* __restrict__ z,     \
                           const long long* __restrict__ target, T* __restrict__ losses, T* __restrict__ lse,                \
                           double* __restrict__ part, int* flag) {                                                           \
    fused_impl::ce_stream<T>(rows, C, chunk, ignore, smoothing, z, target, losses, lse, part, flag);                         \
  }                                                                                                                          \
  extern "C" __global__ void fused_ce_stream_merge_##DN(int rows, int C, long long chunk, int blocks, long long ignore,      \
                                                        double smoothing, const T* __restrict__ z,                           \
                                                        const long long* __restrict__ target, const double* __restrict__ part, \
                                                        T* __restrict__ losses, T* __restrict__ lse, int* flag) {            \
    fused_impl::ce_stream_merge<T>(rows, C, chunk, blocks, ignore, smoothing, z, target, part, losses, lse, flag);           \
  }                                                                                                                          \
  /* ldg: the gradient's row stride (rows padded to 16 bytes, Fused.crossEntropyBackward) */                                  \
  extern "C" __global__ void fused_ce_bwd_##DN(int total, int C, long long ldg, long long ignore, double smoothing,           \
                                               const T* __restrict__ gl, const T* __restrict__ z,                             \
                                               const long long* __restrict__ target, const T* __restrict__ lse,               \
                                               T* __restrict__ gz, int* flag) {                                               \
    fused_impl::ce_bwd_flat<T>(total, C, ldg, ignore, smoothing, gl, z, target, lse, gz, flag);                               \
  }                                                                                                                           \
  extern "C" __global__ void fused_ce_bwd_rows_##DN(int rows, int C, long long ldg, long long ignore, double smoothing,       \
                                                    const T* __restrict__ gl, const T* __restrict__ z,                        \
                                                    const long long* __restrict__ target, const T* __restrict__ lse,          \
                                                    T* __restrict__ gz, int* flag) {                                          \
    fused_impl::ce_bwd_rows<T>(rows, C, ldg, ignore, smoothing, gl, z, target, lse, gz, flag);                                \
  }                                                                                                                           \

// fused_ce_fwd: two 512-thread blocks per SM for float32 (FusedPlan.CE_MAX_THREADS); float64
// needs more than the 64 registers a thread that leaves (ptxas spilled it on sm_90).
FUSED_CE_KERNELS(f32, float, 2)
FUSED_CE_KERNELS(f64, double, 1)

#define FUSED_ACT_BWD_KERNEL(DN, T)                                                                                  \
  extern "C" __global__ void fused_act_bwd_##DN(int op, int n, int vec, const T* __restrict__ go, const T* __restrict__ x, \
                                                T* __restrict__ gi) {                                                \
    fused_impl::act_bwd<T>(op, n, vec, go, x, gi);                                                                  \
  }
FUSED_ACT_BWD_KERNEL(f32, float)
FUSED_ACT_BWD_KERNEL(f64, double)
