// The sm_90a warpgroup matrix-multiply instructions (wgmma) of gemm_wgmma.cu, and the
// shared-memory matrix descriptors they read their operands through. Only gemm_wgmma.cu includes
// this file: it is compiled for sm_90a alone (build-kernels.sh), since wgmma exists on no other
// architecture. A host build with FRONTIER_HOST_EMULATION takes the stand-ins of
// kernels-cuda/src/test/cuda/wgmma_emulated.h instead.
//
// PTX ISA, "Asynchronous Warpgroup Level Matrix Multiply-Accumulate Instructions":
//   wgmma.mma_async.m64nNkK: the 128 threads of a warpgroup (4 consecutive warps, the first a
//     multiple of 4) compute D (64 x N, FP32, in registers) += A (64 x K) * B (K x N), A and B read
//     from shared memory through 64-bit matrix descriptors. K is 32 bytes of operand: 8 TF32 or 16
//     BF16 values.
//   Accumulator fragment of m64nN: warp w of the warpgroup holds rows 16 w .. 16 w + 15; for each
//     8 columns j, registers d[j][0], d[j][1] are (row g, columns 8 j + 2 t, + 1) and d[j][2],
//     d[j][3] the same columns at row g + 8 (g = lane / 4, t = lane % 4): mma.m16n8's fragment,
//     repeated N / 8 times, so tensor_core.cuh's init_accumulators / store_accumulators apply.
//   Both operands "K-major" (k-contiguous rows: A as m rows, B as n rows), 128-byte swizzle: rows
//     of 128 bytes, 8 rows (1024 bytes, 1024-byte aligned) form a swizzle atom in which 16-byte
//     chunk c of row r lies at chunk c ^ r, exactly tensor_core.cuh's swz within a 1024-aligned tile.
//   Descriptor: bits 0-13 start address >> 4, 16-29 leading-dimension byte offset >> 4 (unused for
//     swizzled K-major layouts; 1 by convention), 32-45 stride byte offset >> 4 (from one 8-row
//     atom to the next: 1024), 49-51 base offset (0: atoms 1024-aligned), 62-63 swizzle mode
//     (1 = 128-byte). The k step inside a 128-byte row is a start address 32 bytes further: the
//     hardware applies the XOR to the full address, so the logical chunk 2 ks + h lands where
//     swz put it.
#pragma once
#include <stdint.h>

#include "tensor_core.cuh"

namespace gemm_impl {
// The descriptor of a K-major, 128-byte-swizzled operand whose first row starts at shared address
// addr (the host emulation decodes this same encoding).
__device__ __forceinline__ uint64_t wgmma_descriptor(uint32_t addr) {
  return (uint64_t)((addr & 0x3ffff) >> 4) | ((uint64_t)1 << 16) | ((uint64_t)(1024 >> 4) << 32) | ((uint64_t)1 << 62);
}
}  // namespace gemm_impl

#ifdef FRONTIER_HOST_EMULATION
#include "wgmma_emulated.h"
#else
namespace gemm_impl {

// Orders this thread's earlier register and shared-memory accesses before the next wgmma reads them.
__device__ __forceinline__ void wgmma_fence() { asm volatile("wgmma.fence.sync.aligned;" ::: "memory"); }
// Closes the group of wgmma issued since the last commit.
__device__ __forceinline__ void wgmma_commit() { asm volatile("wgmma.commit_group.sync.aligned;" ::: "memory"); }
// Waits until at most N committed groups are still running.
template <int N>
__device__ __forceinline__ void wgmma_wait() {
  asm volatile("wgmma.wait_group.sync.aligned %0;" ::"n"(N) : "memory");
}
// Makes this thread's generic-proxy writes to shared memory (cp.async, st.shared) visible to the
// async proxy that wgmma reads through; a barrier after it extends that to the block.
__device__ __forceinline__ void fence_proxy_async_shared() { asm volatile("fence.proxy.async.shared::cta;" ::: "memory"); }

// Keeps the compiler from moving accesses of the accumulators across a wgmma_wait: volatile asm
// statements keep their order, and each register now depends on one.
template <int J>
__device__ __forceinline__ void wgmma_fence_accumulators(float (&d)[J][4]) {
#pragma unroll
  for (int j = 0; j < J; ++j)
#pragma unroll
    for (int q = 0; q < 4; ++q) asm volatile("" : "+f"(d[j][q])::"memory");
}

#define FRONTIER_WG_D4(j) "+f"(d[j][0]), "+f"(d[j][1]), "+f"(d[j][2]), "+f"(d[j][3])
// The 128 accumulator operands of an m64n256 wgmma: the register list and the asm outputs d[32][4].
#define FRONTIER_WG_REGS \
  "%0,%1,%2,%3,%4,%5,%6,%7,%8,%9,%10,%11,%12,%13,%14,%15," \
  "%16,%17,%18,%19,%20,%21,%22,%23,%24,%25,%26,%27,%28,%29,%30,%31," \
  "%32,%33,%34,%35,%36,%37,%38,%39,%40,%41,%42,%43,%44,%45,%46,%47," \
  "%48,%49,%50,%51,%52,%53,%54,%55,%56,%57,%58,%59,%60,%61,%62,%63," \
  "%64,%65,%66,%67,%68,%69,%70,%71,%72,%73,%74,%75,%76,%77,%78,%79," \
  "%80,%81,%82,%83,%84,%85,%86,%87,%88,%89,%90,%91,%92,%93,%94,%95," \
  "%96,%97,%98,%99,%100,%101,%102,%103,%104,%105,%106,%107,%108,%109,%110,%111," \
  "%112,%113,%114,%115,%116,%117,%118,%119,%120,%121,%122,%123,%124,%125,%126,%127"
#define FRONTIER_WG_OUTPUTS \
  FRONTIER_WG_D4(0), FRONTIER_WG_D4(1), FRONTIER_WG_D4(2), FRONTIER_WG_D4(3), FRONTIER_WG_D4(4), FRONTIER_WG_D4(5), FRONTIER_WG_D4(6), FRONTIER_WG_D4(7), \
  FRONTIER_WG_D4(8), FRONTIER_WG_D4(9), FRONTIER_WG_D4(10), FRONTIER_WG_D4(11), FRONTIER_WG_D4(12), FRONTIER_WG_D4(13), FRONTIER_WG_D4(14), FRONTIER_WG_D4(15), \
  FRONTIER_WG_D4(16), FRONTIER_WG_D4(17), FRONTIER_WG_D4(18), FRONTIER_WG_D4(19), FRONTIER_WG_D4(20), FRONTIER_WG_D4(21), FRONTIER_WG_D4(22), FRONTIER_WG_D4(23), \
  FRONTIER_WG_D4(24), FRONTIER_WG_D4(25), FRONTIER_WG_D4(26), FRONTIER_WG_D4(27), FRONTIER_WG_D4(28), FRONTIER_WG_D4(29), FRONTIER_WG_D4(30), FRONTIER_WG_D4(31)

// d (64 x 256 over the warpgroup) += A (64 rows x 32 bytes of k) * B (256 rows x 32 bytes of k),
// both K-major: m64n256k8 TF32 or m64n256k16 BF16, FP32 accumulation (scale-d = 1, no negation,
// no transposition).
template <int P>
__device__ __forceinline__ void wgmma_m64n256(float (&d)[32][4], uint64_t descA, uint64_t descB) {
  if constexpr (P == TF32) {
    asm volatile(
        "{\n.reg .pred p;\nsetp.ne.b32 p, %130, 0;\n"
        "wgmma.mma_async.sync.aligned.m64n256k8.f32.tf32.tf32 {" FRONTIER_WG_REGS "}, %128, %129, p, 1, 1;\n}\n"
        : FRONTIER_WG_OUTPUTS
        : "l"(descA), "l"(descB), "r"(1));
  } else {
    asm volatile(
        "{\n.reg .pred p;\nsetp.ne.b32 p, %130, 0;\n"
        "wgmma.mma_async.sync.aligned.m64n256k16.f32.bf16.bf16 {" FRONTIER_WG_REGS "}, %128, %129, p, 1, 1, 0, 0;\n}\n"
        : FRONTIER_WG_OUTPUTS
        : "l"(descA), "l"(descB), "r"(1));
  }
}

// d (64 x 256) += A (64 x 8, TF32, from registers) * B (256 rows x 32 bytes of k, K-major, through
// descB): m64n256k8 with A as a register fragment (gemm_wg_tf32_ra). Warp w of the warpgroup holds
// rows 16 w .. 16 w + 15 of A: a[0] = (g, t), a[1] = (g + 8, t), a[2] = (g, t + 4), a[3] =
// (g + 8, t + 4) (g = lane / 4, t = lane % 4), mma.m16n8k8's A fragment (PTX ISA, "Register
// Fragments and Shared Memory Matrix Layouts", wgmma .tf32 matrix A). TF32 allows no transposed
// shared-memory operand, so this is how an MN-major A reaches the tensor core without a pack.
__device__ __forceinline__ void wgmma_m64n256_tf32_ra(float (&d)[32][4], const uint32_t (&a)[4], uint64_t descB) {
  asm volatile(
      "{\n.reg .pred p;\nsetp.ne.b32 p, %133, 0;\n"
      "wgmma.mma_async.sync.aligned.m64n256k8.f32.tf32.tf32 {" FRONTIER_WG_REGS "}, {%128, %129, %130, %131}, %132, p, 1, 1;\n}\n"
      : FRONTIER_WG_OUTPUTS
      : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "l"(descB), "r"(1));
}

// The 32 accumulator operands of an m64n64 wgmma: d[8][4].
#define FRONTIER_WG_REGS64 \
  "%0,%1,%2,%3,%4,%5,%6,%7,%8,%9,%10,%11,%12,%13,%14,%15," \
  "%16,%17,%18,%19,%20,%21,%22,%23,%24,%25,%26,%27,%28,%29,%30,%31"
#define FRONTIER_WG_OUTPUTS64 \
  FRONTIER_WG_D4(0), FRONTIER_WG_D4(1), FRONTIER_WG_D4(2), FRONTIER_WG_D4(3), FRONTIER_WG_D4(4), FRONTIER_WG_D4(5), FRONTIER_WG_D4(6), FRONTIER_WG_D4(7)

// d (64 x 64 over the warpgroup) += A (64 rows x 32 bytes of k) * B (64 rows x 32 bytes of k): the
// narrow tile's m64n64k8 TF32 or m64n64k16 BF16, otherwise as wgmma_m64n256.
template <int P>
__device__ __forceinline__ void wgmma_m64n64(float (&d)[8][4], uint64_t descA, uint64_t descB) {
  if constexpr (P == TF32) {
    asm volatile(
        "{\n.reg .pred p;\nsetp.ne.b32 p, %34, 0;\n"
        "wgmma.mma_async.sync.aligned.m64n64k8.f32.tf32.tf32 {" FRONTIER_WG_REGS64 "}, %32, %33, p, 1, 1;\n}\n"
        : FRONTIER_WG_OUTPUTS64
        : "l"(descA), "l"(descB), "r"(1));
  } else {
    asm volatile(
        "{\n.reg .pred p;\nsetp.ne.b32 p, %34, 0;\n"
        "wgmma.mma_async.sync.aligned.m64n64k16.f32.bf16.bf16 {" FRONTIER_WG_REGS64 "}, %32, %33, p, 1, 1, 0, 0;\n}\n"
        : FRONTIER_WG_OUTPUTS64
        : "l"(descA), "l"(descB), "r"(1));
  }
}
#undef FRONTIER_WG_OUTPUTS64
#undef FRONTIER_WG_REGS64
#undef FRONTIER_WG_OUTPUTS
#undef FRONTIER_WG_REGS
#undef FRONTIER_WG_D4

}  // namespace gemm_impl
#endif

namespace gemm_impl {
// The m64nN wgmma of a tile J * 8 columns wide (J = 32: m64n256, J = 8: m64n64).
template <int P, int J>
__device__ __forceinline__ void wgmma_m64(float (&d)[J][4], uint64_t descA, uint64_t descB) {
  static_assert(J == 32 || J == 8, "m64n256 or m64n64");
  if constexpr (J == 32) {
    wgmma_m64n256<P>(d, descA, descB);
  } else {
    wgmma_m64n64<P>(d, descA, descB);
  }
}
}  // namespace gemm_impl
