// Elementwise unary ops, binary ops and where (io.frontier.cuda.CudaElementwise).
//
// Every kernel here maps one output element from one element of each input, so all of them are
// memory-bound: a float32 binary op reads 8 bytes and writes 4 per element, a unary op reads 4 and
// writes 4, where reads 1 + 2 * sizeof(T) and writes sizeof(T). The target on large dense views is
// 80% or more of the device-to-device copy bandwidth; the transcendental float64 ops (pow, erf,
// atan2) may be compute-bound on cards with little FP64 throughput.
//
// Three layouts, chosen on the Java side (ElementwiseLayout) and passed as `mode`:
//   EW_STRIDED  every operand through its Strided descriptor (strided_offset per element);
//   EW_LINEAR   the output dense, each input dense or a broadcast scalar (bit k of `scalars` set:
//               input k is one element seen through stride 0), indexed by the linear index;
//   EW_VECTOR   as EW_LINEAR, and every dense operand starts on a (V * itemsize)-byte boundary, so
//               each thread moves V elements (16 bytes of the widest input) per access; the last
//               n % V elements are done one by one.
// The op is a runtime argument: the kernel switches on it once and runs a loop instantiated for
// that op, so the per-element body has no dispatch. Op codes must match CudaElementwise's tables.
#include <type_traits>

#include "common.cuh"

#define EW_STRIDED 0
#define EW_LINEAR 1
#define EW_VECTOR 2

// UnaryOp codes: arithmetic 0-8 (float and int64), floating 9-25 (float only), predicates 26-29.
#define EW_NEG 0
#define EW_ABS 1
#define EW_SIGN 2
#define EW_SQUARE 3
#define EW_RELU 4
#define EW_FLOOR 5
#define EW_CEIL 6
#define EW_ROUND 7
#define EW_TRUNC 8
#define EW_EXP 9
#define EW_EXPM1 10
#define EW_LOG 11
#define EW_LOG1P 12
#define EW_SQRT 13
#define EW_RSQRT 14
#define EW_RECIPROCAL 15
#define EW_SIN 16
#define EW_COS 17
#define EW_TANH 18
#define EW_SIGMOID 19
#define EW_LOG_SIGMOID 20
#define EW_SOFTPLUS 21
#define EW_GELU 22
#define EW_GELU_TANH 23
#define EW_SILU 24
#define EW_ERF 25
#define EW_LOGICAL_NOT 26
#define EW_ISNAN 27
#define EW_ISINF 28
#define EW_ISFINITE 29

// BinaryOp codes: arithmetic 0-9 (DIV and ATAN2 float only), bool-valued 10-18.
#define EW_ADD 0
#define EW_SUB 1
#define EW_MUL 2
#define EW_DIV 3
#define EW_FLOOR_DIVIDE 4
#define EW_REMAINDER 5
#define EW_POW 6
#define EW_MAXIMUM 7
#define EW_MINIMUM 8
#define EW_ATAN2 9
#define EW_EQ 10
#define EW_NE 11
#define EW_LT 12
#define EW_LE 13
#define EW_GT 14
#define EW_GE 15
#define EW_LOGICAL_AND 16
#define EW_LOGICAL_OR 17
#define EW_LOGICAL_XOR 18

namespace elementwise_impl {

// ------------------------------------------------------------------ float math by precision

#define EW_MATH1(NAME, F32, F64)                                  \
  __device__ __forceinline__ float NAME(float x) { return F32(x); } \
  __device__ __forceinline__ double NAME(double x) { return F64(x); }
EW_MATH1(m_exp, expf, exp)
EW_MATH1(m_expm1, expm1f, expm1)
EW_MATH1(m_log, logf, log)
EW_MATH1(m_log1p, log1pf, log1p)
EW_MATH1(m_sqrt, sqrtf, sqrt)
EW_MATH1(m_tanh, tanhf, tanh)
EW_MATH1(m_erf, erff, erf)
EW_MATH1(m_floor, floorf, floor)
EW_MATH1(m_ceil, ceilf, ceil)
EW_MATH1(m_rint, rintf, rint)
EW_MATH1(m_trunc, truncf, trunc)
EW_MATH1(m_fabs, fabsf, fabs)
#undef EW_MATH1
__device__ __forceinline__ float m_atan2(float a, float b) { return atan2f(a, b); }
__device__ __forceinline__ double m_atan2(double a, double b) { return atan2(a, b); }
__device__ __forceinline__ float m_fmod(float a, float b) { return fmodf(a, b); }
__device__ __forceinline__ double m_fmod(double a, double b) { return fmod(a, b); }

// ------------------------------------------------------------------ sin and cos
//
// CUDA's sin/cos (and sinf/cosf) keep a local-memory array for their large-argument reduction,
// which the build refuses (-warn-lmem-usage); these keep everything in registers. Both precisions
// evaluate in double (a float argument is exact in double, and the double result rounded once is
// the correctly rounded float nearly always). fdlibm's scheme: |x| <= pi/4 goes straight to the
// kernel polynomials; otherwise x is reduced exactly by pi/2 with Payne-Hanek, that is, the 53-bit
// significand times a 256-bit window of 2/pi's bits, as integers.

// 2/pi: word j holds the bits 64j+1 .. 64j+64 after the binary point.
__constant__ unsigned long long two_over_pi[20] = {
    0xA2F9836E4E441529ULL, 0xFC2757D1F534DDC0ULL, 0xDB6295993C439041ULL, 0xFE5163ABDEBBC561ULL,
    0xB7246E3A424DD2E0ULL, 0x06492EEA09D1921CULL, 0xFE1DEB1CB129A73EULL, 0xE88235F52EBB4484ULL,
    0xE99C7026B45F7E41ULL, 0x3991D639835339F4ULL, 0x9C845F8BBDF9283BULL, 0x1FF897FFDE05980FULL,
    0xEF2F118B5A0A6D1FULL, 0x6D367ECF27CB09B7ULL, 0x4F463F669E5FEA2DULL, 0x7527BAC7EBE5F17BULL,
    0x3D0739F78A5292EAULL, 0x6BFB5FB11F8D5D08ULL, 0x56033046FC7B6BABULL, 0xF0CFBC209AF4361DULL};

// A 320-bit unsigned integer, least significant limb first (named limbs: an array indexed at run
// time would go to local memory).
struct U320 {
  unsigned long long q0, q1, q2, q3, q4;
};

__device__ __forceinline__ unsigned long long limb(const U320& q, int i) {
  return i == 0 ? q.q0 : i == 1 ? q.q1 : i == 2 ? q.q2 : i == 3 ? q.q3 : i == 4 ? q.q4 : 0ull;
}

// Bits [pos, pos + 64) of q, for 0 <= pos < 320.
__device__ __forceinline__ unsigned long long bits64(const U320& q, int pos) {
  int i = pos >> 6, s = pos & 63;
  unsigned long long lo = limb(q, i), hi = limb(q, i + 1);
  return s == 0 ? lo : (lo >> s) | (hi << (64 - s));
}

// fdlibm's kernel sin on [-pi/4, pi/4] of x + y (y the tail of a reduced argument; iy = 0: y is 0).
__device__ __forceinline__ double kernel_sin(double x, double y, bool iy) {
  const double S1 = -1.66666666666666324348e-01, S2 = 8.33333333332248946124e-03,
               S3 = -1.98412698298579493134e-04, S4 = 2.75573137070700676789e-06,
               S5 = -2.50507602534068634195e-08, S6 = 1.58969099521155010221e-10;
  double z = x * x, w = z * z;
  double r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
  double v = z * x;
  if (!iy) return x + v * (S1 + z * r);
  return x - ((z * (0.5 * y - v * r) - y) - v * S1);
}

// fdlibm's kernel cos on [-pi/4, pi/4] of x + y.
__device__ __forceinline__ double kernel_cos(double x, double y) {
  const double C1 = 4.16666666666666019037e-02, C2 = -1.38888888888741095749e-03,
               C3 = 2.48015872894767294178e-05, C4 = -2.75573143513906633035e-07,
               C5 = 2.08757232129817482790e-09, C6 = -1.13596475577881948265e-11;
  double z = x * x, w = z * z;
  double r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
  double hz = 0.5 * z;
  w = 1.0 - hz;
  return w + (((1.0 - w) - hz) + (z * r - x * y));
}

// ax (finite, > pi/4) = n pi/2 + (rhi + rlo) modulo 2 pi with |rhi + rlo| <= pi/4; returns n mod 4.
__device__ __forceinline__ int reduce_pio2(double ax, double& rhi, double& rlo) {
  typedef unsigned long long u64;
  u64 bits = (u64)__double_as_longlong(ax);
  u64 m = (bits & ((1ull << 52) - 1)) | (1ull << 52);  // ax = m 2^e, ax is normal
  int e = (int)(bits >> 52) - 1075;
  // Bits of 2/pi before bit e - 1 contribute multiples of 4 (a whole number of turns): skip
  // whole words of them. Four words keep 190+ bits after the binary point, enough for the
  // closest a double comes to a multiple of pi/2 (about 2^-61 relative).
  int j0 = e >= 2 ? (e - 2) >> 6 : 0;
  u64 w0 = two_over_pi[j0], w1 = two_over_pi[j0 + 1], w2 = two_over_pi[j0 + 2], w3 = two_over_pi[j0 + 3];
  u64 lo3 = m * w3, hi3 = __umul64hi(m, w3);
  u64 lo2 = m * w2, hi2 = __umul64hi(m, w2);
  u64 lo1 = m * w1, hi1 = __umul64hi(m, w1);
  u64 lo0 = m * w0, hi0 = __umul64hi(m, w0);
  U320 q;
  q.q0 = lo3;
  q.q1 = hi3 + lo2;
  u64 carry = q.q1 < lo2;
  u64 t = hi2 + lo1;
  u64 c = t < lo1;
  q.q2 = t + carry;
  carry = c + (q.q2 < t);
  t = hi1 + lo0;
  c = t < lo0;
  q.q3 = t + carry;
  carry = c + (q.q3 < t);
  q.q4 = hi0 + carry;  // hi0 < 2^53: no overflow
  // ax 2/pi = q 2^-point; keep the integer part mod 4 and 128 bits of the fraction.
  int point = 256 + 64 * j0 - e;
  int n = (int)(bits64(q, point) & 3);
  u64 fh = bits64(q, point - 64), fl = bits64(q, point - 128);
  bool negative = (fh >> 63) != 0;
  if (negative) {  // fraction >= 1/2: take fraction - 1 and the next quadrant
    fl = ~fl + 1;
    fh = ~fh + (fl == 0);
    n += 1;
  }
  if ((fh | fl) == 0) {
    rhi = rlo = 0.0;
    return n & 3;
  }
  int lz = fh != 0 ? __clzll((long long)fh) : 64 + __clzll((long long)fl);
  if (lz >= 64) {
    fh = fl << (lz - 64);
    fl = 0;
  } else if (lz > 0) {
    fh = (fh << lz) | (fl >> (64 - lz));
    fl <<= lz;
  }
  // fraction = (fh 2^64 + fl) 2^(-128 - lz): its top 53 bits exactly, then the next 64 rounded.
  double hi = ldexp((double)(fh >> 11), -53 - lz);
  double lo = ldexp((double)(((fh & 0x7FFull) << 53) | (fl >> 11)), -117 - lz);
  const double PIO2_HI = 1.5707963267948966, PIO2_LO = 6.123233995736766e-17;
  double p = hi * PIO2_HI;
  double plo = fma(hi, PIO2_HI, -p) + (hi * PIO2_LO + lo * PIO2_HI);
  rhi = p + plo;
  rlo = plo - (rhi - p);
  if (negative) {
    rhi = -rhi;
    rlo = -rlo;
  }
  return n & 3;
}

template <bool COS>
__device__ __forceinline__ double sin_cos(double x) {
  double ax = fabs(x);
  if (!(ax <= 1.7976931348623157e308)) return x - x;  // NaN for NaN and infinities
  if (ax <= 0.78539816339744828) return COS ? kernel_cos(x, 0.0) : kernel_sin(x, 0.0, false);
  double y0, y1;
  int n = reduce_pio2(ax, y0, y1);
  if (COS) n += 1;  // cos(x) = sin(|x| + pi/2)
  double r;
  switch (n & 3) {
    case 0: r = kernel_sin(y0, y1, true); break;
    case 1: r = kernel_cos(y0, y1); break;
    case 2: r = -kernel_sin(y0, y1, true); break;
    default: r = -kernel_cos(y0, y1); break;
  }
  return (!COS && x < 0.0) ? -r : r;
}

__device__ __forceinline__ float m_sin(float x) { return (float)sin_cos<false>((double)x); }
__device__ __forceinline__ double m_sin(double x) { return sin_cos<false>(x); }
__device__ __forceinline__ float m_cos(float x) { return (float)sin_cos<true>((double)x); }
__device__ __forceinline__ double m_cos(double x) { return sin_cos<true>(x); }

// ------------------------------------------------------------------ unary element functions

// The UnaryOp float64 definitions, evaluated in T (float or double).
template <int OP, typename T>
__device__ __forceinline__ T unary_float(T x) {
  const T zero = T(0), one = T(1), half = T(0.5);
  if constexpr (OP == EW_NEG) return -x;
  else if constexpr (OP == EW_ABS) return m_fabs(x);
  else if constexpr (OP == EW_SIGN) return x > zero ? one : x < zero ? -one : x;  // keeps NaN, -0.0
  else if constexpr (OP == EW_SQUARE) return x * x;
  else if constexpr (OP == EW_RELU) return x > zero ? x : (x == x ? zero : x);  // NaN stays NaN
  else if constexpr (OP == EW_FLOOR) return m_floor(x);
  else if constexpr (OP == EW_CEIL) return m_ceil(x);
  else if constexpr (OP == EW_ROUND) return m_rint(x);  // half to even
  else if constexpr (OP == EW_TRUNC) return m_trunc(x);
  else if constexpr (OP == EW_EXP) return m_exp(x);
  else if constexpr (OP == EW_EXPM1) return m_expm1(x);
  else if constexpr (OP == EW_LOG) return m_log(x);
  else if constexpr (OP == EW_LOG1P) return m_log1p(x);
  else if constexpr (OP == EW_SQRT) return m_sqrt(x);
  else if constexpr (OP == EW_RSQRT) return one / m_sqrt(x);  // not rsqrtf: that one is approximate
  else if constexpr (OP == EW_RECIPROCAL) return one / x;
  else if constexpr (OP == EW_SIN) return m_sin(x);
  else if constexpr (OP == EW_COS) return m_cos(x);
  else if constexpr (OP == EW_TANH) return m_tanh(x);
  else if constexpr (OP == EW_SIGMOID || OP == EW_SILU) {
    // Neither branch overflows: exp of a non-positive number only.
    T s;
    if (x >= zero) {
      s = one / (one + m_exp(-x));
    } else {
      T e = m_exp(x);
      s = e / (one + e);
    }
    if constexpr (OP == EW_SILU) return x * s;
    else return s;
  } else if constexpr (OP == EW_LOG_SIGMOID) {
    return (x < zero ? x : zero) - m_log1p(m_exp(-m_fabs(x)));  // NaN comes through the log1p
  } else if constexpr (OP == EW_SOFTPLUS) {
    return x > T(20) ? x : m_log1p(m_exp(x));  // PyTorch's threshold 20, linear above it
  } else if constexpr (OP == EW_GELU) {
    return half * x * (one + m_erf(x * T(0.7071067811865476)));
  } else if constexpr (OP == EW_GELU_TANH) {
    return half * x * (one + m_tanh(T(0.7978845608028654) * (x + T(0.044715) * x * x * x)));
  } else if constexpr (OP == EW_ERF) {
    return m_erf(x);
  } else {
    static_assert(OP < 0, "not a float unary op");
  }
}

// int64 arithmetic wraps on overflow like Java (Math.abs(MIN_VALUE) == MIN_VALUE): computed unsigned.
template <int OP>
__device__ __forceinline__ long long unary_i64(long long x) {
  typedef unsigned long long u64;
  if constexpr (OP == EW_NEG) return (long long)(0ull - (u64)x);
  else if constexpr (OP == EW_ABS) return x < 0 ? (long long)(0ull - (u64)x) : x;
  else if constexpr (OP == EW_SIGN) return (long long)(x > 0) - (long long)(x < 0);
  else if constexpr (OP == EW_SQUARE) return (long long)((u64)x * (u64)x);
  else if constexpr (OP == EW_RELU) return x > 0 ? x : 0;
  else if constexpr (OP == EW_FLOOR || OP == EW_CEIL || OP == EW_ROUND || OP == EW_TRUNC) return x;
  else static_assert(OP < 0, "not an int64 unary op");
}

template <int OP, typename T>
__device__ __forceinline__ fbool predicate(T x) {
  if constexpr (OP == EW_LOGICAL_NOT) return x == T(0);
  else if constexpr (OP == EW_ISNAN) return x != x;  // false for int64 and bool
  else if constexpr (OP == EW_ISINF) {
    if constexpr (std::is_floating_point<T>::value) return isinf(x);
    else return 0;
  } else if constexpr (OP == EW_ISFINITE) {
    if constexpr (std::is_floating_point<T>::value) return isfinite(x);
    else return 1;
  } else static_assert(OP < 0, "not a predicate");
}

// ------------------------------------------------------------------ binary element functions

// Java's Math.max/min: NaN propagates and -0.0 < +0.0.
template <typename T>
__device__ __forceinline__ T java_max(T a, T b) {
  if (a != a) return a;
  if (b != b) return b;
  if (a != b) return a > b ? a : b;
  return signbit(a) ? b : a;
}
template <typename T>
__device__ __forceinline__ T java_min(T a, T b) {
  if (a != a) return a;
  if (b != b) return b;
  if (a != b) return a < b ? a : b;
  return signbit(a) ? a : b;
}

// BinaryOp.FLOOR_DIVIDE's float64 definition (PyTorch's fmod-based formula, exact for floats).
__device__ __forceinline__ double floor_divide_f64(double a, double b) {
  if (b == 0.0) return a / b;
  double mod = fmod(a, b);
  double div = (a - mod) / b;
  if (mod != 0.0 && (b < 0.0) != (mod < 0.0)) div -= 1.0;
  if (div == 0.0) return copysign(0.0, a / b);
  double fd = floor(div);
  if (div - fd > 0.5) fd += 1.0;
  return fd;
}

// C's pow: 1 to any power (NaN too) and -1 to an infinite power are 1.
__device__ __forceinline__ double pow_f64(double a, double b) {
  if (a == 1.0 || (a == -1.0 && isinf(b))) return 1.0;
  return pow(a, b);
}

// The BinaryOp float64 definitions in T. FLOOR_DIVIDE and POW run in double for float32 too, as
// the CPU reference does: float a - mod would round before the division, and the float64 pow
// rounded once keeps powf's multi-ulp error (and its subnormal results) out.
template <int OP, typename T>
__device__ __forceinline__ T binary_float(T a, T b) {
  if constexpr (OP == EW_ADD) return a + b;
  else if constexpr (OP == EW_SUB) return a - b;
  else if constexpr (OP == EW_MUL) return a * b;
  else if constexpr (OP == EW_DIV) return a / b;
  else if constexpr (OP == EW_FLOOR_DIVIDE) return (T)floor_divide_f64((double)a, (double)b);
  else if constexpr (OP == EW_REMAINDER) {
    // fmod is exact; adding b is one correctly rounded operation in either precision.
    T mod = m_fmod(a, b);
    if (mod != T(0) && (b < T(0)) != (mod < T(0))) mod += b;
    return mod;
  } else if constexpr (OP == EW_POW) return (T)pow_f64((double)a, (double)b);
  else if constexpr (OP == EW_MAXIMUM) return java_max(a, b);
  else if constexpr (OP == EW_MINIMUM) return java_min(a, b);
  else if constexpr (OP == EW_ATAN2) return m_atan2(a, b);
  else static_assert(OP < 0, "not a float binary op");
}

// A kernel cannot throw: the first division by zero is recorded for the host's next sync
// (DeviceErrors). The plain read first keeps a tensor full of zeros from queueing atomics.
__device__ __forceinline__ void report_div_zero(int* flag) {
  if (*(volatile int*)flag == 0) frontier_report(flag, FRONTIER_ERR_INT_DIV_ZERO, 0);
}

// The BinaryOp int64 definitions; overflow wraps like Java (computed unsigned), and MIN / -1
// (undefined in C) is handled by hand.
template <int OP>
__device__ __forceinline__ long long binary_i64(long long a, long long b, int* flag) {
  typedef unsigned long long u64;
  if constexpr (OP == EW_ADD) return (long long)((u64)a + (u64)b);
  else if constexpr (OP == EW_SUB) return (long long)((u64)a - (u64)b);
  else if constexpr (OP == EW_MUL) return (long long)((u64)a * (u64)b);
  else if constexpr (OP == EW_FLOOR_DIVIDE) {
    if (b == 0) { report_div_zero(flag); return 0; }
    if (b == -1) return (long long)(0ull - (u64)a);
    long long q = a / b;
    if (a % b != 0 && ((a < 0) != (b < 0))) --q;
    return q;
  } else if constexpr (OP == EW_REMAINDER) {
    if (b == 0) { report_div_zero(flag); return 0; }
    if (b == -1) return 0;
    long long m = a % b;
    if (m != 0 && ((m < 0) != (b < 0))) m += b;
    return m;
  } else if constexpr (OP == EW_POW) {
    if (b < 0) {  // 1/a rounded toward zero
      if (a == 1) return 1;
      if (a == -1) return (b & 1) == 0 ? 1 : -1;
      return 0;
    }
    u64 result = 1, base = (u64)a;
    while (b > 0) {  // square-and-multiply, wrapping
      if (b & 1) result *= base;
      base *= base;
      b >>= 1;
    }
    return (long long)result;
  } else if constexpr (OP == EW_MAXIMUM) return a > b ? a : b;
  else if constexpr (OP == EW_MINIMUM) return a < b ? a : b;
  else static_assert(OP < 0, "not an int64 binary op");
}

// Comparisons in the operands' dtype; logical ops read non-zero (NaN included) as true.
template <int OP, typename T>
__device__ __forceinline__ fbool compare(T a, T b) {
  if constexpr (OP == EW_EQ) return a == b;
  else if constexpr (OP == EW_NE) return a != b;
  else if constexpr (OP == EW_LT) return a < b;
  else if constexpr (OP == EW_LE) return a <= b;
  else if constexpr (OP == EW_GT) return a > b;
  else if constexpr (OP == EW_GE) return a >= b;
  else if constexpr (OP == EW_LOGICAL_AND) return (a != T(0)) & (b != T(0));
  else if constexpr (OP == EW_LOGICAL_OR) return (a != T(0)) | (b != T(0));
  else if constexpr (OP == EW_LOGICAL_XOR) return (a != T(0)) != (b != T(0));
  else static_assert(OP < 0, "not a comparison");
}

// ------------------------------------------------------------------ functors for the loops

template <int OP, typename T> struct UnaryFloat {
  __device__ __forceinline__ T operator()(T x) const { return unary_float<OP, T>(x); }
};
template <int OP> struct UnaryI64 {
  __device__ __forceinline__ long long operator()(long long x) const { return unary_i64<OP>(x); }
};
template <int OP, typename T> struct Predicate {
  __device__ __forceinline__ fbool operator()(T x) const { return predicate<OP, T>(x); }
};
template <int OP, typename T> struct BinaryFloat {
  __device__ __forceinline__ T operator()(T a, T b) const { return binary_float<OP, T>(a, b); }
};
template <int OP> struct BinaryI64 {
  int* flag;
  __device__ __forceinline__ long long operator()(long long a, long long b) const { return binary_i64<OP>(a, b, flag); }
};
template <int OP, typename T> struct Compare {
  __device__ __forceinline__ fbool operator()(T a, T b) const { return compare<OP, T>(a, b); }
};
template <typename T> struct Select {
  __device__ __forceinline__ T operator()(fbool c, T a, T b) const { return c ? a : b; }
};

// ------------------------------------------------------------------ the loops

// V elements moved as one aligned access (16 bytes for the widest operand).
template <typename T, int V>
struct alignas(sizeof(T) * V) Pack {
  T v[V];
};

// Element i of an input in the linear layouts: a broadcast scalar is always its element 0.
template <typename T>
__device__ __forceinline__ T at(const T* p, unsigned i, bool scalar) {
  return p[scalar ? 0u : i];
}

template <typename T, int V>
__device__ __forceinline__ Pack<T, V> pack_at(const T* p, unsigned i, bool scalar) {
  Pack<T, V> r;
  if (scalar) {
    T s = p[0];
#pragma unroll
    for (int k = 0; k < V; ++k) r.v[k] = s;
  } else {
    FRONTIER_VECTOR_ACCESS(p + i, sizeof(Pack<T, V>));
    r = *reinterpret_cast<const Pack<T, V>*>(p + i);
  }
  return r;
}

template <typename T, int V>
__device__ __forceinline__ void pack_store(T* p, unsigned i, const Pack<T, V>& r) {
  FRONTIER_VECTOR_ACCESS(p + i, sizeof(Pack<T, V>));
  *reinterpret_cast<Pack<T, V>*>(p + i) = r;
}

__device__ __forceinline__ unsigned thread_index() { return blockIdx.x * blockDim.x + threadIdx.x; }
__device__ __forceinline__ unsigned thread_count() { return blockDim.x * gridDim.x; }

// out = f(a). n < 2^31, so unsigned indices and `i += stride` cannot wrap.
template <int V, typename A, typename O, typename F>
__device__ __forceinline__ void map1(unsigned n, const A* a, const Strided& ad, O* out, const Strided& od, int mode, F f) {
  const unsigned tid = thread_index(), stride = thread_count();
  if (mode == EW_VECTOR) {
    const unsigned nv = n / V;
    for (unsigned v = tid; v < nv; v += stride) {
      Pack<A, V> x = pack_at<A, V>(a, v * V, false);
      Pack<O, V> r;
#pragma unroll
      for (int k = 0; k < V; ++k) r.v[k] = f(x.v[k]);
      pack_store<O, V>(out, v * V, r);
    }
    for (unsigned i = nv * V + tid; i < n; i += stride) out[i] = f(a[i]);
  } else if (mode == EW_LINEAR) {
    for (unsigned i = tid; i < n; i += stride) out[i] = f(a[i]);
  } else {
    for (unsigned i = tid; i < n; i += stride) out[strided_offset(od, i)] = f(a[strided_offset(ad, i)]);
  }
}

// out = f(a, b); bit 0 / 1 of `scalars`: a / b is a broadcast scalar (linear layouts only).
template <int V, typename A, typename O, typename F>
__device__ __forceinline__ void map2(unsigned n, const A* a, const Strided& ad, const A* b, const Strided& bd, O* out,
                                     const Strided& od, int mode, int scalars, F f) {
  const unsigned tid = thread_index(), stride = thread_count();
  const bool as = scalars & 1, bs = scalars & 2;
  if (mode == EW_VECTOR) {
    const unsigned nv = n / V;
    for (unsigned v = tid; v < nv; v += stride) {
      Pack<A, V> x = pack_at<A, V>(a, v * V, as);
      Pack<A, V> y = pack_at<A, V>(b, v * V, bs);
      Pack<O, V> r;
#pragma unroll
      for (int k = 0; k < V; ++k) r.v[k] = f(x.v[k], y.v[k]);
      pack_store<O, V>(out, v * V, r);
    }
    for (unsigned i = nv * V + tid; i < n; i += stride) out[i] = f(at(a, i, as), at(b, i, bs));
  } else if (mode == EW_LINEAR) {
    for (unsigned i = tid; i < n; i += stride) out[i] = f(at(a, i, as), at(b, i, bs));
  } else {
    for (unsigned i = tid; i < n; i += stride) {
      out[strided_offset(od, i)] = f(a[strided_offset(ad, i)], b[strided_offset(bd, i)]);
    }
  }
}

// out = f(c, a, b); bits 0 / 1 / 2 of `scalars`: c / a / b is a broadcast scalar.
template <int V, typename T, typename F>
__device__ __forceinline__ void map3(unsigned n, const fbool* c, const Strided& cd, const T* a, const Strided& ad,
                                     const T* b, const Strided& bd, T* out, const Strided& od, int mode, int scalars,
                                     F f) {
  const unsigned tid = thread_index(), stride = thread_count();
  const bool cs = scalars & 1, as = scalars & 2, bs = scalars & 4;
  if (mode == EW_VECTOR) {
    const unsigned nv = n / V;
    for (unsigned v = tid; v < nv; v += stride) {
      Pack<fbool, V> w = pack_at<fbool, V>(c, v * V, cs);
      Pack<T, V> x = pack_at<T, V>(a, v * V, as);
      Pack<T, V> y = pack_at<T, V>(b, v * V, bs);
      Pack<T, V> r;
#pragma unroll
      for (int k = 0; k < V; ++k) r.v[k] = f(w.v[k], x.v[k], y.v[k]);
      pack_store<T, V>(out, v * V, r);
    }
    for (unsigned i = nv * V + tid; i < n; i += stride) out[i] = f(at(c, i, cs), at(a, i, as), at(b, i, bs));
  } else if (mode == EW_LINEAR) {
    for (unsigned i = tid; i < n; i += stride) out[i] = f(at(c, i, cs), at(a, i, as), at(b, i, bs));
  } else {
    for (unsigned i = tid; i < n; i += stride) {
      out[strided_offset(od, i)] = f(c[strided_offset(cd, i)], a[strided_offset(ad, i)], b[strided_offset(bd, i)]);
    }
  }
}

}  // namespace elementwise_impl

// ------------------------------------------------------------------ kernels
//
// All take (int op, int n, inputs with their Strided, output with its Strided, int mode[, int
// scalars]). Memory traffic per element and the 80%-of-copy-bandwidth target: see the top of the file.

#define EW_V(T) (16 / (int)sizeof(T))

// Unary, output dtype == input dtype: ew_unary_f32, ew_unary_f64 (ops 0-25), ew_unary_i64 (0-8).
#define EW_UNARY_CASE(OP) \
  case OP: elementwise_impl::map1<EW_V(T)>(n, in, id, out, od, mode, FUNCTOR<OP>{}); break;

#define EW_ARITH_UNARY_CASES \
  EW_UNARY_CASE(0) EW_UNARY_CASE(1) EW_UNARY_CASE(2) EW_UNARY_CASE(3) EW_UNARY_CASE(4) \
  EW_UNARY_CASE(5) EW_UNARY_CASE(6) EW_UNARY_CASE(7) EW_UNARY_CASE(8)
#define EW_FLOAT_UNARY_CASES \
  EW_ARITH_UNARY_CASES EW_UNARY_CASE(9) EW_UNARY_CASE(10) EW_UNARY_CASE(11) EW_UNARY_CASE(12) \
  EW_UNARY_CASE(13) EW_UNARY_CASE(14) EW_UNARY_CASE(15) EW_UNARY_CASE(16) EW_UNARY_CASE(17)   \
  EW_UNARY_CASE(18) EW_UNARY_CASE(19) EW_UNARY_CASE(20) EW_UNARY_CASE(21) EW_UNARY_CASE(22)   \
  EW_UNARY_CASE(23) EW_UNARY_CASE(24) EW_UNARY_CASE(25)

namespace elementwise_impl {
template <typename T> struct UnaryFloatOf {
  template <int OP> using F = UnaryFloat<OP, T>;
};
template <typename T> struct PredicateOf {
  template <int OP> using F = Predicate<OP, T>;
};
template <typename T> struct BinaryFloatOf {
  template <int OP> using F = BinaryFloat<OP, T>;
};
template <typename T> struct CompareOf {
  template <int OP> using F = Compare<OP, T>;
};
}  // namespace elementwise_impl

#define EW_UNARY_KERNEL(NAME, TYPE, CASES)                                                          \
  extern "C" __global__ void __launch_bounds__(256) NAME(int op, int n, const TYPE* in, Strided id, TYPE* out, \
                                                         Strided od, int mode) {                               \
    typedef TYPE T;                                                                                            \
    switch (op) { CASES }                                                                                      \
  }

#define FUNCTOR elementwise_impl::UnaryFloatOf<T>::template F
EW_UNARY_KERNEL(ew_unary_f32, float, EW_FLOAT_UNARY_CASES)
EW_UNARY_KERNEL(ew_unary_f64, double, EW_FLOAT_UNARY_CASES)
#undef FUNCTOR
#define FUNCTOR elementwise_impl::UnaryI64
EW_UNARY_KERNEL(ew_unary_i64, long long, EW_ARITH_UNARY_CASES)
#undef FUNCTOR

// Predicates, any input dtype, bool output: ew_predicate_{f32,f64,i64,bool} (ops 26-29).
// Reads sizeof(T) bytes and writes 1 per element.
#define EW_PREDICATE_KERNEL(NAME, TYPE)                                                                      \
  extern "C" __global__ void __launch_bounds__(256) NAME(int op, int n, const TYPE* in, Strided id, fbool* out, \
                                                         Strided od, int mode) {                             \
    typedef TYPE T;                                                                                          \
    switch (op) { EW_UNARY_CASE(26) EW_UNARY_CASE(27) EW_UNARY_CASE(28) EW_UNARY_CASE(29) }                 \
  }
#define FUNCTOR elementwise_impl::PredicateOf<T>::template F
EW_PREDICATE_KERNEL(ew_predicate_f32, float)
EW_PREDICATE_KERNEL(ew_predicate_f64, double)
EW_PREDICATE_KERNEL(ew_predicate_i64, long long)
EW_PREDICATE_KERNEL(ew_predicate_bool, fbool)
#undef FUNCTOR

// Binary, output dtype == input dtype: ew_binary_f32, ew_binary_f64 (ops 0-9), ew_binary_i64 (ops
// 0-8 but DIV). `flag` is the error word pair an int64 division by zero is reported to.
#define EW_BINARY_CASE(OP)                                                                                 \
  case OP:                                                                                                 \
    elementwise_impl::map2<EW_V(T)>(n, a, ad, b, bd, out, od, mode, scalars, FUNCTOR<OP>{FUNCTOR_ARGS}); \
    break;

#define EW_BINARY_KERNEL(NAME, TYPE, CASES)                                                                  \
  extern "C" __global__ void __launch_bounds__(256) NAME(int op, int n, const TYPE* a, Strided ad, const TYPE* b, \
                                                         Strided bd, TYPE* out, Strided od, int mode,        \
                                                         int scalars, int* flag) {                           \
    typedef TYPE T;                                                                                          \
    (void)flag;                                                                                              \
    switch (op) { CASES }                                                                                    \
  }

#define EW_FLOAT_BINARY_CASES                                                                          \
  EW_BINARY_CASE(0) EW_BINARY_CASE(1) EW_BINARY_CASE(2) EW_BINARY_CASE(3) EW_BINARY_CASE(4) \
  EW_BINARY_CASE(5) EW_BINARY_CASE(6) EW_BINARY_CASE(7) EW_BINARY_CASE(8) EW_BINARY_CASE(9)
#define EW_I64_BINARY_CASES \
  EW_BINARY_CASE(0) EW_BINARY_CASE(1) EW_BINARY_CASE(2) EW_BINARY_CASE(4) EW_BINARY_CASE(5) \
  EW_BINARY_CASE(6) EW_BINARY_CASE(7) EW_BINARY_CASE(8)

#define FUNCTOR elementwise_impl::BinaryFloatOf<T>::template F
#define FUNCTOR_ARGS
EW_BINARY_KERNEL(ew_binary_f32, float, EW_FLOAT_BINARY_CASES)
EW_BINARY_KERNEL(ew_binary_f64, double, EW_FLOAT_BINARY_CASES)
#undef FUNCTOR
#undef FUNCTOR_ARGS
#define FUNCTOR elementwise_impl::BinaryI64
#define FUNCTOR_ARGS flag
EW_BINARY_KERNEL(ew_binary_i64, long long, EW_I64_BINARY_CASES)
#undef FUNCTOR
#undef FUNCTOR_ARGS

// Comparisons and logical ops, any input dtype, bool output: ew_compare_{f32,f64,i64,bool} (ops
// 10-18). Reads 2 * sizeof(T) bytes and writes 1 per element.
#define EW_COMPARE_KERNEL(NAME, TYPE)                                                                        \
  extern "C" __global__ void __launch_bounds__(256) NAME(int op, int n, const TYPE* a, Strided ad, const TYPE* b, \
                                                         Strided bd, fbool* out, Strided od, int mode,       \
                                                         int scalars) {                                      \
    typedef TYPE T;                                                                                          \
    switch (op) {                                                                                            \
      EW_BINARY_CASE(10) EW_BINARY_CASE(11) EW_BINARY_CASE(12) EW_BINARY_CASE(13) EW_BINARY_CASE(14)         \
      EW_BINARY_CASE(15) EW_BINARY_CASE(16) EW_BINARY_CASE(17) EW_BINARY_CASE(18)                            \
    }                                                                                                        \
  }
#define FUNCTOR elementwise_impl::CompareOf<T>::template F
#define FUNCTOR_ARGS
EW_COMPARE_KERNEL(ew_compare_f32, float)
EW_COMPARE_KERNEL(ew_compare_f64, double)
EW_COMPARE_KERNEL(ew_compare_i64, long long)
EW_COMPARE_KERNEL(ew_compare_bool, fbool)
#undef FUNCTOR
#undef FUNCTOR_ARGS

// where(cond, a, b): ew_where_{f32,f64,i64,bool}. Reads 1 + 2 * sizeof(T) bytes and writes
// sizeof(T) per element.
#define EW_WHERE_KERNEL(NAME, TYPE)                                                                           \
  extern "C" __global__ void __launch_bounds__(256) NAME(int n, const fbool* c, Strided cd, const TYPE* a,       \
                                                         Strided ad, const TYPE* b, Strided bd, TYPE* out,    \
                                                         Strided od, int mode, int scalars) {                 \
    elementwise_impl::map3<EW_V(TYPE)>(n, c, cd, a, ad, b, bd, out, od, mode, scalars,                         \
                                       elementwise_impl::Select<TYPE>{});                                     \
  }
EW_WHERE_KERNEL(ew_where_f32, float)
EW_WHERE_KERNEL(ew_where_f64, double)
EW_WHERE_KERNEL(ew_where_i64, long long)
EW_WHERE_KERNEL(ew_where_bool, fbool)

#undef EW_V
#undef EW_UNARY_CASE
#undef EW_ARITH_UNARY_CASES
#undef EW_FLOAT_UNARY_CASES
#undef EW_UNARY_KERNEL
#undef EW_PREDICATE_KERNEL
#undef EW_BINARY_CASE
#undef EW_BINARY_KERNEL
#undef EW_FLOAT_BINARY_CASES
#undef EW_I64_BINARY_CASES
#undef EW_COMPARE_KERNEL
#undef EW_WHERE_KERNEL
