package io.frontier.optim.bayes.gp;

import io.frontier.tensor.DType;
import io.frontier.tensor.LinAlg;
import io.frontier.tensor.Tensor;

/**
 * The lower Cholesky factor of a covariance matrix that is positive definite in exact arithmetic
 * but may not be in floating point (duplicated or nearly duplicated inputs, long lengthscales):
 * GPyTorch's {@code psd_safe_cholesky}. On failure it retries with jitter {@code 1e-8 · mean(diag A)}
 * on the diagonal, ten times larger at each of {@link #TRIES} tries; if the last one fails it throws
 * an {@link ArithmeticException} naming the matrix size and that jitter. A matrix with a NaN or
 * infinite entry is refused at once, so no NaN reaches a posterior.
 */
final class JitteredCholesky {
  /** Attempts with jitter after the plain one: relative jitter 1e-8, 1e-7, ..., 1e-4. */
  static final int TRIES = 5;
  static final double FIRST_RELATIVE_JITTER = 1e-8;

  private JitteredCholesky() {}

  /** The lower factor L of {@code a (n, n)} or, failing that, of the first {@code a + jitter·I} that factors. */
  static Tensor factor(Tensor a) {
    try {
      return LinAlg.cholesky(a);
    } catch (ArithmeticException notPositiveDefinite) {
      // A NaN pivot also fails the factorisation; only then is the matrix scanned, so the common
      // case pays for no copy.
    }
    int n = a.size(0);
    double[] values = a.detach().contiguous().toDoubleArray();
    double meanDiag = 0;
    for (int i = 0; i < n; i++) meanDiag += values[i * n + i];
    meanDiag /= n;
    for (double v : values) {
      if (!Double.isFinite(v)) {
        throw new ArithmeticException("GP covariance (" + n + "×" + n + ") has a NaN or infinite entry: check the hyperparameters and inputs");
      }
    }
    double scale = Math.abs(meanDiag) > 0 ? Math.abs(meanDiag) : 1.0;
    double jitter = FIRST_RELATIVE_JITTER * scale;
    for (int attempt = 0; attempt < TRIES; attempt++, jitter *= 10) {
      try {
        return LinAlg.cholesky(a.add(Tensor.eye(n, n, DType.FLOAT64).mul(jitter)));
      } catch (ArithmeticException stillNot) {
        if (attempt == TRIES - 1) {
          throw new ArithmeticException(String.format(
              "GP covariance (%d×%d) is not positive definite even with jitter %.3g (= %.0e × mean diagonal %.6g) added after %d tries: "
                  + "the kernel matrix is not a covariance, or the noise is far too small for duplicated inputs",
              n, n, jitter, jitter / scale, meanDiag, TRIES));
        }
      }
    }
    throw new AssertionError("unreachable");
  }
}
