package io.frontier.rl.preference;

import io.frontier.tensor.Tensor;

/**
 * SimPO (Meng et al. 2024, "Simple Preference Optimization with a Reference-Free Reward"), one of
 * the *PO methods the Hitchhiker's Guide (Ahrabian et al. 2024) compares: the implicit reward is
 * the policy's length-averaged log-probability, {@code r(y) = (beta / |y|) log pi(y | x)}, with no
 * reference model, and the pair must be separated by a target margin gamma:
 *
 * <pre>L = -log sigmoid(beta (avg log pi(y_w) - avg log pi(y_l)) - gamma)</pre>
 *
 * with the label smoothing of TRL's CPO trainer, {@code -(1 - eps) log sigmoid(z) - eps log sigmoid(-z)}.
 * There are no defaults here: the paper tunes beta (about 2) and gamma per model.
 */
public final class SimpoLoss {
  private final double beta;
  private final double gamma;
  private final double labelSmoothing;

  public SimpoLoss(double beta, double gamma, double labelSmoothing) {
    if (!(beta > 0) || !Double.isFinite(beta)) throw new IllegalArgumentException("SimpoLoss: beta must be positive, got " + beta);
    if (!Double.isFinite(gamma)) throw new IllegalArgumentException("SimpoLoss: gamma must be finite, got " + gamma);
    if (!(labelSmoothing >= 0 && labelSmoothing < 0.5)) {
      throw new IllegalArgumentException("SimpoLoss: labelSmoothing must be in [0, 0.5), got " + labelSmoothing);
    }
    this.beta = beta;
    this.gamma = gamma;
    this.labelSmoothing = labelSmoothing;
  }

  /** The loss over the batch; the rewards are {@code beta} times the length-averaged log-probabilities. */
  public DpoOutput compute(SequenceLogProbs.Pair policy) {
    Tensor chosen = policy.chosen().perTokenMean().mul(beta);
    Tensor rejected = policy.rejected().perTokenMean().mul(beta);
    Tensor z = chosen.sub(rejected).sub(gamma);
    Tensor perPair = z.logSigmoid().mul(-(1.0 - labelSmoothing));
    if (labelSmoothing > 0) perPair = perPair.sub(z.neg().logSigmoid().mul(labelSmoothing));
    return new DpoOutput(perPair.mean(), perPair, chosen.detach(), rejected.detach(), policy.chosen().logProbs().detach(),
        policy.rejected().logProbs().detach());
  }
}
