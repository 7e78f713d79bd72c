// Host stand-ins for the wgmma instructions of wgmma.cuh, so that gemm_wgmma.cu runs on the CPU
// under emulation.h (emulate_gemm.cpp, HostEmulationTest). wgmma.cuh includes this file in place
// of its inline assembly when FRONTIER_HOST_EMULATION is defined.
//
// wgmma.cuh's wgmma_descriptor is used as it is. wgmma_m64n256 (and m64n64) runs at once (commit, wait and the fences are no-ops): each thread computes its
// own accumulator fragment (wgmma.cuh's comment: warp w of the warpgroup rows 16 w + g and
// 16 w + g + 8, columns 8 j + 2 t and 8 j + 2 t + 1) from the shared memory that the
// descriptors address, summing the 32 bytes of k in double and rounding once per instruction.
// The descriptor is decoded as the PTX ISA's "Matrix Descriptor Format" says: row r of the
// operand, byte b of k at start + (r / 8) * stride + (r % 8) * 128 + b, then the 128-byte
// swizzle XORs address bits 4-6 with bits 7-9. Fields other than the start address must be those
// wgmma.cuh writes (a K-major, 128-byte swizzled layout), and row 0 must begin a 1024-byte atom.
// TF32 operands are truncated to 19 bits, as the tensor core reads them.
#pragma once
#include <array>
#include <functional>
#include <vector>
#include "emulation.h"
#include "tensor_core_emulated.h"

namespace gemm_impl {

// wgmma is asynchronous: an issued multiply reads its shared-memory tiles and writes its
// accumulators any time until the wgmma_wait that retires its group. The emulation runs each
// thread's multiplies at that wait, not at issue, so a kernel that refills a stage before waiting
// for the wgmma reading it multiplies the refilled tile here, as it may on the GPU.
namespace wgmma_emulation {
struct Pending {
  std::vector<std::function<void()>> open;                 // issued since the last commit
  std::vector<std::vector<std::function<void()>>> groups;  // committed, oldest first
};
inline std::vector<Pending> pending(1024);  // by linear thread (one block runs at a time)
inline const bool registered = [] {
  emu::block_start_hooks.push_back([] {
    for (auto& p : pending) p = Pending{};
  });
  return true;
}();
}  // namespace wgmma_emulation

inline void wgmma_fence() {}
inline void wgmma_commit() {
  auto& p = wgmma_emulation::pending[emu::linear_thread()];
  p.groups.push_back(std::move(p.open));
  p.open.clear();
}
// Runs the thread's committed groups but the newest N.
template <int N>
inline void wgmma_wait() {
  auto& p = wgmma_emulation::pending[emu::linear_thread()];
  while ((int)p.groups.size() > N) {
    for (auto& f : p.groups.front()) f();
    p.groups.erase(p.groups.begin());
  }
}
inline void fence_proxy_async_shared() {}
template <int J>
inline void wgmma_fence_accumulators(float (&)[J][4]) {}

namespace wgmma_emulation {

// The shared-memory byte offset of byte b (0..31 past the start address's k position) of operand row r.
inline uint32_t operand_address(uint64_t desc, int r, int b) {
  const uint32_t start = (uint32_t)(desc & 0x3fff) << 4;
  const uint32_t leading = (uint32_t)((desc >> 16) & 0x3fff), stride = (uint32_t)((desc >> 32) & 0x3fff) << 4;
  const int baseOffset = (int)((desc >> 49) & 7), swizzle = (int)(desc >> 62);
  if (swizzle != 1 || leading != 1 || stride != 1024 || baseOffset != 0 || ((desc >> 14) & 3) || ((desc >> 30) & 3) ||
      ((desc >> 46) & 7) || ((desc >> 52) & 0x3ff))
    emu::fail("wgmma descriptor is not a K-major 128-byte-swizzled one", (long long)desc);
  if ((start & ~127u) % 1024 != 0) emu::fail("wgmma operand does not start a 1024-byte swizzle atom", start);
  if (start % 128 + b >= 128) emu::fail("wgmma k bytes cross a 128-byte row", start);
  uint32_t addr = start + (uint32_t)(r / 8) * stride + (uint32_t)(r % 8) * 128 + (uint32_t)b;
  addr ^= ((addr >> 7) & 7) << 4;
  if ((long long)addr + 4 > emu::shared_bytes) emu::fail("wgmma operand outside the dynamic shared memory", addr);
  return addr;
}

// Element k of operand row r as the tensor core reads it: TF32 (4 bytes) or BF16 (2 bytes).
template <int P>
inline float operand(uint64_t desc, int r, int k) {
  uint32_t bits = 0;
  if constexpr (P == 0) {  // gemm_impl::TF32
    std::memcpy(&bits, emu::shared_mem + operand_address(desc, r, 4 * k), 4);
    return emu::tf32_value(bits);
  } else {
    std::memcpy(&bits, emu::shared_mem + operand_address(desc, r, 2 * k), 2);
    return emu::bf16_value(bits, 0);
  }
}

}  // namespace wgmma_emulation

// m64nN for N = 8 J (the kernels use m64n256 and m64n64).
template <int P, int J>
inline void wgmma_m64n_now(float (&d)[J][4], uint64_t descA, uint64_t descB) {
  const int thread = emu::linear_thread();
  const int threads = (int)(emu::block_dim.x * emu::block_dim.y);
  if (threads % 128 != 0) emu::fail("wgmma in a block that is not whole warpgroups", threads);
  const int w = (thread % 128) / 32, l = thread % 32, g = l / 4, t = l % 4;
  constexpr int KSTEP = P == 0 ? 8 : 16;
  for (int j = 0; j < J; ++j) {
    for (int q = 0; q < 4; ++q) {
      const int row = 16 * w + g + (q >= 2 ? 8 : 0), col = 8 * j + 2 * t + (q & 1);
      double sum = d[j][q];
      for (int k = 0; k < KSTEP; ++k) {
        sum += (double)wgmma_emulation::operand<P>(descA, row, k) * wgmma_emulation::operand<P>(descB, col, k);
      }
      d[j][q] = (float)sum;
    }
  }
}

// Queues the multiply until the wgmma_wait that retires its group (the accumulators stay the
// kernel's registers: PTX leaves them undefined until then, and the kernels do not touch them).
template <int P, int J>
inline void wgmma_m64n(float (&d)[J][4], uint64_t descA, uint64_t descB) {
  wgmma_emulation::pending[emu::linear_thread()].open.push_back([&d, descA, descB] { wgmma_m64n_now<P, J>(d, descA, descB); });
}

// m64n256k8 TF32 with A from registers (wgmma.cuh's wgmma_m64n256_tf32_ra). wgmma is
// warpgroup-wide: the warp's lanes hand their A fragments over at issue (as mma.sync's stand-in
// does), each thread keeps its two rows (g and g + 8, 8 k each), and the multiply with B from
// shared memory is queued until the wait that retires it, like the descriptor form. The registers
// are read at issue: the compiler keeps a register operand of an asm statement as it was, and
// ptxas orders an in-flight wgmma's registers itself (or serializes, which build-kernels.sh fails).
inline void wgmma_m64n256_tf32_ra(float (&d)[32][4], const uint32_t (&a)[4], uint64_t descB) {
  emu::Warp& w = emu::my_warp();
  const int l = emu::lane(), s = emu::next_parity();
  std::memcpy(w.a[s][l], a, 16);
  w.barrier.wait();
  const int g = l / 4;
  std::array<float, 16> rows;  // rows[8 h + k]: row g + 8 h, element k
  for (int h = 0; h < 2; ++h)
    for (int k = 0; k < 8; ++k) rows[8 * h + k] = emu::tf32_value(w.a[s][4 * g + k % 4][h + 2 * (k >= 4)]);
  const int thread = emu::linear_thread();
  const int threads = (int)(emu::block_dim.x * emu::block_dim.y);
  if (threads % 128 != 0) emu::fail("wgmma in a block that is not whole warpgroups", threads);
  const int t = l % 4;
  wgmma_emulation::pending[thread].open.push_back([&d, rows, descB, t] {
    for (int j = 0; j < 32; ++j) {
      for (int q = 0; q < 4; ++q) {
        const int h = q >= 2 ? 1 : 0, col = 8 * j + 2 * t + (q & 1);
        double sum = d[j][q];
        for (int k = 0; k < 8; ++k) sum += (double)rows[8 * h + k] * wgmma_emulation::operand<0>(descB, col, k);
        d[j][q] = (float)sum;
      }
    }
  });
}

template <int P>
inline void wgmma_m64n256(float (&d)[32][4], uint64_t descA, uint64_t descB) {
  wgmma_m64n<P, 32>(d, descA, descB);
}
template <int P>
inline void wgmma_m64n64(float (&d)[8][4], uint64_t descA, uint64_t descB) {
  wgmma_m64n<P, 8>(d, descA, descB);
}

}  // namespace gemm_impl
