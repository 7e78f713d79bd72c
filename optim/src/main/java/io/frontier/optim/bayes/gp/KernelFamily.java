package io.frontier.optim.bayes.gp;

import io.frontier.tensor.Tensor;

/**
 * The stationary correlation functions {@code ρ(r)} of the kernels, with {@code r} the distance after
 * dividing each input dimension by its lengthscale (Rasmussen and Williams, "Gaussian Processes for
 * Machine Learning", eq. 4.9 and 4.14–4.17).
 *
 * <p>Each family takes the squared scaled distance {@code r²}: the RBF needs no square root, and the
 * Matérn kernels take {@code r = sqrt(max(r², 1e-30))} as GPyTorch does, so that the gradient at
 * coinciding points is 0 rather than NaN (the true derivative there for ν = 3/2 and 5/2).
 */
public enum KernelFamily {
  /** Squared exponential {@code ρ = exp(-r²/2)}. */
  RBF {
    @Override
    Tensor correlation(Tensor r2) {
      return r2.mul(-0.5).exp();
    }
  },
  /** Matérn ν = 1/2 (exponential): {@code ρ = exp(-r)}. */
  MATERN_12 {
    @Override
    Tensor correlation(Tensor r2) {
      return distance(r2).neg().exp();
    }
  },
  /** Matérn ν = 3/2: {@code ρ = (1 + √3 r) exp(-√3 r)}. */
  MATERN_32 {
    @Override
    Tensor correlation(Tensor r2) {
      Tensor s = distance(r2).mul(Math.sqrt(3.0));
      return s.add(1.0).mul(s.neg().exp());
    }
  },
  /** Matérn ν = 5/2: {@code ρ = (1 + √5 r + 5r²/3) exp(-√5 r)}. */
  MATERN_52 {
    @Override
    Tensor correlation(Tensor r2) {
      Tensor s = distance(r2).mul(Math.sqrt(5.0));
      return s.add(1.0).add(r2.mul(5.0 / 3.0)).mul(s.neg().exp());
    }
  };

  /** {@code ρ(r)} elementwise, from {@code r²}. */
  abstract Tensor correlation(Tensor r2);

  private static Tensor distance(Tensor r2) {
    return r2.clampMin(1e-30).sqrt();
  }
}
