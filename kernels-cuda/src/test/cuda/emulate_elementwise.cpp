// Runs elementwise.cu's kernels on the CPU through emulation.h and checks them against float64
// (or exact) references, in the three layouts CudaElementwise picks (ElementwiseLayout):
// EW_VECTOR (16-byte packs with a tail, a broadcast scalar), EW_LINEAR (dense, unaligned) and
// EW_STRIDED (a transposed input, a row broadcast along a stride of 0, a strided output), over a
// grid-stride loop of fewer threads than elements: float binary ops (add, div, pow, atan2,
// floor_divide, remainder with negative operands), int64 binary ops (floor division and remainder
// rounding towards minus infinity, and a division by zero reported to the error flag), float
// unary ops (exp, log1p, tanh, gelu, erf, rsqrt), comparisons with NaN, and where.
// Built and run by HostEmulationTest; prints one line per case and exits non-zero on a failure.
#define FRONTIER_HOST_EMULATION
#include "emulation.h"
#include "emulate_report.h"
#include "emulate_strided.h"

#include <algorithm>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "elementwise.cu"

namespace {

using emu_report::report;
using emu_report::sci;

constexpr int R = 37, C = 29, N = R * C;  // an (R, C) output; N is not a multiple of 4

using emu_strided::dims;

using emu_report::rel;

template <typename T>
void launch(const std::function<void()>& k) {
  emu::launch(3, 1, 64, 0, k);  // 192 threads for about a thousand elements
}

// Layouts of a binary op's inputs and output; element (r, c) of the logical (R, C) operands.
enum Layout { VECTOR, LINEAR, STRIDED };
const char* layout_name(Layout l) { return l == VECTOR ? "vector" : l == LINEAR ? "linear" : "strided"; }

// a: dense (R, C) (VECTOR, LINEAR: from element 1 for LINEAR so it is unaligned), or (C, R) read
// transposed (STRIDED); b: a scalar (VECTOR), dense (LINEAR), or one row broadcast over R (STRIDED).
template <typename T>
struct Operands {
  std::vector<T> a, b;
  const T* pa;
  const T* pb;
  Strided ad, bd, od;
  int mode, scalars;
  T A(int r, int c) const { return ad.stride[1] == 1 ? pa[r * C + c] : pa[c * R + r]; }
  T B(int r, int c) const { return scalars & 2 ? pb[0] : bd.stride[0] == 0 ? pb[c] : pb[r * C + c]; }
};

template <typename T, typename Gen>
Operands<T> operands(Layout l, Gen gen) {
  Operands<T> o;
  o.a.resize(N + 4);
  o.b.resize(N + 4);
  for (T& x : o.a) x = gen();
  for (T& x : o.b) x = gen();
  o.od = dims(R, C, C, 1);
  if (l == VECTOR) {
    o.pa = o.a.data();
    o.pb = o.b.data();
    o.ad = o.od;
    o.bd = o.od;
    o.mode = EW_VECTOR;
    o.scalars = 2;
  } else if (l == LINEAR) {
    o.pa = o.a.data() + 1;
    o.pb = o.b.data() + 1;
    o.ad = o.od;
    o.bd = o.od;
    o.mode = EW_LINEAR;
    o.scalars = 0;
  } else {
    o.pa = o.a.data();
    o.pb = o.b.data();
    o.ad = dims(R, C, 1, R);
    o.bd = dims(R, C, 0, 1);
    o.mode = EW_STRIDED;
    o.scalars = 0;
  }
  return o;
}

// The output (R, C): dense, or (STRIDED) every second element of rows 2 C long.
template <typename T>
struct Output {
  std::vector<T> data;
  bool strided;
  explicit Output(bool s, T poison) : data(s ? 2 * N : N, poison), strided(s) {}
  T* ptr() { return data.data(); }
  Strided desc() const { return strided ? dims(R, C, 2 * C, 2) : dims(R, C, C, 1); }
  T at(int r, int c) const { return strided ? data[r * 2 * C + 2 * c] : data[r * C + c]; }
};

void check_binary_f64(int op, const char* name, Layout l, double lo, double hi, const std::function<double(double, double)>& ref,
                      std::mt19937& rng) {
  std::uniform_real_distribution<double> u(lo, hi);
  Operands<double> o = operands<double>(l, [&] { return u(rng); });
  Output<double> out(l == STRIDED, NAN);
  int flag[2] = {0, 0};
  launch<double>([&] {
    ew_binary_f64(op, N, o.pa, o.ad, o.pb, o.bd, out.ptr(), out.desc(), o.mode, o.scalars, flag);
  });
  double worst = 0;
  for (int r = 0; r < R; ++r)
    for (int c = 0; c < C; ++c) worst = std::max(worst, rel(out.at(r, c), ref(o.A(r, c), o.B(r, c))));
  report(std::string(name) + " f64 " + layout_name(l), worst < 1e-14, "largest error " + sci(worst));
}

void check_binary_f32(int op, const char* name, Layout l, double lo, double hi, const std::function<double(double, double)>& ref,
                      std::mt19937& rng) {
  std::uniform_real_distribution<double> u(lo, hi);
  Operands<float> o = operands<float>(l, [&] { return (float)u(rng); });
  Output<float> out(l == STRIDED, NAN);
  int flag[2] = {0, 0};
  launch<float>([&] { ew_binary_f32(op, N, o.pa, o.ad, o.pb, o.bd, out.ptr(), out.desc(), o.mode, o.scalars, flag); });
  double worst = 0;
  for (int r = 0; r < R; ++r)
    for (int c = 0; c < C; ++c) worst = std::max(worst, rel(out.at(r, c), ref(o.A(r, c), o.B(r, c))));
  report(std::string(name) + " f32 " + layout_name(l), worst < 1e-6, "largest error " + sci(worst));
}

// int64 floor division and remainder (Python / PyTorch semantics), and a zero divisor reported.
void check_i64(Layout l, std::mt19937& rng) {
  std::uniform_int_distribution<long long> u(-50, 50);
  Operands<long long> o = operands<long long>(l, [&] {
    long long v = u(rng);
    return v == 0 ? 7 : v;
  });
  bool ok = true;
  for (int op : {EW_FLOOR_DIVIDE, EW_REMAINDER}) {
    Output<long long> out(l == STRIDED, -999);
    int flag[2] = {0, 0};
    launch<long long>([&] { ew_binary_i64(op, N, o.pa, o.ad, o.pb, o.bd, out.ptr(), out.desc(), o.mode, o.scalars, flag); });
    for (int r = 0; r < R; ++r) {
      for (int c = 0; c < C; ++c) {
        const long long a = o.A(r, c), b = o.B(r, c);
        long long q = a / b;
        if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
        ok = ok && out.at(r, c) == (op == EW_FLOOR_DIVIDE ? q : a - q * b) && flag[0] == 0;
      }
    }
  }
  report(std::string("floor_divide, remainder i64 ") + layout_name(l), ok, "");
}

void check_i64_zero_division() {
  std::vector<long long> a(8, 5), b(8, 1), out(8, 0);
  b[5] = 0;
  const Strided d = dims(1, 8, 8, 1);
  int flag[2] = {0, 0};
  launch<long long>([&] { ew_binary_i64(EW_FLOOR_DIVIDE, 8, a.data(), d, b.data(), d, out.data(), d, EW_LINEAR, 0, flag); });
  report("floor_divide i64 by zero reports to the flag", flag[0] != 0, "flag " + std::to_string(flag[0]) + ", " + std::to_string(flag[1]));
}

void check_unary_f32(int op, const char* name, double lo, double hi, const std::function<double(double)>& ref, double tol, Layout l,
                     std::mt19937& rng) {
  std::uniform_real_distribution<double> u(lo, hi);
  Operands<float> o = operands<float>(l, [&] { return (float)u(rng); });
  Output<float> out(l == STRIDED, NAN);
  const int mode = l == VECTOR ? EW_VECTOR : l == LINEAR ? EW_LINEAR : EW_STRIDED;
  launch<float>([&] { ew_unary_f32(op, N, o.pa, o.ad, out.ptr(), out.desc(), mode); });
  double worst = 0;
  for (int r = 0; r < R; ++r)
    for (int c = 0; c < C; ++c) worst = std::max(worst, rel(out.at(r, c), ref(o.A(r, c))));
  report(std::string(name) + " f32 " + layout_name(l), worst < tol, "largest error " + sci(worst));
}

void check_compare_and_where(Layout l, std::mt19937& rng) {
  std::uniform_int_distribution<int> small(-2, 2);
  Operands<float> o = operands<float>(l, [&] { return (float)small(rng); });
  o.a[3] = NAN;  // NaN compares unequal to everything, itself included
  Output<fbool> lt(l == STRIDED, 7);
  launch<float>([&] { ew_compare_f32(EW_LT, N, o.pa, o.ad, o.pb, o.bd, lt.ptr(), lt.desc(), o.mode, o.scalars); });
  Output<fbool> ne(l == STRIDED, 7);
  launch<float>([&] { ew_compare_f32(EW_NE, N, o.pa, o.ad, o.pb, o.bd, ne.ptr(), ne.desc(), o.mode, o.scalars); });
  // where(a < b, a, b) = minimum without NaN handling; condition read through the output's layout
  Output<float> w(l == STRIDED, NAN);
  const Strided cd = lt.desc();
  const int mode = l == STRIDED ? EW_STRIDED : EW_LINEAR;  // the bool condition is never 16-byte packed here
  launch<float>([&] { ew_where_f32(N, lt.ptr(), cd, o.pa, o.ad, o.pb, o.bd, w.ptr(), w.desc(), mode, o.scalars << 1); });
  bool ok = true;
  for (int r = 0; r < R; ++r) {
    for (int c = 0; c < C; ++c) {
      const float a = o.A(r, c), b = o.B(r, c);
      ok = ok && lt.at(r, c) == (a < b) && ne.at(r, c) == (a != b);
      const float want = a < b ? a : b;
      ok = ok && (w.at(r, c) == want || (std::isnan(w.at(r, c)) && std::isnan(want)));
    }
  }
  report(std::string("lt, ne, where f32 ") + layout_name(l), ok, "");
}

}  // namespace

int main() {
  std::mt19937 rng(20261128);
  for (Layout l : {VECTOR, LINEAR, STRIDED}) {
    check_binary_f32(EW_ADD, "add", l, -5, 5, [](double a, double b) { return (double)(float)(a + b); }, rng);
    check_binary_f32(EW_DIV, "div", l, 0.5, 5, [](double a, double b) { return a / b; }, rng);
    check_binary_f64(EW_POW, "pow", l, 0.1, 3, [](double a, double b) { return std::pow(a, b); }, rng);
    check_binary_f64(EW_ATAN2, "atan2", l, -3, 3, [](double a, double b) { return std::atan2(a, b); }, rng);
    check_binary_f64(EW_FLOOR_DIVIDE, "floor_divide", l, -9, 9, [](double a, double b) { return std::floor(a / b); }, rng);
    check_binary_f64(EW_REMAINDER, "remainder", l, -9, 9,
                     [](double a, double b) { const double m = std::fmod(a, b); return m != 0 && ((m < 0) != (b < 0)) ? m + b : m; }, rng);
    check_i64(l, rng);
    check_unary_f32(EW_EXP, "exp", -10, 10, [](double x) { return std::exp(x); }, 2e-6, l, rng);
    check_unary_f32(EW_LOG1P, "log1p", -0.9, 10, [](double x) { return std::log1p(x); }, 2e-6, l, rng);
    check_unary_f32(EW_TANH, "tanh", -5, 5, [](double x) { return std::tanh(x); }, 2e-6, l, rng);
    check_unary_f32(EW_GELU, "gelu", -5, 5, [](double x) { return 0.5 * x * (1 + std::erf(x / std::sqrt(2.0))); }, 2e-6, l, rng);
    check_unary_f32(EW_RSQRT, "rsqrt", 0.01, 100, [](double x) { return 1 / std::sqrt(x); }, 2e-6, l, rng);
    check_compare_and_where(l, rng);
  }
  check_i64_zero_division();
  return emu_report::finish();
}
