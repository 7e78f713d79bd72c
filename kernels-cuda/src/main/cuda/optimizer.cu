// Fused optimizer steps, in place over flat buffers of one dtype (io.frontier.cuda.CudaFused;
// Backend#adamwStep, #adamStep, #lionStep, #sgdStep, #rmspropStep and #adagradStep give the
// updates and their CPU references): one pass each instead of the chain of five to eleven tensor
// ops (and as many kernels and temporaries) the updates take otherwise. Each kernel moves 16-byte
// packs when every buffer is aligned (vec = 1, checked in Java), the tail of n % V elements one
// by one, over a grid-stride loop.
//
// fused_adamw_list_* takes up to 24 tensors a launch (a model's parameters in a few launches
// instead of one each; 100 AdamW launches took 1.0 ms of an H100 GPT step whose bytes need 0.4).
//
// Memory traffic (float32, bytes per element): Adam and AdamW 28 (reads 4 buffers, writes 3),
// Lion 20 (reads 3, writes 2), SGD 12 without momentum (reads 2, writes 1) and 20 with it (reads
// 3, writes 2; the first step reads 2 and writes 2), RMSprop 20 to 36 (3 to 5 buffers read, 2 to
// 4 written), Adagrad 20. Target >= 80% of copy bandwidth at >= 64 MB.
#include "common.cuh"
#include "pack.cuh"

namespace optimizer_impl {

// Products, sums, quotients and square roots rounded on their own (no FMA contraction, IEEE
// division and square root), as the CPU backend's float32 and float64 arithmetic rounds them: the
// Lion, SGD, RMSprop and Adagrad steps then match the CPU bit for bit.
__device__ __forceinline__ float mul_rn(float a, float b) { return __fmul_rn(a, b); }
__device__ __forceinline__ double mul_rn(double a, double b) { return __dmul_rn(a, b); }
__device__ __forceinline__ float add_rn(float a, float b) { return __fadd_rn(a, b); }
__device__ __forceinline__ double add_rn(double a, double b) { return __dadd_rn(a, b); }
__device__ __forceinline__ float sub_rn(float a, float b) { return __fsub_rn(a, b); }
__device__ __forceinline__ double sub_rn(double a, double b) { return __dsub_rn(a, b); }
__device__ __forceinline__ float div_rn(float a, float b) { return __fdiv_rn(a, b); }
__device__ __forceinline__ double div_rn(double a, double b) { return __ddiv_rn(a, b); }
__device__ __forceinline__ float sqrt_rn(float a) { return __fsqrt_rn(a); }
__device__ __forceinline__ double sqrt_rn(double a) { return __dsqrt_rn(a); }

// ------------------------------------------------------------------------------------------ AdamW
template <typename T>
__device__ __forceinline__ void adamw_one(T& p, T g, T& m, T& v, T sign, T b1, T omb1, T b2, T omb2, T decay, T l2, T stepSize,
                                          T bc2Sqrt, T eps) {
  g *= sign;
  if (l2 != T(0)) g += l2 * p;  // Adam's weight decay (0 for AdamW, whose decay is decoupled)
  m = b1 * m + omb1 * g;
  v = b2 * v + omb2 * g * g;
  p = p * decay - stepSize * m / (sqrt(v) / bc2Sqrt + eps);
}

// torch.optim.AdamW (amsgrad off) over param, grad, exp_avg and exp_avg_sq: decay = 1 - lr wd,
// l2 = 0; or torch.optim.Adam: decay = 1, l2 = wd. Arithmetic in the element type, as torch's fused
// Adam(W) (opmath float for float32).
// The blocks [block, block + blocks) of the launch that share this tensor walk it with a
// grid-stride loop of their own (the whole grid for the one-tensor kernels).
template <typename T>
__device__ __forceinline__ void adamw(int n, int vec, T* __restrict__ p, const T* __restrict__ g, T* __restrict__ m,
                                      T* __restrict__ v, T sign, T b1, T omb1, T b2, T omb2, T decay, T l2, T stepSize,
                                      T bc2Sqrt, T eps, unsigned int block, unsigned int blocks) {
  constexpr int V = 16 / sizeof(T);
  const int packs = vec ? n / V : 0;
  for (unsigned int j = block * blockDim.x + threadIdx.x; j < (unsigned int)packs; j += blockDim.x * blocks) {
    Pack<T, V> pp = ld<T, V>(p, j), gp = ld<T, V>(g, j), mp = ld<T, V>(m, j), vp = ld<T, V>(v, j);
#pragma unroll
    for (int e = 0; e < V; e++) adamw_one<T>(pp.v[e], gp.v[e], mp.v[e], vp.v[e], sign, b1, omb1, b2, omb2, decay, l2, stepSize, bc2Sqrt, eps);
    st<T, V>(p, j, pp);
    st<T, V>(m, j, mp);
    st<T, V>(v, j, vp);
  }
  const unsigned int start = (unsigned int)packs * V;
  for (unsigned int i = start + block * blockDim.x + threadIdx.x; i < (unsigned int)n; i += blockDim.x * blocks) {
    adamw_one<T>(p[i], g[i], m[i], v[i], sign, b1, omb1, b2, omb2, decay, l2, stepSize, bc2Sqrt, eps);
  }
}

// Up to FRONTIER_ADAM_LIST tensors of one dtype in one launch (as torch's multi_tensor_apply): their
// addresses, sizes, 16-byte flags and first blocks travel by value as the kernel's argument, so no
// table is uploaded. Tensor t owns blocks [first[t], first[t + 1]); first[count] is the grid size.
// The layout must match io.frontier.cuda.AdamList: 4 arrays of pointers, then the ints.
#define FRONTIER_ADAM_LIST 24
template <typename T>
struct AdamList {
  T* p[FRONTIER_ADAM_LIST];
  const T* g[FRONTIER_ADAM_LIST];
  T* m[FRONTIER_ADAM_LIST];
  T* v[FRONTIER_ADAM_LIST];
  int n[FRONTIER_ADAM_LIST];
  int vec[FRONTIER_ADAM_LIST];
  int first[FRONTIER_ADAM_LIST + 1];
  int count;
};

template <typename T>
__device__ __forceinline__ void adamw_list(const AdamList<T>& list, T sign, T b1, T omb1, T b2, T omb2, T decay, T l2, T stepSize,
                                           T bc2Sqrt, T eps) {
  int t = 0;
  while (t + 1 < list.count && list.first[t + 1] <= (int)blockIdx.x) ++t;
  const unsigned int block = blockIdx.x - (unsigned int)list.first[t], blocks = (unsigned int)(list.first[t + 1] - list.first[t]);
  adamw<T>(list.n[t], list.vec[t], list.p[t], list.g[t], list.m[t], list.v[t], sign, b1, omb1, b2, omb2, decay, l2, stepSize, bc2Sqrt,
           eps, block, blocks);
}

// ------------------------------------------------------------------------------------------- Lion
// UnaryOp.SIGN (Java's Math.signum): 1 above zero, -1 below; zeros (of either sign) and NaN pass
// through.
template <typename T>
__device__ __forceinline__ T sign_of(T x) {
  return x > T(0) ? T(1) : x < T(0) ? T(-1) : x;
}

// p = p decay - lr sign(b1 m + c1 g); m = b2 m + c2 g, in this order of roundings (LionKernel's).
template <typename T>
__device__ __forceinline__ void lion_one(T& p, T g, T& m, T lr, T b1, T c1, T b2, T c2, T decay) {
  const T c = add_rn(mul_rn(b1, m), mul_rn(c1, g));
  p = sub_rn(mul_rn(p, decay), mul_rn(lr, sign_of(c)));
  m = add_rn(mul_rn(b2, m), mul_rn(c2, g));
}

// One Lion step (Chen et al. 2023, lion-pytorch's update) over param, grad and exp_avg.
template <typename T>
__device__ __forceinline__ void lion(int n, int vec, T* __restrict__ p, const T* __restrict__ g, T* __restrict__ m, T lr, T b1,
                                     T c1, T b2, T c2, T decay) {
  constexpr int V = 16 / sizeof(T);
  const int packs = vec ? n / V : 0;
  GRID_STRIDE_LOOP(j, packs) {
    Pack<T, V> pp = ld<T, V>(p, j), gp = ld<T, V>(g, j), mp = ld<T, V>(m, j);
#pragma unroll
    for (int e = 0; e < V; e++) lion_one<T>(pp.v[e], gp.v[e], mp.v[e], lr, b1, c1, b2, c2, decay);
    st<T, V>(p, j, pp);
    st<T, V>(m, j, mp);
  }
  const unsigned int start = (unsigned int)packs * V;
  for (unsigned int i = start + blockIdx.x * blockDim.x + threadIdx.x; i < (unsigned int)n; i += blockDim.x * gridDim.x) {
    lion_one<T>(p[i], g[i], m[i], lr, b1, c1, b2, c2, decay);
  }
}

// -------------------------------------------------------------------------------------------- SGD
// torch.optim.SGD's update of one element, in SgdKernel's order of roundings:
//   d = sign g; d += wd p (when wd != 0)
//   with momentum: buf = first ? d : buf momentum + damp1 d; d = nesterov ? d + momentum buf : buf
//   p += negLr d
// (sign = -1 maximises, damp1 = 1 - dampening, negLr = -lr).
template <typename T>
__device__ __forceinline__ void sgd_one(T& p, T g, T& buf, T sign, T wd, T momentum, T damp1, T negLr, int nesterov, int first) {
  T d = sign * g;  // exact
  if (wd != T(0)) d = add_rn(d, mul_rn(wd, p));
  if (momentum != T(0)) {
    buf = first ? d : add_rn(mul_rn(buf, momentum), mul_rn(damp1, d));
    d = nesterov ? add_rn(d, mul_rn(momentum, buf)) : buf;
  }
  p = add_rn(p, mul_rn(negLr, d));
}

// One SGD step over param, grad and, when momentum != 0, the momentum buffer (null otherwise;
// first = 1 fills it with the step's d, as torch clones d into a new buffer).
template <typename T>
__device__ __forceinline__ void sgd(int n, int vec, T* __restrict__ p, const T* __restrict__ g, T* __restrict__ buf, T sign, T wd,
                                    T momentum, T damp1, T negLr, int nesterov, int first) {
  constexpr int V = 16 / sizeof(T);
  const bool withBuffer = momentum != T(0);
  const int packs = vec ? n / V : 0;
  GRID_STRIDE_LOOP(j, packs) {
    Pack<T, V> pp = ld<T, V>(p, j), gp = ld<T, V>(g, j), bp = {};
    if (withBuffer && !first) bp = ld<T, V>(buf, j);
#pragma unroll
    for (int e = 0; e < V; e++) sgd_one<T>(pp.v[e], gp.v[e], bp.v[e], sign, wd, momentum, damp1, negLr, nesterov, first);
    st<T, V>(p, j, pp);
    if (withBuffer) st<T, V>(buf, j, bp);
  }
  const unsigned int start = (unsigned int)packs * V;
  for (unsigned int i = start + blockIdx.x * blockDim.x + threadIdx.x; i < (unsigned int)n; i += blockDim.x * gridDim.x) {
    T b = withBuffer && !first ? buf[i] : T(0);
    sgd_one<T>(p[i], g[i], b, sign, wd, momentum, damp1, negLr, nesterov, first);
    if (withBuffer) buf[i] = b;
  }
}

// ---------------------------------------------------------------------------------------- RMSprop
// torch.optim.RMSprop's update of one element, in RmspropKernel's order of roundings (sq: the
// square average; ga: the gradient average, centered only; buf: the momentum buffer, momentum > 0
// only; c = 1 - alpha, negLr = -lr):
//   d = sign g; d += wd p (when wd != 0); sq = sq alpha + (c d) d
//   centered: ga = ga alpha + c d, a = sqrt(sq - ga ga) + eps; else a = sqrt(sq) + eps
//   momentum: buf = buf momentum + d / a, p += buf negLr; else p += (d negLr) / a
template <typename T>
__device__ __forceinline__ void rmsprop_one(T& p, T g, T& sq, T& ga, T& buf, T sign, T wd, T alpha, T c, T eps, T momentum, T negLr,
                                            bool centered, bool withMomentum) {
  T d = sign * g;
  if (wd != T(0)) d = add_rn(d, mul_rn(wd, p));
  sq = add_rn(mul_rn(sq, alpha), mul_rn(mul_rn(c, d), d));
  T a;
  if (centered) {
    ga = add_rn(mul_rn(ga, alpha), mul_rn(c, d));
    a = sqrt_rn(sub_rn(sq, mul_rn(ga, ga)));
  } else {
    a = sqrt_rn(sq);
  }
  a = add_rn(a, eps);
  if (withMomentum) {
    buf = add_rn(mul_rn(buf, momentum), div_rn(d, a));
    p = add_rn(p, mul_rn(buf, negLr));
  } else {
    p = add_rn(p, div_rn(mul_rn(d, negLr), a));
  }
}

// One RMSprop step over param, grad, the square average and, when used, the gradient average
// (centered) and the momentum buffer (null otherwise).
template <typename T>
__device__ __forceinline__ void rmsprop(int n, int vec, T* __restrict__ p, const T* __restrict__ g, T* __restrict__ sq,
                                        T* __restrict__ ga, T* __restrict__ buf, T sign, T wd, T alpha, T c, T eps, T momentum,
                                        T negLr) {
  constexpr int V = 16 / sizeof(T);
  const bool centered = ga != nullptr, withMomentum = buf != nullptr;
  const int packs = vec ? n / V : 0;
  GRID_STRIDE_LOOP(j, packs) {
    Pack<T, V> pp = ld<T, V>(p, j), gp = ld<T, V>(g, j), sp = ld<T, V>(sq, j), ap = {}, bp = {};
    if (centered) ap = ld<T, V>(ga, j);
    if (withMomentum) bp = ld<T, V>(buf, j);
#pragma unroll
    for (int e = 0; e < V; e++) {
      rmsprop_one<T>(pp.v[e], gp.v[e], sp.v[e], ap.v[e], bp.v[e], sign, wd, alpha, c, eps, momentum, negLr, centered, withMomentum);
    }
    st<T, V>(p, j, pp);
    st<T, V>(sq, j, sp);
    if (centered) st<T, V>(ga, j, ap);
    if (withMomentum) st<T, V>(buf, j, bp);
  }
  const unsigned int start = (unsigned int)packs * V;
  for (unsigned int i = start + blockIdx.x * blockDim.x + threadIdx.x; i < (unsigned int)n; i += blockDim.x * gridDim.x) {
    T a = centered ? ga[i] : T(0), b = withMomentum ? buf[i] : T(0);
    rmsprop_one<T>(p[i], g[i], sq[i], a, b, sign, wd, alpha, c, eps, momentum, negLr, centered, withMomentum);
    if (centered) ga[i] = a;
    if (withMomentum) buf[i] = b;
  }
}

// ---------------------------------------------------------------------------------------- Adagrad
// torch.optim.Adagrad's update of one element (dense gradients), in AdagradKernel's order of
// roundings (negClr = -lr / (1 + (step - 1) lrDecay)):
//   d = sign g; d += wd p (when wd != 0); sum = sum + d d; p += (d negClr) / (sqrt(sum) + eps)
template <typename T>
__device__ __forceinline__ void adagrad_one(T& p, T g, T& sum, T sign, T wd, T eps, T negClr) {
  T d = sign * g;
  if (wd != T(0)) d = add_rn(d, mul_rn(wd, p));
  sum = add_rn(sum, mul_rn(d, d));
  p = add_rn(p, div_rn(mul_rn(d, negClr), add_rn(sqrt_rn(sum), eps)));
}

template <typename T>
__device__ __forceinline__ void adagrad(int n, int vec, T* __restrict__ p, const T* __restrict__ g, T* __restrict__ sum, T sign, T wd,
                                        T eps, T negClr) {
  constexpr int V = 16 / sizeof(T);
  const int packs = vec ? n / V : 0;
  GRID_STRIDE_LOOP(j, packs) {
    Pack<T, V> pp = ld<T, V>(p, j), gp = ld<T, V>(g, j), sp = ld<T, V>(sum, j);
#pragma unroll
    for (int e = 0; e < V; e++) adagrad_one<T>(pp.v[e], gp.v[e], sp.v[e], sign, wd, eps, negClr);
    st<T, V>(p, j, pp);
    st<T, V>(sum, j, sp);
  }
  const unsigned int start = (unsigned int)packs * V;
  for (unsigned int i = start + blockIdx.x * blockDim.x + threadIdx.x; i < (unsigned int)n; i += blockDim.x * gridDim.x) {
    adagrad_one<T>(p[i], g[i], sum[i], sign, wd, eps, negClr);
  }
}

}  // namespace optimizer_impl

#define OPTIMIZER_KERNELS(DN, T)                                                                                              \
  extern "C" __global__ void fused_adamw_##DN(int n, int vec, T* __restrict__ p, const T* __restrict__ g, T* __restrict__ m,   \
                                              T* __restrict__ v, T sign, T b1, T omb1, T b2, T omb2, T decay, T l2,            \
                                              T stepSize, T bc2Sqrt, T eps) {                                                 \
    optimizer_impl::adamw<T>(n, vec, p, g, m, v, sign, b1, omb1, b2, omb2, decay, l2, stepSize, bc2Sqrt, eps, blockIdx.x,       \
                             gridDim.x);                                                                                      \
  }                                                                                                                           \
  extern "C" __global__ void fused_adamw_list_##DN(optimizer_impl::AdamList<T> list, T sign, T b1, T omb1, T b2, T omb2,       \
                                                   T decay, T l2, T stepSize, T bc2Sqrt, T eps) {                             \
    optimizer_impl::adamw_list<T>(list, sign, b1, omb1, b2, omb2, decay, l2, stepSize, bc2Sqrt, eps);                          \
  }                                                                                                                           \
  extern "C" __global__ void fused_lion_##DN(int n, int vec, T* __restrict__ p, const T* __restrict__ g, T* __restrict__ m,    \
                                             T lr, T b1, T c1, T b2, T c2, T decay) {                                         \
    optimizer_impl::lion<T>(n, vec, p, g, m, lr, b1, c1, b2, c2, decay);                                                       \
  }                                                                                                                           \
  extern "C" __global__ void fused_sgd_##DN(int n, int vec, T* __restrict__ p, const T* __restrict__ g, T* __restrict__ buf,   \
                                            T sign, T wd, T momentum, T damp1, T negLr, int nesterov, int first) {            \
    optimizer_impl::sgd<T>(n, vec, p, g, buf, sign, wd, momentum, damp1, negLr, nesterov, first);                              \
  }                                                                                                                           \
  extern "C" __global__ void fused_rmsprop_##DN(int n, int vec, T* __restrict__ p, const T* __restrict__ g, T* __restrict__ sq, \
                                                T* __restrict__ ga, T* __restrict__ buf, T sign, T wd, T alpha, T c, T eps,   \
                                                T momentum, T negLr) {                                                        \
    optimizer_impl::rmsprop<T>(n, vec, p, g, sq, ga, buf, sign, wd, alpha, c, eps, momentum, negLr);                            \
  }                                                                                                                           \
  extern "C" __global__ void fused_adagrad_##DN(int n, int vec, T* __restrict__ p, const T* __restrict__ g, T* __restrict__ sum, \
                                                T sign, T wd, T eps, T negClr) {                                              \
    optimizer_impl::adagrad<T>(n, vec, p, g, sum, sign, wd, eps, negClr);                                                     \
  }

OPTIMIZER_KERNELS(f32, float)
OPTIMIZER_KERNELS(f64, double)
