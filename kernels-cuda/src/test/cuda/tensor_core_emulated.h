// Host stand-ins for the PTX instructions of tensor_core.cuh, so that the matrix-product kernels
// run on the CPU (TensorCoreEmulationTest, emulate_gemm.cpp). Compiled by g++ with
// FRONTIER_HOST_EMULATION defined; never part of the fatbin.
//
// Each CUDA thread of a block is a std::thread; __syncthreads is a barrier of the block, and the
// warp-wide instructions (ldmatrix, mma.sync) exchange their operands through per-warp slots
// behind a barrier of the warp. cp.async copies at once (the pipeline's waits are no-ops), and
// checks that every byte it reads lies inside a buffer the test registered and every byte it
// writes inside the block's dynamic shared memory: an out-of-bounds read fails the run.
//
// The semantics are those of the PTX ISA:
//   ldmatrix.m8n8.x4.b16: lanes 8j..8j+7 give the row addresses of 8x8 matrix j (8 rows of 16
//     bytes); lane l receives in register j the 32-bit word l % 4 of row l / 4 of matrix j.
//   mma.m16n8k8 TF32: a0 (g, t), a1 (g + 8, t), a2 (g, t + 4), a3 (g + 8, t + 4); b0 (k t, n g),
//     b1 (k t + 4, n g); the tensor core reads the upper 19 bits of each operand (truncation).
//   mma.m16n8k16 BF16: a0 (g, 2t..2t+1), a1 (g + 8, 2t..), a2 (g, 2t + 8..), a3 (g + 8, 2t + 8..);
//     b0 (k 2t..2t+1, n g), b1 (k 2t + 8.., n g), the lower half of a register the even k.
//   accumulators: d0, d1 at (g, 2t..2t+1), d2, d3 at (g + 8, 2t..2t+1).
// (g = lane / 4, t = lane % 4.) Products are summed in double and rounded once per instruction.
#pragma once
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <thread>
#include <utility>
#include <vector>

// The block's dynamic shared memory (FRONTIER_DYNAMIC_SHARED below points every kernel's name at it).
alignas(128) inline unsigned char emu_dynamic_shared[232448];
#define FRONTIER_DYNAMIC_SHARED(name) unsigned char* const name = emu_dynamic_shared

namespace emu {

// A reusable barrier of n threads. Waiters yield rather than sleep: the emulated block has far
// more threads than the machine has cores, and a sleeping barrier's wake-ups cost more than that.
class Barrier {
 public:
  explicit Barrier(int n) : n_(n) {}
  void wait() {
    const long gen = gen_.load(std::memory_order_acquire);
    if (count_.fetch_add(1, std::memory_order_acq_rel) + 1 == n_) {
      count_.store(0, std::memory_order_relaxed);
      gen_.store(gen + 1, std::memory_order_release);
    } else {
      while (gen_.load(std::memory_order_acquire) == gen) std::this_thread::yield();
    }
  }

 private:
  const int n_;
  std::atomic<int> count_{0};
  std::atomic<long> gen_{0};
};

constexpr int WARP = 32;
constexpr int MAX_SHARED = sizeof(emu_dynamic_shared);  // an H100's opt-in shared memory per block
inline unsigned char* const shared_mem = emu_dynamic_shared;

// Operands of one warp-wide instruction; two sets, used alternately, so that one barrier per
// instruction suffices (a lane can only overwrite set s after every lane passed the barrier of
// the next instruction, i.e. after everyone read set s).
struct WarpSlots {
  uint32_t addr[2][WARP];
  uint32_t a[2][WARP][4], b[2][WARP][2];
};

struct Warp {
  Barrier barrier{WARP};
  WarpSlots slots;
};

struct Dim {
  unsigned x = 1, y = 1, z = 1;
};

inline thread_local Dim thread_idx, block_idx;
inline thread_local int parity = 0;  // which slot set this lane's next warp instruction uses
inline Dim grid_dim, block_dim;
inline int shared_bytes = 0;  // the launch's dynamic shared memory
inline Barrier* block_barrier = nullptr;
inline std::vector<Warp>* warps = nullptr;
inline std::vector<std::pair<const unsigned char*, size_t>> readable;  // registered global buffers

[[noreturn]] inline void fail(const char* what, long long detail) {
  std::fprintf(stderr, "emulation: %s (%lld) in block (%u, %u) thread %u\n", what, detail, block_idx.x, block_idx.y,
               thread_idx.x);
  std::fflush(stderr);
  std::abort();
}

inline void check_readable(const void* p, int bytes) {
  const unsigned char* q = static_cast<const unsigned char*>(p);
  for (auto& r : readable)
    if (q >= r.first && q + bytes <= r.first + r.second) return;
  fail("global read outside every registered buffer", bytes);
}

inline Warp& my_warp() { return (*warps)[thread_idx.x / WARP]; }
inline int lane() { return thread_idx.x % WARP; }

// Runs kernel() once per thread of every block of a (gx, gy) grid of `threads` threads.
inline void launch(unsigned gx, unsigned gy, int threads, int dynamicShared, const std::function<void()>& kernel) {
  if (threads % WARP != 0) fail("block size is not a whole number of warps", threads);
  if (dynamicShared > MAX_SHARED) fail("dynamic shared memory above the limit", dynamicShared);
  grid_dim.x = gx;
  grid_dim.y = gy;
  block_dim.x = threads;
  shared_bytes = dynamicShared;
  for (unsigned by = 0; by < gy; ++by) {
    for (unsigned bx = 0; bx < gx; ++bx) {
      // Fresh shared memory holds garbage, not zeros.
      std::memset(shared_mem, 0xA5, sizeof(shared_mem));
      Barrier barrier(threads);
      std::vector<Warp> ws(threads / WARP);
      block_barrier = &barrier;
      warps = &ws;
      std::vector<std::thread> pool;
      for (int t = 0; t < threads; ++t) {
        pool.emplace_back([=, &kernel] {
          thread_idx.x = t;
          block_idx.x = bx;
          block_idx.y = by;
          parity = 0;
          kernel();
        });
      }
      for (auto& th : pool) th.join();
    }
  }
}

inline float tf32_value(uint32_t bits) {
  uint32_t r = bits & 0xffffe000u;
  float f;
  std::memcpy(&f, &r, 4);
  return f;
}
inline float bf16_value(uint32_t reg, int high) {
  uint32_t r = (high ? reg >> 16 : reg & 0xffffu) << 16;
  float f;
  std::memcpy(&f, &r, 4);
  return f;
}

}  // namespace emu

#undef __launch_bounds__
#define __launch_bounds__(...)
#define threadIdx emu::thread_idx
#define blockIdx emu::block_idx
#define gridDim emu::grid_dim
#define blockDim emu::block_dim

inline int min(int a, int b) { return a < b ? a : b; }
inline void __syncthreads() { emu::block_barrier->wait(); }
// common.cuh's error reporting; the GEMM kernels never call it.
inline int atomicCAS(int* p, int expected, int desired) {
  int old = *p;
  if (old == expected) *p = desired;
  return old;
}
inline void __threadfence() {}

inline float __uint_as_float(uint32_t x) {
  float f;
  std::memcpy(&f, &x, 4);
  return f;
}

inline uint32_t __cvta_generic_to_shared(const void* p) {
  const unsigned char* q = static_cast<const unsigned char*>(p);
  if (q < emu::shared_mem || q >= emu::shared_mem + emu::MAX_SHARED) emu::fail("not a shared-memory address", 0);
  return (uint32_t)(q - emu::shared_mem);
}

namespace gemm_impl {

inline uint32_t tf32_rna(float x) {
  uint32_t u;
  std::memcpy(&u, &x, 4);
  if ((u & 0x7f800000u) == 0x7f800000u) return (u & 0x7fffffu) ? 0x7fffffffu : u;  // NaN canonical, infinities kept
  // Round the magnitude to 10 mantissa bits, ties away from zero; a carry into the exponent is right.
  return (u + 0x1000u) & 0xffffe000u;
}

inline void cp_async16_zfill(uint32_t dst, const void* src, int bytes) {
  if (bytes < 0 || bytes > 16 || bytes % 4 != 0) emu::fail("cp.async src-size not in 0, 4, ..., 16", bytes);
  if (dst % 16 != 0 || (long long)dst + 16 > emu::shared_bytes) emu::fail("cp.async destination outside the dynamic shared memory", dst);
  if (reinterpret_cast<uintptr_t>(src) % 16 != 0) emu::fail("cp.async source not 16-byte aligned", (long long)reinterpret_cast<uintptr_t>(src) % 16);
  if (bytes > 0) emu::check_readable(src, bytes);
  std::memcpy(emu::shared_mem + dst, src, bytes);
  std::memset(emu::shared_mem + dst + bytes, 0, 16 - bytes);
}
inline void cp_async16(uint32_t dst, const void* src) { cp_async16_zfill(dst, src, 16); }
inline void cp_async_commit() {}
template <int N>
inline void cp_async_wait() {}

inline void ldmatrix_x4(uint32_t* r, uint32_t addr) {
  emu::Warp& w = emu::my_warp();
  const int l = emu::lane(), s = emu::parity;
  emu::parity ^= 1;
  if (addr % 16 != 0 || (long long)addr + 16 > emu::shared_bytes) emu::fail("ldmatrix row address outside the shared memory or unaligned", addr);
  w.slots.addr[s][l] = addr;
  w.barrier.wait();
  for (int j = 0; j < 4; ++j) std::memcpy(&r[j], emu::shared_mem + w.slots.addr[s][8 * j + l / 4] + 4 * (l % 4), 4);
}

template <int P>
inline void mma(float* d, const uint32_t* a, const uint32_t* b) {
  emu::Warp& w = emu::my_warp();
  const int l = emu::lane(), s = emu::parity;
  emu::parity ^= 1;
  std::memcpy(w.slots.a[s][l], a, 16);
  std::memcpy(w.slots.b[s][l], b, 8);
  w.barrier.wait();
  const auto& A = w.slots.a[s];
  const auto& B = w.slots.b[s];
  const int g = l / 4, t = l % 4;
  for (int q = 0; q < 4; ++q) {
    const int row = g + (q >= 2 ? 8 : 0), col = 2 * t + (q & 1);
    double sum = d[q];
    if constexpr (P == 0) {  // gemm_impl::TF32 (tensor_core.cuh includes this file after its enum)
      for (int k = 0; k < 8; ++k) {
        float x = emu::tf32_value(A[4 * (row % 8) + k % 4][(row >= 8) + 2 * (k >= 4)]);
        float y = emu::tf32_value(B[4 * col + k % 4][k >= 4]);
        sum += (double)x * y;
      }
    } else {
      for (int k = 0; k < 16; ++k) {
        float x = emu::bf16_value(A[4 * (row % 8) + (k % 8) / 2][(row >= 8) + 2 * (k >= 8)], k % 2);
        float y = emu::bf16_value(B[4 * col + (k % 8) / 2][k >= 8], k % 2);
        sum += (double)x * y;
      }
    }
    d[q] = (float)sum;
  }
}

}  // namespace gemm_impl
