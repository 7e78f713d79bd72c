// Philox4x32-10 uniform and normal fills, reproducing the CPU stream exactly
// (io.frontier.tensor.Generator's Javadoc, backend/Philox.java, cpu/RandomKernels.java).
//
// One thread computes one 128-bit Philox block (block o + b for the b-th group of 4 float32 or 2
// float64 values) and writes its values. Memory traffic: write-only, 4 bytes (float32) or 8 bytes
// (float64) per value; Philox costs about 10 x (2 wide multiplies + 4 xor) per 16 bytes, well
// under the H100's integer throughput, so the target is the DRAM write bandwidth (~80-90%).
// With a 16-byte-aligned output (the Java side checks) full blocks go out as one vector store.
//
// Exactness: uniform values are integer words times a power of two, bit-identical to the CPU.
// Normal values use the CPU's float64 Box-Muller (sqrt(-2 ln u1) * cos/sin(2 pi u2)) with CUDA's
// double log and an fdlibm sin/cos (each within one ulp of Java's Math), so float32 results agree
// after rounding (rarely off by one ulp) and float64 results to a few ulp. No operation in the
// formula can be contracted to an FMA.
#include "common.cuh"
#include "philox.cuh"

namespace random_impl {

using frontier_philox::Words;
using frontier_philox::philox_block;
using frontier_philox::uniform_float;
using frontier_philox::bits53;
using frontier_philox::uniform_double;
// Philox.uniformFloatOpenZero: (0, 1], in double as the CPU computes it.
__device__ __forceinline__ double uniform_float_open_zero(unsigned int w) { return (double)((w >> 8) + 1u) * 0x1.0p-24; }
__device__ __forceinline__ double uniform_double_open_zero(unsigned int hi, unsigned int lo) {
  return (double)(bits53(hi, lo) + 1ull) * 0x1.0p-53;
}

// 2 * Math.PI in Java: doubling is exact, so this is the CPU's TWO_PI bit for bit.
#define RANDOM_TWO_PI (2.0 * 3.141592653589793)

// sin and cos of 0 <= x < 2 pi: fdlibm's (StrictMath's) algorithm, within one ulp of the CPU's
// Math.sin/cos. CUDA's own sin/cos carry a local-memory slow path for huge arguments that the
// build rejects. Every multiply and add is an explicit _rn intrinsic so nvcc cannot contract it
// into an FMA: the result then equals the Java mirror in RandomTrigTest (and fdlibm) bit for bit.
namespace trig {
__device__ __forceinline__ double mul(double a, double b) { return __dmul_rn(a, b); }
__device__ __forceinline__ double add(double a, double b) { return __dadd_rn(a, b); }
__device__ __forceinline__ double sub(double a, double b) { return __dsub_rn(a, b); }
__device__ __forceinline__ int hi(double x) { return __double2hiint(x); }

__device__ __forceinline__ double kernel_sin(double x, double y, bool tail) {
  const double S1 = -1.66666666666666324348e-01, S2 = 8.33333333332248946124e-03, S3 = -1.98412698298579493134e-04,
               S4 = 2.75573137070700676789e-06, S5 = -2.50507602534068634195e-08, S6 = 1.58969099521155010221e-10;
  if ((hi(x) & 0x7fffffff) < 0x3e400000) return x;
  double z = mul(x, x);
  double v = mul(z, x);
  double r = add(S2, mul(z, add(S3, mul(z, add(S4, mul(z, add(S5, mul(z, S6))))))));
  if (!tail) return add(x, mul(v, add(S1, mul(z, r))));
  return sub(x, sub(sub(mul(z, sub(mul(0.5, y), mul(v, r))), y), mul(v, S1)));
}

__device__ __forceinline__ double kernel_cos(double x, double y) {
  const double C1 = 4.16666666666666019037e-02, C2 = -1.38888888888741095749e-03, C3 = 2.48015872894767294178e-05,
               C4 = -2.75573143513906633035e-07, C5 = 2.08757232129817482790e-09, C6 = -1.13596475577881948265e-11;
  int ix = hi(x) & 0x7fffffff;
  if (ix < 0x3e400000) return 1.0;
  double z = mul(x, x);
  double r = mul(z, add(C1, mul(z, add(C2, mul(z, add(C3, mul(z, add(C4, mul(z, add(C5, mul(z, C6)))))))))));
  if (ix < 0x3FD33333) return sub(1.0, sub(mul(0.5, z), sub(mul(z, r), mul(x, y))));
  double qx = ix > 0x3fe90000 ? 0.28125 : __hiloint2double(ix - 0x00200000, 0);
  double hz = sub(mul(0.5, z), qx);
  double a = sub(1.0, qx);
  return sub(a, sub(hz, sub(mul(z, r), mul(x, y))));
}

// x = n pi/2 + y0 + y1 with |y0 + y1| <= pi/4, for pi/4 < x < 2 pi (fdlibm's medium-size path).
__device__ __forceinline__ int rem_pio2(double x, double& y0, double& y1) {
  const double INVPIO2 = 6.36619772367581382433e-01, PIO2_1 = 1.57079632673412561417e+00,
               PIO2_1T = 6.07710050650619224932e-11, PIO2_2 = 6.07710050630396597660e-11,
               PIO2_2T = 2.02226624879595063154e-21, PIO2_3 = 2.02226624871116645580e-21,
               PIO2_3T = 8.47842766036889956997e-32;
  int ix = hi(x) & 0x7fffffff;
  if (ix < 0x4002d97c) {  // x < 3 pi/4: n = 1
    double z = sub(x, PIO2_1);
    if (ix != 0x3ff921fb) {
      y0 = sub(z, PIO2_1T);
      y1 = sub(sub(z, y0), PIO2_1T);
    } else {
      z = sub(z, PIO2_2);
      y0 = sub(z, PIO2_2T);
      y1 = sub(sub(z, y0), PIO2_2T);
    }
    return 1;
  }
  int n = (int)add(mul(x, INVPIO2), 0.5);
  double fn = (double)n;
  double r = sub(x, mul(fn, PIO2_1));
  double w = mul(fn, PIO2_1T);
  int j = ix >> 20;
  y0 = sub(r, w);
  if (j - ((hi(y0) >> 20) & 0x7ff) > 16) {  // cancellation: a second (and third) part of pi/2
    double t = r;
    w = mul(fn, PIO2_2);
    r = sub(t, w);
    w = sub(mul(fn, PIO2_2T), sub(sub(t, r), w));
    y0 = sub(r, w);
    if (j - ((hi(y0) >> 20) & 0x7ff) > 49) {
      t = r;
      w = mul(fn, PIO2_3);
      r = sub(t, w);
      w = sub(mul(fn, PIO2_3T), sub(sub(t, r), w));
      y0 = sub(r, w);
    }
  }
  y1 = sub(sub(r, y0), w);
  return n;
}

__device__ __forceinline__ void sincos_0_2pi(double x, double* s, double* c) {
  if ((hi(x) & 0x7fffffff) <= 0x3fe921fb) {
    *s = kernel_sin(x, 0.0, false);
    *c = kernel_cos(x, 0.0);
    return;
  }
  double y0, y1;
  int n = rem_pio2(x, y0, y1);
  double ks = kernel_sin(y0, y1, true), kc = kernel_cos(y0, y1);
  switch (n & 3) {
    case 0: *s = ks; *c = kc; break;
    case 1: *s = kc; *c = -ks; break;
    case 2: *s = -ks; *c = -kc; break;
    default: *s = -kc; *c = ks; break;
  }
}
}  // namespace trig

// Box-Muller on one (u1, u2) pair: c = r cos(theta), s = r sin(theta), as RandomKernels.
__device__ __forceinline__ void box_muller(double u1, double u2, double* c, double* s) {
  double r = sqrt(-2.0 * log(u1));
  double theta = RANDOM_TWO_PI * u2;
  double sn, cs;
  trig::sincos_0_2pi(theta, &sn, &cs);
  *c = r * cs;
  *s = r * sn;
}

__device__ __forceinline__ void values_f32(const Words& k, int normal, float v[4]) {
  if (!normal) {
#pragma unroll
    for (int j = 0; j < 4; ++j) v[j] = uniform_float(k.w[j]);
    return;
  }
#pragma unroll
  for (int p = 0; p < 2; ++p) {
    double c, s;
    box_muller(uniform_float_open_zero(k.w[2 * p]), (double)uniform_float(k.w[2 * p + 1]), &c, &s);
    v[2 * p] = (float)c;
    v[2 * p + 1] = (float)s;
  }
}

__device__ __forceinline__ void values_f64(const Words& k, int normal, double v[2]) {
  if (!normal) {
    v[0] = uniform_double(k.w[0], k.w[1]);
    v[1] = uniform_double(k.w[2], k.w[3]);
    return;
  }
  box_muller(uniform_double_open_zero(k.w[0], k.w[1]), uniform_double(k.w[2], k.w[3]), &v[0], &v[1]);
}

}  // namespace random_impl

// out[i] for i in [0, n): block offset + i/4, word i%4. aligned: out is 16-byte aligned.
extern "C" __global__ void random_f32(int n, float* __restrict__ out, unsigned long long seed, unsigned long long offset,
                                      int normal, int aligned) {
  unsigned int blocks = ((unsigned int)n + 3u) / 4u;
  GRID_STRIDE_LOOP(b, blocks) {
    float v[4];
    random_impl::values_f32(random_impl::philox_block(seed, offset + b), normal, v);
    unsigned int first = b * 4u;
    if (aligned && first + 4u <= (unsigned int)n) {
      FRONTIER_VECTOR_ACCESS(out + first, sizeof(float4));
      reinterpret_cast<float4*>(out)[b] = make_float4(v[0], v[1], v[2], v[3]);
    } else {
#pragma unroll
      for (int j = 0; j < 4; ++j)
        if (first + j < (unsigned int)n) out[first + j] = v[j];
    }
  }
}

// out[i] for i in [0, n): block offset + i/2, words (2(i%2), 2(i%2)+1).
extern "C" __global__ void random_f64(int n, double* __restrict__ out, unsigned long long seed, unsigned long long offset,
                                      int normal, int aligned) {
  unsigned int blocks = ((unsigned int)n + 1u) / 2u;
  GRID_STRIDE_LOOP(b, blocks) {
    double v[2];
    random_impl::values_f64(random_impl::philox_block(seed, offset + b), normal, v);
    unsigned int first = b * 2u;
    if (aligned && first + 2u <= (unsigned int)n) {
      FRONTIER_VECTOR_ACCESS(out + first, sizeof(double2));
      reinterpret_cast<double2*>(out)[b] = make_double2(v[0], v[1]);
    } else {
      out[first] = v[0];
      if (first + 1u < (unsigned int)n) out[first + 1] = v[1];
    }
  }
}
