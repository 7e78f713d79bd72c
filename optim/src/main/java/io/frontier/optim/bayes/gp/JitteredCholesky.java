package io.frontier.optim.bayes.gp;

import io.frontier.tensor.LinAlg;
import io.frontier.tensor.Tensor;

/**
 * The lower Cholesky factor of a covariance matrix that is positive semi-definite in exact
 * arithmetic but may not factor in floating point: GPyTorch's {@code psd_safe_cholesky}. The
 * jitter added to the diagonal is relative to {@code mean(diag A)} and grows ten times per try up to
 * 1e-4; if the last try fails, an {@link ArithmeticException} names the
 * matrix, its size and that jitter. A matrix with a NaN or infinite entry is refused at once, so no
 * NaN reaches a posterior or a sample.
 *
 * <p>Two schedules, one per use:
 * <ul>
 *   <li>{@link #factor} (the GP's {@code K + σ_n² I}): the plain factorisation first, then relative
 *       jitter 1e-8, ..., 1e-4, so a well-conditioned kernel matrix is factored exactly.
 *   <li>{@link #factorForSampling} (a joint posterior covariance for reparameterised samples
 *       {@code μ + L z}): relative jitter 1e-9, ..., 1e-4, never none. Such a covariance at observed
 *       points of a noiseless model is singular, and even when it factors without jitter its tiny
 *       pivots would make the gradient through L blow up.
 * </ul>
 */
public final class JitteredCholesky {
  /** Attempts with jitter after the plain one in {@link #factor}: relative jitter 1e-8, 1e-7, ..., 1e-4. */
  private static final int TRIES = 5;
  private static final double FIRST_RELATIVE_JITTER = 1e-8;
  /** The always-added jitter of {@link #factorForSampling}, one step below the first of {@link #factor}. */
  private static final double SAMPLING_RELATIVE_JITTER = FIRST_RELATIVE_JITTER / 10;

  private JitteredCholesky() {}

  /** The lower factor L of a GP kernel matrix {@code a (n, n)} or, failing that, of the first {@code a + jitter·I} that factors. */
  public static Tensor factor(Tensor a) {
    try {
      return LinAlg.cholesky(a);
    } catch (ArithmeticException notPositiveDefinite) {
      // A NaN pivot also fails the factorisation; only then is the matrix scanned, so the common
      // case pays for no copy.
    }
    return withJitter(a, FIRST_RELATIVE_JITTER, TRIES, "GP covariance",
        "the kernel matrix is not a covariance, or the noise is far too small for duplicated inputs");
  }

  /**
   * The lower factor L of {@code a + jitter·I} for the posterior covariance {@code a (q, q)} that
   * {@code acquisition} (named in errors) samples from, with at least relative jitter 1e-9; autograd
   * flows through L to a.
   */
  public static Tensor factorForSampling(String acquisition, Tensor a) {
    return withJitter(a, SAMPLING_RELATIVE_JITTER, TRIES + 1, acquisition + ": posterior covariance",
        "the candidates' joint posterior is degenerate");
  }

  private static Tensor withJitter(Tensor a, double firstRelativeJitter, int tries, String what, String likelyCause) {
    int n = a.size(0);
    double[] values = a.detach().contiguous().toDoubleArray();
    double meanDiag = 0;
    for (int i = 0; i < n; i++) meanDiag += values[i * n + i];
    meanDiag /= n;
    for (double v : values) {
      if (!Double.isFinite(v)) {
        throw new ArithmeticException(what + " (" + n + "×" + n + ") has a NaN or infinite entry: check the hyperparameters and inputs");
      }
    }
    double scale = Math.abs(meanDiag) > 0 ? Math.abs(meanDiag) : 1.0;
    Tensor eye = Tensor.eye(n, n, a.dtype());
    double jitter = firstRelativeJitter * scale;
    for (int attempt = 0; attempt < tries; attempt++, jitter *= 10) {
      try {
        return LinAlg.cholesky(a.add(eye.mul(jitter)));
      } catch (ArithmeticException stillNot) {
        if (attempt == tries - 1) {
          throw new ArithmeticException(String.format(
              "%s (%d×%d) is not positive definite even with jitter %.3g (= %.0e × mean diagonal %.6g) added after %d tries: %s",
              what, n, n, jitter, jitter / scale, meanDiag, tries, likelyCause));
        }
      }
    }
    throw new AssertionError("unreachable");
  }
}
