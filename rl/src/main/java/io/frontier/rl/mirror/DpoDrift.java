package io.frontier.rl.mirror;

import io.frontier.tensor.Tensor;

/**
 * The closed-form drift of Discovered Policy Optimisation (Lu et al. 2022), distilled from the
 * drift that LPO meta-learned:
 *
 * <pre>
 *   f(r, A) = ReLU( (r − 1)·A − α·tanh((r − 1)·A / α) )     A ≥ 0
 *   f(r, A) = ReLU( log r·A − β·tanh(log r·A / β) )           A < 0
 * </pre>
 *
 * with α = 2, β = 0.6. For A ≥ 0 the drift stays near zero while {@code (r − 1)·A} is small and
 * then grows linearly; for A < 0 it is measured in log r, so that once a bad action's probability
 * has fallen far enough the objective's slope in r turns positive and pushes it back up (what Lu
 * et al. call rollback). Each branch is {@code ReLU(x − c·tanh(x/c))}, zero
 * with zero slope at x = 0 and non-negative because {@code |tanh u| ≤ |u|}. Constants and branches
 * as Lu's PureJaxRL {@code dpo_continuous_action.py} ({@code DPO_ALPHA = 2.0}, {@code DPO_BETA =
 * 0.6}, the A ≥ 0 branch taking A = 0).
 *
 * @param alpha α, positive
 * @param beta β, positive
 */
public record DpoDrift(double alpha, double beta) implements Drift {
  /** Lu et al.'s α = 2, β = 0.6. */
  public static final DpoDrift DEFAULT = new DpoDrift(2.0, 0.6);

  public DpoDrift {
    if (!(alpha > 0) || Double.isInfinite(alpha)) throw new IllegalArgumentException("DpoDrift: alpha must be positive and finite, got " + alpha);
    if (!(beta > 0) || Double.isInfinite(beta)) throw new IllegalArgumentException("DpoDrift: beta must be positive and finite, got " + beta);
  }

  @Override
  public Tensor value(Tensor ratio, Tensor advantage, double progress) {
    Tensor optimism = softExcess(ratio.sub(1.0).mul(advantage), alpha);
    Tensor rollback = softExcess(ratio.log().mul(advantage), beta);
    return Tensor.where(advantage.ge(0.0), optimism, rollback);
  }

  /** ReLU(x − c·tanh(x / c)). */
  private static Tensor softExcess(Tensor x, double c) {
    return x.sub(x.div(c).tanh().mul(c)).relu();
  }
}
