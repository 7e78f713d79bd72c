package io.frontier.rl.mirror;

import io.frontier.tensor.Tensor;

/**
 * PPO's clip drift with a clip range that moves with training progress t = n/N:
 *
 * <pre>
 *   ε(t)    = ε0 + ε1 · (1 − t)
 *   f(r, A) = ReLU( (r − clip(r, 1 − ε(t), 1 + ε(t))) · A )
 * </pre>
 *
 * ε1 > 0 trusts large steps early and anneals to ε0 at the end; ε1 = 0 is plain PPO. This is a
 * two-parameter family of our own, not TA-LPO's learned drift: Jackson et al. (2024) read TA-LPO's
 * meta-learned drift as a ratio clip that changes over the lifetime (wider early, tighter late),
 * and this family is the simplest such schedule to search by evolution strategies (reference row 27(b)). Valid at
 * every t because ε(t) > 0 on [0, 1], which the constructor demands at both ends.
 *
 * @param eps0 ε at the end of training, ε(1), positive
 * @param eps1 the extra clip range at the start, ε(0) − ε(1), with ε0 + ε1 > 0
 */
public record ClipScheduleDrift(double eps0, double eps1) implements Drift {
  public ClipScheduleDrift {
    if (!(eps0 > 0) || !(eps0 + eps1 > 0) || Double.isInfinite(eps0) || Double.isInfinite(eps1)) {
      throw new IllegalArgumentException("ClipScheduleDrift: the clip range must stay positive on [0, 1], got eps(0) = " + (eps0 + eps1)
          + " and eps(1) = " + eps0);
    }
  }

  /** ε(t) = ε0 + ε1 (1 − t), for progress t in [0, 1]. */
  public double clipRange(double progress) {
    return eps0 + eps1 * (1 - MirrorLoss.progress("ClipScheduleDrift", progress));
  }

  @Override
  public Tensor value(Tensor ratio, Tensor advantage, double progress) {
    double eps = clipRange(progress);
    return PpoClipDrift.drift(ratio, advantage, eps, eps);
  }
}
