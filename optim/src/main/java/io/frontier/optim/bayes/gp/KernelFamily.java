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
 *
 * <p>{@link #value} and {@link #slope} are the same functions on plain doubles, with
 * {@code dρ/d(r²)} in closed form, for {@link FusedMarginalLikelihood}'s loops.
 */
public enum KernelFamily {
  /** Squared exponential {@code ρ = exp(-r²/2)}. */
  RBF {
    @Override
    Tensor correlation(Tensor r2) {
      return r2.mul(-0.5).exp();
    }

    @Override
    double value(double r2) {
      return Math.exp(-0.5 * r2);
    }

    @Override
    double slope(double r2) {
      return -0.5 * Math.exp(-0.5 * r2);
    }

    @Override
    double valueAndSlope(double r2, double[] slopeOut, int at) {
      double e = Math.exp(-0.5 * r2);
      slopeOut[at] = -0.5 * e;
      return e;
    }
  },
  /** Matérn ν = 1/2 (exponential): {@code ρ = exp(-r)}. */
  MATERN_12 {
    @Override
    Tensor correlation(Tensor r2) {
      return distance(r2).neg().exp();
    }

    @Override
    double value(double r2) {
      return Math.exp(-Math.sqrt(Math.max(r2, 1e-30)));
    }

    /** {@code -exp(-r) / (2r)}; 0 below the clamp, as the tensor form's gradient. */
    @Override
    double slope(double r2) {
      if (r2 < 1e-30) return 0.0;
      double r = Math.sqrt(r2);
      return -Math.exp(-r) / (2 * r);
    }

    @Override
    double valueAndSlope(double r2, double[] slopeOut, int at) {
      double r = Math.sqrt(Math.max(r2, 1e-30));
      double e = Math.exp(-r);
      slopeOut[at] = r2 < 1e-30 ? 0.0 : -e / (2 * r);
      return e;
    }
  },
  /** Matérn ν = 3/2: {@code ρ = (1 + √3 r) exp(-√3 r)}. */
  MATERN_32 {
    @Override
    Tensor correlation(Tensor r2) {
      Tensor s = distance(r2).mul(Math.sqrt(3.0));
      return s.add(1.0).mul(s.neg().exp());
    }

    @Override
    double value(double r2) {
      double s = Math.sqrt(3.0 * Math.max(r2, 1e-30));
      return (1 + s) * Math.exp(-s);
    }

    /** {@code dρ/ds · ds/d(r²) = -s e^{-s} · √3/(2r) = -(3/2) e^{-s}}. */
    @Override
    double slope(double r2) {
      if (r2 < 1e-30) return 0.0;
      return -1.5 * Math.exp(-Math.sqrt(3.0 * r2));
    }

    @Override
    double valueAndSlope(double r2, double[] slopeOut, int at) {
      double s = Math.sqrt(3.0 * Math.max(r2, 1e-30));
      double e = Math.exp(-s);
      slopeOut[at] = r2 < 1e-30 ? 0.0 : -1.5 * e;
      return (1 + s) * e;
    }
  },
  /** Matérn ν = 5/2: {@code ρ = (1 + √5 r + 5r²/3) exp(-√5 r)}. */
  MATERN_52 {
    @Override
    Tensor correlation(Tensor r2) {
      Tensor s = distance(r2).mul(Math.sqrt(5.0));
      return s.add(1.0).add(r2.mul(5.0 / 3.0)).mul(s.neg().exp());
    }

    @Override
    double value(double r2) {
      double s = Math.sqrt(5.0 * Math.max(r2, 1e-30));
      return (1 + s + 5.0 / 3.0 * r2) * Math.exp(-s);
    }

    /** {@code dρ/ds · ds/d(r²) = -(s/3)(1 + s) e^{-s} · 5/(2s) = -(5/6)(1 + s) e^{-s}}. */
    @Override
    double slope(double r2) {
      if (r2 < 1e-30) return 0.0;
      double s = Math.sqrt(5.0 * r2);
      return -5.0 / 6.0 * (1 + s) * Math.exp(-s);
    }

    @Override
    double valueAndSlope(double r2, double[] slopeOut, int at) {
      double s = Math.sqrt(5.0 * Math.max(r2, 1e-30));
      double e = Math.exp(-s);
      slopeOut[at] = r2 < 1e-30 ? 0.0 : -5.0 / 6.0 * (1 + s) * e;
      return (1 + s + 5.0 / 3.0 * r2) * e;
    }
  };

  /** {@code ρ(r)} elementwise, from {@code r²}. */
  abstract Tensor correlation(Tensor r2);

  /** {@code ρ} at one {@code r²}. */
  abstract double value(double r2);

  /** {@code dρ/d(r²)} at one {@code r²}. */
  abstract double slope(double r2);

  /** {@link #value} returned and {@link #slope} written to {@code slopeOut[at]}, sharing one square root and one exponential. */
  abstract double valueAndSlope(double r2, double[] slopeOut, int at);

  private static Tensor distance(Tensor r2) {
    return r2.clampMin(1e-30).sqrt();
  }
}
