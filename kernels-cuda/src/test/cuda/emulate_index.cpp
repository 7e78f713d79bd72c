// Runs index.cu's kernels on the CPU through emulation.h and checks them exactly: an embedding
// lookup (index_take: rows of a table picked by an int64 index expanded along the row), and its
// backward (index_put, accumulating: rows added into a table, with repeated indices, as
// embedding backward / index_add), for float32, float64, int64 and bool (logical or); a plain
// scatter (index_put, not accumulating); and an out-of-range index, which must be reported to the
// error flag with its value and skipped, the other elements still written. Over a grid-stride loop
// of fewer threads than positions. Built and run by HostEmulationTest.
#define FRONTIER_HOST_EMULATION
#include "emulation.h"
#include "emulate_report.h"
#include "emulate_strided.h"

#include <random>
#include <string>
#include <vector>

#include "index.cu"

namespace {

using emu_report::report;

constexpr int V = 50, D = 8, T = 37;  // table rows, row width, lookups

using emu_strided::dims;

template <typename E> struct K;
template <> struct K<float> {
  static constexpr auto take = index_take_f32;
  static constexpr auto put = index_put_f32;
  static constexpr const char* name = "f32";
};
template <> struct K<double> {
  static constexpr auto take = index_take_f64;
  static constexpr auto put = index_put_f64;
  static constexpr const char* name = "f64";
};
template <> struct K<long long> {
  static constexpr auto take = index_take_i64;
  static constexpr auto put = index_put_i64;
  static constexpr const char* name = "i64";
};
template <> struct K<fbool> {
  static constexpr auto take = index_take_bool;
  static constexpr auto put = index_put_bool;
  static constexpr const char* name = "bool";
};

template <typename E>
E value(std::mt19937& rng) {
  if constexpr (std::is_same<E, fbool>::value) return (fbool)(rng() % 3 == 0);
  else return (E)((int)(rng() % 17) - 8);  // small integers: sums are exact in every dtype
}

template <typename E>
void check(bool badIndex, std::mt19937& rng) {
  std::vector<E> table(V * D), rows(T * D);
  for (E& x : table) x = value<E>(rng);
  for (E& x : rows) x = value<E>(rng);
  std::vector<long long> idx(T);
  for (long long& j : idx) j = (long long)(rng() % 12);  // many repeats
  if (badIndex) idx[T / 2] = V;                          // one past the end
  const Strided iter = dims(T, D, 0, 1), idxD = dims(T, D, 1, 0), dense = dims(T, D, D, 1);
  // lookup: out[t][d] = table[idx[t]][d]
  std::vector<E> out(T * D, (E)99);
  int flag[2] = {0, 0};
  emu::launch(2, 1, 64, 0, [&] {
    K<E>::take(T * D, table.data(), iter, D, V, idx.data(), idxD, out.data(), dense, 2, flag, FRONTIER_ERR_INDEX_SELECT);
  });
  bool ok = badIndex ? flag[0] == FRONTIER_ERR_INDEX_SELECT && flag[1] == V : flag[0] == 0;
  for (int t = 0; t < T; ++t)
    for (int d = 0; d < D; ++d) ok = ok && out[t * D + d] == (idx[t] < V ? table[idx[t] * D + d] : (E)99);
  // backward: grad[idx[t]][d] += rows[t][d]; then a plain scatter of the same rows
  for (int accumulating : {1, 0}) {
    std::vector<E> grad(table), want(table);
    int pflag[2] = {0, 0};
    emu::launch(2, 1, 64, 0, [&] {
      K<E>::put(T * D, rows.data(), dense, idx.data(), idxD, grad.data(), iter, D, V, accumulating, 2, pflag, FRONTIER_ERR_INDEX_ADD);
    });
    for (int t = 0; t < T; ++t) {
      if (idx[t] >= V) continue;
      for (int d = 0; d < D; ++d) {
        E& w = want[idx[t] * D + d];
        if (!accumulating) w = rows[t * D + d];
        else if constexpr (std::is_same<E, fbool>::value) w = (fbool)(w || rows[t * D + d]);
        else w = (E)(w + rows[t * D + d]);
      }
    }
    ok = ok && (badIndex ? pflag[0] == FRONTIER_ERR_INDEX_ADD && pflag[1] == V : pflag[0] == 0);
    if (accumulating) {
      ok = ok && grad == want;
    } else {
      // a plain scatter with repeated indices keeps one of the writers: compare rows no index repeats
      for (int t = 0; t < T; ++t) {
        if (idx[t] >= V) continue;
        int uses = 0;
        for (int s = 0; s < T; ++s) uses += idx[s] == idx[t];
        for (int d = 0; d < D && uses == 1; ++d) ok = ok && grad[idx[t] * D + d] == rows[t * D + d];
      }
    }
  }
  report(std::string("lookup, add, scatter ") + K<E>::name + (badIndex ? " with an index out of range" : ""), ok, "");
}

}  // namespace

int main() {
  std::mt19937 rng(20261128);
  check<float>(false, rng);
  check<double>(false, rng);
  check<long long>(false, rng);
  check<fbool>(false, rng);
  check<float>(true, rng);
  check<long long>(true, rng);
  return emu_report::finish();
}
