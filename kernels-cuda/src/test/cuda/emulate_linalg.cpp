// Runs linalg.cu's batched Cholesky, triangular-solve and LU kernels on the CPU through
// emulation.h, with CudaLinalg's launch shapes and call sequences, and checks them against float64
// references: factors of random symmetric positive-definite matrices (L L^T = A), the order of the
// first failing leading minor of matrices that are not positive definite, solves in all eight
// (lower/upper, left/right, unit or not) forms, and LU-based solve and slogdet, singular inputs
// included. Built and run by HostEmulationTest; prints one line per case and exits
// non-zero on a failure.
#define FRONTIER_HOST_EMULATION
#include "emulation.h"
#include "emulate_report.h"

#include <random>
#include <string>

#include "linalg.cu"

namespace {

using emu_report::report;
using emu_report::sci;

template <typename T>
struct K;
template <>
struct K<float> {
  static constexpr auto chol = linalg_cholesky_f32;
  static constexpr auto trsm = linalg_trsm_f32;
  static constexpr auto lu = linalg_lu_f32;
  static constexpr auto panel = linalg_lu_panel_f32;
  static constexpr auto swap = linalg_lu_swap_f32;
  static constexpr const char* name = "f32";
  static constexpr double tol = 2e-5;
};
template <>
struct K<double> {
  static constexpr auto chol = linalg_cholesky_f64;
  static constexpr auto trsm = linalg_trsm_f64;
  static constexpr auto lu = linalg_lu_f64;
  static constexpr auto panel = linalg_lu_panel_f64;
  static constexpr auto swap = linalg_lu_swap_f64;
  static constexpr const char* name = "f64";
  static constexpr double tol = 1e-12;
};

// CudaLinalg's grid: one block per matrix (at most 4096), or one warp per (matrix, column).
unsigned cholesky_blocks(int batch) { return (unsigned)std::min(batch, 4096); }
unsigned trsm_blocks(long long warps) { return (unsigned)std::min<long long>((warps * 32 + 255) / 256, 4096); }

template <typename T>
void check_cholesky(int batch, int n, std::mt19937& rng) {
  std::normal_distribution<double> normal;
  std::vector<T> a((size_t)batch * n * n);
  for (int z = 0; z < batch; ++z) {
    std::vector<double> m((size_t)n * n);
    for (double& x : m) x = normal(rng);
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) {
        double s = i == j ? n : 0.0;  // M M^T + n I: well conditioned
        for (int k = 0; k < n; ++k) s += m[i * n + k] * m[j * n + k];
        a[(size_t)z * n * n + i * n + j] = (T)s;
      }
    // garbage in the strict upper triangle: the kernel must read the lower one only
    for (int i = 0; i < n; ++i)
      for (int j = i + 1; j < n; ++j) a[(size_t)z * n * n + i * n + j] = (T)1e30;
  }
  std::vector<T> l((size_t)batch * n * n, (T)NAN);
  std::vector<long long> info(batch, -1);
  emu::launch(cholesky_blocks(batch), 1, linalg_impl::LA_THREADS, 0, [&] { K<T>::chol(batch, n, a.data(), l.data(), info.data()); });
  double worst = 0;
  std::string why;
  for (int z = 0; z < batch && why.empty(); ++z) {
    if (info[z] != 0) why = "info[" + std::to_string(z) + "] = " + std::to_string(info[z]);
    const T* L = l.data() + (size_t)z * n * n;
    const T* A = a.data() + (size_t)z * n * n;
    double norm = 0;
    for (int i = 0; i < n && why.empty(); ++i)
      for (int j = 0; j < n; ++j) {
        if (j > i && L[i * n + j] != (T)0) why = "upper element (" + std::to_string(i) + ", " + std::to_string(j) + ") not zero";
        if (j > i) continue;
        double s = 0;
        for (int k = 0; k <= j; ++k) s += (double)L[i * n + k] * L[j * n + k];
        worst = std::max(worst, std::fabs(s - A[i * n + j]));
        norm = std::max(norm, std::fabs((double)A[i * n + j]));
      }
    worst /= norm;
  }
  std::string name = std::string("cholesky ") + K<T>::name + " batch " + std::to_string(batch) + " n " + std::to_string(n);
  report(name, why.empty() && worst < K<T>::tol, why.empty() ? "max |L L^T - A| / max |A| " + sci(worst) : why);
}

// A = I with a[order-1][order-1] = -1 (or NaN) in batch element 1: info says that order there, 0 elsewhere.
template <typename T>
void check_not_positive_definite(int n, int order, bool nan) {
  const int batch = 3;
  std::vector<T> a((size_t)batch * n * n, (T)0);
  for (int z = 0; z < batch; ++z)
    for (int i = 0; i < n; ++i) a[(size_t)z * n * n + i * n + i] = (T)1;
  a[(size_t)n * n + (order - 1) * n + (order - 1)] = nan ? (T)NAN : (T)-1;
  std::vector<T> l((size_t)batch * n * n);
  std::vector<long long> info(batch, -1);
  emu::launch(cholesky_blocks(batch), 1, linalg_impl::LA_THREADS, 0, [&] { K<T>::chol(batch, n, a.data(), l.data(), info.data()); });
  bool ok = info[0] == 0 && info[1] == order && info[2] == 0;
  report(std::string("cholesky ") + K<T>::name + (nan ? " NaN" : " negative") + " pivot of order " + std::to_string(order), ok,
         "info " + std::to_string(info[0]) + " " + std::to_string(info[1]) + " " + std::to_string(info[2]));
}

// op(A) Y = C for (lower, unit) and Y's layout as CudaLinalg passes it: left (Y = X, n x cols) or
// right (X A = B: Y = X^T over X (cols x n), op(A) = A^T, lower and upper swapped).
template <typename T>
void check_trsm(int batch, int n, int cols, bool upper, bool left, bool unit, std::mt19937& rng) {
  std::normal_distribution<double> normal;
  std::vector<T> a((size_t)batch * n * n);
  for (int z = 0; z < batch; ++z)
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) {
        const bool inTriangle = upper ? j >= i : j <= i;
        // well conditioned: a dominant diagonal; garbage outside the triangle (and on it when unit)
        double v = !inTriangle ? 1e30 : i == j ? (unit ? 1e30 : 2.0 + std::fabs(normal(rng))) : normal(rng) / n;
        a[(size_t)z * n * n + i * n + j] = (T)v;
      }
  // X: n x cols (left) or cols x n (right), row-major; B = A X or X A
  const int xr = left ? n : cols, xc = left ? cols : n;
  std::vector<double> x((size_t)batch * xr * xc);
  for (double& v : x) v = normal(rng);
  auto A = [&](int z, int i, int j) -> double {
    const bool inTriangle = upper ? j >= i : j <= i;
    if (!inTriangle) return 0.0;
    if (i == j && unit) return 1.0;
    return a[(size_t)z * n * n + i * n + j];
  };
  std::vector<T> y((size_t)batch * xr * xc);
  for (int z = 0; z < batch; ++z)
    for (int r = 0; r < xr; ++r)
      for (int c = 0; c < xc; ++c) {
        double s = 0;
        for (int k = 0; k < n; ++k) s += left ? A(z, r, k) * x[((size_t)z * xr + k) * xc + c] : x[((size_t)z * xr + r) * xc + k] * A(z, k, c);
        y[((size_t)z * xr + r) * xc + c] = (T)s;
      }
  // CudaLinalg's arguments
  const long long ars = left ? n : 1, acs = left ? 1 : n;
  const int lower = left ? !upper : upper;
  const long long yrs = left ? xc : 1, ycs = left ? 1 : xc;
  const long long warps = (long long)batch * cols;
  emu::launch(trsm_blocks(warps), 1, linalg_impl::LA_THREADS, 0, [&] {
    K<T>::trsm(batch, n, cols, a.data(), ars, acs, lower, unit, y.data(), yrs, ycs, (long long)xr * xc);
  });
  double num = 0, den = 0;
  for (size_t i = 0; i < y.size(); ++i) {
    num += (y[i] - x[i]) * (y[i] - x[i]);
    den += x[i] * x[i];
  }
  const double err = std::sqrt(num / den);
  std::string name = std::string("solveTriangular ") + K<T>::name + (upper ? " upper" : " lower") + (left ? " left" : " right") +
                     (unit ? " unit" : "") + " batch " + std::to_string(batch) + " n " + std::to_string(n) + " cols " + std::to_string(cols);
  report(name, err < K<T>::tol, "relative error " + sci(err));
}

// CudaLinalg.solve: LU of a copy of A with B's rows swapped alongside, then L (unit lower) and U
// solves; and slogdet from the same kernel. A: random with a dominant diagonal, or singular (a zero
// column) when `singularColumn` >= 0.
template <typename T>
void check_lu(int batch, int n, int cols, int singularColumn, std::mt19937& rng) {
  std::normal_distribution<double> normal;
  std::vector<T> a((size_t)batch * n * n);
  for (size_t i = 0; i < a.size(); ++i) a[i] = (T)normal(rng);
  if (singularColumn >= 0)
    for (int i = 0; i < n; ++i) a[(size_t)n * n + i * n + singularColumn] = (T)0;  // batch element 1
  std::vector<double> x((size_t)batch * n * cols);
  for (double& v : x) v = normal(rng);
  std::vector<T> y((size_t)batch * n * cols);  // B = A X
  for (int z = 0; z < batch; ++z)
    for (int i = 0; i < n; ++i)
      for (int c = 0; c < cols; ++c) {
        double s = 0;
        for (int k = 0; k < n; ++k) s += (double)a[(size_t)z * n * n + i * n + k] * x[((size_t)z * n + k) * cols + c];
        y[((size_t)z * n + i) * cols + c] = (T)s;
      }
  std::vector<T> lu(a), sign(batch, (T)7), logAbs(batch, (T)7);
  std::vector<long long> info(batch, -1);
  emu::launch(cholesky_blocks(batch), 1, linalg_impl::LA_THREADS, 0, [&] {
    K<T>::lu(batch, n, lu.data(), y.data(), cols, info.data(), sign.data(), logAbs.data());
  });
  std::string name = std::string("lu ") + K<T>::name + " batch " + std::to_string(batch) + " n " + std::to_string(n) + " cols " +
                     std::to_string(cols) + (singularColumn >= 0 ? " singular column " + std::to_string(singularColumn) : "");
  // slogdet reference: float64 LU with partial pivoting of A
  std::string why;
  for (int z = 0; z < batch && why.empty(); ++z) {
    std::vector<double> m(a.begin() + (size_t)z * n * n, a.begin() + (size_t)(z + 1) * n * n);
    double s = 1, log = 0;
    for (int j = 0; j < n; ++j) {
      int p = j;
      for (int i = j + 1; i < n; ++i)
        if (std::fabs(m[i * n + j]) > std::fabs(m[p * n + j])) p = i;
      if (m[p * n + j] == 0) {
        s = 0;
        log = -INFINITY;
        break;
      }
      if (p != j) {
        s = -s;
        for (int k = 0; k < n; ++k) std::swap(m[j * n + k], m[p * n + k]);
      }
      if (m[j * n + j] < 0) s = -s;
      log += std::log(std::fabs(m[j * n + j]));
      for (int i = j + 1; i < n; ++i) {
        const double f = m[i * n + j] / m[j * n + j];
        for (int k = j; k < n; ++k) m[i * n + k] -= f * m[j * n + k];
      }
    }
    const bool singular = z == 1 && singularColumn >= 0;
    if (info[z] != (singular ? singularColumn + 1 : 0)) why = "info[" + std::to_string(z) + "] = " + std::to_string(info[z]);
    else if (sign[z] != (T)s) why = "sign[" + std::to_string(z) + "] = " + std::to_string((double)sign[z]) + ", want " + std::to_string(s);
    else if (singular ? !(std::isinf((double)logAbs[z]) && logAbs[z] < 0) : std::fabs(logAbs[z] - log) > 1e3 * K<T>::tol * std::max(1.0, std::fabs(log)))
      why = "logAbsDet[" + std::to_string(z) + "] = " + std::to_string((double)logAbs[z]) + ", want " + std::to_string(log);
  }
  if (!why.empty()) {
    report(name, false, why);
    return;
  }
  // the two triangular solves of the non-singular elements, as CudaLinalg runs them
  const long long warps = (long long)batch * cols;
  for (int pass = 0; pass < 2; ++pass) {
    emu::launch(trsm_blocks(warps), 1, linalg_impl::LA_THREADS, 0, [&] {
      K<T>::trsm(batch, n, cols, lu.data(), n, 1, pass == 0, pass == 0, y.data(), cols, 1, (long long)n * cols);
    });
  }
  double num = 0, den = 0;
  for (int z = 0; z < batch; ++z) {
    if (z == 1 && singularColumn >= 0) continue;
    for (size_t i = (size_t)z * n * cols; i < (size_t)(z + 1) * n * cols; ++i) {
      num += (y[i] - x[i]) * (y[i] - x[i]);
      den += x[i] * x[i];
    }
  }
  const double err = std::sqrt(num / den);
  report(name, err < 1e3 * K<T>::tol, "solve relative error " + sci(err));
}

// The blocked LU as io.frontier.tensor.backend.BlockedLu runs it on CUDA: per panel of `block`
// columns, linalg_lu_panel, then linalg_lu_swap on the columns outside the panel, then (on the host
// here, in float64 as the products would) U12 = L11^-1 A12 and A22 -= L21 U12; and linalg_lu_swap
// with every pivot on a right-hand side. Against float64 getrf with the same pivoting rule: the
// pivots exactly, the factors to rounding, info for a zero column (batch element 1).
template <typename T>
void check_blocked_lu(int batch, int n, int block, int singularColumn, std::mt19937& rng) {
  std::normal_distribution<double> normal;
  const size_t nn = (size_t)n * n;
  std::vector<T> a((size_t)batch * nn);
  for (T& v : a) v = (T)normal(rng);
  if (singularColumn >= 0)
    for (int i = 0; i < n; ++i) a[nn + (size_t)i * n + singularColumn] = (T)0;
  const int cols = 3;
  std::vector<T> rhs((size_t)batch * n * cols);
  for (T& v : rhs) v = (T)normal(rng);
  std::vector<T> lu(a), b(rhs);
  std::vector<long long> pivots((size_t)batch * n, -7), info(batch, 0);
  for (int k = 0; k < n; k += block) {
    const int w = std::min(block, n - k), r = n - k - w;
    emu::launch(cholesky_blocks(batch), 1, linalg_impl::LA_THREADS, 0, [&] { K<T>::panel(batch, n, k, w, lu.data(), pivots.data(), info.data()); });
    const long long swapThreads = (long long)batch * (n - w);
    if (swapThreads > 0) {
      emu::launch((unsigned)std::min<long long>((swapThreads + 255) / 256, 4096), 1, linalg_impl::LA_THREADS, 0, [&] {
        K<T>::swap(batch, n, lu.data(), n, (long long)nn, k, w, pivots.data(), n, k, w);
      });
    }
    for (int z = 0; z < batch && r > 0; ++z) {
      T* A = lu.data() + z * nn;
      for (int i = k + 1; i < k + w; ++i)  // U12 = L11^-1 A12, L11 unit lower
        for (int c = k + w; c < n; ++c) {
          double s = A[(size_t)i * n + c];
          for (int j = k; j < i; ++j) s -= (double)A[(size_t)i * n + j] * A[(size_t)j * n + c];
          A[(size_t)i * n + c] = (T)s;
        }
      for (int i = k + w; i < n; ++i)  // A22 -= L21 U12
        for (int c = k + w; c < n; ++c) {
          double s = 0;
          for (int j = k; j < k + w; ++j) s += (double)A[(size_t)i * n + j] * A[(size_t)j * n + c];
          A[(size_t)i * n + c] = (T)((double)A[(size_t)i * n + c] - s);
        }
    }
  }
  emu::launch((unsigned)std::min<long long>(((long long)batch * cols + 255) / 256, 4096), 1, linalg_impl::LA_THREADS, 0, [&] {
    K<T>::swap(batch, cols, b.data(), cols, (long long)n * cols, 0, 0, pivots.data(), n, 0, n);
  });
  std::string name = std::string("blocked lu ") + K<T>::name + " batch " + std::to_string(batch) + " n " + std::to_string(n) + " block " +
                     std::to_string(block) + (singularColumn >= 0 ? " singular column " + std::to_string(singularColumn) : "");
  std::string why;
  double worst = 0;
  for (int z = 0; z < batch && why.empty(); ++z) {
    std::vector<double> m(a.begin() + z * nn, a.begin() + (z + 1) * nn), y(rhs.begin() + (size_t)z * n * cols, rhs.begin() + (size_t)(z + 1) * n * cols);
    long long wantInfo = 0;
    for (int j = 0; j < n && why.empty(); ++j) {
      int p = j;
      for (int i = j + 1; i < n; ++i)
        if (std::fabs(m[(size_t)i * n + j]) > std::fabs(m[(size_t)p * n + j])) p = i;
      if (m[(size_t)p * n + j] == 0) {
        if (wantInfo == 0) wantInfo = j + 1;
        p = j;
      }
      if (pivots[(size_t)z * n + j] != p) why = "pivot " + std::to_string(j) + " of matrix " + std::to_string(z) + " is " + std::to_string(pivots[(size_t)z * n + j]) + ", want " + std::to_string(p);
      for (int c = 0; c < n; ++c) std::swap(m[(size_t)j * n + c], m[(size_t)p * n + c]);
      for (int c = 0; c < cols; ++c) std::swap(y[(size_t)j * cols + c], y[(size_t)p * cols + c]);
      if (m[(size_t)j * n + j] == 0) continue;
      for (int i = j + 1; i < n; ++i) {
        const double f = m[(size_t)i * n + j] /= m[(size_t)j * n + j];
        for (int c = j + 1; c < n; ++c) m[(size_t)i * n + c] -= f * m[(size_t)j * n + c];
      }
    }
    if (!why.empty()) break;
    if (info[z] != wantInfo) why = "info[" + std::to_string(z) + "] = " + std::to_string(info[z]) + ", want " + std::to_string(wantInfo);
    double norm = 0, diff = 0;
    for (size_t e = 0; e < nn; ++e) {
      norm = std::max(norm, std::fabs(m[e]));
      diff = std::max(diff, std::fabs(m[e] - (double)lu[z * nn + e]));
    }
    worst = std::max(worst, diff / norm);
    for (size_t e = 0; e < y.size() && why.empty(); ++e)
      if ((T)y[e] != b[(size_t)z * n * cols + e]) why = "right-hand side row " + std::to_string(e / cols) + " of matrix " + std::to_string(z) + " not swapped as P B";
  }
  report(name, why.empty() && worst < 1e3 * K<T>::tol, why.empty() ? "max |LU - ref| / max |ref| " + sci(worst) : why);
}

}  // namespace

int main() {
  std::mt19937 rng(20261127);
  check_cholesky<double>(3, 1, rng);
  check_cholesky<double>(2, 33, rng);
  check_cholesky<float>(2, 70, rng);
  check_cholesky<double>(1, 130, rng);
  check_not_positive_definite<double>(10, 4, false);
  check_not_positive_definite<float>(40, 40, false);
  check_not_positive_definite<double>(5, 1, true);
  for (bool upper : {false, true})
    for (bool left : {true, false})
      for (bool unit : {false, true}) check_trsm<double>(2, 37, 5, upper, left, unit, rng);
  check_trsm<float>(1, 70, 1, false, true, false, rng);
  check_trsm<float>(3, 1, 40, true, false, false, rng);
  check_lu<double>(3, 1, 2, -1, rng);
  check_lu<double>(2, 40, 3, -1, rng);
  check_lu<float>(2, 33, 1, -1, rng);
  check_lu<double>(3, 20, 2, 5, rng);
  check_lu<double>(1, 160, 1, -1, rng);
  check_blocked_lu<double>(2, 37, 8, -1, rng);
  check_blocked_lu<double>(3, 50, 16, 21, rng);
  check_blocked_lu<double>(1, 9, 64, -1, rng);
  check_blocked_lu<double>(2, 12, 1, -1, rng);
  check_blocked_lu<float>(2, 30, 8, -1, rng);
  check_blocked_lu<double>(1, 300, 128, -1, rng);
  return emu_report::finish();
}
