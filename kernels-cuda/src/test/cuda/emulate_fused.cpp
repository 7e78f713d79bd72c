// Runs fused.cu's cross-entropy kernels (forward: one row per group of threads, shuffles and a
// shared-memory merge; backward: grid-stride) on the CPU through emulation.h, with the launch
// shapes FusedPlan gives, and checks them against a float64 reference: rows of 50 257 (1 024
// threads each), 1 000 (256) and 40 (32 threads, 8 rows to a block), with -inf, +inf and NaN
// logits, an ignored target and label smoothing. Built and run by HostEmulationTest; prints one
// line per case and exits non-zero on a failure.
#define FRONTIER_HOST_EMULATION
#include "emulation.h"
#include "emulate_report.h"

#include <random>
#include <string>

#include "fused.cu"

namespace {

using emu_report::report;
using emu_report::sci;

long long next_pow2(long long v) {
  long long p = 1;
  while (p < v) p <<= 1;
  return p;
}

// FusedPlan.rows(rows, C, CE_MAX_THREADS, 0): threads per row and rows per block.
void plan(int rows, int C, int& tpr, int& perBlock, int& blocks) {
  tpr = (int)std::min<long long>(512, std::max<long long>(32, next_pow2((C + 3) / 4)));  // FusedPlan.CE_MAX_THREADS
  perBlock = std::max(1, std::min(256 / tpr, rows));
  blocks = (rows + perBlock - 1) / perBlock;
}

// Equal as the tests of the Java side take it: both NaN, or within rel of each other.
bool close(double got, double want, double rel) {
  if (std::isnan(want)) return std::isnan(got);
  if (std::isinf(want)) return got == want;
  return std::fabs(got - want) <= rel * std::max(1.0, std::fabs(want));
}

template <typename T>
struct Kernels;
template <>
struct Kernels<float> {
  static constexpr auto fwd = fused_ce_fwd_f32;
  static constexpr auto bwd = fused_ce_bwd_f32;
  static constexpr const char* name = "f32";
  static constexpr double rel = 2e-6;
};
template <>
struct Kernels<double> {
  static constexpr auto fwd = fused_ce_fwd_f64;
  static constexpr auto bwd = fused_ce_bwd_f64;
  static constexpr const char* name = "f64";
  static constexpr double rel = 1e-12;
};

template <typename T>
void check(int rows, int C, double smoothing, std::mt19937& rng) {
  const long long ignore = -100;
  std::normal_distribution<double> normal(0.0, 3.0);
  std::vector<T> z((size_t)rows * C);
  for (T& x : z) x = (T)normal(rng);
  std::vector<long long> target(rows);
  for (int r = 0; r < rows; ++r) target[r] = (long long)(rng() % C);
  // special rows (when there are enough): -inf logits (masked), an ignored target, +inf, NaN
  if (rows > 1) for (int j = 0; j < C; j += 3) z[(size_t)C + j] = -INFINITY;
  if (rows > 2) target[2] = ignore;
  if (rows > 3) z[(size_t)3 * C + C / 2] = INFINITY;
  if (rows > 4) z[(size_t)4 * C + C - 1] = NAN;
  if (rows > 1 && target[1] % 3 == 0) target[1] = (target[1] + 1) % C;  // a finite target logit

  std::vector<T> losses(rows, (T)-7.0), lse(rows, (T)-7.0);
  int flag[2] = {0, 0};
  int tpr, perBlock, blocks;
  plan(rows, C, tpr, perBlock, blocks);
  emu::launch(blocks, 1, tpr, perBlock, 0, [&] {
    Kernels<T>::fwd(rows, C, ignore, smoothing, z.data(), target.data(), losses.data(), lse.data(), flag);
  });

  std::vector<T> gl(rows), gz((size_t)rows * C, (T)-7.0);
  for (int r = 0; r < rows; ++r) gl[r] = (T)(0.5 + 0.25 * r);
  const int total = rows * C, threads = 256;
  emu::launch((unsigned)std::min(264, (total + threads - 1) / threads), 1, threads, 0, [&] {
    Kernels<T>::bwd(total, C, ignore, smoothing, gl.data(), z.data(), target.data(), lse.data(), gz.data(), flag);
  });

  std::string name = std::string("cross-entropy ") + Kernels<T>::name + " rows " + std::to_string(rows) + " x " + std::to_string(C) +
                     " (" + std::to_string(tpr) + " threads a row, " + std::to_string(perBlock) + " rows a block) smoothing " +
                     std::to_string(smoothing).substr(0, 4);
  double worst = 0;
  bool ok = flag[0] == 0;
  std::string why = ok ? "" : "error flag " + std::to_string(flag[0]);
  for (int r = 0; r < rows && ok; ++r) {
    const T* zr = z.data() + (size_t)r * C;
    double m = -INFINITY, sum = 0, zsum = 0;
    bool nan = false, posInf = false;
    for (int j = 0; j < C; ++j) {
      nan |= std::isnan((double)zr[j]);
      posInf |= zr[j] == INFINITY;
      if (zr[j] > m) m = zr[j];
      zsum += zr[j];
    }
    for (int j = 0; j < C; ++j) sum += std::exp((double)zr[j] - m);
    const double wantLse = nan || posInf || m == -INFINITY ? NAN : m + std::log(sum);
    double wantLoss = 0;
    if (target[r] != ignore) {
      wantLoss = (1 - smoothing) * (wantLse - zr[target[r]]);
      if (smoothing > 0) wantLoss += smoothing * (wantLse - zsum / C);
    }
    if (!close(lse[r], wantLse, Kernels<T>::rel) || !close(losses[r], wantLoss, Kernels<T>::rel)) {
      ok = false;
      why = "row " + std::to_string(r) + ": lse " + std::to_string((double)lse[r]) + " (want " + std::to_string(wantLse) + "), loss " +
            std::to_string((double)losses[r]) + " (want " + std::to_string(wantLoss) + ")";
      break;
    }
    if (std::isfinite(wantLse)) worst = std::max(worst, std::fabs(lse[r] - wantLse) / std::max(1.0, std::fabs(wantLse)));
    for (int j = 0; j < C && ok; ++j) {
      double want = 0;
      if (target[r] != ignore) {
        const double p = std::exp((double)zr[j] - wantLse);
        want = gl[r] * (p - smoothing / C - (j == target[r] ? 1 - smoothing : 0));
      }
      const double got = gz[(size_t)r * C + j];
      // the kernel's softmax probability comes from the float lse; allow for that in float32
      if (!close(got, want, std::is_same<T, float>::value ? 1e-5 : 1e-12)) {
        ok = false;
        why = "gradient (" + std::to_string(r) + ", " + std::to_string(j) + ") " + std::to_string(got) + ", want " + std::to_string(want);
      }
    }
  }
  report(name, ok, ok ? "largest lse error " + sci(worst) : why);
}

}  // namespace

int main() {
  std::mt19937 rng(20261127);
  check<float>(6, 50257, 0.0, rng);
  check<float>(5, 1000, 0.1, rng);
  check<float>(21, 40, 0.0, rng);
  check<float>(9, 200, 0.05, rng);  // 64 threads a row, 4 rows a block: a two-warp merge per row
  check<double>(6, 50257, 0.1, rng);
  check<double>(9, 200, 0.0, rng);
  check<double>(21, 40, 0.0, rng);
  return emu_report::finish();
}
