package io.frontier.rl.preference;

import io.frontier.tensor.Tensor;
import java.util.Arrays;

/**
 * Multi-objective DPO (Zhou et al. 2023, "Beyond One-Preference-Fits-All Alignment: Multi-Objective
 * Direct Preference Optimization"): one policy per weighting {@code w = (w_0, w_1, ..., w_m)} of
 * m + 1 rewards, trained on the preference data of objective 0 alone, with the other objectives'
 * reward models {@code r_1..r_m} as fixed margins. Each completion's reward is
 *
 * <pre>r_hat(y) = (1 / w_0) (beta rho(y) - sum_{k >= 1} w_k r_k(x, y))</pre>
 *
 * and the loss is {@code -log sigmoid(r_hat(y_w) - r_hat(y_l))} (or the hinge
 * {@code max(0, 1 - ...)}), whose optimum is the RLHF optimum of the scalarised reward
 * {@code sum_k w_k r_k}: {@code pi* ~ pi_ref exp(w . r / beta)}. Sweeping w traces the front.
 */
public final class ModpoLoss {
  private final double beta;
  private final double[] weights;
  private final boolean hinge;

  /**
   * @param beta the tie to the reference, positive
   * @param weights {@code (w_0, ..., w_m)}; {@code w_0 > 0} weighs the objective the pairs rank
   * @param hinge the hinge loss instead of the logistic one
   */
  public ModpoLoss(double beta, double[] weights, boolean hinge) {
    if (!(beta > 0) || !Double.isFinite(beta)) throw new IllegalArgumentException("ModpoLoss: beta must be positive, got " + beta);
    if (weights == null || weights.length < 2) {
      throw new IllegalArgumentException("ModpoLoss: weights must be (w_0, w_1, ...) with at least one margin objective, got "
          + Arrays.toString(weights));
    }
    if (!(weights[0] > 0)) throw new IllegalArgumentException("ModpoLoss: w_0 must be positive, got " + weights[0]);
    for (double w : weights) if (!Double.isFinite(w)) throw new IllegalArgumentException("ModpoLoss: weights must be finite, got " + Arrays.toString(weights));
    this.beta = beta;
    this.weights = weights.clone();
    this.hinge = hinge;
  }

  /** The number of margin objectives m. */
  public int margins() {
    return weights.length - 1;
  }

  /**
   * The loss over the batch and the MODPO rewards {@code r_hat} (detached) as the output's
   * rewards; {@code marginChosen} and {@code marginRejected} are the margin reward models' scores
   * {@code (B, m)} of the chosen and rejected completions (constants).
   */
  public DpoOutput compute(PreferenceBatch batch, Tensor marginChosen, Tensor marginRejected) {
    check("marginChosen", marginChosen, batch);
    check("marginRejected", marginRejected, batch);
    Tensor w = Tensor.of(Arrays.copyOfRange(weights, 1, weights.length)).to(batch.policyChosen().dtype()).to(batch.policyChosen().device());
    Tensor chosen = reward(batch.policyChosen().sub(batch.refChosen()), marginChosen.detach(), w);
    Tensor rejected = reward(batch.policyRejected().sub(batch.refRejected()), marginRejected.detach(), w);
    Tensor logits = chosen.sub(rejected);
    Tensor perPair = hinge ? logits.rsub(1.0).relu() : logits.logSigmoid().neg();
    return new DpoOutput(perPair.mean(), perPair, chosen.detach(), rejected.detach(), batch.policyChosen().detach(),
        batch.policyRejected().detach());
  }

  private Tensor reward(Tensor logRatio, Tensor margin, Tensor w) {
    return logRatio.mul(beta).sub(margin.matmul(w)).div(weights[0]);
  }

  private void check(String name, Tensor margin, PreferenceBatch batch) {
    if (margin == null) throw new IllegalArgumentException("ModpoLoss: " + name + " is null");
    if (margin.dim() != 2 || margin.size(0) != batch.size() || margin.size(1) != margins()) {
      throw new IllegalArgumentException("ModpoLoss: " + name + " must be (B, m) = (" + batch.size() + ", " + margins() + "), got "
          + Arrays.toString(margin.shape()));
    }
    if (margin.dtype() != batch.policyChosen().dtype()) {
      throw new IllegalArgumentException("ModpoLoss: " + name + " is " + margin.dtype() + ", the log-probabilities " + batch.policyChosen().dtype());
    }
  }
}
