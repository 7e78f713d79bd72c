package io.frontier.optim.bayes.gp;

import io.frontier.tensor.LinAlg;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.cpu.Parallel;
import java.util.function.IntConsumer;

/**
 * The log marginal likelihood of a {@link StationaryKernel} model and its gradient with respect to
 * {@code (log ℓ_1..d, log σ_f², log σ_n²)}, the fast path of {@link GpFit}; {@link MarginalLikelihood}
 * through autograd is the reference it is tested against.
 *
 * <p>Why a second path: autograd differentiates the Cholesky factor with a product and two
 * right-sided triangular solves of {@code n×n} matrices, and the kernel through {@code (n, n, d)}
 * intermediate tensors; at n = 1000 that backward pass alone took about 0.7 s. Here the gradient is
 * Rasmussen and Williams' eq. 5.9, {@code ∂/∂θ log p = ½ tr((ααᵀ - K⁻¹) ∂K/∂θ)}: {@code K⁻¹} comes from
 * the Cholesky factor by {@link LinAlg#choleskyInverse} (LAPACK potri's {@code 2n³/3} multiply-adds, mostly GEMM), and
 * the traces against {@code ∂K/∂θ} are one pass over the pairs {@code i ≥ j}, with
 * {@code ∂K_ij/∂log ℓ_k = σ_f² ρ'(r²_ij) · (-2 (u_ik - u_jk)² / ℓ_k²)},
 * {@code ∂K/∂log σ_f² = K - σ_n² I} and {@code ∂K/∂log σ_n² = σ_n² I}.
 */
final class FusedMarginalLikelihood {
  private FusedMarginalLikelihood() {}

  /**
   * @param u normalised inputs, row-major {@code (n, d)}
   * @param z standardised targets {@code (n)}
   * @param gradient out: {@code d + 2} partial derivatives of the log marginal likelihood
   * @return the log marginal likelihood
   */
  static double valueAndGradient(KernelFamily family, double[] u, int n, int d, double[] z, double[] lengthscales, double outputScale,
      double noise, double[] gradient) {
    double[] inv2 = new double[d];
    for (int k = 0; k < d; k++) inv2[k] = 1.0 / (lengthscales[k] * lengthscales[k]);
    double[] kernel = new double[n * n];
    double[] slope = new double[n * n];
    overRowPairs(n, i -> {
      for (int j = 0; j < i; j++) {
        double r2 = 0;
        for (int k = 0; k < d; k++) {
          double diff = u[i * d + k] - u[j * d + k];
          r2 += diff * diff * inv2[k];
        }
        double kij = outputScale * family.valueAndSlope(r2, slope, i * n + j);
        kernel[i * n + j] = kij;
        kernel[j * n + i] = kij;
        slope[i * n + j] *= outputScale;
      }
      kernel[i * n + i] = outputScale * family.value(0.0) + noise;
    });
    Tensor l = JitteredCholesky.factor(Tensor.wrap(kernel, n, n));
    double[] inv = LinAlg.choleskyInverse(l, false).toDoubleArray();
    // zᵀK⁻¹z = |L⁻¹z|² by one forward solve; α = K⁻¹z by a product with the inverse already at hand.
    double[] whitened = LinAlg.solveTriangular(l, Tensor.wrap(z.clone(), n, 1), false, true, false).toDoubleArray();
    double[] diagL = l.diagonal().contiguous().toDoubleArray();
    double[] alpha = new double[n];
    double fit = 0;
    double logDet = 0;
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < n; j++) s += inv[i * n + j] * z[j];
      alpha[i] = s;
      fit += whitened[i] * whitened[i];
      logDet += Math.log(diagL[i]);
    }
    // Per row: d lengthscale terms, the output scale term, and W_ii for the noise term.
    double[] rows = new double[n * (d + 2)];
    overRowPairs(n, i -> {
      int g = i * (d + 2);
      for (int j = 0; j < i; j++) {
        // W = ½(ααᵀ - K⁻¹) is symmetric: the pair (i, j) counts twice.
        double w = alpha[i] * alpha[j] - inv[i * n + j];
        rows[g + d] += w * kernel[i * n + j];
        double ws = w * slope[i * n + j];
        for (int k = 0; k < d; k++) {
          double diff = u[i * d + k] - u[j * d + k];
          rows[g + k] -= 2 * ws * diff * diff * inv2[k];
        }
      }
      double wii = 0.5 * (alpha[i] * alpha[i] - inv[i * n + i]);
      rows[g + d] += wii * (kernel[i * n + i] - noise);
      rows[g + d + 1] = wii;
    });
    java.util.Arrays.fill(gradient, 0.0);
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < d + 2; k++) gradient[k] += rows[i * (d + 2) + k];
    }
    gradient[d + 1] *= noise;
    return -0.5 * fit - logDet - 0.5 * n * Math.log(2 * Math.PI);
  }

  /**
   * Runs {@code row} for every row i of a lower-triangular pass on the tensor module's threads,
   * pairing row t with row n-1-t so that each chunk gets an equal share of the {@code n²/2} pairs.
   */
  private static void overRowPairs(int n, IntConsumer row) {
    int half = (n + 1) / 2;
    Parallel.forRange(half, Math.max(1, 16384 / Math.max(1, n)), (start, end) -> {
      for (int t = start; t < end; t++) {
        row.accept(t);
        if (n - 1 - t != t) row.accept(n - 1 - t);
      }
    });
  }
}
