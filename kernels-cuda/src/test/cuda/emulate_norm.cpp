// Runs fused.cu's layer-norm / RMS-norm forward and backward kernels (scalar and 16-byte-pack
// variants, rows cached in registers or re-read, several rows per block) on the CPU through
// emulation.h, launched as CudaFused launches them (FusedPlan.rows), and checks them against
// float64 references: y = (x - mean) rstd w + b with the biased variance (RMS: no mean, no b), the
// saved mean and rstd, and gradX = rstd (g - mean(g) - xhat mean(g xhat)) with g = gradOut w
// (RMS: no mean(g) term). Built and run by HostEmulationTest; one line per case.
#define FRONTIER_HOST_EMULATION
#include "emulation.h"
#include "emulate_report.h"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "fused.cu"

namespace {

using emu_report::report;
using emu_report::sci;

long long next_pow2(long long v) {
  long long p = 1;
  while (p < v) p <<= 1;
  return p;
}

// FusedPlan.rows(rows, packs, NORM_MAX_THREADS = 512, cache): threads per row, rows per block, cached
struct Plan {
  int tpr, perBlock, blocks, cached;
};
Plan plan(int rows, int packs, int cache) {
  Plan p;
  p.tpr = (int)std::min<long long>(512, std::max<long long>(32, next_pow2((packs + 3) / 4)));
  p.perBlock = std::max(1, std::min(256 / p.tpr, rows));
  p.blocks = (rows + p.perBlock - 1) / p.perBlock;
  p.cached = (packs + p.tpr - 1) / p.tpr <= cache;
  return p;
}

template <typename T>
struct K;
template <>
struct K<float> {
  static constexpr auto fwd = fused_norm_fwd_f32;
  static constexpr auto fwdV = fused_norm_fwd_f32_v;
  static constexpr auto bwd = fused_norm_bwd_f32;
  static constexpr auto bwdV = fused_norm_bwd_f32_v;
  static constexpr int V = 4;
  static constexpr const char* name = "f32";
  static constexpr double tol = 3e-6;
};
template <>
struct K<double> {
  static constexpr auto fwd = fused_norm_fwd_f64;
  static constexpr auto fwdV = fused_norm_fwd_f64_v;
  static constexpr auto bwd = fused_norm_bwd_f64;
  static constexpr auto bwdV = fused_norm_bwd_f64_v;
  static constexpr int V = 2;
  static constexpr const char* name = "f64";
  static constexpr double tol = 1e-12;
};

double rel(double got, double want) { return std::fabs(got - want) / std::max(1.0, std::fabs(want)); }

template <typename T>
void check(int rows, int n, bool centred, bool affine, bool vec, std::mt19937& rng) {
  const double eps = 1e-5;
  std::normal_distribution<double> normal(0.5, 2.0);
  std::vector<T> x((size_t)rows * n), go((size_t)rows * n), w(n), b(n);
  for (T& v : x) v = (T)normal(rng);
  for (T& v : go) v = (T)normal(rng);
  for (T& v : w) v = (T)normal(rng);
  for (T& v : b) v = (T)normal(rng);
  const T* wp = affine ? w.data() : nullptr;
  const T* bp = affine && centred ? b.data() : nullptr;
  std::vector<T> y((size_t)rows * n, (T)-7), mean(rows, (T)-7), rstd(rows, (T)-7), gx((size_t)rows * n, (T)-7);
  const int packs = vec ? n / K<T>::V : n;
  const Plan f = plan(rows, packs, vec ? 8 : 16), bk = plan(rows, packs, vec ? 4 : 8);
  emu::launch(f.blocks, 1, f.tpr, f.perBlock, 0, [&] {
    (vec ? K<T>::fwdV : K<T>::fwd)(rows, n, f.cached, centred, eps, x.data(), wp, bp, y.data(), centred ? mean.data() : nullptr,
                                   rstd.data());
  });
  emu::launch(bk.blocks, 1, bk.tpr, bk.perBlock, 0, [&] {
    (vec ? K<T>::bwdV : K<T>::bwd)(rows, n, bk.cached, centred, go.data(), x.data(), wp, centred ? mean.data() : nullptr, rstd.data(),
                                   gx.data());
  });
  std::string name = std::string(centred ? "layer norm " : "rms norm ") + K<T>::name + (vec ? " packs" : " scalar") + " rows " +
                     std::to_string(rows) + " x " + std::to_string(n) + (affine ? " affine" : "") + " (" + std::to_string(f.tpr) +
                     " threads a row, " + std::to_string(f.perBlock) + " rows a block, " + (f.cached ? "cached" : "re-read") + " / " +
                     (bk.cached ? "cached" : "re-read") + ")";
  double worst = 0;
  for (int r = 0; r < rows; ++r) {
    const T* xr = x.data() + (size_t)r * n;
    const T* gr = go.data() + (size_t)r * n;
    double mu = 0, var = 0;
    if (centred) {
      for (int j = 0; j < n; ++j) mu += xr[j];
      mu /= n;
    }
    for (int j = 0; j < n; ++j) var += (xr[j] - mu) * (xr[j] - mu);
    const double rs = 1.0 / std::sqrt(var / n + eps);
    worst = std::max(worst, rel(rstd[r], rs));
    if (centred) worst = std::max(worst, rel(mean[r], mu));
    // the backward reads the saved (rounded) mean and rstd, as the kernel does
    const double muS = centred ? (double)mean[r] : 0.0, rsS = (double)rstd[r];
    double a = 0, c = 0;
    for (int j = 0; j < n; ++j) {
      const double g = affine ? (double)gr[j] * w[j] : (double)gr[j];
      a += g;
      c += g * (xr[j] - muS) * rsS;
    }
    for (int j = 0; j < n; ++j) {
      double want = (xr[j] - mu) * rs;
      if (affine) want *= w[j];
      if (bp != nullptr) want += b[j];
      worst = std::max(worst, rel(y[(size_t)r * n + j], want));
      const double g = affine ? (double)gr[j] * w[j] : (double)gr[j];
      const double wantGx = rsS * (g - (centred ? a / n : 0.0) - (xr[j] - muS) * rsS * (c / n));
      worst = std::max(worst, rel(gx[(size_t)r * n + j], wantGx));
    }
  }
  report(name, worst < K<T>::tol, "largest error " + sci(worst));
}

}  // namespace

int main() {
  std::mt19937 rng(20261128);
  check<float>(7, 4097, true, true, false, rng);    // 512 threads, 9 scalars each: cached forward, re-read backward
  check<float>(7, 4096, true, true, true, rng);     // packs, cached both ways
  check<float>(5, 20000, true, false, true, rng);   // 5000 packs: re-read both ways
  check<float>(33, 100, false, true, false, rng);   // RMS, 32 threads a row, 8 rows a block
  check<float>(9, 200, true, true, true, rng);      // 50 packs: 32 threads, several rows a block
  check<double>(6, 1030, true, true, true, rng);
  check<double>(6, 777, false, false, false, rng);
  return emu_report::finish();
}
