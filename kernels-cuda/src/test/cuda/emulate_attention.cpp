// Runs attention.cu's kernels (forward, delta, dq, dk/dv) on the CPU through emulation.h, launched
// as io.frontier.cuda.CudaAttention launches them, and checks every output element against a
// float64 attention written here from the definition (the whole probability matrix formed):
// float32 (both head-dim variants, d64 and d128) and float64 (d64 only), D of 1 to 128, query and
// key counts that cut tiles, causal offsets of 0, a KV cache's and past every key, heads read in
// place from a fused (B, T, 3, H, D) projection with outputs written (B, T, H, D), and dropout on
// the weights (the reference draws the mask from the Philox stream as io.frontier.tensor.Generator
// describes it). Outputs are poisoned with NaN first, so an unwritten element fails. Built and run
// by HostEmulationTest.
#define FRONTIER_HOST_EMULATION
#include "emulation.h"
#include "emulate_report.h"

#include <random>
#include <string>
#include <vector>

#include "attention.cu"

namespace {

using emu_report::rel;
using emu_report::report;
using emu_report::sci;

constexpr int ROWS = 32, THREADS = 128;  // AttentionPlan's tile rows and block

template <typename T>
struct K;
template <>
struct K<float> {
  static constexpr auto fwd64 = attn_fwd_f32_d64, fwd128 = attn_fwd_f32_d128;
  static constexpr auto dq64 = attn_bwd_dq_f32_d64, dq128 = attn_bwd_dq_f32_d128;
  static constexpr auto dkdv64 = attn_bwd_dkdv_f32_d64, dkdv128 = attn_bwd_dkdv_f32_d128;
  static constexpr auto delta = attn_bwd_delta_f32;
  static constexpr const char* name = "f32";
  static constexpr double tol = 3e-5;
};
template <>
struct K<double> {
  // float64 has only the d64 variant (attention.cu)
  static constexpr auto fwd64 = attn_fwd_f64_d64, fwd128 = attn_fwd_f64_d64;
  static constexpr auto dq64 = attn_bwd_dq_f64_d64, dq128 = attn_bwd_dq_f64_d64;
  static constexpr auto dkdv64 = attn_bwd_dkdv_f64_d64, dkdv128 = attn_bwd_dkdv_f64_d64;
  static constexpr auto delta = attn_bwd_delta_f64;
  static constexpr const char* name = "f64";
  static constexpr double tol = 1e-12;
};

// A 4-D view (n0, n1, t, d) into a buffer: element (a, b, i, c) at a s0 + b s1 + i st + c.
struct Layout {
  View v;
  size_t at(int a, int b, int i, int c) const { return (size_t)a * v.s0 + (size_t)b * v.s1 + (size_t)i * v.st + c; }
};

struct Case {
  int n0, n1, tq, tk, d, offset;
  bool fusedQkv;  // q, k, v cut from one (n0, T, 3, n1, d) buffer (tq == tk); out (n0, T, n1, d), dq, dk, dv one (n0, T, 3, n1, d)
  double dropout = 0;
};

constexpr unsigned long long SEED = 0x5EEDull, PHILOX_OFFSET = 1000;

// The dropout factor of weight idx as Tensor.rand(dtype).ge(p) * 1 / (1 - p) draws it (Generator's
// stream: 4 float32 or 2 float64 uniforms a Philox block), written here from that description.
template <typename T>
double reference_factor(double p, long long idx) {
  if (p == 0) return 1;
  const T keepScale = (T)(1.0 / (1.0 - p));
  if (sizeof(T) == 4) {
    const frontier_philox::Words w = frontier_philox::philox_block(SEED, PHILOX_OFFSET + (unsigned long long)idx / 4);
    const float u = (float)(w.w[idx % 4] >> 8) * 0x1.0p-24f;
    return u >= (float)p ? (double)keepScale : 0.0;
  }
  const frontier_philox::Words w = frontier_philox::philox_block(SEED, PHILOX_OFFSET + (unsigned long long)idx / 2);
  const unsigned int hi = w.w[2 * (idx % 2)], lo = w.w[2 * (idx % 2) + 1];
  const double u = (double)(((unsigned long long)hi << 21) | (lo >> 11)) * 0x1.0p-53;
  return u >= p ? (double)keepScale : 0.0;
}

template <typename T>
void check(const Case& cs, int maxd, double scale, std::mt19937& rng) {
  const int n0 = cs.n0, n1 = cs.n1, tq = cs.tq, tk = cs.tk, d = cs.d, pairs = n0 * n1;
  std::normal_distribution<double> normal(0.0, 1.0);
  // inputs: one fused buffer or three dense (n0, n1, T, d) ones
  std::vector<T> qkv, qb, kb, vb;
  Layout lq, lk, lv;
  if (cs.fusedQkv) {
    qkv.resize((size_t)n0 * tq * 3 * n1 * d);
    for (T& x : qkv) x = (T)normal(rng);
    const View base{tq * 3 * n1 * d, d, 3 * n1 * d};
    lq = lk = lv = Layout{base};
  } else {
    qb.resize((size_t)pairs * tq * d);
    kb.resize((size_t)pairs * tk * d);
    vb.resize((size_t)pairs * tk * d);
    for (T& x : qb) x = (T)normal(rng);
    for (T& x : kb) x = (T)normal(rng);
    for (T& x : vb) x = (T)normal(rng);
    lq = Layout{View{n1 * tq * d, tq * d, d}};
    lk = lv = Layout{View{n1 * tk * d, tk * d, d}};
  }
  const T* q = cs.fusedQkv ? qkv.data() : qb.data();
  const T* k = cs.fusedQkv ? qkv.data() + (size_t)n1 * d : kb.data();
  const T* v = cs.fusedQkv ? qkv.data() + (size_t)2 * n1 * d : vb.data();
  // outputs (and gradOut) of q's shape in (n0, T, n1, d) order when fused, else dense
  const Layout lo = cs.fusedQkv ? Layout{View{tq * n1 * d, d, n1 * d}} : Layout{View{n1 * tq * d, tq * d, d}};
  const Layout lkv = cs.fusedQkv ? Layout{View{tk * n1 * d, d, n1 * d}} : lk;
  std::vector<T> out((size_t)pairs * tq * d, (T)NAN), lse((size_t)pairs * tq, (T)NAN), go((size_t)pairs * tq * d);
  std::vector<T> dl((size_t)pairs * tq, (T)NAN), dq((size_t)pairs * tq * d, (T)NAN), dk((size_t)pairs * tk * d, (T)NAN),
      dv((size_t)pairs * tk * d, (T)NAN), dqkv(cs.fusedQkv ? (size_t)n0 * tq * 3 * n1 * d : 0, (T)NAN);
  // gradients of fused q, k, v are written as AttentionOp lays them out: the three interleaved in
  // one (n0, T, 3, n1, d) buffer, as q, k, v lie in theirs
  T* gq = cs.fusedQkv ? dqkv.data() : dq.data();
  T* gk = cs.fusedQkv ? dqkv.data() + (size_t)n1 * d : dk.data();
  T* gv = cs.fusedQkv ? dqkv.data() + (size_t)2 * n1 * d : dv.data();
  const Layout lgq = cs.fusedQkv ? lq : lo, lgkv = cs.fusedQkv ? lk : lkv;
  for (T& x : go) x = (T)normal(rng);

  const bool wide = maxd == 128;
  // AttentionPlan's sizes: tile rows of D rounded up to 16 bytes, plus 16 bytes; scratch rows of 32 + 16 bytes
  const int lanes = 16 / (int)sizeof(T), ld = (d + lanes - 1) / lanes * lanes + lanes, wld = ROWS + lanes;
  const int fwdShared = (int)sizeof(T) * (3 * ROWS * ld + ROWS * wld);
  const int dqShared = (int)sizeof(T) * (4 * ROWS * ld + ROWS * wld);
  const int dkdvShared = (int)sizeof(T) * (4 * ROWS * ld + 2 * ROWS * wld + 2 * ROWS);
  const unsigned qTiles = (unsigned)((tq + ROWS - 1) / ROWS), kTiles = (unsigned)((tk + ROWS - 1) / ROWS);
  const T s = (T)scale, drop = (T)cs.dropout, keepScale = (T)(cs.dropout > 0 ? 1.0 / (1.0 - cs.dropout) : 1.0);
  emu::launch((unsigned)pairs, qTiles, THREADS, fwdShared, [&] {
    (wide ? K<T>::fwd128 : K<T>::fwd64)(n1, tq, tk, d, cs.offset, s, drop, keepScale, SEED, PHILOX_OFFSET, q, lq.v, k, lk.v, v, lv.v,
                                        out.data(), lo.v, lse.data());
  });
  const long long rows = (long long)pairs * tq;
  emu::launch((unsigned)((rows + 7) / 8), 1, 256, 0, [&] { K<T>::delta(n1, tq, d, go.data(), lo.v, out.data(), lo.v, dl.data(), rows); });
  emu::launch((unsigned)pairs, qTiles, THREADS, dqShared, [&] {
    (wide ? K<T>::dq128 : K<T>::dq64)(n1, tq, tk, d, cs.offset, s, drop, keepScale, SEED, PHILOX_OFFSET, q, lq.v, k, lk.v, v, lv.v,
                                      go.data(), lo.v, lse.data(), dl.data(), gq, lgq.v);
  });
  emu::launch((unsigned)pairs, kTiles, THREADS, dkdvShared, [&] {
    (wide ? K<T>::dkdv128 : K<T>::dkdv64)(n1, tq, tk, d, cs.offset, s, drop, keepScale, SEED, PHILOX_OFFSET, q, lq.v, k, lk.v, v, lv.v,
                                          go.data(), lo.v, lse.data(), dl.data(), gk, lgkv.v, gv, lgkv.v);
  });

  // float64 reference, pair by pair, the (tq, tk) probabilities formed whole
  double worstOut = 0, worstLse = 0, worstDq = 0, worstDk = 0, worstDv = 0;
  for (int a = 0; a < n0; ++a) {
    for (int b = 0; b < n1; ++b) {
      const int pair = a * n1 + b;
      std::vector<double> p((size_t)tq * tk, 0.0), wdk((size_t)tk * d, 0.0), wdv((size_t)tk * d, 0.0);
      for (int i = 0; i < tq; ++i) {
        double m = -INFINITY;
        std::vector<double> sc(tk, -INFINITY);
        for (int j = 0; j < tk && (long long)j <= (long long)i + cs.offset; ++j) {
          double dot = 0;
          for (int c = 0; c < d; ++c) dot += (double)q[lq.at(a, b, i, c)] * (double)k[lk.at(a, b, j, c)];
          sc[j] = scale * dot;
          m = std::max(m, sc[j]);
        }
        double z = 0;
        for (int j = 0; j < tk; ++j) z += sc[j] == -INFINITY ? 0 : std::exp(sc[j] - m);
        for (int j = 0; j < tk; ++j) p[(size_t)i * tk + j] = sc[j] == -INFINITY ? 0 : std::exp(sc[j] - m) / z;
        worstLse = std::max(worstLse, rel(lse[(size_t)pair * tq + i], m + std::log(z)));
        std::vector<double> o(d, 0.0), dp(tk, 0.0), zf(tk, 1.0);
        for (int j = 0; j < tk; ++j) zf[j] = p[(size_t)i * tk + j] == 0 ? 0 : reference_factor<T>(cs.dropout, ((long long)pair * tq + i) * tk + j);
        for (int j = 0; j < tk; ++j)
          for (int c = 0; c < d; ++c) o[c] += p[(size_t)i * tk + j] * zf[j] * (double)v[lv.at(a, b, j, c)];
        for (int c = 0; c < d; ++c) worstOut = std::max(worstOut, rel(out[lo.at(a, b, i, c)], o[c]));
        // backward from the same gradOut
        double rowDot = 0;
        // with dropout the weights that reach v are p z: dP = z (g v^T), and rowDot = sum_j p_ij dP_ij = g . out
        for (int j = 0; j < tk; ++j) {
          for (int c = 0; c < d; ++c) dp[j] += (double)go[lo.at(a, b, i, c)] * (double)v[lv.at(a, b, j, c)];
          dp[j] *= zf[j];
          rowDot += p[(size_t)i * tk + j] * dp[j];
        }
        std::vector<double> wdq(d, 0.0);
        for (int j = 0; j < tk; ++j) {
          const double pij = p[(size_t)i * tk + j], ds = pij * (dp[j] - rowDot) * scale;
          for (int c = 0; c < d; ++c) {
            wdq[c] += ds * (double)k[lk.at(a, b, j, c)];
            wdk[(size_t)j * d + c] += ds * (double)q[lq.at(a, b, i, c)];
            wdv[(size_t)j * d + c] += pij * zf[j] * (double)go[lo.at(a, b, i, c)];
          }
        }
        for (int c = 0; c < d; ++c) worstDq = std::max(worstDq, rel(gq[lgq.at(a, b, i, c)], wdq[c]));
      }
      for (int j = 0; j < tk; ++j) {
        for (int c = 0; c < d; ++c) {
          worstDk = std::max(worstDk, rel(gk[lgkv.at(a, b, j, c)], wdk[(size_t)j * d + c]));
          worstDv = std::max(worstDv, rel(gv[lgkv.at(a, b, j, c)], wdv[(size_t)j * d + c]));
        }
      }
    }
  }
  const double tol = K<T>::tol;
  const bool ok = worstOut < tol && worstLse < tol && worstDq < 4 * tol && worstDk < 4 * tol && worstDv < 4 * tol;
  const std::string name = std::string("attention ") + K<T>::name + " d" + std::to_string(maxd) + " " + std::to_string(n0) + "x" +
                           std::to_string(n1) + " pairs, Tq " + std::to_string(tq) + " Tk " + std::to_string(tk) + " D " +
                           std::to_string(d) + " offset " + std::to_string(cs.offset) + (cs.fusedQkv ? " fused qkv" : "") +
                           (cs.dropout > 0 ? " dropout " + std::to_string(cs.dropout).substr(0, 4) : "");
  report(name, ok,
         "out " + sci(worstOut) + ", lse " + sci(worstLse) + ", dq " + sci(worstDq) + ", dk " + sci(worstDk) + ", dv " + sci(worstDv));
}

template <typename T>
void suite(std::mt19937& rng) {
  // {n0, n1, tq, tk, d, offset, fusedQkv}
  check<T>({1, 2, 7, 7, 5, 0, false}, 64, 0.45, rng);
  check<T>({2, 1, 70, 70, 16, 0, false}, 64, 0.25, rng);      // tiles cut, causal
  check<T>({1, 1, 5, 41, 8, 36, false}, 64, 0.35, rng);       // a KV cache: 36 cached keys
  check<T>({1, 2, 9, 33, 3, 1000, false}, 64, -0.6, rng);     // no mask, Tk past a tile
  check<T>({1, 1, 40, 6, 4, 2, false}, 64, 1.0, rng);         // more queries than keys
  check<T>({1, 1, 3, 3, 1, 0, false}, 64, 2.0, rng);          // D = 1
  check<T>({2, 3, 33, 33, 64, 0, true}, 64, 0.125, rng);      // GPT heads: D 64, fused qkv
  check<T>({2, 2, 40, 40, 16, 0, true, 0.3}, 64, 0.25, rng);   // dropout on the weights
  check<T>({1, 1, 6, 37, 5, 31, false, 0.5}, 64, 0.4, rng);    // dropout with a KV cache
  if (sizeof(T) == 4) {
    check<T>({1, 2, 35, 35, 100, 0, true}, 128, 0.1, rng);    // the wide variant, D 100
    check<T>({1, 1, 20, 45, 128, 30, false}, 128, 0.09, rng); // D 128, offset into the last tile
  } else {
    check<T>({1, 2, 35, 35, 64, 3, true}, 64, 0.1, rng);      // float64's widest: D 64
  }
}

}  // namespace

int main() {
  std::mt19937 rng(20261128);
  suite<float>(rng);
  suite<double>(rng);
  return emu_report::finish();
}
