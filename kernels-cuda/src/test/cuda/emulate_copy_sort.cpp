// Runs copy.cu's casts and fills and sort.cu's row sort on the CPU through emulation.h:
//   copy_*: float32 -> int64 (truncation towards zero), float64 -> bool (NaN and -0.0), int64 ->
//     float32, through a transposed (strided) source and a dense destination, and contiguous;
//     fill_* into every second element of rows (strided) and dense;
//   sort_rows_*: stable ascending and descending sorts of float32 rows with ties, -0.0, NaN and
//     infinities (NaN last, -0.0 equal to 0.0 keeping its bits), int64 and bool rows, with the
//     launch SortPlan gives (several rows a block for short rows, one block for a row of 1000);
//   the long-row sort (sort_tiles_*, sort_merge passes, sort_gather_*) as LongSortPlan launches it,
//     with small tiles so that rows of 777 to 4096 take 3 to 5 merge passes.
// Checked against std::stable_sort on the same key order. Built and run by HostEmulationTest.
#define FRONTIER_HOST_EMULATION
#include "emulation.h"
#include "emulate_report.h"
#include "emulate_strided.h"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "copy.cu"
#include "sort.cu"

namespace {

using emu_report::report;

using emu_strided::dims;

template <typename A, typename B>
bool same_bits(A a, B b) {
  static_assert(sizeof(A) == sizeof(B), "");
  return std::memcmp(&a, &b, sizeof(A)) == 0;
}

void check_copies(std::mt19937& rng) {
  constexpr int R = 13, C = 21, N = R * C;
  std::uniform_real_distribution<double> u(-100, 100);
  std::vector<float> f(N);
  for (float& x : f) x = (float)u(rng);
  std::vector<double> d(N);
  for (double& x : d) x = u(rng) > 40 ? 0.0 : u(rng);
  d[1] = NAN;
  d[2] = -0.0;
  std::vector<long long> l(N);
  for (long long& x : l) x = (long long)u(rng) * 100003LL;
  const Strided dense = dims(R, C, C, 1), transposed = dims(R, C, 1, R);  // element (r, c) at c * R + r
  bool ok = true;
  for (int contiguous : {0, 1}) {
    const Strided sd = contiguous ? dense : transposed;
    auto src = [&](int r, int c) { return contiguous ? r * C + c : c * R + r; };
    std::vector<long long> fi(N, -1);
    std::vector<fbool> db(N, 7);
    std::vector<float> lf(N, NAN);
    emu::launch(2, 1, 64, 0, [&] {
      copy_f32_i64(N, f.data(), sd, fi.data(), dense, contiguous);
      copy_f64_bool(N, d.data(), sd, db.data(), dense, contiguous);
      copy_i64_f32(N, l.data(), sd, lf.data(), dense, contiguous);
    });
    for (int r = 0; r < R; ++r) {
      for (int c = 0; c < C; ++c) {
        const int s = src(r, c), o = r * C + c;
        ok = ok && fi[o] == (long long)std::trunc(f[s]) && db[o] == (fbool)(d[s] != 0.0 || std::isnan(d[s])) &&
             lf[o] == (float)l[s];
      }
    }
  }
  // fills: every second element of each row, then a dense fill
  std::vector<double> out(2 * 5 * 7, -1.0);
  emu::launch(1, 1, 32, 0, [&] { fill_f64(35, out.data(), dims(5, 7, 14, 2), 0, -0.0); });
  for (int i = 0; i < 70; ++i) ok = ok && (i % 2 == 0 ? same_bits(out[i], -0.0) : out[i] == -1.0);
  std::vector<long long> li(100, 0);
  emu::launch(2, 1, 32, 0, [&] { fill_i64(100, li.data(), dims(1, 100, 100, 1), 1, -5LL); });
  for (long long x : li) ok = ok && x == -5;
  report("copies with casts (strided and contiguous) and fills", ok, "");
}

// copy_vec_*: a (B, H, T, D) tensor copied to (B, T, H, D), as attention's head merge, through
// descriptors in units of 16-byte packs (StridedDesc.packed), against the element-wise mapping; and
// the head split's direction, from a strided source into a dense destination. D = 8 (float32: two
// packs a run) and D = 6 (float64: three).
template <typename T, typename Kernel>
void check_vec_copy(const char* name, int D, Kernel kernel, std::mt19937& rng) {
  constexpr int B = 2, H = 3, Tn = 5;
  constexpr int V = 16 / sizeof(T);
  const int N = B * H * Tn * D;
  std::vector<T> src(N);
  for (T& x : src) x = (T)(rng() % 100000);
  // destination (b, t, h, d) dense; source element (b, t, h, d) at ((b * H + h) * Tn + t) * D + d
  auto srcAt = [&](int b, int t, int h, int d) { return ((b * H + h) * Tn + t) * D + d; };
  Strided sd{};  // the source walked in the destination's order, in packs: dims (B, T, H, D / V)
  sd.ndim = 4;
  const int sizes[4] = {B, Tn, H, D / V}, strides[4] = {H * Tn * D / V, D / V, Tn * D / V, 1};
  for (int k = 0; k < 4; ++k) {
    sd.size[k] = sizes[k];
    sd.stride[k] = strides[k];
  }
  const Strided dense = emu_strided::rows(N / V, 1);
  std::vector<T> merged(N, (T)-1), split(N, (T)-1);
  emu::launch(3, 1, 32, 0, [&] { kernel(N / V, src.data(), sd, merged.data(), dense); });
  bool ok = true;
  for (int b = 0; b < B; ++b)
    for (int t = 0; t < Tn; ++t)
      for (int h = 0; h < H; ++h)
        for (int d = 0; d < D; ++d) ok = ok && merged[((b * Tn + t) * H + h) * D + d] == src[srcAt(b, t, h, d)];
  // and back: the dense merged tensor into the (B, H, T, D) layout through the same strided descriptor
  emu::launch(2, 1, 64, 0, [&] { kernel(N / V, merged.data(), dense, split.data(), sd); });
  ok = ok && split == src;
  report(std::string("copy_vec_") + name + ": head merge and split in 16-byte packs", ok, "");
}

// The order sort.cu promises: NaN after every number, -0.0 == 0.0, ties by original index.
bool before_f32(float a, float b, bool descending) {
  const bool an = std::isnan(a), bn = std::isnan(b);
  if (an || bn) return descending ? an && !bn : !an && bn;
  return descending ? a > b : a < b;
}

template <typename T, typename Key>
void check_sort(const char* name, int numRows, int n, bool descending, std::vector<T> in, Key before) {
  // SortPlan.of
  int p = 1;
  while (p < n) p <<= 1;
  const int rows = std::min(std::max(1, 1024 / p), numRows), tile = rows * p;
  const int threads = std::min(1024, std::max(32, (tile / 2 + 31) / 32 * 32));
  const int blocks = (numRows + rows - 1) / rows;
  const int keyBytes = sizeof(typename sort_impl::KeyOf<T>::type);
  std::vector<T> values((size_t)numRows * n);
  std::vector<long long> indices((size_t)numRows * n, -1);
  const Strided one = emu_strided::rows(numRows, n);  // row r at r * n
  emu::launch(blocks, 1, threads, tile * (keyBytes + 4), [&] {
    if constexpr (std::is_same<T, float>::value)
      sort_rows_f32(n, p, rows, numRows, in.data(), one, 1, values.data(), one, 1, indices.data(), one, 1, descending);
    else if constexpr (std::is_same<T, long long>::value)
      sort_rows_i64(n, p, rows, numRows, in.data(), one, 1, values.data(), one, 1, indices.data(), one, 1, descending);
    else
      sort_rows_bool(n, p, rows, numRows, in.data(), one, 1, values.data(), one, 1, indices.data(), one, 1, descending);
  });
  bool ok = true;
  for (int r = 0; r < numRows && ok; ++r) {
    std::vector<long long> order(n);
    std::iota(order.begin(), order.end(), 0);
    const T* row = in.data() + (size_t)r * n;
    std::stable_sort(order.begin(), order.end(), [&](long long x, long long y) { return before(row[x], row[y], descending); });
    for (int j = 0; j < n; ++j) {
      ok = ok && indices[(size_t)r * n + j] == order[j] && same_bits(values[(size_t)r * n + j], row[order[j]]);
    }
  }
  report(std::string("sort ") + name + " " + std::to_string(numRows) + " x " + std::to_string(n) + (descending ? " descending" : " ascending") +
             " (" + std::to_string(rows) + " rows a block)",
         ok, "");
}

// Rows sorted as LongSortPlan sorts them: tiles of tileP in shared memory, merge passes over the
// run buffers, the gather (small tiles here, so that rows of a few thousand take several passes).
template <typename T, typename Key>
void check_long_sort(const char* name, int numRows, int n, int tileP, bool descending, std::vector<T> in, Key before) {
  const int tilesPerRow = (n + tileP - 1) / tileP;
  const int threads = std::min(1024, std::max(32, tileP / 2));
  const int keyBytes = sizeof(typename sort_impl::KeyOf<T>::type);
  const size_t total = (size_t)numRows * n;
  std::vector<unsigned long long> keys[2] = {std::vector<unsigned long long>(total, 7), std::vector<unsigned long long>(total, 7)};
  std::vector<long long> idx[2] = {std::vector<long long>(total, -1), std::vector<long long>(total, -1)};
  std::vector<T> values(total);
  std::vector<long long> indices(total, -1);
  const Strided one = emu_strided::rows(numRows, n);
  emu::launch(numRows * tilesPerRow, 1, threads, tileP * (keyBytes + 4), [&] {
    if constexpr (std::is_same<T, float>::value)
      sort_tiles_f32(n, tileP, tilesPerRow, numRows, in.data(), one, 1, keys[0].data(), idx[0].data(), descending);
    else if constexpr (std::is_same<T, double>::value)
      sort_tiles_f64(n, tileP, tilesPerRow, numRows, in.data(), one, 1, keys[0].data(), idx[0].data(), descending);
    else
      sort_tiles_i64(n, tileP, tilesPerRow, numRows, in.data(), one, 1, keys[0].data(), idx[0].data(), descending);
  });
  int cur = 0, passes = 0;
  for (int width = tileP; width < n; width *= 2, cur ^= 1, ++passes) {
    emu::launch(3, 1, 64, 0, [&] {  // fewer threads than chunks: the grid-stride loop
      sort_merge(n, width, numRows, keys[cur].data(), idx[cur].data(), keys[cur ^ 1].data(), idx[cur ^ 1].data());
    });
  }
  emu::launch(5, 1, 64, 0, [&] {
    if constexpr (std::is_same<T, float>::value)
      sort_gather_f32(n, numRows, idx[cur].data(), in.data(), one, 1, values.data(), one, 1, indices.data(), one, 1);
    else if constexpr (std::is_same<T, double>::value)
      sort_gather_f64(n, numRows, idx[cur].data(), in.data(), one, 1, values.data(), one, 1, indices.data(), one, 1);
    else
      sort_gather_i64(n, numRows, idx[cur].data(), in.data(), one, 1, values.data(), one, 1, indices.data(), one, 1);
  });
  bool ok = true;
  std::string why;
  for (int r = 0; r < numRows && ok; ++r) {
    std::vector<long long> order(n);
    std::iota(order.begin(), order.end(), 0);
    const T* row = in.data() + (size_t)r * n;
    std::stable_sort(order.begin(), order.end(), [&](long long x, long long y) { return before(row[x], row[y], descending); });
    for (int j = 0; j < n && ok; ++j) {
      ok = indices[(size_t)r * n + j] == order[j] && same_bits(values[(size_t)r * n + j], row[order[j]]);
      if (!ok) why = "row " + std::to_string(r) + " position " + std::to_string(j) + ": index " + std::to_string(indices[(size_t)r * n + j]) +
                     ", want " + std::to_string(order[j]);
    }
  }
  report(std::string("long-row sort ") + name + " " + std::to_string(numRows) + " x " + std::to_string(n) + (descending ? " descending" : " ascending") +
             " (tiles of " + std::to_string(tileP) + ", " + std::to_string(passes) + " merge passes)",
         ok, why);
}

}  // namespace

// zero_list over buffers that start on and off 16-byte boundaries, shorter than a pack and with
// tails, split into uneven block counts: every word of each tensor becomes 0, and the words around
// them (a guard before and after each) keep their values.
void check_zero_list(std::mt19937& rng) {
  const std::vector<long long> words = {1, 3, 4, 5, 1001, 64, 0x10000 + 7};
  const std::vector<int> offsets = {0, 1, 2, 3, 1, 0, 3}, blocks = {1, 1, 2, 1, 3, 1, 5};
  std::vector<std::vector<unsigned int>> buf(words.size());
  ZeroList list{};
  list.count = (int)words.size();
  int first = 0;
  for (size_t t = 0; t < words.size(); ++t) {
    buf[t].resize((size_t)words[t] + 8);
    for (auto& w : buf[t]) w = (unsigned int)rng() | 1u;
    // vectors of unsigned int are 16-byte aligned here (operator new); start offsets[t] words in, after a guard
    list.p[t] = buf[t].data() + 4 + offsets[t];
    list.words[t] = words[t];
    list.first[t] = first;
    first += blocks[t];
  }
  list.first[words.size()] = first;
  std::vector<std::vector<unsigned int>> before = buf;
  emu::launch((unsigned)first, 1, 64, 0, [&] { zero_list(list); });
  bool ok = true;
  std::string why;
  for (size_t t = 0; t < words.size() && ok; ++t) {
    const size_t at = (size_t)(list.p[t] - buf[t].data());
    for (size_t i = 0; i < buf[t].size(); ++i) {
      const bool inside = i >= at && i < at + (size_t)words[t];
      if (inside ? buf[t][i] != 0u : buf[t][i] != before[t][i]) {
        ok = false;
        why = "tensor " + std::to_string(t) + " word " + std::to_string((long long)i - (long long)at) + (inside ? " not zeroed" : " outside written");
        break;
      }
    }
  }
  report("zero_list: 7 tensors, 1 to 65543 words, offsets 0-3 words, 1-5 blocks each", ok, why);
}

int main() {
  std::mt19937 rng(20261128);
  check_copies(rng);
  check_zero_list(rng);
  check_vec_copy<float>("f32", 8, copy_vec_f32, rng);
  check_vec_copy<double>("f64", 6, copy_vec_f64, rng);
  check_vec_copy<long long>("i64", 2, copy_vec_i64, rng);
  std::uniform_int_distribution<int> small(-4, 4);
  for (int n : {13, 1000}) {
    const int numRows = n == 13 ? 70 : 2;
    std::vector<float> f((size_t)numRows * n);
    for (float& x : f) x = (float)small(rng) * 0.5f;  // ties
    for (size_t i = 0; i < f.size(); i += 7) f[i] = -0.0f;
    for (size_t i = 3; i < f.size(); i += 11) f[i] = NAN;
    for (size_t i = 5; i < f.size(); i += 17) f[i] = i % 2 ? INFINITY : -INFINITY;
    for (bool desc : {false, true}) check_sort<float>("f32", numRows, n, desc, f, before_f32);
  }
  std::vector<long long> l(33 * 40);
  for (long long& x : l) x = (long long)small(rng) * 1000000007LL;
  l[5] = (long long)0x8000000000000000ULL;
  check_sort<long long>("i64", 33, 40, true, l, [](long long a, long long b, bool d) { return d ? a > b : a < b; });
  std::vector<fbool> b(9 * 100);
  for (fbool& x : b) x = (fbool)(rng() % 2);
  check_sort<fbool>("bool", 9, 100, false, b, [](fbool x, fbool y, bool d) { return d ? x > y : x < y; });
  // long rows: tiles and merge passes, a partial last tile and a last run with no partner
  std::vector<float> lf(3 * 3001);
  for (float& x : lf) x = (float)small(rng) * 0.25f;
  for (size_t i = 0; i < lf.size(); i += 13) lf[i] = -0.0f;
  for (size_t i = 6; i < lf.size(); i += 29) lf[i] = NAN;
  lf[100] = INFINITY;
  lf[200] = -INFINITY;
  for (bool desc : {false, true}) check_long_sort<float>("f32", 3, 3001, 256, desc, lf, before_f32);
  check_long_sort<float>("f32", 2, 4096, 512, false, std::vector<float>(lf.begin(), lf.begin() + 2 * 4096), before_f32);  // whole runs
  std::vector<double> ld(2 * 1000);
  std::normal_distribution<double> normal(0.0, 1.0);
  for (double& x : ld) x = normal(rng);
  check_long_sort<double>("f64", 2, 1000, 64, true, ld, [](double a, double b, bool d) { return d ? a > b : a < b; });
  std::vector<long long> ll(5 * 777);
  for (long long& x : ll) x = (long long)small(rng) * 1000000007LL;
  ll[3] = (long long)0x8000000000000000ULL;
  check_long_sort<long long>("i64", 5, 777, 32, false, ll, [](long long a, long long b, bool d) { return d ? a > b : a < b; });
  return emu_report::finish();
}
