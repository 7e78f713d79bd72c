// Runs CUDA kernels on the CPU, so that their indexing is tested where no GPU is: a host build
// (g++, FRONTIER_HOST_EMULATION defined) includes this, then a kernel source, and launches the
// kernel's extern "C" function through emu::launch. Never part of the fatbin. Used by the
// emulate_*.cpp drivers (HostEmulationTest).
//
// Each CUDA thread of a block is a fiber (ucontext) on the calling OS thread; a scheduler resumes
// them in passes, warps at different pseudo-random speeds, until every fiber has returned; blocks
// run one after another. A fiber runs until it waits at a barrier, so scheduling
// is deterministic and costs no system threads (a std::thread per CUDA thread spent most of the
// run yielding). __syncthreads is a barrier of the block;
// warp-wide operations (shuffles here, ldmatrix and mma.sync in tensor_core_emulated.h) exchange
// values through per-warp slots behind a barrier of the warp.
// __shared__ variables become function statics, which all threads of the running block share
// (and, unlike real shared memory, start as zeros); dynamic shared memory (FRONTIER_DYNAMIC_SHARED)
// is one static array, filled with 0xFF bytes before each block (NaN as a float or double, -1 as an
// integer), so that arithmetic on an element nothing wrote shows in the result. Only what the emulated kernels use
// is here: add a stand-in when a new driver needs one.
//
// What this cannot show: timing, interleavings other than the scheduler's one (fibers run ahead
// until they block and fall behind at random, which exposes most missing barriers, not every
// race), and anything the real instructions do differently from these stand-ins.
#pragma once
#include <cuda_runtime.h>

#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include <ucontext.h>

// The block's dynamic shared memory (FRONTIER_DYNAMIC_SHARED points every kernel's name at it).
alignas(128) inline unsigned char emu_dynamic_shared[232448];
#define FRONTIER_DYNAMIC_SHARED(name) unsigned char* const name = emu_dynamic_shared

// A vector access the GPU would fault on (misaligned address) stops the emulation with its address.
#define FRONTIER_VECTOR_ACCESS(p, bytes)                                                                          \
  do {                                                                                                            \
    if (reinterpret_cast<uintptr_t>(p) % (bytes) != 0) {                                                          \
      std::fprintf(stderr, "misaligned %d-byte access at %p (%s:%d)\n", (int)(bytes), (const void*)(p), __FILE__, \
                   __LINE__);                                                                                     \
      std::abort();                                                                                               \
    }                                                                                                             \
  } while (0)

namespace emu {

class Barrier;
// Gives the CPU back to the block's scheduler (launch) until `barrier` has passed generation gen.
inline void wait_fiber(const Barrier* barrier, long gen);

// A reusable barrier of n fibers: the last to arrive opens it, the others wait until it is open.
class Barrier {
 public:
  explicit Barrier(int n) : n_(n) {}
  void wait() {
    const long gen = gen_;
    if (++count_ == n_) {
      count_ = 0;
      ++gen_;
    } else {
      wait_fiber(this, gen);
    }
  }
  long generation() const { return gen_; }

 private:
  const int n_;
  int count_ = 0;
  long gen_ = 0;
};

constexpr int WARP = 32;
constexpr int MAX_SHARED = sizeof(emu_dynamic_shared);  // an H100's opt-in shared memory per block
inline unsigned char* const shared_mem = emu_dynamic_shared;

// Operands of one warp-wide operation; two sets, used alternately, so that one barrier per
// operation suffices (a lane can only overwrite set s after every lane passed the barrier of the
// next operation, i.e. after everyone read set s).
struct Warp {
  Barrier barrier{WARP};
  uint64_t value[2][WARP];                       // shuffles
  uint32_t addr[2][WARP];                        // ldmatrix row addresses
  uint32_t a[2][WARP][4], b[2][WARP][2];         // mma operands
};

struct Dim {
  unsigned x = 0, y = 0, z = 0;
};

// The running fiber's CUDA thread and block index and warp-slot parity (the scheduler swaps them in).
inline Dim thread_idx, block_idx;
inline int parity = 0;  // which slot set this lane's next warp-wide operation uses
inline Dim grid_dim, block_dim;
inline int shared_bytes = 0;  // the launch's dynamic shared memory
inline Barrier* block_barrier = nullptr;
inline std::vector<Warp>* warps = nullptr;
inline std::vector<std::pair<const unsigned char*, size_t>> readable;  // registered global buffers (cp.async checks)

[[noreturn]] inline void fail(const char* what, long long detail) {
  std::fprintf(stderr, "emulation: %s (%lld) in block (%u, %u) thread (%u, %u)\n", what, detail, block_idx.x, block_idx.y,
               thread_idx.x, thread_idx.y);
  std::fflush(stderr);
  std::abort();
}

inline void check_readable(const void* p, int bytes) {
  const unsigned char* q = static_cast<const unsigned char*>(p);
  for (auto& r : readable)
    if (q >= r.first && q + bytes <= r.first + r.second) return;
  fail("global read outside every registered buffer", bytes);
}

inline int linear_thread() { return (int)(thread_idx.y * block_dim.x + thread_idx.x); }
inline Warp& my_warp() { return (*warps)[linear_thread() / WARP]; }
inline int lane() { return linear_thread() % WARP; }

// The slot set for this lane's next warp-wide operation.
inline int next_parity() {
  const int s = parity;
  parity ^= 1;
  return s;
}

// One CUDA thread of the running block.
struct Fiber {
  ucontext_t context;
  Dim idx;
  int parity = 0;
  bool done = false;
  const Barrier* waiting = nullptr;  // resumed only once this barrier is past generation waitGen
  long waitGen = 0;
};
constexpr size_t FIBER_STACK = 256 * 1024;  // the kernels' locals plus fail()'s fprintf
inline ucontext_t scheduler;
inline std::vector<Fiber>* fibers = nullptr;
inline int running = -1;
inline const std::function<void()>* running_kernel = nullptr;

inline void wait_fiber(const Barrier* barrier, long gen) {
  if (running < 0) fail("a barrier outside a launch", 0);
  Fiber& f = (*fibers)[running];
  f.waiting = barrier;
  f.waitGen = gen;
  swapcontext(&f.context, &scheduler);
  f.waiting = nullptr;
}

inline void fiber_main() {
  (*running_kernel)();
  (*fibers)[running].done = true;  // returning resumes the scheduler (uc_link)
}

// Called at the start of every block: the emulated asynchronous units (cp.async, wgmma) drop what a
// previous block left queued, as a new block's shared memory owes nothing to the last one's.
inline std::vector<void (*)()> block_start_hooks;

// Runs kernel() once per thread of every block of a (gx, gy) grid of (bx, by) threads.
inline void launch(unsigned gx, unsigned gy, unsigned bx, unsigned by, int dynamicShared, const std::function<void()>& kernel) {
  const int threads = (int)(bx * by);
  if (threads % WARP != 0) fail("block size is not a whole number of warps", threads);
  if (threads > 1024) fail("more than 1024 threads per block", threads);
  if (dynamicShared > MAX_SHARED) fail("dynamic shared memory above the limit", dynamicShared);
  grid_dim = {gx, gy, 1};
  block_dim = {bx, by, 1};
  shared_bytes = dynamicShared;
  running_kernel = &kernel;
  std::unique_ptr<char[]> stacks(new char[FIBER_STACK * threads]);  // untouched pages cost nothing
  for (unsigned y = 0; y < gy; ++y) {
    for (unsigned x = 0; x < gx; ++x) {
      std::memset(shared_mem, 0xFF, sizeof(emu_dynamic_shared));  // fresh shared memory holds garbage: NaN as float or double
      for (auto hook : block_start_hooks) hook();
      Barrier barrier(threads);
      std::vector<Warp> ws(threads / WARP);
      block_barrier = &barrier;
      warps = &ws;
      block_idx = {x, y, 0};
      std::vector<Fiber> fs(threads);
      fibers = &fs;
      for (int t = 0; t < threads; ++t) {
        fs[t].idx = {t % bx, t / bx, 0};
        getcontext(&fs[t].context);
        fs[t].context.uc_stack.ss_sp = stacks.get() + FIBER_STACK * t;
        fs[t].context.uc_stack.ss_size = FIBER_STACK;
        fs[t].context.uc_link = &scheduler;
        makecontext(&fs[t].context, fiber_main, 0);
      }
      // Passes over the fibers; each fiber runs until it returns or waits at a barrier that has
      // not opened. Warps run at different speeds, as on a GPU: each pass runs a warp's fibers
      // with its probability (1, 1/2, 1/8 or 1/32, drawn per warp and block from a fixed
      // pseudo-random sequence, so every run is the same). A missing barrier then lets a fast warp overwrite
      // what a slow one has not read yet.
      bool runWarp = true;
      uint64_t state = 0x9E3779B97F4A7C15ull ^ ((uint64_t)y << 32 | x);
      auto next = [&state] {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
      };
      std::vector<int> slowness(threads / WARP);  // run in a pass when next() % (1 << slowness) == 0
      for (int& s : slowness) s = (int)(next() % 4) == 3 ? 3 : (int)(next() % 2);
      // In every other block one warp lags far behind (1/32 of the passes), half the time warp 0,
      // which often reads what the others wrote (a row's first warp merging their states): the
      // others then run through a whole phase before it reads, as a missing barrier allows.
      if (slowness.size() > 1 && next() % 2 == 0) slowness[next() % 2 == 0 ? 0 : next() % slowness.size()] = 5;
      for (int left = threads; left > 0;) {
        for (int t = 0; t < threads; ++t) {
          if (t % WARP == 0) runWarp = next() % (1u << slowness[t / WARP]) == 0;
          if (!runWarp || fs[t].done || (fs[t].waiting != nullptr && fs[t].waiting->generation() == fs[t].waitGen)) continue;
          running = t;
          thread_idx = fs[t].idx;
          parity = fs[t].parity;
          swapcontext(&scheduler, &fs[t].context);
          fs[t].parity = parity;
          if (fs[t].done) --left;
        }
      }
      running = -1;
      fibers = nullptr;
    }
  }
  running_kernel = nullptr;
}
inline void launch(unsigned gx, unsigned gy, int threads, int dynamicShared, const std::function<void()>& kernel) {
  launch(gx, gy, (unsigned)threads, 1, dynamicShared, kernel);
}

// Lane l gets the value of lane source(l); every lane of the warp must call it.
template <typename T, typename Source>
T exchange(T v, Source source) {
  static_assert(sizeof(T) <= 8, "a shuffle moves at most 8 bytes");
  Warp& w = my_warp();
  const int l = lane(), s = next_parity();
  uint64_t bits = 0;
  std::memcpy(&bits, &v, sizeof(T));
  w.value[s][l] = bits;
  w.barrier.wait();
  T out;
  const uint64_t got = w.value[s][source(l)];
  std::memcpy(&out, &got, sizeof(T));
  return out;
}

}  // namespace emu

#define threadIdx emu::thread_idx
#define blockIdx emu::block_idx
#define gridDim emu::grid_dim
#define blockDim emu::block_dim
#undef __launch_bounds__
#define __launch_bounds__(...)
#undef __shared__
#define __shared__ static

using std::signbit;
using std::isfinite;
using std::isinf;
using std::isnan;
inline int min(int a, int b) { return a < b ? a : b; }
inline int max(int a, int b) { return a > b ? a : b; }
inline void __syncthreads() { emu::block_barrier->wait(); }
inline void __syncwarp(unsigned mask = 0xffffffffu) {
  if (mask != 0xffffffffu) emu::fail("__syncwarp with a partial mask is not emulated", mask);
  emu::my_warp().barrier.wait();
}
inline void __threadfence() { std::atomic_thread_fence(std::memory_order_seq_cst); }

template <typename T>
T __shfl_xor_sync(unsigned mask, T v, int laneMask) {
  if (mask != 0xffffffffu) emu::fail("a shuffle with a partial mask is not emulated", mask);
  return emu::exchange(v, [=](int l) { return (l ^ laneMask) & 31; });
}

// __shfl_down_sync / __shfl_up_sync: lanes past the warp's end (or before its start) keep their own value.
template <typename T>
T __shfl_down_sync(unsigned mask, T v, int d) {
  if (mask != 0xffffffffu) emu::fail("a shuffle with a partial mask is not emulated", mask);
  return emu::exchange(v, [=](int l) { return l + d < 32 ? l + d : l; });
}
template <typename T>
T __shfl_up_sync(unsigned mask, T v, int d) {
  if (mask != 0xffffffffu) emu::fail("a shuffle with a partial mask is not emulated", mask);
  return emu::exchange(v, [=](int l) { return l - d >= 0 ? l - d : l; });
}
template <typename T>
T __shfl_sync(unsigned mask, T v, int source) {
  if (mask != 0xffffffffu) emu::fail("a shuffle with a partial mask is not emulated", mask);
  return emu::exchange(v, [=](int) { return source & 31; });
}
inline unsigned atomicAdd(unsigned* p, unsigned v) { return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST); }
inline unsigned long long atomicAdd(unsigned long long* p, unsigned long long v) { return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST); }
// Fibers of one OS thread never interleave inside a call: a plain read-modify-write is atomic here.
inline float atomicAdd(float* p, float v) {
  const float old = *p;
  *p = old + v;
  return old;
}
inline double atomicAdd(double* p, double v) {
  const double old = *p;
  *p = old + v;
  return old;
}
inline double __ldcg(const double* p) { return *p; }

inline int atomicCAS(int* p, int expected, int desired) {
  __atomic_compare_exchange_n(p, &expected, desired, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
  return expected;
}


inline unsigned int __float_as_uint(float x) {
  unsigned int u;
  std::memcpy(&u, &x, 4);
  return u;
}
inline float __uint_as_float(uint32_t x) {
  float f;
  std::memcpy(&f, &x, 4);
  return f;
}
inline unsigned int __umulhi(unsigned int a, unsigned int b) { return (unsigned int)(((unsigned long long)a * b) >> 32); }
inline int __double2hiint(double x) {
  unsigned long long u;
  std::memcpy(&u, &x, 8);
  return (int)(u >> 32);
}
inline double __hiloint2double(int hi, int lo) {
  const unsigned long long u = ((unsigned long long)(unsigned int)hi << 32) | (unsigned int)lo;
  double d;
  std::memcpy(&d, &u, 8);
  return d;
}
// Rounded double operations that CUDA never contracts into an FMA (x86-64 g++ does not contract either).
inline double __dadd_rn(double a, double b) { return a + b; }
inline double __dsub_rn(double a, double b) { return a - b; }
inline double __dmul_rn(double a, double b) { return a * b; }
inline float __fadd_rn(float a, float b) { return a + b; }
inline float __fsub_rn(float a, float b) { return a - b; }
inline float __fmul_rn(float a, float b) { return a * b; }
inline float __fdiv_rn(float a, float b) { return a / b; }
inline double __ddiv_rn(double a, double b) { return a / b; }
inline float __fsqrt_rn(float a) { return std::sqrt(a); }
inline double __dsqrt_rn(double a) { return std::sqrt(a); }
inline long long __double_as_longlong(double x) {
  long long u;
  std::memcpy(&u, &x, 8);
  return u;
}
inline unsigned long long __umul64hi(unsigned long long a, unsigned long long b) {
  return (unsigned long long)(((unsigned __int128)a * b) >> 64);
}
inline int __clzll(long long x) { return x == 0 ? 64 : __builtin_clzll((unsigned long long)x); }
inline double __longlong_as_double(long long x) {
  double d;
  std::memcpy(&d, &x, 8);
  return d;
}

inline uint32_t __cvta_generic_to_shared(const void* p) {
  const unsigned char* q = static_cast<const unsigned char*>(p);
  if (q < emu::shared_mem || q >= emu::shared_mem + emu::MAX_SHARED) emu::fail("not a shared-memory address", 0);
  return (uint32_t)(q - emu::shared_mem);
}
