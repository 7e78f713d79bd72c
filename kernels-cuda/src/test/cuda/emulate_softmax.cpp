// Runs softmax.cu's causal attention softmax and scaled softmax backward (one warp per row, 8 rows
// a block, as CudaFused launches them) on the CPU through emulation.h and checks them against
// float64 references: query i keeps keys j <= i + offset, the rest of its row is written as 0;
// rows that do not fill the last block; rows shorter and longer than a warp. Built and run by
// HostEmulationTest; prints one line per case and exits non-zero on a failure.
#define FRONTIER_HOST_EMULATION
#include "emulation.h"
#include "emulate_report.h"
#include "emulate_strided.h"

#include <random>
#include <string>

#include "softmax.cu"

namespace {

using emu_report::report;
using emu_report::sci;

template <typename T>
struct K;
template <>
struct K<float> {
  static constexpr auto fwd = causal_softmax_f32;
  static constexpr auto bwd = softmax_bwd_f32;
  static constexpr auto tile = softmax_tile_f32;
  static constexpr auto general = softmax_f32;
  static constexpr auto tileVec = softmax_tile_vec_f32;
  static constexpr const char* name = "f32";
  static constexpr double tol = 2e-6;
};
template <>
struct K<double> {
  static constexpr auto fwd = causal_softmax_f64;
  static constexpr auto bwd = softmax_bwd_f64;
  static constexpr auto tile = softmax_tile_f64;
  static constexpr auto general = softmax_f64;
  static constexpr auto tileVec = softmax_tile_vec_f64;
  static constexpr const char* name = "f64";
  static constexpr double tol = 1e-13;
};

constexpr int ROWS_PER_BLOCK = 8;  // CudaFused.SOFTMAX_ROWS_PER_BLOCK

// (batch x queries) rows of n scores; y = causal softmax(scale x); then dx for a random g.
template <typename T>
void check(int batch, int queries, int n, int offset, double scale, std::mt19937& rng) {
  std::normal_distribution<double> normal(0.0, 2.0);
  const int rows = batch * queries;
  std::vector<T> x((size_t)rows * n), y((size_t)rows * n, (T)NAN), g((size_t)rows * n), dx((size_t)rows * n, (T)NAN);
  for (T& v : x) v = (T)normal(rng);
  for (T& v : g) v = (T)normal(rng);
  const unsigned blocks = (unsigned)((rows + ROWS_PER_BLOCK - 1) / ROWS_PER_BLOCK);
  emu::launch(blocks, 1, 32 * ROWS_PER_BLOCK, 0, [&] { K<T>::fwd(rows, n, queries, offset, (T)scale, x.data(), y.data()); });
  emu::launch(blocks, 1, 32 * ROWS_PER_BLOCK, 0, [&] { K<T>::bwd(rows, n, (T)scale, g.data(), y.data(), dx.data()); });
  double worstY = 0, worstDx = 0;
  std::string why;
  for (int r = 0; r < rows && why.empty(); ++r) {
    const int keep = std::min(n, r % queries + offset + 1);
    const T* xr = x.data() + (size_t)r * n;
    double m = -INFINITY, s = 0;
    for (int j = 0; j < keep; ++j) m = std::max(m, scale * xr[j]);
    for (int j = 0; j < keep; ++j) s += std::exp(scale * xr[j] - m);
    std::vector<double> want(n, 0.0);
    for (int j = 0; j < keep; ++j) want[j] = std::exp(scale * xr[j] - m) / s;
    double dot = 0;
    for (int j = 0; j < n; ++j) dot += (double)g[(size_t)r * n + j] * y[(size_t)r * n + j];
    for (int j = 0; j < n; ++j) {
      const double got = y[(size_t)r * n + j];
      if (std::isnan(got)) why = "y (" + std::to_string(r) + ", " + std::to_string(j) + ") unwritten";
      if (j >= keep && got != 0.0) why = "masked y (" + std::to_string(r) + ", " + std::to_string(j) + ") = " + std::to_string(got);
      worstY = std::max(worstY, std::fabs(got - want[j]));
      // the backward from the kernel's own y, against float64 arithmetic
      const double wantDx = scale * y[(size_t)r * n + j] * (g[(size_t)r * n + j] - dot);
      worstDx = std::max(worstDx, std::fabs(dx[(size_t)r * n + j] - wantDx) / std::max(1.0, std::fabs(wantDx)));
      if (std::isnan((double)dx[(size_t)r * n + j])) why = "dx (" + std::to_string(r) + ", " + std::to_string(j) + ") unwritten";
    }
  }
  const std::string name = std::string("causal softmax ") + K<T>::name + " " + std::to_string(batch) + " x " + std::to_string(queries) +
                           " queries x " + std::to_string(n) + " keys, offset " + std::to_string(offset);
  const bool ok = why.empty() && worstY < K<T>::tol && worstDx < 10 * K<T>::tol;
  report(name, ok, why.empty() ? "max |y - ref| " + sci(worstY) + ", max rel dx error " + sci(worstDx) : why);
}

// softmax / log-softmax along the last dim of contiguous (rows, n) through the register-tile
// kernels, launched as CudaReductions launches them: AlongDim.tileGroup threads per row (64 bytes
// of the row each, 32 to 512), blocks of max(group, 128) threads; G > 32 merges the row's warps
// through shared memory behind a barrier.
template <typename T>
void check_tile(int rows, int n, bool logOut, bool vec, std::mt19937& rng) {
  std::normal_distribution<double> normal(0.0, 3.0);
  std::vector<T> x((size_t)rows * n), y((size_t)rows * n, (T)NAN);
  for (T& v : x) v = (T)normal(rng);
  int group = 32;
  while ((long long)group * 64 < (long long)n * (long long)sizeof(T)) group *= 2;
  const int threads = std::max(group, 128), perBlock = threads / group;
  const Strided rowsDesc = emu_strided::rows(rows, n);
  emu::launch((unsigned)((rows + perBlock - 1) / perBlock), 1, threads, 0, [&] {
    (vec ? K<T>::tileVec : K<T>::tile)(rows, n, group, logOut, x.data(), rowsDesc, 1, y.data(), rowsDesc, 1);
  });
  double worst = 0;
  std::string why;
  for (int r = 0; r < rows && why.empty(); ++r) {
    const T* xr = x.data() + (size_t)r * n;
    double m = -INFINITY, s = 0;
    for (int j = 0; j < n; ++j) m = std::max(m, (double)xr[j]);
    for (int j = 0; j < n; ++j) s += std::exp(xr[j] - m);
    for (int j = 0; j < n; ++j) {
      const double want = logOut ? xr[j] - m - std::log(s) : std::exp(xr[j] - m) / s;
      const double got = y[(size_t)r * n + j];
      if (std::isnan(got)) why = "y (" + std::to_string(r) + ", " + std::to_string(j) + ") unwritten";
      worst = std::max(worst, std::fabs(got - want) / std::max(1.0, std::fabs(want)));
    }
  }
  const std::string name = std::string(logOut ? "log-softmax " : "softmax ") + K<T>::name + (vec ? " vec " : " ") + std::to_string(rows) +
                           " x " + std::to_string(n) + " (" + std::to_string(group) + " threads a row)";
  report(name, why.empty() && worst < 4 * K<T>::tol, why.empty() ? "max error " + sci(worst) : why);
}

// softmax / log-softmax through softmax_* in its row layouts (AlongDim): 0 a thread per row, the
// rows adjacent and the dim strided (softmax(0) of a row-major (n, rows) matrix); 1 a warp per row
// (4 a block); 2 a block (256 threads) per row, for rows too long for the register tiles.
template <typename T>
void check_general(int mode, int rows, int n, bool logOut, std::mt19937& rng) {
  std::normal_distribution<double> normal(0.0, 3.0);
  std::vector<T> x((size_t)rows * n), y((size_t)rows * n, (T)NAN);
  for (T& v : x) v = (T)normal(rng);
  // mode 0: element j of row r at j * rows + r; otherwise at r * n + j
  const Strided rowsDesc = emu_strided::rows(rows, mode == 0 ? 1 : n);
  const int step = mode == 0 ? rows : 1;
  const unsigned threads = mode == 2 ? 256 : 128;
  const unsigned blocks = mode == 0 ? (rows + threads - 1) / threads : mode == 1 ? (rows + 3) / 4 : rows;
  emu::launch(blocks, 1, threads, 0, [&] { K<T>::general(rows, n, mode, logOut, x.data(), rowsDesc, step, y.data(), rowsDesc, step); });
  double worst = 0;
  std::string why;
  for (int r = 0; r < rows && why.empty(); ++r) {
    auto at = [&](int j) { return (size_t)(mode == 0 ? (size_t)j * rows + r : (size_t)r * n + j); };
    double m = -INFINITY, s = 0;
    for (int j = 0; j < n; ++j) m = std::max(m, (double)x[at(j)]);
    for (int j = 0; j < n; ++j) s += std::exp(x[at(j)] - m);
    for (int j = 0; j < n; ++j) {
      const double want = logOut ? x[at(j)] - m - std::log(s) : std::exp(x[at(j)] - m) / s;
      const double got = y[at(j)];
      if (std::isnan(got)) why = "y (" + std::to_string(r) + ", " + std::to_string(j) + ") unwritten";
      worst = std::max(worst, std::fabs(got - want) / std::max(1.0, std::fabs(want)));
    }
  }
  const std::string name = std::string(logOut ? "log-softmax " : "softmax ") + K<T>::name + " layout " + std::to_string(mode) + " " +
                           std::to_string(rows) + " x " + std::to_string(n);
  report(name, why.empty() && worst < 4 * K<T>::tol, why.empty() ? "max error " + sci(worst) : why);
}

}  // namespace

int main() {
  std::mt19937 rng(20261127);
  check<float>(2, 37, 37, 0, 0.125, rng);   // rows fill 9 blocks and a part; rows longer than a warp
  check<float>(3, 5, 9, 4, -1.5, rng);      // an offset (a KV cache), short rows, a negative scale
  check<double>(1, 70, 70, 0, 0.3, rng);
  check<double>(2, 3, 100, 97, 1.0, rng);   // every key kept
  check_tile<float>(5, 4096, false, true, rng);  // 256 threads a row: an 8-warp merge
  check_tile<float>(3, 8000, true, true, rng);   // 512 threads a row
  check_tile<float>(9, 300, false, false, rng);  // 32 threads a row, 4 rows a block, a tail row block
  check_tile<float>(4, 1000, true, false, rng);  // 64 threads a row, 2 rows a block
  check_tile<double>(3, 1000, false, true, rng); // 128 threads a row
  check_tile<double>(2, 4096, true, false, rng); // 512 threads a row
  check_general<float>(0, 300, 17, false, rng);    // a thread per row, the dim strided
  check_general<float>(1, 9, 700, true, rng);      // a warp per row, 4 rows a block
  check_general<float>(2, 3, 10000, false, rng);   // a block per row, past the tiles' 8192
  check_general<double>(2, 2, 5000, true, rng);
  return emu_report::finish();
}
