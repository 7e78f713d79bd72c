package io.frontier.rl.policy;

import io.frontier.tensor.Tensor;

/**
 * Per-token estimators of {@code KL(π ‖ π_ref)} from the log-probabilities of tokens sampled from π
 * (Schulman, "Approximating KL Divergence", 2020). With {@code log r = log π_ref − log π}:
 *
 * <pre>
 *   k1 = −log r                  unbiased, can be negative
 *   k2 = ½ (log r)²              biased, ≥ 0, low variance when π ≈ π_ref
 *   k3 = (r − 1) − log r         unbiased (E_π[r] = 1), ≥ 0 since log r ≤ r − 1
 * </pre>
 *
 * TRL's PPO penalises k1 by default ({@code kl_estimator="k1"}) or k3; GRPO adds β·k3.
 */
public enum KlEstimator {
  K1 {
    @Override
    Tensor of(Tensor logR) {
      return logR.neg();
    }
  },
  K2 {
    @Override
    Tensor of(Tensor logR) {
      return logR.square().mul(0.5);
    }
  },
  K3 {
    @Override
    Tensor of(Tensor logR) {
      // expm1 keeps the small differences that exp(x) - 1 would round away when π ≈ π_ref
      return logR.expm1().sub(logR);
    }
  };

  abstract Tensor of(Tensor logR);

  /**
   * The estimate at each token: {@code logProbs} (log π) and {@code refLogProbs} (log π_ref) of
   * the same sampled tokens, any matching shape such as {@code (B, T)}; the result has that shape.
   * Padding is not masked here.
   */
  public Tensor perToken(Tensor logProbs, Tensor refLogProbs) {
    String op = "KlEstimator." + name() + ".perToken";
    Checks.floating(op, "logProbs", logProbs);
    Checks.same(op, "logProbs", logProbs, "refLogProbs", refLogProbs);
    return of(refLogProbs.sub(logProbs));
  }
}
