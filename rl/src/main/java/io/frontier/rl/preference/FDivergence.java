package io.frontier.rl.preference;

import io.frontier.tensor.Tensor;

/**
 * The divergence that ties the policy to the reference in f-DPO (Wang et al. 2023, "Beyond Reverse
 * KL"), as TRL's {@code f_divergence_type}: each response's score is {@code f'(u)} of its
 * probability ratio {@code u = pi / pi_ref}, with the constants that cancel between chosen and
 * rejected dropped. Reverse KL ({@code f'(u) = log u}) is plain DPO.
 */
public enum FDivergence {
  /** {@code f'(u) = log u}: the score is the log-ratio itself (DPO). */
  REVERSE_KL("reverse_kl") {
    @Override
    Tensor score(Tensor logRatio, double alpha) {
      return logRatio;
    }
  },
  /** {@code f'(u) = 1 - 1/u}: score {@code -exp(-log u)}. */
  FORWARD_KL("forward_kl") {
    @Override
    Tensor score(Tensor logRatio, double alpha) {
      return logRatio.neg().exp().neg();
    }
  },
  /** Jensen-Shannon, {@code f'(u) = log(2u / (1 + u))}: score {@code log sigmoid(log u)}. */
  JS_DIVERGENCE("js_divergence") {
    @Override
    Tensor score(Tensor logRatio, double alpha) {
      return logRatio.logSigmoid();
    }
  },
  /**
   * The alpha divergence, {@code f'(u) = (u^(alpha-1) - 1) / (alpha - 1)}: score
   * {@code exp((alpha - 1) log u) / (alpha - 1)}, the exponent clamped at 80 as TRL does so the
   * score stays finite in float32; alpha = 1 is the reverse-KL limit.
   */
  ALPHA_DIVERGENCE("alpha_divergence") {
    @Override
    Tensor score(Tensor logRatio, double alpha) {
      if (Math.abs(alpha - 1.0) < 1e-6) return logRatio;
      return logRatio.mul(alpha - 1.0).clampMax(EXPONENT_CAP).exp().div(alpha - 1.0);
    }
  };

  /** Where TRL clamps the alpha divergence's exponent (float32 and bfloat16). */
  static final double EXPONENT_CAP = 80.0;

  private final String trlName;

  FDivergence(String trlName) {
    this.trlName = trlName;
  }

  /** TRL's name for it ({@code f_divergence_type}). */
  public String trlName() {
    return trlName;
  }

  /** The score of responses with log-ratios {@code log pi - log pi_ref}; alpha only for ALPHA_DIVERGENCE. */
  abstract Tensor score(Tensor logRatio, double alpha);
}
