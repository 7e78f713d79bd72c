// Host stand-ins for the PTX instructions of tensor_core.cuh (cp.async, ldmatrix, mma.sync,
// cvt.rna.tf32), so that the matrix-product kernels run on the CPU under emulation.h
// (emulate_gemm.cpp, HostEmulationTest). tensor_core.cuh includes this file in place of its
// inline assembly when FRONTIER_HOST_EMULATION is defined.
//
// cp.async copies at once (the pipeline's waits are no-ops) and checks that every byte it reads
// lies inside a buffer the test registered (emu::readable) and every byte it writes inside the
// launch's dynamic shared memory: an out-of-bounds access fails the run.
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
#include "emulation.h"

namespace emu {
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

namespace gemm_impl {

inline uint32_t tf32_rna(float x) {
  uint32_t u;
  std::memcpy(&u, &x, 4);
  if ((u & 0x7f800000u) == 0x7f800000u) return (u & 0x7fffffu) ? 0x7fffffffu : u;  // NaN canonical, infinities kept
  // Round the magnitude to 10 mantissa bits, ties away from zero; a carry into the exponent is right.
  return (u + 0x1000u) & 0xffffe000u;
}

// cp.async is asynchronous: a copy lands in shared memory any time from its issue until the
// cp.async.wait_group that retires its group. The emulation takes both ends: in blocks whose
// blockIdx.x + blockIdx.y is even each thread's copies land at that wait, so a kernel that reads a
// stage before waiting for its copies reads the block's NaN garbage; in the others they land at
// issue, so a kernel that refills a stage something may still read (an in-flight wgmma, which
// the emulation runs at its wait; a warp not yet past the barrier) reads the refilled tile.
namespace cp_async_emulation {
struct Copy {
  uint32_t dst;
  const void* src;
  int bytes;
};
struct Pending {
  std::vector<Copy> open;                 // issued since the last commit
  std::vector<std::vector<Copy>> groups;  // committed, oldest first
};
inline std::vector<Pending> pending(1024);  // by linear thread (one block runs at a time)
inline void land(const Copy& c) {
  std::memcpy(emu::shared_mem + c.dst, c.src, c.bytes);
  std::memset(emu::shared_mem + c.dst + c.bytes, 0, 16 - c.bytes);
}
inline const bool registered = [] {
  emu::block_start_hooks.push_back([] {
    for (auto& p : pending) p = Pending{};
  });
  return true;
}();
}  // namespace cp_async_emulation

inline void cp_async16_zfill(uint32_t dst, const void* src, int bytes) {
  if (bytes < 0 || bytes > 16 || bytes % 4 != 0) emu::fail("cp.async src-size not in 0, 4, ..., 16", bytes);
  if (dst % 16 != 0 || (long long)dst + 16 > emu::shared_bytes) emu::fail("cp.async destination outside the dynamic shared memory", dst);
  if (reinterpret_cast<uintptr_t>(src) % 16 != 0) emu::fail("cp.async source not 16-byte aligned", (long long)reinterpret_cast<uintptr_t>(src) % 16);
  if (bytes > 0) emu::check_readable(src, bytes);
  if ((emu::block_idx.x + emu::block_idx.y) % 2 == 1) {
    cp_async_emulation::land({dst, src, bytes});
    return;
  }
  cp_async_emulation::pending[emu::linear_thread()].open.push_back({dst, src, bytes});
}
inline void cp_async16(uint32_t dst, const void* src) { cp_async16_zfill(dst, src, 16); }
inline void cp_async_commit() {
  auto& p = cp_async_emulation::pending[emu::linear_thread()];
  p.groups.push_back(std::move(p.open));
  p.open.clear();
}
// Lands the thread's committed groups but the newest N (cp.async.wait_group N).
template <int N>
inline void cp_async_wait() {
  auto& p = cp_async_emulation::pending[emu::linear_thread()];
  while ((int)p.groups.size() > N) {
    for (const auto& c : p.groups.front()) cp_async_emulation::land(c);
    p.groups.erase(p.groups.begin());
  }
}

inline void ldmatrix_x4(uint32_t* r, uint32_t addr) {
  emu::Warp& w = emu::my_warp();
  const int l = emu::lane(), s = emu::next_parity();
  if (addr % 16 != 0 || (long long)addr + 16 > emu::shared_bytes) emu::fail("ldmatrix row address outside the shared memory or unaligned", addr);
  w.addr[s][l] = addr;
  w.barrier.wait();
  for (int j = 0; j < 4; ++j) std::memcpy(&r[j], emu::shared_mem + w.addr[s][8 * j + l / 4] + 4 * (l % 4), 4);
}

template <int P>
inline void mma(float* d, const uint32_t* a, const uint32_t* b) {
  emu::Warp& w = emu::my_warp();
  const int l = emu::lane(), s = emu::next_parity();
  std::memcpy(w.a[s][l], a, 16);
  std::memcpy(w.b[s][l], b, 8);
  w.barrier.wait();
  const auto& A = w.a[s];
  const auto& B = w.b[s];
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
