// Runs fused.cu's kernels on the CPU through emulation.h, with the launch shapes FusedPlan
// gives, and checks them against float64 references:
//   cross-entropy (forward: one row per group of threads, scalar head, 16-byte packs and scalar
//     tail, shuffles and a tree merge of the warps, or streamed over the flattened logits in
//     chunks that cut rows; backward: grid-stride, and one row per group of threads, packs where
//     the logits' and gradient's rows are congruent modulo 16 bytes, else scalars): rows of 50 257 (512
//     threads each), 1 000 (256), 200 (64, 4 rows to a block), 40 (32, 8 rows to a block) and 3,
//     logits at 16-byte aligned and unaligned starts, with -inf, +inf and NaN logits, an ignored
//     target and label smoothing;
//   layer norm and RMS norm, forward and backward: scalar and 16-byte-pack variants, rows cached
//     in registers or re-read, several rows per block; y = (x - mean) rstd w + b with the biased
//     variance (RMS: no mean, no b), the saved mean and rstd, and gradX = rstd (g - mean(g) -
//     xhat mean(g xhat)) with g = gradOut w (RMS: no mean(g) term); the weight and bias gradients
//     through the column-tile partials and their per-column sums;
//   the GELU / GELU-tanh / SiLU backward: 16-byte packs with a scalar tail, or scalars, over a
//     grid-stride loop of fewer threads than elements (the optimizer steps: emulate_optimizer.cpp).
// Built and run by HostEmulationTest; prints one line per case and exits non-zero on a failure.
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

// FusedPlan.rows(rows, packs, maxThreads, cache): threads per row, rows per block, blocks, and
// whether a thread's share of the row fits its register cache. maxThreads is 512 for every row
// kernel (FusedPlan.NORM_MAX_THREADS, CE_MAX_THREADS).
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
  static constexpr auto stream = fused_ce_stream_f32;
  static constexpr auto streamMerge = fused_ce_stream_merge_f32;
  static constexpr auto bwd = fused_ce_bwd_f32;
  static constexpr auto bwdRows = fused_ce_bwd_rows_f32;
  static constexpr auto actBwd = fused_act_bwd_f32;
  static constexpr const char* name = "f32";
  static constexpr double rel = 2e-6;
};
template <>
struct Kernels<double> {
  static constexpr auto fwd = fused_ce_fwd_f64;
  static constexpr auto stream = fused_ce_stream_f64;
  static constexpr auto streamMerge = fused_ce_stream_merge_f64;
  static constexpr auto bwd = fused_ce_bwd_f64;
  static constexpr auto bwdRows = fused_ce_bwd_rows_f64;
  static constexpr auto actBwd = fused_act_bwd_f64;
  static constexpr const char* name = "f64";
  static constexpr double rel = 1e-12;
};

// offset: the logits start that many elements into their buffer (a view), so that even the first
// row starts off a 16-byte boundary.
// streamBlocks > 0: the forward runs over the flattened logits in that many chunks, as
// FusedPlan.ceStream cuts them (fused_ce_stream, then fused_ce_stream_merge for the cut rows).
// gradPad: the gradient's rows are C + gradPad apart (Fused.crossEntropyBackward pads them to 16
// bytes), the padding left untouched.
template <typename T>
void check(int rows, int C, double smoothing, std::mt19937& rng, int offset = 0, int streamBlocks = 0, int gradPad = 0) {
  const long long ignore = -100;
  std::normal_distribution<double> normal(0.0, 3.0);
  std::vector<T> buffer((size_t)rows * C + offset);
  T* const z = buffer.data() + offset;
  for (size_t i = 0; i < (size_t)rows * C; ++i) z[i] = (T)normal(rng);
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
  const Plan pl = plan(rows, C, 0);
  const int tpr = pl.tpr, perBlock = pl.perBlock;
  long long chunk = 0;
  if (streamBlocks > 0) {
    const long long total = (long long)rows * C;
    chunk = (total + streamBlocks - 1) / streamBlocks;
    const int blocks = (int)((total + chunk - 1) / chunk);
    std::vector<double> part((size_t)6 * blocks, std::nan(""));
    emu::launch(blocks, 1, 512, 1, 0, [&] {
      Kernels<T>::stream(rows, C, chunk, ignore, smoothing, z, target.data(), losses.data(), lse.data(), part.data(), flag);
    });
    emu::launch(2, 1, 32, 1, 0, [&] {
      Kernels<T>::streamMerge(rows, C, chunk, blocks, ignore, smoothing, z, target.data(), part.data(), losses.data(), lse.data(),
                              flag);
    });
  } else {
    emu::launch(pl.blocks, 1, tpr, perBlock, 0, [&] {
      Kernels<T>::fwd(rows, C, ignore, smoothing, z, target.data(), losses.data(), lse.data(), flag);
    });
  }

  // the gradient at the logits' offset when it is odd (rows congruent modulo 16 bytes: packs), at 0
  // when it is even (rows that cannot both be aligned: scalars)
  const int gzOffset = offset % 2 == 1 ? offset : 0;
  const long long ldg = C + gradPad;
  std::vector<T> gl(rows), gzBuffer((size_t)rows * ldg + gzOffset, (T)-7.0);
  T* const gzp = gzBuffer.data() + gzOffset;
  for (int r = 0; r < rows; ++r) gl[r] = (T)(0.5 + 0.25 * r);
  // the backward by rows (the forward's launch shape), and elementwise into a second buffer
  emu::launch(pl.blocks, 1, tpr, perBlock, 0, [&] {
    Kernels<T>::bwdRows(rows, C, ldg, ignore, smoothing, gl.data(), z, target.data(), lse.data(), gzp, flag);
  });
  std::vector<T> gzFlat((size_t)rows * ldg, (T)-7.0);
  const int total = rows * C, threads = 256;
  emu::launch((unsigned)std::min(264, (total + threads - 1) / threads), 1, threads, 0, [&] {
    Kernels<T>::bwd(total, C, ldg, ignore, smoothing, gl.data(), z, target.data(), lse.data(), gzFlat.data(), flag);
  });
  bool padTouched = false;  // the padding of every gradient row keeps its -7
  for (int r = 0; r < rows; ++r) {
    for (int j = C; j < ldg; ++j) padTouched |= gzp[r * ldg + j] != (T)-7.0 || gzFlat[r * ldg + j] != (T)-7.0;
  }

  std::string name = std::string("cross-entropy ") + Kernels<T>::name + " rows " + std::to_string(rows) + " x " + std::to_string(C) +
                     (offset ? " at offset " + std::to_string(offset) : "") +
                     (streamBlocks > 0 ? " streamed in chunks of " + std::to_string(chunk) : "") +
                     (gradPad > 0 ? ", gradient rows " + std::to_string(ldg) + " apart" : "") +
                     " (" + std::to_string(tpr) + " threads a row, " + std::to_string(perBlock) + " rows a block) smoothing " +
                     std::to_string(smoothing).substr(0, 4);
  double worst = 0;
  bool ok = flag[0] == 0 && !padTouched;
  std::string why = flag[0] != 0 ? "error flag " + std::to_string(flag[0]) : padTouched ? "a gradient row's padding was written" : "";
  for (int r = 0; r < rows && ok; ++r) {
    const T* zr = z + (size_t)r * C;
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
      // the kernel's softmax probability comes from the float lse; allow for that in float32
      const double tol = std::is_same<T, float>::value ? 1e-5 : 1e-12;
      const double byRows = gzp[(size_t)r * ldg + j], flat = gzFlat[(size_t)r * ldg + j];
      if (!close(byRows, want, tol) || !close(flat, want, tol)) {
        ok = false;
        why = "gradient (" + std::to_string(r) + ", " + std::to_string(j) + ") by rows " + std::to_string(byRows) + ", elementwise " +
              std::to_string(flat) + ", want " + std::to_string(want);
      }
    }
  }
  report(name, ok, ok ? "largest lse error " + sci(worst) : why);
}

template <typename T>
struct N;
template <>
struct N<float> {
  static constexpr auto fwd = fused_norm_fwd_f32;
  static constexpr auto fwdV = fused_norm_fwd_f32_v;
  static constexpr auto bwd = fused_norm_bwd_f32;
  static constexpr auto bwdV = fused_norm_bwd_f32_v;
  static constexpr auto wgrad = fused_norm_wgrad_f32;
  static constexpr auto colsum = fused_norm_colsum_f32;
  static constexpr int V = 4;
  static constexpr const char* name = "f32";
  static constexpr double tol = 3e-6;
};
template <>
struct N<double> {
  static constexpr auto fwd = fused_norm_fwd_f64;
  static constexpr auto fwdV = fused_norm_fwd_f64_v;
  static constexpr auto bwd = fused_norm_bwd_f64;
  static constexpr auto bwdV = fused_norm_bwd_f64_v;
  static constexpr auto wgrad = fused_norm_wgrad_f64;
  static constexpr auto colsum = fused_norm_colsum_f64;
  static constexpr int V = 2;
  static constexpr const char* name = "f64";
  static constexpr double tol = 1e-12;
};

using emu_report::rel;

template <typename T>
void check_norm(int rows, int n, bool centred, bool affine, bool vec, std::mt19937& rng) {
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
  const int packs = vec ? n / N<T>::V : n;
  const Plan f = plan(rows, packs, vec ? 8 : 16), bk = plan(rows, packs, vec ? 4 : 8);
  emu::launch(f.blocks, 1, f.tpr, f.perBlock, 0, [&] {
    (vec ? N<T>::fwdV : N<T>::fwd)(rows, n, f.cached, centred, eps, x.data(), wp, bp, y.data(), centred ? mean.data() : nullptr,
                                   rstd.data());
  });
  emu::launch(bk.blocks, 1, bk.tpr, bk.perBlock, 0, [&] {
    (vec ? N<T>::bwdV : N<T>::bwd)(rows, n, bk.cached, centred, go.data(), x.data(), wp, centred ? mean.data() : nullptr, rstd.data(),
                                   gx.data());
  });
  std::string name = std::string(centred ? "layer norm " : "rms norm ") + N<T>::name + (vec ? " packs" : " scalar") + " rows " +
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
  report(name, worst < N<T>::tol, "largest error " + sci(worst));
}

// The norm's weight and bias gradients (fused_norm_wgrad, then fused_norm_colsum per column, as
// FusedPlan.Columns splits them for a machine of `sms` multiprocessors): sum over rows of
// gradOut xhat and of gradOut, xhat from the saved mean (null: RMS) and rstd.
template <typename T>
void check_norm_wgrad(int rows, int n, bool centred, int sms, std::mt19937& rng) {
  std::normal_distribution<double> normal(0.0, 1.0);
  std::vector<T> go((size_t)rows * n), x((size_t)rows * n), mean(rows), rstd(rows), gw(n, (T)NAN), gb(n, (T)NAN);
  for (T& v : go) v = (T)normal(rng);
  for (T& v : x) v = (T)normal(rng);
  for (int r = 0; r < rows; ++r) {
    mean[r] = (T)(0.1 * normal(rng));
    rstd[r] = (T)(1.0 + 0.1 * std::fabs(normal(rng)));
  }
  const int tiles = (n + 31) / 32;
  const long long want = (8LL * sms + tiles - 1) / tiles;
  const int chunks0 = (int)std::max(1LL, std::min(std::min(want, (long long)(rows + 31) / 32), 65535LL));
  const int perChunk = (rows + chunks0 - 1) / chunks0, chunks = (rows + perChunk - 1) / perChunk;
  std::vector<double> pw((size_t)chunks * n, NAN), pb((size_t)chunks * n, NAN);
  emu::launch(tiles, chunks, 32, 8, 0, [&] {
    N<T>::wgrad(rows, n, perChunk, go.data(), x.data(), centred ? mean.data() : nullptr, rstd.data(), pw.data(), pb.data());
  });
  emu::launch(2, 1, 64, 0, [&] { N<T>::colsum(n, chunks, pw.data(), gw.data()); });
  emu::launch(2, 1, 64, 0, [&] { N<T>::colsum(n, chunks, pb.data(), gb.data()); });
  double worst = 0;
  for (int c = 0; c < n; ++c) {
    double w = 0, b = 0;
    for (int r = 0; r < rows; ++r) {
      const double g = go[(size_t)r * n + c];
      w += g * ((double)x[(size_t)r * n + c] - (centred ? (double)mean[r] : 0.0)) * rstd[r];
      b += g;
    }
    for (double e : {std::fabs(gw[c] - w) / std::max(1.0, std::fabs(w)), std::fabs(gb[c] - b) / std::max(1.0, std::fabs(b))})
      worst = std::isnan(e) ? INFINITY : std::max(worst, e);
  }
  report(std::string(centred ? "layer" : "rms") + " norm weight/bias gradients " + N<T>::name + " " + std::to_string(rows) + " x " +
             std::to_string(n) + " (" + std::to_string(tiles) + " column tiles x " + std::to_string(chunks) + " row chunks)",
         worst < N<T>::tol, "largest error " + sci(worst));
}

// AdamW on n elements (vec: packs of 16 bytes, then the tail) against the same update in float64:
// m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2, p = p (1 - lr wd) - lr / (1 - b1^t) m / (sqrt(v) /
// sqrt(1 - b2^t) + eps), g negated when maximizing.
// gradIn = gradOut f'(x) for GELU (op 0), GELU-tanh (1), SiLU (2), against float64 derivatives.
template <typename T>
void check_act_bwd(int op, int n, bool vec, std::mt19937& rng) {
  std::normal_distribution<double> normal(0.0, 2.5);
  std::vector<T> go(n), x(n), gi(n, (T)NAN);
  for (int i = 0; i < n; ++i) {
    go[i] = (T)normal(rng);
    x[i] = (T)normal(rng);
  }
  emu::launch(2, 1, 64, 0, [&] { Kernels<T>::actBwd(op, n, vec, go.data(), x.data(), gi.data()); });
  double worst = 0;
  for (int i = 0; i < n; ++i) {
    const double z = x[i];
    double d;
    if (op == 0) {
      d = 0.5 * (1 + std::erf(z / std::sqrt(2.0))) + z * std::exp(-0.5 * z * z) / std::sqrt(2 * M_PI);
    } else if (op == 1) {
      const double c = std::sqrt(2 / M_PI), k = 0.044715, th = std::tanh(c * (z + k * z * z * z));
      d = 0.5 * (1 + th) + 0.5 * z * (1 - th * th) * c * (1 + 3 * k * z * z);
    } else {
      const double s = 1 / (1 + std::exp(-z));
      d = s * (1 + z * (1 - s));
    }
    const double want = go[i] * d;
    worst = std::max(worst, std::isnan((double)gi[i]) ? INFINITY : std::fabs(gi[i] - want) / std::max(1.0, std::fabs(want)));
  }
  const char* names[] = {"gelu", "gelu-tanh", "silu"};
  report(std::string(names[op]) + " backward " + Kernels<T>::name + " n " + std::to_string(n) + (vec ? " packs" : " scalars"),
         worst < 20 * Kernels<T>::rel, "largest error " + sci(worst));
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
  // views: every row, the first too, starts off a 16-byte boundary (scalar head, packs, tail)
  check<float>(7, 50257, 0.1, rng, 1);
  check<float>(6, 1001, 0.0, rng, 3);
  check<float>(9, 3, 0.0, rng, 2);  // rows shorter than the way to the boundary
  check<float>(5, 4099, 0.0, rng, 2);  // the gradient's rows 8 bytes off the logits': a scalar backward
  // gradient rows padded to 16 bytes, as Fused.crossEntropyBackward makes them
  check<float>(6, 50257, 0.1, rng, 0, 0, 3);
  check<double>(5, 1001, 0.0, rng, 0, 0, 1);
  check<float>(4, 4803, 0.0, rng);   // 1 200 packs on 512 threads: a step of 4 packs would run past the row
  // streamed: chunks of 1.5, 2.33, 2.83 and 3 rows, cutting the special rows (-inf, ignored, +inf,
  // NaN), and of exactly 2 rows (no row cut); an unaligned start; label smoothing
  check<float>(6, 50257, 0.0, rng, 0, 4);
  check<float>(7, 50257, 0.1, rng, 1, 3);
  check<float>(8, 9000, 0.0, rng, 0, 4);
  check<double>(6, 30001, 0.1, rng, 0, 2);
  check<float>(17, 10007, 0.05, rng, 3, 6);
  check<float>(60, 8200, 0.0, rng, 0, 23);  // 23 blocks of 2-3 pieces: a barrier missing from the row merge shows
  check<double>(5, 1001, 0.0, rng, 1);
  check_norm<float>(7, 4097, true, true, false, rng);    // 512 threads, 9 scalars each: cached forward, re-read backward
  check_norm<float>(7, 4096, true, true, true, rng);     // packs, cached both ways
  check_norm<float>(5, 20000, true, false, true, rng);   // 5000 packs: re-read both ways
  check_norm<float>(33, 100, false, true, false, rng);   // RMS, 32 threads a row, 8 rows a block
  check_norm<float>(9, 200, true, true, true, rng);      // 50 packs: 32 threads, several rows a block
  check_norm<double>(6, 1030, true, true, true, rng);
  check_norm<double>(6, 777, false, false, false, rng);
  check_norm_wgrad<float>(300, 70, true, 4, rng);   // 3 column tiles (a partial one) x 10 row chunks
  check_norm_wgrad<double>(100, 33, false, 1, rng);
  for (int op = 0; op < 3; ++op) {
    check_act_bwd<float>(op, 1001, true, rng);
    check_act_bwd<double>(op, 333, op != 1, rng);
  }
  return emu_report::finish();
}
