// Runs optimizer.cu's steps on the CPU through emulation.h over a grid-stride loop of fewer
// threads than elements (16-byte packs with a scalar tail, or scalars) and checks them:
//   AdamW, and Adam (L2 weight decay), against a float64 reference;
//   Lion, SGD, RMSprop and Adagrad bit for bit against the same arithmetic written out on the host
//     in the element type, in the CPU backend's order of roundings (LionKernel, SgdKernel,
//     RmspropKernel, AdagradKernel), and loosely against float64; Lion with a zero sign argument
//     and a NaN gradient; SGD without momentum, with momentum (first step and later ones,
//     dampening), Nesterov, weight decay and maximize; RMSprop plain, centered, with momentum.
// Built and run by HostEmulationTest; prints one line per case and exits non-zero on a failure.
#define FRONTIER_HOST_EMULATION
#include "emulation.h"
#include "emulate_report.h"

#include <algorithm>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "optimizer.cu"

namespace {

using emu_report::report;
using emu_report::sci;

template <typename T>
struct Kernels;
template <>
struct Kernels<float> {
  static constexpr auto adamw = fused_adamw_f32;
  static constexpr auto adamwList = fused_adamw_list_f32;
  static constexpr auto lion = fused_lion_f32;
  static constexpr auto sgd = fused_sgd_f32;
  static constexpr auto rmsprop = fused_rmsprop_f32;
  static constexpr auto adagrad = fused_adagrad_f32;
  static constexpr const char* name = "f32";
  static constexpr double rel = 2e-6;
};
template <>
struct Kernels<double> {
  static constexpr auto adamw = fused_adamw_f64;
  static constexpr auto adamwList = fused_adamw_list_f64;
  static constexpr auto lion = fused_lion_f64;
  static constexpr auto sgd = fused_sgd_f64;
  static constexpr auto rmsprop = fused_rmsprop_f64;
  static constexpr auto adagrad = fused_adagrad_f64;
  static constexpr const char* name = "f64";
  static constexpr double rel = 1e-12;
};

// Bitwise equal (NaN equals NaN of any payload).
template <typename T>
bool same(T a, T b) {
  if (std::isnan(a)) return std::isnan(b);
  return std::memcmp(&a, &b, sizeof(T)) == 0;
}

template <typename T>
std::vector<T> normals(int n, double sd, std::mt19937& rng) {
  std::normal_distribution<double> normal(0.0, sd);
  std::vector<T> v(n);
  for (auto& x : v) x = (T)normal(rng);
  return v;
}

// adam: torch.optim.Adam's L2 weight decay (g += wd p, no decoupled decay) instead of AdamW's.
template <typename T>
void check_adamw(int n, bool vec, bool maximize, std::mt19937& rng, bool adam = false) {
  std::vector<T> p = normals<T>(n, 1.0, rng), g = normals<T>(n, 1.0, rng), m = normals<T>(n, 0.1, rng), v = normals<T>(n, 0.01, rng);
  for (auto& x : v) x = std::fabs(x);
  const std::vector<T> p0 = p, m0 = m, v0 = v;
  const double lr = 1e-2, b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = 0.01;
  const int step = 7;
  const double stepSize = lr / (1 - std::pow(b1, step)), bc2Sqrt = std::sqrt(1 - std::pow(b2, step));
  const double decay = adam ? 1 : 1 - lr * wd, l2 = adam ? wd : 0;
  emu::launch(3, 1, 64, 0, [&] {
    Kernels<T>::adamw(n, vec, p.data(), g.data(), m.data(), v.data(), (T)(maximize ? -1 : 1), (T)b1, (T)(1 - b1), (T)b2, (T)(1 - b2),
                      (T)decay, (T)l2, (T)stepSize, (T)bc2Sqrt, (T)eps);
  });
  double worst = 0;
  for (int i = 0; i < n; ++i) {
    const double gi = (maximize ? -(double)g[i] : (double)g[i]) + l2 * p0[i];
    const double mi = b1 * m0[i] + (1 - b1) * gi, vi = b2 * v0[i] + (1 - b2) * gi * gi;
    const double pi = p0[i] * decay - stepSize * mi / (std::sqrt(vi) / bc2Sqrt + eps);
    worst = std::max({worst, std::fabs(p[i] - pi) / std::max(1.0, std::fabs(pi)), std::fabs(m[i] - mi), std::fabs(v[i] - vi)});
  }
  report(std::string(adam ? "adam " : "adamw ") + Kernels<T>::name + " n " + std::to_string(n) + (vec ? " packs" : " scalars") + (maximize ? " maximize" : ""),
         worst < 50 * Kernels<T>::rel, "largest error " + sci(worst));
}

// fused_adamw_list over tensors of different sizes and alignments in one launch (blocks split as
// io.frontier.cuda.AdamList splits them), against each tensor stepped alone by fused_adamw: the
// same arithmetic, so equal bit for bit; the launch's other tensors must stay untouched.
template <typename T>
void check_adamw_list(const std::vector<int>& sizes, const std::vector<int>& vecs, const std::vector<int>& blocks, std::mt19937& rng) {
  const int count = (int)sizes.size();
  std::vector<std::vector<T>> p(count), g(count), m(count), v(count), p1, m1, v1;
  for (int t = 0; t < count; ++t) {
    p[t] = normals<T>(sizes[t] + 1, 1.0, rng);  // one element more: an unaligned view starts at element 1
    g[t] = normals<T>(sizes[t] + 1, 1.0, rng);
    m[t] = normals<T>(sizes[t] + 1, 0.1, rng);
    v[t] = normals<T>(sizes[t] + 1, 0.01, rng);
    for (auto& x : v[t]) x = std::fabs(x);
  }
  p1 = p, m1 = m, v1 = v;
  const T sign = 1, b1 = (T)0.9, omb1 = (T)(1 - 0.9), b2 = (T)0.999, omb2 = (T)(1 - 0.999), decay = (T)(1 - 1e-2 * 0.01), l2 = 0;
  const T stepSize = (T)(1e-2 / (1 - std::pow(0.9, 3))), bc2Sqrt = (T)std::sqrt(1 - std::pow(0.999, 3)), eps = (T)1e-8;
  optimizer_impl::AdamList<T> list{};
  list.count = count;
  int first = 0;
  for (int t = 0; t < count; ++t) {
    const int at = vecs[t] ? 0 : 1;  // the unaligned tensors start one element in
    list.p[t] = p[t].data() + at;
    list.g[t] = g[t].data() + at;
    list.m[t] = m[t].data() + at;
    list.v[t] = v[t].data() + at;
    list.n[t] = sizes[t];
    list.vec[t] = vecs[t];
    list.first[t] = first;
    first += blocks[t];
  }
  list.first[count] = first;
  emu::launch((unsigned)first, 1, 64, 0, [&] { Kernels<T>::adamwList(list, sign, b1, omb1, b2, omb2, decay, l2, stepSize, bc2Sqrt, eps); });
  bool ok = true;
  for (int t = 0; t < count; ++t) {
    const int at = vecs[t] ? 0 : 1;
    emu::launch(2, 1, 64, 0, [&] {
      Kernels<T>::adamw(sizes[t], vecs[t], p1[t].data() + at, g[t].data() + at, m1[t].data() + at, v1[t].data() + at, sign, b1, omb1, b2,
                        omb2, decay, l2, stepSize, bc2Sqrt, eps);
    });
    for (int i = 0; i <= sizes[t]; ++i) ok &= same(p[t][i], p1[t][i]) && same(m[t][i], m1[t][i]) && same(v[t][i], v1[t][i]);
  }
  std::string what;
  for (int t = 0; t < count; ++t) what += std::to_string(sizes[t]) + (vecs[t] ? "" : "u") + "/" + std::to_string(blocks[t]) + " ";
  report(std::string("adamw list ") + Kernels<T>::name + " (n/blocks, u unaligned) " + what, ok, ok ? "bit for bit" : "differs from the single-tensor kernel");
}

template <typename T>
T signum(T x) {
  return x > 0 ? T(1) : x < 0 ? T(-1) : x;
}

// Element 0: b1 m + c1 g is zero (sign 0: p only decays); element 1: a NaN gradient (p and m NaN).
template <typename T>
void check_lion(int n, bool vec, std::mt19937& rng) {
  std::vector<T> p = normals<T>(n, 1.0, rng), g = normals<T>(n, 1.0, rng), m = normals<T>(n, 0.1, rng);
  m[0] = 0;
  g[0] = 0;
  g[1] = NAN;
  const std::vector<T> p0 = p, m0 = m;
  const double lr = 3e-4, beta1 = 0.9, beta2 = 0.99, wd = 0.1;
  const T tl = (T)lr, b1 = (T)beta1, c1 = (T)(1 - beta1), b2 = (T)beta2, c2 = (T)(1 - beta2), decay = (T)(1 - lr * wd);
  emu::launch(3, 1, 64, 0, [&] { Kernels<T>::lion(n, vec, p.data(), g.data(), m.data(), tl, b1, c1, b2, c2, decay); });
  bool bitwise = true;
  double worst = 0;
  std::string why;
  for (int i = 0; i < n; ++i) {
    const T c = b1 * m0[i] + c1 * g[i];  // the host's own roundings, in T
    const T wantP = p0[i] * decay - tl * signum(c), wantM = b2 * m0[i] + c2 * g[i];
    if (!same(p[i], wantP) || !same(m[i], wantM)) {
      if (bitwise) why = "element " + std::to_string(i) + ": p " + sci(p[i]) + " (want " + sci(wantP) + "), m " + sci(m[i]) + " (want " + sci(wantM) + ")";
      bitwise = false;
    }
    if (i == 1) continue;  // NaN
    const double c64 = beta1 * m0[i] + (1 - beta1) * (double)g[i];
    if (std::fabs(c64) > 1e-6) worst = std::max(worst, std::fabs(p[i] - (p0[i] * (1 - lr * wd) - lr * signum(c64))));
  }
  const bool special = p[0] == (T)(p0[0] * decay) && std::isnan(p[1]) && std::isnan(m[1]);
  report(std::string("lion ") + Kernels<T>::name + " n " + std::to_string(n) + (vec ? " packs" : " scalars"),
         bitwise && special && worst < 10 * Kernels<T>::rel,
         !bitwise ? why : !special ? "zero sign or NaN gradient mishandled" : "largest error against float64 " + sci(worst));
}

struct SgdCase {
  double momentum, dampening, wd;
  bool nesterov, maximize, first;
};

template <typename T>
void check_sgd(int n, bool vec, SgdCase k, std::mt19937& rng) {
  std::vector<T> p = normals<T>(n, 1.0, rng), g = normals<T>(n, 1.0, rng), buf = normals<T>(n, 0.5, rng);
  const std::vector<T> p0 = p, buf0 = buf;
  const double lr = 0.05;
  const T sign = (T)(k.maximize ? -1 : 1), wd = (T)k.wd, mom = (T)k.momentum, damp1 = (T)(1 - k.dampening), negLr = (T)(-lr);
  const bool withBuffer = k.momentum != 0;
  emu::launch(3, 1, 64, 0, [&] {
    Kernels<T>::sgd(n, vec, p.data(), g.data(), withBuffer ? buf.data() : nullptr, sign, wd, mom, damp1, negLr, k.nesterov, k.first);
  });
  bool bitwise = true;
  double worst = 0;
  std::string why;
  for (int i = 0; i < n; ++i) {
    T d = sign * g[i];  // SgdKernel's roundings, in T
    if (wd != 0) d = d + wd * p0[i];
    T b = buf0[i];
    if (withBuffer) {
      b = k.first ? d : b * mom + damp1 * d;
      d = k.nesterov ? d + mom * b : b;
    }
    const T wantP = p0[i] + negLr * d;
    if (!same(p[i], wantP) || !same(buf[i], b)) {
      if (bitwise) why = "element " + std::to_string(i) + ": p " + sci(p[i]) + " (want " + sci(wantP) + "), buf " + sci(buf[i]) + " (want " + sci(b) + ")";
      bitwise = false;
    }
    double d64 = (k.maximize ? -1.0 : 1.0) * g[i] + k.wd * p0[i];
    if (withBuffer) {
      const double b64 = k.first ? d64 : k.momentum * buf0[i] + (1 - k.dampening) * d64;
      d64 = k.nesterov ? d64 + k.momentum * b64 : b64;
    }
    worst = std::max(worst, std::fabs(p[i] - (p0[i] - lr * d64)) / std::max(1.0, std::fabs((double)p0[i])));
  }
  char name[200];
  std::snprintf(name, sizeof name, "sgd %s n %d %s momentum %.2f dampening %.2f wd %.2f%s%s%s", Kernels<T>::name, n, vec ? "packs" : "scalars",
                k.momentum, k.dampening, k.wd, k.nesterov ? " nesterov" : "", k.maximize ? " maximize" : "",
                withBuffer ? (k.first ? " first step" : " later step") : "");
  report(name, bitwise && worst < 10 * Kernels<T>::rel, !bitwise ? why : "largest error against float64 " + sci(worst));
}

// RMSprop (centered and momentum each on or off, weight decay, maximize) and Adagrad, bit for bit
// against the host's own arithmetic in T in RmspropKernel's / AdagradKernel's order, and loosely
// against float64.
template <typename T>
void check_rmsprop(int n, bool vec, bool centered, bool withMomentum, bool maximize, std::mt19937& rng) {
  std::vector<T> p = normals<T>(n, 1.0, rng), g = normals<T>(n, 1.0, rng), sq = normals<T>(n, 0.1, rng), ga = normals<T>(n, 0.01, rng),
                 buf = normals<T>(n, 0.1, rng);
  for (auto& x : sq) x = std::fabs(x) + (T)0.01;  // sq >= ga^2 for the centered square root
  const std::vector<T> p0 = p, sq0 = sq, ga0 = ga, buf0 = buf;
  const double lr = 1e-2, alpha = 0.99, eps = 1e-8, wd = 0.01, momentum = 0.9;
  const T sign = (T)(maximize ? -1 : 1), twd = (T)wd, ta = (T)alpha, c = (T)(1 - alpha), te = (T)eps, tm = (T)momentum, negLr = (T)(-lr);
  emu::launch(3, 1, 64, 0, [&] {
    Kernels<T>::rmsprop(n, vec, p.data(), g.data(), sq.data(), centered ? ga.data() : nullptr, withMomentum ? buf.data() : nullptr, sign,
                        twd, ta, c, te, tm, negLr);
  });
  bool bitwise = true;
  double worst = 0;
  std::string why;
  for (int i = 0; i < n; ++i) {
    T d = sign * g[i];
    d = d + twd * p0[i];
    const T s = sq0[i] * ta + (c * d) * d;
    T gai = ga0[i], a;
    if (centered) {
      gai = ga0[i] * ta + c * d;
      a = std::sqrt(s - gai * gai);
    } else {
      a = std::sqrt(s);
    }
    a = a + te;
    T b = buf0[i], wantP;
    if (withMomentum) {
      b = b * tm + d / a;
      wantP = p0[i] + b * negLr;
    } else {
      wantP = p0[i] + (d * negLr) / a;
    }
    if (!same(p[i], wantP) || !same(sq[i], s) || !same(ga[i], gai) || !same(buf[i], b)) {
      if (bitwise) why = "element " + std::to_string(i) + ": p " + sci(p[i]) + " (want " + sci(wantP) + ")";
      bitwise = false;
    }
    double d64 = (maximize ? -1.0 : 1.0) * g[i] + wd * p0[i];
    const double s64 = alpha * sq0[i] + (1 - alpha) * d64 * d64;
    const double ga64 = alpha * ga0[i] + (1 - alpha) * d64;
    const double a64 = (centered ? std::sqrt(s64 - ga64 * ga64) : std::sqrt(s64)) + eps;
    const double p64 = withMomentum ? p0[i] - lr * (momentum * buf0[i] + d64 / a64) : p0[i] - lr * d64 / a64;
    worst = std::max(worst, std::fabs(p[i] - p64) / std::max(1.0, std::fabs(p64)));
  }
  report(std::string("rmsprop ") + Kernels<T>::name + " n " + std::to_string(n) + (vec ? " packs" : " scalars") + (centered ? " centered" : "") +
             (withMomentum ? " momentum" : "") + (maximize ? " maximize" : ""),
         bitwise && worst < 1e3 * Kernels<T>::rel, !bitwise ? why : "largest error against float64 " + sci(worst));
}

template <typename T>
void check_adagrad(int n, bool vec, bool maximize, std::mt19937& rng) {
  std::vector<T> p = normals<T>(n, 1.0, rng), g = normals<T>(n, 1.0, rng), sum = normals<T>(n, 1.0, rng);
  for (auto& x : sum) x = std::fabs(x);
  const std::vector<T> p0 = p, sum0 = sum;
  const double lr = 1e-2, lrDecay = 0.01, wd = 0.01, eps = 1e-10;
  const int step = 4;
  const double clr = lr / (1 + (step - 1) * lrDecay);
  const T sign = (T)(maximize ? -1 : 1), twd = (T)wd, te = (T)eps, negClr = (T)(-clr);
  emu::launch(3, 1, 64, 0, [&] { Kernels<T>::adagrad(n, vec, p.data(), g.data(), sum.data(), sign, twd, te, negClr); });
  bool bitwise = true;
  double worst = 0;
  for (int i = 0; i < n; ++i) {
    T d = sign * g[i];
    d = d + twd * p0[i];
    const T s = sum0[i] + d * d;
    const T wantP = p0[i] + (d * negClr) / (std::sqrt(s) + te);
    bitwise = bitwise && same(p[i], wantP) && same(sum[i], s);
    const double d64 = (maximize ? -1.0 : 1.0) * g[i] + wd * p0[i];
    const double p64 = p0[i] - clr * d64 / (std::sqrt(sum0[i] + d64 * d64) + eps);
    worst = std::max(worst, std::fabs(p[i] - p64) / std::max(1.0, std::fabs(p64)));
  }
  report(std::string("adagrad ") + Kernels<T>::name + " n " + std::to_string(n) + (vec ? " packs" : " scalars") + (maximize ? " maximize" : ""),
         bitwise && worst < 10 * Kernels<T>::rel, !bitwise ? "not bit for bit" : "largest error against float64 " + sci(worst));
}

}  // namespace

int main() {
  std::mt19937 rng(20261128);
  check_adamw<float>(1003, true, false, rng);  // 250 packs and a tail of 3
  check_adamw<float>(517, false, true, rng);
  check_adamw<double>(301, true, false, rng);
  check_adamw<float>(1003, true, true, rng, true);  // Adam: L2 weight decay
  check_adamw<double>(301, false, false, rng, true);
  check_adamw_list<float>({1003, 517, 1, 4096, 63}, {1, 0, 1, 1, 0}, {2, 3, 1, 4, 1}, rng);
  check_adamw_list<double>({301, 2, 77}, {1, 1, 0}, {1, 1, 2}, rng);
  check_adamw_list<float>({5}, {1}, {1}, rng);  // one tensor, one block
  check_lion<float>(1003, true, rng);
  check_lion<float>(517, false, rng);
  check_lion<double>(301, true, rng);
  const SgdCase cases[] = {
      {0, 0, 0, false, false, false},        // plain: p -= lr g, no buffer
      {0, 0, 0.01, false, true, false},      // weight decay, maximize
      {0.9, 0, 0, false, false, true},       // momentum, first step: buf = d
      {0.9, 0.1, 0.01, false, false, false}, // dampening and weight decay
      {0.9, 0, 0.01, true, false, false},    // Nesterov
  };
  for (const SgdCase& k : cases) check_sgd<float>(1003, true, k, rng);
  check_sgd<float>(517, false, cases[3], rng);
  check_sgd<double>(301, true, cases[4], rng);
  check_sgd<double>(301, false, cases[2], rng);
  check_rmsprop<float>(1003, true, false, false, false, rng);
  check_rmsprop<float>(1003, true, true, true, true, rng);
  check_rmsprop<float>(517, false, true, false, false, rng);
  check_rmsprop<double>(301, true, false, true, false, rng);
  check_adagrad<float>(1003, true, false, rng);
  check_adagrad<float>(517, false, true, rng);
  check_adagrad<double>(301, true, false, rng);
  return emu_report::finish();
}
