// Runs the matrix-product kernels of gemm.cu, gemm_direct.cu and gemm_wgmma.cu on the CPU
// (emulation.h, with the tensor-core stand-ins of tensor_core_emulated.h and wgmma_emulated.h) and
// checks them against a float64 product of the same TF32 / BF16-rounded (or exact FP32) operands:
// the SIMT and register-staged mma kernels, the pack kernels with the packed product (mma.sync
// and wgmma), and the direct kernels. Built and run by
// HostEmulationTest (g++ -std=c++17 -pthread); prints one line per case and exits non-zero on a
// failure.
//
// What this proves without a GPU: every index of the kernels (tile loads, bounds and zero fill,
// swizzles, fragment reads, epilogue, batch loop) is right, given the PTX semantics the stand-ins
// implement. The packed kernels (gemm_tc_*), which have run correctly on an H100 and an H200, are
// checked the same way, so a wrong stand-in would show there too; the wgmma stand-in has no such
// witness yet (its descriptor, swizzle and fragment semantics are read from the PTX ISA and have
// not met hardware: MatmulParityTest's wgmma test is that check). What it cannot prove: timing,
// races between the cp.async pipeline's stages, and anything the hardware does differently.
#define FRONTIER_HOST_EMULATION
#include <cuda_runtime.h>
#include <cuda_bf16.h>

#include <cmath>
#include <random>
#include <string>

#include "tensor_core_emulated.h"
#include "emulate_report.h"

#include "gemm.cu"
#include "gemm_direct.cu"
#include "gemm_wgmma.cu"

namespace {

using emu_report::report;
using emu_report::sci;

// gemm.cu's kernels (GEMM_PARAMS, with two-level batches) and gemm_direct.cu's (up to the bias)
using Kernel = void (*)(int, int, int, int, const float*, int, long long, const float*, int, long long, float*, int,
                        long long, int, int, int, const float*, int, long long, long long, long long);
using DirectKernel = void (*)(int, int, int, int, const float*, int, long long, const float*, int, long long, float*, int,
                              long long, int, int, int, const float*);

constexpr uint32_t POISON = 0x7fbadbadu;  // a NaN no kernel produces
// 3xTF32's bound on the relative (Frobenius) error against the exact float32 operands: each
// product is within about 3 * 2^-22 of exact (2^-20 with high parts truncated in place), and the
// float32 sums add their own ~1e-7 (the cases here measure 0.7 to 2.7e-7, the SIMT FP32 kernel 0.7
// to 3.1e-7 on the same cases; at most 1.6 times it, beside the exact 1 x 1 x 1 product). One
// TF32 product errs by ~2.5e-4 against the exact operands, and so does a pack that drops the low
// parts or puts B's in A's segment (a_lo b_lo for a cross term).
constexpr double X3_BOUND = 5e-7;

float bits_float(uint32_t u) {
  float f;
  std::memcpy(&f, &u, 4);
  return f;
}
uint32_t float_bits(float f) {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  return u;
}

// The value the tensor core multiplies: RNA-rounded (or truncated) TF32, or RN BF16.
enum class Rounding { NONE, TF32_RNA, TF32_TRUNCATE, BF16_RN };
double operand_value(float x, Rounding r) {
  switch (r) {
    case Rounding::NONE: return x;
    case Rounding::TF32_RNA: return bits_float(gemm_impl::tf32_rna(x) & 0xffffe000u);
    case Rounding::TF32_TRUNCATE: return bits_float(float_bits(x) & 0xffffe000u);
    case Rounding::BF16_RN: return __bfloat162float(__float2bfloat16_rn(x));
  }
  return 0;
}

// One operand of a batched product as the kernels read it: element (r, c) of matrix z at
// data[z * batchStride + r * ld + c] (row-major) or [z * batchStride + c * ld + r] (transposed).
struct Operand {
  int rows, cols, ld;
  long long batchStride;
  bool transposed;
  std::vector<float> data;
  int inner = 1;              // two batch dims: matrix z at (z / inner) * batchStride + (z % inner) * batchStride2
  long long batchStride2 = 0;

  long long base(int z) const { return (long long)(z / inner) * batchStride + (long long)(z % inner) * batchStride2; }

  double at(int z, int r, int c, Rounding rounding) const {
    long long i = base(z) + (transposed ? (long long)c * ld + r : (long long)r * ld + c);
    return operand_value(data[i], rounding);
  }
};

// A batch of rows x cols operands: dense matrices one after another, or (heads > 1) heads
// interleaved in each row as attention heads split from one tensor, (batch / heads, rows, heads,
// cols) with 16-byte aligned heads.
Operand random_operand(std::mt19937& rng, int batch, int rows, int cols, bool transposed, int ldPad, bool broadcast, int heads,
                       bool unaligned) {
  const int inner = transposed ? rows : cols, outer = transposed ? cols : rows;
  // the direct kernels need 16-byte aligned rows; unaligned cases keep rows of `inner` floats
  const int aligned = unaligned ? inner : (inner + 3) / 4 * 4;
  Operand o{rows, cols, (heads > 1 ? heads * aligned : aligned) + ldPad, 0, transposed, {}};
  long long one = (long long)outer * o.ld;
  if (heads > 1) {
    o.inner = heads;
    o.batchStride2 = aligned;
  }
  const int matrices = heads > 1 ? batch / heads : batch;
  o.batchStride = broadcast ? 0 : one;
  o.data.resize((size_t)(broadcast ? 1 : matrices) * one + 4);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  for (float& x : o.data) x = u(rng);
  return o;
}

// Where C's elements go: C[z][i][j] at base(z) + i * ldc + j, with the same two-level batch as Operand.
struct Output {
  int ldc;
  long long strideC, strideC2;
  int inner;
  size_t size;
  long long base(int z) const { return (long long)(z / inner) * strideC + (long long)(z % inner) * strideC2; }
};

Output output_layout(int batch, int m, int n, int pad, int heads) {
  if (heads > 1) {
    const int ldc = heads * n + pad;
    return Output{ldc, (long long)m * ldc, n, heads, (size_t)(batch / heads) * m * ldc};
  }
  const int ldc = n + pad;
  return Output{ldc, (long long)m * ldc, 0, 1, (size_t)batch * m * ldc};
}

// Whether C takes 8-byte (float2) stores, as GemmPlan.operand decides for the tensor-core
// kernels: every row start even (ld, batch strides; the buffers themselves are aligned).
int c_pairs(const Output& out) { return out.ldc % 2 == 0 && out.strideC % 2 == 0 && out.strideC2 % 2 == 0; }

// Checks C (batch x M x N at ldc, poisoned elsewhere) against the float64 product; returns the
// relative Frobenius error, or -1 (after reporting) when an element was unwritten or a padding
// element was written.
double compare(const std::string& name, const std::vector<float>& c, const Output& out, int batch, int m, int n, const Operand& a,
               const Operand& b, const float* bias, Rounding roundingA, Rounding roundingB) {
  double num = 0, den = 0;
  std::vector<char> mine(c.size(), 0);
  for (int z = 0; z < batch; ++z) {
    for (int i = 0; i < m; ++i) {
      for (int j = 0; j < n; ++j) {
        const long long at = out.base(z) + (long long)i * out.ldc + j;
        mine[at] = 1;
        uint32_t got = float_bits(c[at]);
        if (got == POISON) { report(name, false, "element (" + std::to_string(z) + ", " + std::to_string(i) + ", " + std::to_string(j) + ") unwritten"); return -1; }
        double ref = bias == nullptr ? 0 : bias[j];
        for (int k = 0; k < a.cols; ++k) ref += a.at(z, i, k, roundingA) * b.at(z, k, j, roundingB);
        // a NaN or infinity (a tile read from shared memory no copy filled: NaN bytes) fails here,
        // where the error it would make is NaN, which no "error < bound" check catches
        if (!std::isfinite(bits_float(got))) {
          report(name, false, "element (" + std::to_string(z) + ", " + std::to_string(i) + ", " + std::to_string(j) + ") is " +
                                  std::to_string(bits_float(got)));
          return -1;
        }
        double d = bits_float(got) - ref;
        num += d * d;
        den += ref * ref;
      }
    }
  }
  for (size_t i = 0; i < c.size(); ++i) {
    if (!mine[i] && float_bits(c[i]) != POISON) { report(name, false, "element " + std::to_string(i) + " outside C written"); return -1; }
  }
  return den == 0 ? std::sqrt(num) : std::sqrt(num / den);
}
double compare(const std::string& name, const std::vector<float>& c, const Output& out, int batch, int m, int n, const Operand& a,
               const Operand& b, const float* bias, Rounding rounding) {
  return compare(name, c, out, batch, m, n, a, b, bias, rounding, rounding);
}

struct Case {
  int batch, m, n, k;
  bool ta, tb;
  int ldPad;        // extra elements per operand row
  bool broadcastA;  // A's batch stride 0
  unsigned gridY;   // blocks along the batch (fewer than batch: the kernels loop)
  bool bias;        // a bias added to every row of C (a linear layer)
  int heads;        // > 1: two batch dims, heads interleaved in rows (all operands and C); not for the direct kernels
  bool unaligned = false;  // operand rows not 16-byte aligned: scalar loads; not for the direct kernels or in-place wgmma
};

std::string describe(const Case& c) {
  return "batch " + std::to_string(c.batch) + " " + std::to_string(c.m) + "x" + std::to_string(c.n) + "x" +
         std::to_string(c.k) + (c.ta ? " A^T" : "") + (c.tb ? " B^T" : "") + " ldPad " + std::to_string(c.ldPad) +
         (c.broadcastA ? " A broadcast" : "") + " gridY " + std::to_string(c.gridY) + (c.bias ? " bias" : "") +
         (c.heads > 1 ? " heads " + std::to_string(c.heads) : "");
}

DirectKernel direct_kernel(bool round, bool ta, bool tb) {
  static const DirectKernel rounded[4] = {gemm_tcd_tf32_nn, gemm_tcd_tf32_nt, gemm_tcd_tf32_tn, gemm_tcd_tf32_tt};
  static const DirectKernel truncated[4] = {gemm_tcdz_tf32_nn, gemm_tcdz_tf32_nt, gemm_tcdz_tf32_tn, gemm_tcdz_tf32_tt};
  return (round ? rounded : truncated)[(ta ? 2 : 0) + (tb ? 1 : 0)];
}

// Runs gemm_tcd(z)_tf32 on one case; returns C (poisoned padding) for the bitwise comparison.
std::vector<float> run_direct(const Case& cs, bool round, const Operand& a, const Operand& b, const float* bias, const Output& out) {
  std::vector<float> c(out.size, bits_float(POISON));
  emu::readable = {{reinterpret_cast<const unsigned char*>(a.data.data()), a.data.size() * 4},
                   {reinterpret_cast<const unsigned char*>(b.data.data()), b.data.size() * 4}};
  unsigned tiles = (unsigned)(((cs.m + 127) / 128) * ((cs.n + 255) / 256));
  DirectKernel kernel = direct_kernel(round, cs.ta, cs.tb);
  int vecC = c_pairs(out);
  emu::launch(tiles, cs.gridY, gemm_direct::THREADS, gemm_direct::SMEM, [&] {
    kernel(cs.m, cs.n, cs.k, cs.batch, a.data.data(), a.ld, a.batchStride, b.data.data(), b.ld, b.batchStride, c.data(), out.ldc,
           out.strideC, 1, 1, vecC, bias);
  });
  return c;
}

// The packed path as CudaMatmul runs it: gemm_pack_* packs the operands into k-contiguous,
// zero-padded TF32 / BF16 rows (A' rows m, B' rows n), then gemm_tc_tf32 / gemm_tc_bf16, or
// (wgmma) gemm_wg_tf32 / gemm_wg_bf16 of gemm_wgmma.cu, which also reads a K-major float32
// operand in place, unpacked (inPlaceA: A row-major; inPlaceB: B transposed; TF32 only).
struct PackedRun {
  bool bf16, wgmma, inPlaceA, inPlaceB;
  bool narrow = false;  // wgmma: the 128 x 64 tile (gemm_wg_*_n64), B' rows padded to 64
  bool x3 = false;      // 3xTF32 on mma.sync: gemm_pack_tf32x3's rows of three segments, the TF32 product over all of them
  bool registerA = false;  // wgmma TF32: A stored transposed, read in place through registers (gemm_wg_tf32_ra)
  unsigned blocks = 0;     // wgmma: a persistent grid of this many blocks looping over the tiles (0: a block per tile)
};

std::vector<float> run_packed(const Case& cs, const PackedRun& run, const Operand& a, const Operand& b, const float* bias,
                              const Output& out) {
  const bool bf16 = run.bf16;
  const int elem = bf16 ? 2 : 4, perRow = 128 / elem;
  const int tileN = run.narrow ? 64 : 256;
  const int kp = (cs.k + perRow - 1) / perRow * perRow, mp = (cs.m + 127) / 128 * 128, np = (cs.n + tileN - 1) / tileN * tileN;
  const int rowBytes = kp * elem * (run.x3 ? 3 : 1);
  const int countA = a.batchStride == 0 && a.batchStride2 == 0 ? 1 : cs.batch;
  // Packed buffers start poisoned: the pack must write every element, padding included.
  std::vector<uint32_t> pa((size_t)countA * mp * rowBytes / 4, POISON), pb((size_t)cs.batch * np * rowBytes / 4, POISON);
  auto pack = [&](const Operand& o, int rows, int rowsPadded, long long rs, long long ks, int count, std::vector<uint32_t>& dst,
                  int loSegment) {
    emu::launch(rowsPadded / gemm_impl::PACK_R, kp / gemm_impl::PACK_K, gemm_impl::PACK_THREADS, 0, [&] {
      // gridDim.z is 1 here; the kernel loops over z from blockIdx.z = 0 in steps of 1
      if (run.x3) {
        gemm_pack_tf32x3(rows, cs.k, rowsPadded, kp, count, o.data.data(), rs, ks, o.batchStride, ks == 1, dst.data(), o.inner,
                         o.batchStride2, 3, loSegment, 0);
      } else if (bf16) {
        gemm_pack_bf16(rows, cs.k, rowsPadded, kp, count, o.data.data(), rs, ks, o.batchStride, ks == 1,
                       reinterpret_cast<unsigned short*>(dst.data()), o.inner, o.batchStride2);
      } else {
        gemm_pack_tf32(rows, cs.k, rowsPadded, kp, count, o.data.data(), rs, ks, o.batchStride, ks == 1, dst.data(), o.inner,
                       o.batchStride2);
      }
    });
  };
  // A (m, k): row-major at m * ld + k, transposed at k * ld + m; B (k, n) packed as B^T rows n.
  // (3xTF32: A' rows [hi | hi | lo], B' rows [hi | lo | hi])
  if (!run.inPlaceA && !run.registerA) pack(a, cs.m, mp, a.transposed ? 1 : a.ld, a.transposed ? a.ld : 1, countA, pa, 2);
  if (!run.inPlaceB) pack(b, cs.n, np, b.transposed ? b.ld : 1, b.transposed ? 1 : b.ld, cs.batch, pb, 1);
  std::vector<float> c(out.size, bits_float(POISON));
  emu::readable = {{reinterpret_cast<const unsigned char*>(pa.data()), pa.size() * 4},
                   {reinterpret_cast<const unsigned char*>(pb.data()), pb.size() * 4},
                   {reinterpret_cast<const unsigned char*>(a.data.data()), a.data.size() * 4},
                   {reinterpret_cast<const unsigned char*>(b.data.data()), b.data.size() * 4}};
  long long strideA = countA == 1 ? 0 : (long long)mp * rowBytes, strideB = (long long)np * rowBytes;
  int vecC = c_pairs(out);
  if (!run.wgmma) {
    emu::launch((unsigned)((mp / 128) * (np / 256)), cs.gridY, gemm_impl::TC2_THREADS, gemm_impl::TC2_SMEM, [&] {
      auto kernel = bf16 ? gemm_tc_bf16 : gemm_tc_tf32;
      kernel(cs.m, cs.n, rowBytes / 128, cs.batch, reinterpret_cast<const char*>(pa.data()), strideA,
             reinterpret_cast<const char*>(pb.data()), strideB, rowBytes, c.data(), out.ldc, out.strideC, vecC, bias, out.inner,
             out.strideC2);
    });
    return c;
  }
  // wgmma: rows and matrices in bytes; packed matrix bz at bz * its size, i.e. (outer, inner) strides (size * inner, size)
  struct Rows {
    const char* p;
    long long ld, stride, stride2;
  };
  auto packed = [&](const std::vector<uint32_t>& buf, long long size) {
    return Rows{reinterpret_cast<const char*>(buf.data()), rowBytes, size * out.inner, size};
  };
  auto inPlace = [](const Operand& o) {
    return Rows{reinterpret_cast<const char*>(o.data.data()), 4LL * o.ld, 4 * o.batchStride, 4 * o.batchStride2};
  };
  const Rows ra = run.inPlaceA || run.registerA ? inPlace(a) : packed(pa, strideA), rb = run.inPlaceB ? inPlace(b) : packed(pb, strideB);
  if (run.registerA) {
    const unsigned raTiles = (unsigned)(((cs.m + 127) / 128) * ((cs.n + 255) / 256));
    emu::launch(run.blocks > 0 ? std::min(run.blocks, raTiles) : raTiles, cs.gridY, gemm_wgmma::THREADS, gemm_wgmma::SMEM, [&] {
      gemm_wg_tf32_ra(cs.m, cs.n, 4 * cs.k, cs.batch, ra.p, ra.ld, ra.stride, ra.stride2, rb.p, rb.ld, rb.stride, rb.stride2, c.data(),
                      out.ldc, out.strideC, vecC, bias, out.inner, out.strideC2);
    });
    return c;
  }
  const unsigned tiles = (unsigned)(((cs.m + 127) / 128) * ((cs.n + tileN - 1) / tileN));
  emu::launch(run.blocks > 0 ? std::min(run.blocks, tiles) : tiles, cs.gridY, gemm_wgmma::THREADS,
              run.narrow ? gemm_wgmma::SMEM_NARROW : gemm_wgmma::SMEM, [&] {
    auto kernel = run.narrow ? (bf16 ? gemm_wg_bf16_n64 : gemm_wg_tf32_n64) : (bf16 ? gemm_wg_bf16 : gemm_wg_tf32);
    // bytes of k: the packed rows' (zero-padded), or K's float32 bytes when an operand is read in place
    const int kBytes = run.inPlaceA || run.inPlaceB ? 4 * cs.k : rowBytes;
    kernel(cs.m, cs.n, kBytes, cs.batch, ra.p, ra.ld, ra.stride, ra.stride2, rb.p, rb.ld, rb.stride, rb.stride2, c.data(),
           out.ldc, out.strideC, vecC, bias, out.inner, out.strideC2);
  });
  return c;
}

// 3xTF32 on gemm_wg_tf32x3 as CudaMatmul runs it: an operand read in place (K-major, aligned) gives
// its high parts straight from the float32 tensor (the tensor core truncates them) and its low
// parts from a one-segment pack with truncated hi; any other operand is packed as [hi | lo] (two
// segments, hi rounded to nearest), and the kernel reads hi and lo from the same rows at an
// offset of one segment.
// registerA: gemm_wg_tf32x3_ra (A row-major) or _ra_t (A transposed), which read A in place as
// float32 and split it in registers: A is not packed at all.
std::vector<float> run_split_wgmma(const Case& cs, bool inPlaceA, bool inPlaceB, const Operand& a, const Operand& b, const float* bias,
                                   const Output& out, bool passes, bool registerA = false, unsigned blocks = 0) {
  const int kp = (cs.k + 31) / 32 * 32, mp = (cs.m + 127) / 128 * 128, np = (cs.n + 255) / 256 * 256;
  const int segA = inPlaceA ? 1 : 2, segB = inPlaceB ? 1 : 2;
  const long long rowA = 4LL * kp * segA, rowB = 4LL * kp * segB;
  const int countA = a.batchStride == 0 && a.batchStride2 == 0 ? 1 : cs.batch;
  std::vector<uint32_t> pa((size_t)countA * mp * rowA / 4, POISON), pb((size_t)cs.batch * np * rowB / 4, POISON);
  auto pack = [&](const Operand& o, int rows, int rowsPadded, long long rs, long long ks, int count, int segments, bool truncate,
                  std::vector<uint32_t>& dst) {
    emu::launch(rowsPadded / gemm_impl::PACK_R, kp / gemm_impl::PACK_K, gemm_impl::PACK_THREADS, 0, [&] {
      gemm_pack_tf32x3(rows, cs.k, rowsPadded, kp, count, o.data.data(), rs, ks, o.batchStride, ks == 1, dst.data(), o.inner,
                       o.batchStride2, segments, segments - 1, truncate ? 1 : 0);
    });
  };
  if (!registerA) pack(a, cs.m, mp, a.transposed ? 1 : a.ld, a.transposed ? a.ld : 1, countA, segA, inPlaceA, pa);
  pack(b, cs.n, np, b.transposed ? b.ld : 1, b.transposed ? 1 : b.ld, cs.batch, segB, inPlaceB, pb);
  std::vector<float> c(out.size, bits_float(POISON));
  emu::readable = {{reinterpret_cast<const unsigned char*>(pa.data()), pa.size() * 4},
                   {reinterpret_cast<const unsigned char*>(pb.data()), pb.size() * 4},
                   {reinterpret_cast<const unsigned char*>(a.data.data()), a.data.size() * 4},
                   {reinterpret_cast<const unsigned char*>(b.data.data()), b.data.size() * 4}};
  using gemm_wgmma::Rows;
  // packed matrix z at z times its size: (outer, inner) strides (size * inner, size); hi in segment 0, lo in the last
  auto packed = [&](const std::vector<uint32_t>& buf, long long row, long long size, int segment) {
    return Rows{reinterpret_cast<const char*>(buf.data()) + segment * 4LL * kp, row, size * out.inner, size};
  };
  auto inPlace = [](const Operand& o) {
    return Rows{reinterpret_cast<const char*>(o.data.data()), 4LL * o.ld, 4 * o.batchStride, 4 * o.batchStride2};
  };
  const long long sizeA = countA == 1 ? 0 : mp * rowA, sizeB = np * rowB;
  const Rows hiA = inPlaceA ? inPlace(a) : packed(pa, rowA, sizeA, 0), loA = packed(pa, rowA, sizeA, segA - 1);
  const Rows hiB = inPlaceB ? inPlace(b) : packed(pb, rowB, sizeB, 0), loB = packed(pb, rowB, sizeB, segB - 1);
  int vecC = c_pairs(out);
  if (registerA) {
    const Rows ra = inPlace(a);
    const unsigned tiles = (unsigned)((mp / 128) * (np / 256));  // blocks > 0: a persistent grid looping over them
    emu::launch(blocks > 0 ? std::min(blocks, tiles) : tiles, cs.gridY, gemm_wgmma::THREADS, gemm_wgmma::SMEM, [&] {
      (a.transposed ? gemm_wg_tf32x3_ra_t : gemm_wg_tf32x3_ra)(cs.m, cs.n, 4 * cs.k, cs.batch, ra.p, ra.ld, ra.stride, ra.stride2, hiB.p,
                                                             hiB.ld, hiB.stride, hiB.stride2, loB.p, loB.ld, loB.stride, loB.stride2,
                                                             c.data(), out.ldc, out.strideC, vecC, bias, out.inner, out.strideC2);
    });
    return c;
  }
  emu::launch((unsigned)((mp / 128) * (np / 256)), cs.gridY, gemm_wgmma::THREADS, gemm_wgmma::SMEM, [&] {
    // gemm_wg_tf32x3: the three products of a k tile from one stage; _passes: three passes over k
    (passes ? gemm_wg_tf32x3_passes : gemm_wg_tf32x3)(cs.m, cs.n, 4 * cs.k, cs.batch, hiA.p, hiA.ld, hiA.stride, hiA.stride2, loA.p, loA.ld, loA.stride, loA.stride2, hiB.p,
                   hiB.ld, hiB.stride, hiB.stride2, loB.p, loB.ld, loB.stride, loB.stride2, c.data(), out.ldc, out.strideC, vecC, bias,
                   out.inner, out.strideC2);
  });
  return c;
}

// The register-staged kernels of gemm.cu, which take every layout directly: the SIMT FP32 kernels
// (128 x 128 tiles of 256 threads, 64 x 64 of 64) and the TF32 / BF16 mma.sync kernels (128 x 128).
struct Staged {
  const char* name;
  Kernel kernels[4];  // nn, nt, tn, tt
  int tile, threads;
  Rounding rounding;
};
const Staged STAGED[] = {
    {"sgemm128", {gemm_sgemm128_nn, gemm_sgemm128_nt, gemm_sgemm128_tn, gemm_sgemm128_tt}, 128, 256, Rounding::NONE},
    {"sgemm64", {gemm_sgemm64_nn, gemm_sgemm64_nt, gemm_sgemm64_tn, gemm_sgemm64_tt}, 64, 64, Rounding::NONE},
    {"tf32 staged", {gemm_tf32_nn, gemm_tf32_nt, gemm_tf32_tn, gemm_tf32_tt}, 128, 256, Rounding::TF32_RNA},
    {"bf16 staged", {gemm_bf16_nn, gemm_bf16_nt, gemm_bf16_tn, gemm_bf16_tt}, 128, 256, Rounding::BF16_RN},
};

std::vector<float> run_staged(const Case& cs, const Staged& k, const Operand& a, const Operand& b, const float* bias, const Output& out) {
  std::vector<float> c(out.size, bits_float(POISON));
  unsigned tiles = (unsigned)(((cs.m + k.tile - 1) / k.tile) * ((cs.n + k.tile - 1) / k.tile));
  Kernel kernel = k.kernels[(cs.ta ? 2 : 0) + (cs.tb ? 1 : 0)];
  // 16-byte loads for A and B, and (C) 16-byte stores in the SIMT kernels, 8-byte in the mma ones
  const int width = k.rounding == Rounding::NONE ? 4 : 2;
  int vecC = out.ldc % width == 0 && out.strideC2 % width == 0;
  const int vecIn = cs.unaligned ? 0 : 1;  // GemmPlan's vec flags: 16-byte operand loads
  emu::launch(tiles, cs.gridY, k.threads, 0, [&] {
    kernel(cs.m, cs.n, cs.k, cs.batch, a.data.data(), a.ld, a.batchStride, b.data.data(), b.ld, b.batchStride, c.data(), out.ldc,
           out.strideC, vecIn, vecIn, vecC, bias, out.inner, a.batchStride2, b.batchStride2, out.strideC2);
  });
  return c;
}

}  // namespace

int main() {
  std::mt19937 rng(20261127);
  const Case cases[] = {
      {1, 1, 1, 1, false, false, 0, false, 1, false, 1},
      {1, 130, 260, 70, false, false, 0, false, 1, true, 1},   // partial tiles in m and n, a k tail of 6
      {1, 130, 260, 70, false, true, 0, false, 1, false, 1},
      {1, 130, 260, 70, true, false, 0, false, 1, true, 1},
      {1, 130, 260, 70, true, true, 0, false, 1, false, 1},
      {2, 129, 257, 33, false, false, 4, false, 2, false, 1},  // padded rows, k tail of 1
      {2, 129, 257, 33, true, true, 8, false, 2, true, 1},
      {3, 40, 300, 64, false, true, 4, true, 2, true, 1},      // A broadcast, 3 batches over 2 grid rows
      {3, 40, 300, 64, true, false, 0, true, 1, false, 1},
      {1, 7, 5, 0, false, false, 0, false, 1, true, 1},        // K = 0: C is the bias
      {6, 70, 36, 20, false, true, 0, false, 4, false, 3},     // 2 x 3 heads: q k^T of split heads
      {6, 70, 20, 36, false, false, 4, false, 6, true, 3},     // p v
      {4, 33, 17, 12, true, false, 0, false, 3, false, 2},
      {2, 67, 133, 37, false, true, 1, false, 2, true, 1, true},   // rows of 37 + 1 floats: no float4 loads
      {2, 67, 133, 37, true, false, 2, true, 1, false, 1, true},
      {2, 130, 64, 300, false, false, 0, false, 1, true, 1},   // 64 columns, K of 10 tiles: every stage of the narrow tile refilled
      {2, 200, 260, 300, true, false, 0, false, 2, true, 1},   // A^T: K of 10 tiles (every stage refilled), partial m and n tiles
      {1, 256, 96, 45, true, true, 4, false, 1, false, 1},     // A^T with whole m tiles, B^T, a k tail of 13
  };
  for (const Case& cs : cases) {
    Operand a = random_operand(rng, cs.batch, cs.m, cs.k, cs.ta, cs.ldPad, cs.broadcastA, cs.heads, cs.unaligned);
    Operand b = random_operand(rng, cs.batch, cs.k, cs.n, cs.tb, cs.ldPad, false, cs.heads, cs.unaligned);
    const Output out = output_layout(cs.batch, cs.m, cs.n, cs.ldPad % 8 == 4 ? 3 : 2, cs.heads);  // odd and even ldc
    std::vector<float> biasValues(cs.n);
    std::uniform_real_distribution<float> u(-1.0f, 1.0f);
    for (float& x : biasValues) x = u(rng);
    const float* bias = cs.bias ? biasValues.data() : nullptr;
    std::vector<float> rounded;
    double sgemmErr = -1;  // the SIMT FP32 kernel's error, for comparison with 3xTF32's
    if (cs.heads == 1 && !cs.unaligned) {  // the direct kernels take one batch dim and aligned rows
      for (bool round : {true, false}) {
        std::string name = std::string(round ? "direct rna " : "direct truncate ") + describe(cs);
        std::vector<float> c = run_direct(cs, round, a, b, bias, out);
        double err = compare(name, c, out, cs.batch, cs.m, cs.n, a, b, bias, round ? Rounding::TF32_RNA : Rounding::TF32_TRUNCATE);
        if (err >= 0) report(name, err < 1e-5, "relative error " + sci(err));
        if (round) rounded = c;
      }
    }
    for (const Staged& k : STAGED) {
      std::string name = std::string(k.name) + " " + describe(cs);
      std::vector<float> c = run_staged(cs, k, a, b, bias, out);
      double err = compare(name, c, out, cs.batch, cs.m, cs.n, a, b, bias, k.rounding);
      if (err >= 0) report(name, err < 1e-5, "relative error " + sci(err));
      if (std::string(k.name) == "sgemm128") sgemmErr = err;
    }
    if (cs.k == 0) continue;  // the packed path never sees K = 0 (CudaMatmul)
    for (bool bf16 : {false, true}) {
      std::string name = std::string(bf16 ? "packed bf16 " : "packed tf32 ") + describe(cs);
      std::vector<float> c = run_packed(cs, PackedRun{bf16, false, false, false}, a, b, bias, out);
      const Rounding packedRounding = bf16 ? Rounding::BF16_RN : Rounding::TF32_RNA;
      double err = compare(name, c, out, cs.batch, cs.m, cs.n, a, b, bias, packedRounding);
      if (err >= 0) report(name, err < 1e-5, "relative error " + sci(err));
      // wgmma on packed operands, and (TF32) on every K-major operand read in place, which the
      // tensor core truncates
      for (int inPlace = 0; inPlace < (bf16 ? 1 : 4); ++inPlace) {
        const bool inA = inPlace & 1, inB = inPlace & 2;
        if ((inA && cs.ta) || (inB && !cs.tb)) continue;  // only K-major operands are read in place ...
        if ((inA || inB) && cs.unaligned) continue;        // ... with 16-byte aligned rows
        // the wide tile, and the narrow one where TcPlan would take it (N <= 64) and on a few wider N
        for (bool narrow : {false, true}) {
          if (narrow && cs.n > 200) continue;
          std::string wgName = std::string(bf16 ? "wgmma bf16 " : "wgmma tf32 ") + (narrow ? "n64 " : "") + (inA ? "A in place " : "") +
                               (inB ? "B in place " : "") + describe(cs);
          // a block per tile, and a persistent grid of two blocks looping over the tiles (the next
          // tile's first stages loaded while the last one's results are stored)
          for (unsigned blocks : {0u, 2u}) {
            const std::string name = wgName + (blocks ? " persistent 2 blocks" : "");
            PackedRun wgRun{bf16, true, inA, inB};
            wgRun.narrow = narrow;
            wgRun.blocks = blocks;
            std::vector<float> wg = run_packed(cs, wgRun, a, b, bias, out);
            double wgErr = compare(name, wg, out, cs.batch, cs.m, cs.n, a, b, bias, inA ? Rounding::TF32_TRUNCATE : packedRounding,
                                   inB ? Rounding::TF32_TRUNCATE : packedRounding);
            if (wgErr >= 0) report(name, wgErr < 1e-5, "relative error " + sci(wgErr));
          }
        }
      }
      // A stored transposed with 16-byte aligned k rows (GemmPlan's vec), through registers
      // (rounded to nearest, as the pack rounds), B packed or (transposed, K-major) in place
      const bool registerA = !bf16 && cs.ta && !cs.unaligned && a.ld % 4 == 0 && a.batchStride % 4 == 0 && a.batchStride2 % 4 == 0;
      for (int inB = 0; registerA && inB < (cs.tb ? 2 : 1); ++inB) {
        for (unsigned blocks : {0u, 2u}) {  // a block per tile, and a persistent grid of two
          std::string raName = std::string("wgmma tf32 A through registers ") + (inB ? "B in place " : "") + describe(cs) +
                               (blocks ? " persistent 2 blocks" : "");
          PackedRun raRun{false, true, false, inB == 1};
          raRun.registerA = true;
          raRun.blocks = blocks;
          std::vector<float> ra = run_packed(cs, raRun, a, b, bias, out);
          double raErr = compare(raName, ra, out, cs.batch, cs.m, cs.n, a, b, bias, Rounding::TF32_RNA,
                                 inB ? Rounding::TF32_TRUNCATE : Rounding::TF32_RNA);
          if (raErr >= 0) report(raName, raErr < 1e-5, "relative error " + sci(raErr));
        }
      }
      if (!bf16) {
        // 3xTF32 on both product kernels, against the float64 product of the exact float32 operands:
        // float32-level error (the SIMT kernel's is printed beside it), where one TF32 product is
        // about 1e-4 off.
        const double tf32Err = compare(name, c, out, cs.batch, cs.m, cs.n, a, b, bias, Rounding::NONE);
        auto x3Report = [&](const std::string& x3Name, const std::vector<float>& x3) {
          double x3Err = compare(x3Name, x3, out, cs.batch, cs.m, cs.n, a, b, bias, Rounding::NONE);
          if (x3Err >= 0) report(x3Name, x3Err < X3_BOUND, "relative error " + sci(x3Err) + " (SIMT FP32: " + sci(sgemmErr) + ", one TF32 product: " + sci(tf32Err) + ")");
        };
        // mma.sync over three-segment rows
        PackedRun x3Run{false, false, false, false};
        x3Run.x3 = true;
        x3Report("packed 3xtf32 " + describe(cs), run_packed(cs, x3Run, a, b, bias, out));
        // gemm_wg_tf32x3, each K-major aligned operand read in place or packed
        for (int inPlace = 0; inPlace < 4; ++inPlace) {
          const bool inA = inPlace & 1, inB = inPlace & 2;
          if ((inA && cs.ta) || (inB && !cs.tb) || ((inA || inB) && cs.unaligned)) continue;
          for (bool passes : {false, true}) {
            x3Report(std::string("wgmma 3xtf32 ") + (passes ? "passes " : "") + (inA ? "A in place " : "") + (inB ? "B in place " : "") +
                         describe(cs),
                     run_split_wgmma(cs, inA, inB, a, b, bias, out, passes));
          }
        }
        // gemm_wg_tf32x3_ra / _ra_t: A (16-byte aligned rows, either layout) split in registers
        const bool aAligned = !cs.unaligned && a.ld % 4 == 0 && a.batchStride % 4 == 0 && a.batchStride2 % 4 == 0;
        for (int inB = 0; aAligned && inB < (cs.tb && !cs.unaligned ? 2 : 1); ++inB) {
          for (unsigned blocks : {0u, 2u}) {
            x3Report(std::string("wgmma 3xtf32 A through registers ") + (inB ? "B in place " : "") + describe(cs) +
                         (blocks ? " persistent 2 blocks" : ""),
                     run_split_wgmma(cs, false, inB == 1, a, b, bias, out, false, true, blocks));
          }
        }
      }
      if (!bf16 && !rounded.empty()) {
        bool same = std::memcmp(c.data(), rounded.data(), c.size() * 4) == 0;
        report("direct rna == packed tf32, bit for bit, " + describe(cs), same, "");
      }
    }
  }
  return emu_report::finish();
}
