// Runs linalg_decomp.cu's QR and symmetric eigendecomposition on the CPU through emulation.h, with
// CudaLinalg's launch (one block per matrix, fewer blocks than matrices: the grid-stride loop),
// and checks the defining properties in float64 rather than another implementation's output:
//   QR: Q R = A, Q^T Q = I, R upper triangular with a non-negative diagonal (unique for a full-rank
//     A), for tall, wide and square matrices, a zero column and a zero matrix;
//   eigh: A V = V diag(w), V^T V = I, w ascending, A read from its lower triangle only (the upper
//     one holds garbage), for odd and even orders, a repeated eigenvalue and the identity;
//   SVD: U diag(S) Vh = A, U^T U = I, Vh Vh^T = I, S descending and non-negative, for tall, wide
//     and square matrices, repeated columns (rank deficient: U completed to orthonormal) and zeros.
// Built and run by HostEmulationTest; prints one line per case and exits non-zero on a failure.
#define FRONTIER_HOST_EMULATION
#include "emulation.h"
#include "emulate_report.h"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "linalg_decomp.cu"

namespace {

using emu_report::report;
using emu_report::sci;

template <typename T>
struct K;
template <>
struct K<float> {
  static constexpr auto qr = linalg_qr_f32;
  static constexpr auto eigh = linalg_eigh_f32;
  static constexpr auto svd = linalg_svd_f32;
  static constexpr const char* name = "f32";
  static constexpr double tol = 2e-5;
};
template <>
struct K<double> {
  static constexpr auto qr = linalg_qr_f64;
  static constexpr auto eigh = linalg_eigh_f64;
  static constexpr auto svd = linalg_svd_f64;
  static constexpr const char* name = "f64";
  static constexpr double tol = 1e-12;
};

// kind 0: random; 1: column 1 zero; 2: all zero
template <typename T>
void check_qr(int batch, int m, int n, int kind, std::mt19937& rng) {
  std::normal_distribution<double> normal(0.0, 1.0);
  const int k = std::min(m, n);
  std::vector<T> a((size_t)batch * m * n), q((size_t)batch * m * k, (T)NAN), r((size_t)batch * k * n, (T)NAN);
  for (auto& x : a) x = kind == 2 ? (T)0 : (T)normal(rng);
  if (kind == 1 && n > 1) {
    for (int z = 0; z < batch; ++z)
      for (int i = 0; i < m; ++i) a[((size_t)z * m + i) * n + 1] = 0;
  }
  const long long stride = (long long)m * n + (long long)m * k + 2LL * k;
  std::vector<double> work((size_t)batch * stride, std::nan(""));
  emu::launch(std::max(1, batch - 1), 1, 256, 0, [&] { K<T>::qr(batch, m, n, a.data(), q.data(), r.data(), work.data(), stride); });
  double worst = 0;
  bool shape = true;
  for (int z = 0; z < batch; ++z) {
    const T* A = a.data() + (size_t)z * m * n;
    const T* Q = q.data() + (size_t)z * m * k;
    const T* R = r.data() + (size_t)z * k * n;
    double scale = 1;
    for (int e = 0; e < m * n; ++e) scale = std::max(scale, std::fabs((double)A[e]));
    for (int i = 0; i < m; ++i)
      for (int j = 0; j < n; ++j) {
        double s = 0;
        for (int t = 0; t < k; ++t) s += (double)Q[i * k + t] * R[t * n + j];
        worst = std::max(worst, std::fabs(s - A[i * n + j]) / scale);
      }
    for (int c1 = 0; c1 < k; ++c1)
      for (int c2 = 0; c2 < k; ++c2) {
        double s = 0;
        for (int i = 0; i < m; ++i) s += (double)Q[i * k + c1] * Q[i * k + c2];
        worst = std::max(worst, std::fabs(s - (c1 == c2 ? 1.0 : 0.0)));
      }
    for (int i = 0; i < k; ++i) {
      shape = shape && R[i * n + i] >= 0;
      for (int j = 0; j < i; ++j) shape = shape && R[i * n + j] == 0;
    }
  }
  const char* kinds[] = {"", " with a zero column", " of zeros"};
  report(std::string("qr ") + K<T>::name + " " + std::to_string(batch) + " x " + std::to_string(m) + " x " + std::to_string(n) + kinds[kind],
         shape && worst < 50 * K<T>::tol, shape ? "largest error " + sci(worst) : "R not upper triangular with a non-negative diagonal");
}

// kind 0: random symmetric; 1: a double eigenvalue (Q diag(1, 1, 3, ...) Q^T); 2: the identity
template <typename T>
void check_eigh(int batch, int n, int kind, std::mt19937& rng) {
  std::normal_distribution<double> normal(0.0, 1.0);
  std::vector<T> a((size_t)batch * n * n), w((size_t)batch * n, (T)NAN), v((size_t)batch * n * n, (T)NAN);
  std::vector<double> sym((size_t)batch * n * n);
  for (int z = 0; z < batch; ++z) {
    double* S = sym.data() + (size_t)z * n * n;
    if (kind == 0) {
      for (int i = 0; i < n; ++i)
        for (int j = 0; j <= i; ++j) S[i * n + j] = S[j * n + i] = normal(rng);
    } else {
      // Q from a QR of a random matrix by Gram-Schmidt, eigenvalues 1, 1, 3, 4, ... (or all 1)
      std::vector<double> Q((size_t)n * n);
      for (auto& x : Q) x = normal(rng);
      for (int c = 0; c < n; ++c) {
        for (int c2 = 0; c2 < c; ++c2) {
          double d = 0;
          for (int i = 0; i < n; ++i) d += Q[i * n + c] * Q[i * n + c2];
          for (int i = 0; i < n; ++i) Q[i * n + c] -= d * Q[i * n + c2];
        }
        double nn = 0;
        for (int i = 0; i < n; ++i) nn += Q[i * n + c] * Q[i * n + c];
        for (int i = 0; i < n; ++i) Q[i * n + c] /= std::sqrt(nn);
      }
      for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
          double s = 0;
          for (int t = 0; t < n; ++t) s += Q[i * n + t] * (kind == 2 ? 1.0 : t < 2 ? 1.0 : t + 1.0) * Q[j * n + t];
          S[i * n + j] = s;
        }
      if (kind == 2)
        for (int i = 0; i < n; ++i)
          for (int j = 0; j < n; ++j) S[i * n + j] = i == j ? 1.0 : 0.0;
    }
    T* A = a.data() + (size_t)z * n * n;
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) {
        if (j <= i) S[i * n + j] = (double)(A[i * n + j] = (T)S[i * n + j]);
        else A[i * n + j] = (T)1e30;  // the upper triangle is never read
      }
    for (int i = 0; i < n; ++i)
      for (int j = i + 1; j < n; ++j) S[i * n + j] = S[j * n + i];
  }
  const long long stride = 2LL * n * n;
  std::vector<double> work((size_t)batch * stride, std::nan(""));
  emu::launch(std::max(1, batch - 1), 1, 256, 0, [&] { K<T>::eigh(batch, n, a.data(), w.data(), v.data(), work.data(), stride); });
  double worst = 0;
  bool ascending = true;
  for (int z = 0; z < batch; ++z) {
    const double* S = sym.data() + (size_t)z * n * n;
    const T* W = w.data() + (size_t)z * n;
    const T* V = v.data() + (size_t)z * n * n;
    double scale = 1;
    for (int e = 0; e < n * n; ++e) scale = std::max(scale, std::fabs(S[e]));
    for (int i = 0; i + 1 < n; ++i) ascending = ascending && W[i] <= W[i + 1];
    for (int i = 0; i < n; ++i)
      for (int c = 0; c < n; ++c) {
        double av = 0;
        for (int t = 0; t < n; ++t) av += S[i * n + t] * V[t * n + c];
        worst = std::max(worst, std::fabs(av - (double)W[c] * V[i * n + c]) / scale);
      }
    for (int c1 = 0; c1 < n; ++c1)
      for (int c2 = 0; c2 < n; ++c2) {
        double s = 0;
        for (int i = 0; i < n; ++i) s += (double)V[i * n + c1] * V[i * n + c2];
        worst = std::max(worst, std::fabs(s - (c1 == c2 ? 1.0 : 0.0)));
      }
  }
  const char* kinds[] = {"", " with a double eigenvalue", " (identity)"};
  report(std::string("eigh ") + K<T>::name + " " + std::to_string(batch) + " x " + std::to_string(n) + kinds[kind],
         ascending && worst < 50 * K<T>::tol, ascending ? "largest error " + sci(worst) : "eigenvalues not ascending");
}

// kind 0: random; 1: columns 1 and 2 copies of column 0 (rank k - 2); 2: all zero
template <typename T>
void check_svd(int batch, int m, int n, int kind, std::mt19937& rng) {
  std::normal_distribution<double> normal(0.0, 1.0);
  const int k = std::min(m, n);
  std::vector<T> a((size_t)batch * m * n), u((size_t)batch * m * k, (T)NAN), sv((size_t)batch * k, (T)NAN), vh((size_t)batch * k * n, (T)NAN);
  for (auto& x : a) x = kind == 2 ? (T)0 : (T)normal(rng);
  if (kind == 1) {
    for (int z = 0; z < batch; ++z)
      for (int i = 0; i < m; ++i)
        for (int c = 1; c < 3 && c < n; ++c) a[((size_t)z * m + i) * n + c] = a[((size_t)z * m + i) * n];
  }
  const int M = std::max(m, n);
  const long long stride = (long long)M * k + (long long)k * k + k;
  std::vector<double> work((size_t)batch * stride, std::nan(""));
  emu::launch(std::max(1, batch - 1), 1, 256, 0, [&] { K<T>::svd(batch, m, n, a.data(), u.data(), sv.data(), vh.data(), work.data(), stride); });
  double worst = 0;
  bool order = true;
  for (int z = 0; z < batch; ++z) {
    const T* A = a.data() + (size_t)z * m * n;
    const T* U = u.data() + (size_t)z * m * k;
    const T* S = sv.data() + (size_t)z * k;
    const T* Vh = vh.data() + (size_t)z * k * n;
    double scale = 1;
    for (int e = 0; e < m * n; ++e) scale = std::max(scale, std::fabs((double)A[e]));
    for (int j = 0; j < k; ++j) order = order && S[j] >= 0 && (j == 0 || S[j - 1] >= S[j]);
    for (int i = 0; i < m; ++i)
      for (int c = 0; c < n; ++c) {
        double x = 0;
        for (int t = 0; t < k; ++t) x += (double)U[i * k + t] * S[t] * Vh[t * n + c];
        worst = std::max(worst, std::fabs(x - A[i * n + c]) / scale);
      }
    for (int c1 = 0; c1 < k; ++c1)
      for (int c2 = 0; c2 < k; ++c2) {
        double uu = 0, vv = 0;
        for (int i = 0; i < m; ++i) uu += (double)U[i * k + c1] * U[i * k + c2];
        for (int c = 0; c < n; ++c) vv += (double)Vh[c1 * n + c] * Vh[c2 * n + c];
        worst = std::max({worst, std::fabs(uu - (c1 == c2 ? 1.0 : 0.0)), std::fabs(vv - (c1 == c2 ? 1.0 : 0.0))});
      }
  }
  const char* kinds[] = {"", " with repeated columns", " of zeros"};
  report(std::string("svd ") + K<T>::name + " " + std::to_string(batch) + " x " + std::to_string(m) + " x " + std::to_string(n) + kinds[kind],
         order && worst < 50 * K<T>::tol, order ? "largest error " + sci(worst) : "singular values not descending and non-negative");
}

}  // namespace

int main() {
  std::mt19937 rng(20261128);
  check_qr<double>(3, 7, 4, 0, rng);
  check_qr<double>(2, 4, 9, 0, rng);
  check_qr<double>(2, 33, 33, 0, rng);
  check_qr<float>(3, 40, 17, 0, rng);
  check_qr<double>(2, 6, 5, 1, rng);
  check_qr<float>(2, 5, 3, 2, rng);
  check_qr<double>(1, 300, 2, 0, rng);  // more rows than threads
  check_eigh<double>(3, 1, 0, rng);
  check_eigh<double>(3, 2, 0, rng);
  check_eigh<double>(2, 7, 0, rng);
  check_eigh<double>(2, 32, 0, rng);
  check_eigh<float>(3, 17, 0, rng);
  check_eigh<double>(2, 9, 1, rng);
  check_eigh<float>(2, 6, 2, rng);
  check_svd<double>(3, 7, 4, 0, rng);
  check_svd<double>(2, 4, 9, 0, rng);   // wide: the factors of A^T
  check_svd<double>(2, 16, 16, 0, rng);
  check_svd<float>(3, 30, 11, 0, rng);
  check_svd<double>(2, 8, 6, 1, rng);   // rank 4 of 6
  check_svd<double>(2, 5, 8, 1, rng);   // wide and rank deficient
  check_svd<float>(2, 4, 3, 2, rng);
  check_svd<double>(1, 300, 3, 0, rng);  // more rows than threads
  return emu_report::finish();
}
