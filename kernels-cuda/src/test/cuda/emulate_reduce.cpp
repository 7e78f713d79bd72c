// Runs reduce.cu's kernels on the CPU through emulation.h and checks them against float64 (or
// exact int64) references:
//   reduce_* (reduce_body): sums, maxima and products over the last dim (lanes along x, several
//     outputs a block) and over the first (the outer layout, outputs along x), whole and split in
//     two passes (partials in the accumulator type, then _fin);
//   reduce_sum_flat_*: a whole tensor in one launch, several blocks, an unaligned head, the
//     last-block ticket, launched twice so that the counter's reset is used;
//   argreduce_* and scan_* (cumsum, cumprod) in the thread-, warp- and block-per-row layouts, with
//     NaN and ties for the arg-reductions (first NaN, else first extreme).
// Rows are contiguous (Strided descriptors of one dim, as CudaReductions passes merged dims).
// Built and run by HostEmulationTest; prints one line per case and exits non-zero on a failure.
#define FRONTIER_HOST_EMULATION
#include "emulation.h"
#include "emulate_report.h"
#include "emulate_strided.h"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "reduce.cu"

namespace {

using emu_report::report;
using emu_report::sci;

using emu_strided::rows;

using emu_report::rel;

// reduce_sum_f32_v4 (reduce_sum_f32_v4_split when splits > 1): the sum over the rows of a
// (nRed, ld) row-major matrix of which the first nOut columns are kept (nOut and ld multiples of 4),
// in packs of four columns, lanes x slots as ReducePlan lays out nOut / 4 packs.
void check_reduce_v4(int nOut, int nRed, int ld, int lanes, int slots, int splits, std::mt19937& rng) {
  std::normal_distribution<double> normal(0.0, 1.0);
  std::vector<float> x((size_t)nRed * ld);
  for (float& v : x) v = (float)normal(rng);
  const int nPacks = nOut / 4;
  const Strided keptPacks = rows(nPacks, 1), od = rows(nOut, 1);
  const unsigned blocks = (unsigned)((nPacks + slots - 1) / slots);
  const int chunk = (nRed + splits - 1) / splits;
  std::vector<float> out(nOut, std::nanf(""));
  const size_t shared = (size_t)lanes * slots * 4 * 8;
  if (splits == 1) {
    emu::launch(blocks, 1, slots, lanes, shared, [&] {
      reduce_sum_f32_v4(nPacks, nRed, chunk, x.data(), keptPacks, ld, out.data(), od, 0);
    });
  } else {
    // partials and, in the last block of each column to take its ticket, their sum; run twice, so
    // that the second run uses the tickets the first one reset
    std::vector<double> part((size_t)splits * nOut, std::nan(""));
    std::vector<unsigned> tickets(blocks, 0u);
    for (int run = 0; run < 2; ++run) {
      std::fill(out.begin(), out.end(), std::nanf(""));
      emu::launch(blocks, splits, slots, lanes, shared, [&] {
        reduce_sum_f32_v4_split(nPacks, nRed, chunk, x.data(), keptPacks, ld, part.data(), tickets.data(), out.data(), od);
      });
      for (unsigned t : tickets)
        if (t != 0) report("sum v4 split: a ticket left set", false, std::to_string(t));
    }
  }
  double worst = 0;
  for (int o = 0; o < nOut; ++o) {
    double ref = 0;
    for (int j = 0; j < nRed; ++j) ref += x[(size_t)j * ld + o];
    worst = std::max(worst, std::isfinite(out[o]) ? rel(out[o], ref) : 1e30);
  }
  report("sum v4 " + std::to_string(nOut) + " columns of " + std::to_string(nRed) + " rows (ld " + std::to_string(ld) + ", " +
             std::to_string(lanes) + " lanes x " + std::to_string(slots) + " slots, " + std::to_string(splits) + " split(s))",
         worst < 1e-6, "largest error " + sci(worst));
}

// Sum (or max) over the reduced dim of a (nOut, nRed) row-major matrix (inner layout) or of a
// (nRed, nOut) one (outer layout); splits > 1 runs _part then _fin as CudaReductions does.
void check_reduce(bool isMax, int nOut, int nRed, bool outer, int lanes, int slots, int splits, std::mt19937& rng) {
  std::normal_distribution<double> normal(0.0, 1.0);
  std::vector<float> x((size_t)nOut * nRed);
  for (float& v : x) v = (float)normal(rng);
  const Strided kept = outer ? rows(nOut, 1) : rows(nOut, nRed), od = rows(nOut, 1), none{};
  const int redStride = outer ? nOut : 1;
  const int chunk = (nRed + splits - 1) / splits;
  std::vector<float> out(nOut, NAN);
  const unsigned bx = outer ? slots : lanes, by = outer ? lanes : slots;
  const unsigned blocks = (unsigned)((nOut + slots - 1) / slots);
  const int accBytes = isMax ? 4 : 8;
  if (splits == 1) {
    emu::launch(blocks, 1, bx, by, lanes * slots * accBytes, [&] {
      (isMax ? reduce_max_f32 : reduce_sum_f32)(nOut, nRed, chunk, outer, x.data(), kept, none, 1, redStride, out.data(), od, 0);
    });
  } else if (isMax) {
    std::vector<float> part((size_t)splits * nOut, NAN);
    emu::launch(blocks, splits, bx, by, lanes * slots * 4, [&] {
      reduce_max_f32_part(nOut, nRed, chunk, outer, x.data(), kept, none, 1, redStride, part.data(), od, nOut);
    });
    // second pass: nRed = splits partials per output, laid out [split][output] (the outer layout)
    emu::launch(blocks, 1, slots, lanes, lanes * slots * 4, [&] {
      reduce_max_f32_fin(nOut, splits, splits, 1, part.data(), rows(nOut, 1), none, 1, nOut, out.data(), od, 0);
    });
  } else {
    std::vector<double> part((size_t)splits * nOut, NAN);
    emu::launch(blocks, splits, bx, by, lanes * slots * 8, [&] {
      reduce_sum_f32_part(nOut, nRed, chunk, outer, x.data(), kept, none, 1, redStride, part.data(), od, nOut);
    });
    emu::launch(blocks, 1, slots, lanes, lanes * slots * 8, [&] {
      reduce_sum_f32_fin(nOut, splits, splits, 1, part.data(), rows(nOut, 1), none, 1, nOut, out.data(), od, 0);
    });
  }
  double worst = 0;
  for (int o = 0; o < nOut; ++o) {
    double want = isMax ? -INFINITY : 0.0;
    for (int j = 0; j < nRed; ++j) {
      const double v = outer ? x[(size_t)j * nOut + o] : x[(size_t)o * nRed + j];
      want = isMax ? std::max(want, v) : want + v;
    }
    worst = std::max(worst, rel(out[o], want));
  }
  report(std::string(isMax ? "max " : "sum ") + std::to_string(nOut) + " outputs of " + std::to_string(nRed) + (outer ? " (outer, " : " (inner, ") +
             std::to_string(lanes) + " lanes x " + std::to_string(slots) + " slots, " + std::to_string(splits) + " split(s))",
         worst < 1e-6, "largest error " + sci(worst));
}

template <typename T>
void check_sum_flat(int n, int offset, int blocks, std::mt19937& rng) {
  std::normal_distribution<double> normal(1.0, 2.0);
  std::vector<T> x(n + offset);
  for (T& v : x) v = (T)normal(rng);
  std::vector<double> partials(blocks, NAN);
  unsigned counter = 0;
  T out = (T)NAN, again = (T)NAN;
  for (T* dst : {&out, &again}) {
    emu::launch(blocks, 1, 256, 0, [&] {
      if constexpr (sizeof(T) == 4) reduce_sum_flat_f32(n, x.data() + offset, partials.data(), &counter, dst);
      else reduce_sum_flat_f64(n, x.data() + offset, partials.data(), &counter, dst);
    });
  }
  double want = 0;
  for (int i = 0; i < n; ++i) want += x[offset + i];
  const double err = std::max(rel(out, want), rel(again, want));
  report(std::string("sum_flat ") + (sizeof(T) == 4 ? "f32" : "f64") + " n " + std::to_string(n) + " from element " + std::to_string(offset) +
             ", " + std::to_string(blocks) + " blocks, twice",
         err < (sizeof(T) == 4 ? 1e-6 : 1e-13) && counter == 0, "error " + sci(err) + ", counter " + std::to_string(counter));
}

// mode 0: a thread per row (blocks of 64 rows), 1: a warp per row (4 a block), 2: a block (128 threads) per row.
struct Layout {
  unsigned blocks, threads;
};
Layout layout(int mode, int nRows) {
  if (mode == 0) return {(unsigned)((nRows + 63) / 64), 64};
  if (mode == 1) return {(unsigned)((nRows + 3) / 4), 128};
  return {(unsigned)nRows, 128};
}

void check_argreduce(bool isMax, int mode, int nRows, int n, std::mt19937& rng) {
  std::uniform_int_distribution<int> small(-3, 3);
  std::vector<float> x((size_t)nRows * n);
  for (float& v : x) v = (float)small(rng);  // many ties
  if (nRows > 1) x[(size_t)1 * n + n / 2] = NAN, x[(size_t)1 * n + n - 1] = NAN;  // the first NaN wins
  std::vector<float> values(nRows, -7);
  std::vector<long long> indices(nRows, -7);
  const Layout l = layout(mode, nRows);
  emu::launch(l.blocks, 1, l.threads, 0, [&] {
    (isMax ? argreduce_max_f32 : argreduce_min_f32)(nRows, n, mode, x.data(), rows(nRows, n), 1, values.data(), rows(nRows, 1),
                                                   indices.data(), rows(nRows, 1));
  });
  std::string why;
  for (int r = 0; r < nRows && why.empty(); ++r) {
    long long best = 0;
    for (int j = 1; j < n; ++j) {
      const float c = x[(size_t)r * n + j], b = x[(size_t)r * n + best];
      if (std::isnan(b)) break;
      if (std::isnan(c) || (isMax ? c > b : c < b)) best = j;
    }
    const float want = x[(size_t)r * n + best];
    if (indices[r] != best || !(values[r] == want || (std::isnan(values[r]) && std::isnan(want))))
      why = "row " + std::to_string(r) + ": index " + std::to_string(indices[r]) + " (want " + std::to_string(best) + ")";
  }
  report(std::string(isMax ? "argmax " : "argmin ") + "mode " + std::to_string(mode) + " " + std::to_string(nRows) + " x " + std::to_string(n),
         why.empty(), why);
}

void check_scan(bool isSum, int mode, int nRows, int n, std::mt19937& rng) {
  std::uniform_real_distribution<double> u(isSum ? -1.0 : 0.9, isSum ? 1.0 : 1.1);
  std::vector<double> x((size_t)nRows * n), y((size_t)nRows * n, NAN);
  for (double& v : x) v = u(rng);
  const Layout l = layout(mode, nRows);
  emu::launch(l.blocks, 1, l.threads, 0, [&] {
    (isSum ? scan_cumsum_f64 : scan_cumprod_f64)(nRows, n, mode, x.data(), rows(nRows, n), 1, y.data(), rows(nRows, n), 1);
  });
  double worst = 0;
  for (int r = 0; r < nRows; ++r) {
    double acc = isSum ? 0.0 : 1.0;
    for (int j = 0; j < n; ++j) {
      acc = isSum ? acc + x[(size_t)r * n + j] : acc * x[(size_t)r * n + j];
      worst = std::max(worst, rel(y[(size_t)r * n + j], acc));
    }
  }
  report(std::string(isSum ? "cumsum " : "cumprod ") + "mode " + std::to_string(mode) + " " + std::to_string(nRows) + " x " + std::to_string(n),
         worst < 1e-12, "largest error " + sci(worst));
}

}  // namespace

int main() {
  std::mt19937 rng(20261128);
  check_reduce(false, 37, 1000, false, 64, 2, 1, rng);
  check_reduce(true, 37, 1000, false, 32, 4, 1, rng);
  check_reduce(false, 70, 333, true, 8, 32, 1, rng);
  check_reduce(false, 5, 5000, false, 128, 1, 3, rng);
  check_reduce(true, 40, 777, true, 4, 32, 2, rng);
  // a thread per output (ReducePlan's layout for many outputs: split-K's sums of partial products),
  // a partial block of outputs, and nRed not a multiple of the four loads in flight
  check_reduce(false, 1000, 16, true, 1, 512, 1, rng);
  check_reduce(false, 700, 6, true, 1, 512, 1, rng);
  check_reduce(true, 530, 3, true, 1, 512, 1, rng);
  // 16-byte packs of kept columns: kept columns narrower than the rows, a partial block, the four
  // loads in flight and their tail, split and not
  check_reduce_v4(96, 1000, 100, 16, 32, 1, rng);
  check_reduce_v4(512, 333, 512, 16, 32, 5, rng);
  check_reduce_v4(2048, 64, 2052, 1, 512, 1, rng);
  check_reduce_v4(40, 7, 44, 8, 8, 3, rng);
  check_sum_flat<float>(100003, 1, 5, rng);
  check_sum_flat<double>(4099, 1, 3, rng);
  check_sum_flat<float>(2, 3, 1, rng);
  for (int mode = 0; mode < 3; ++mode) {
    check_argreduce(true, mode, 67, 301, rng);
    check_argreduce(false, mode, 9, 70, rng);
    check_scan(true, mode, 67, 301, rng);
    check_scan(false, mode, 5, 400, rng);
  }
  return emu_report::finish();
}
