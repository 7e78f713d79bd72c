package io.frontier.rl.mirror;

import io.frontier.tensor.Tensor;

/**
 * A mirror-learning drift {@code f(r, A)}: the penalty subtracted from the importance-weighted
 * advantage in the surrogate objective (Lu et al. 2022, "Discovered Policy Optimisation")
 *
 * <pre>
 *   L(θ) = E[ r·A − f(r, A) ],   r = π_θ(a|s) / π_k(a|s)
 * </pre>
 *
 * which mirror learning (Kuba et al. 2022) turns into a monotonically improving, convergent update
 * when, for every advantage A and every point of training,
 *
 * <pre>
 *   f(1, A) = 0,   ∂f/∂r (1, A) = 0,   f(r, A) ≥ 0
 * </pre>
 *
 * ({@link DriftValidity} checks the three). Implementations are elementwise and differentiable in
 * the ratio, on any floating dtype and device: {@code value} returns a tensor of the ratio's
 * shape. {@code progress} is the fraction of training done, {@code n/N} in
 * [0, 1] (TA-LPO's lifetime input, Jackson et al. 2024); a drift that does not depend on time
 * ignores it.
 */
@FunctionalInterface
public interface Drift {
  /**
   * @param ratio r = π_θ / π_k, positive, e.g. {@code (B, T)}
   * @param advantage A, ratio's shape ({@link MirrorLoss} expands per-sequence advantages), detached
   *     by the caller
   * @param progress n/N in [0, 1]
   * @return f(r, A), non-negative, ratio's shape
   */
  Tensor value(Tensor ratio, Tensor advantage, double progress);
}
