package io.frontier.rl.preference;

import io.frontier.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * KTO (Ethayarajh et al. 2024, "KTO: Model Alignment as Prospect Theoretic Optimization"), as TRL's
 * {@code KTOTrainer.kto_loss} computes it: alignment from unpaired binary feedback (each completion
 * only labelled desirable or undesirable) through a Kahneman-Tversky value of the implied reward
 * {@code r_theta(x, y) = log pi_theta(y|x) / pi_ref(y|x)} relative to a reference point
 * {@code z_0 = KL(pi_theta(y'|x) || pi_ref(y'|x))}:
 *
 * <pre>
 * v(x, y) = lambda_D sigmoid(beta (r_theta(x, y) - z_0))   if y is desirable given x
 *           lambda_U sigmoid(beta (z_0 - r_theta(x, y)))   if y is undesirable given x
 * L_KTO   = E_(x, y)[lambda_y - v(x, y)]
 * </pre>
 *
 * <p>TRL writes each example's loss as {@code lambda_D (1 - sigmoid(beta (rho - z_0)))} and
 * {@code lambda_U (1 - sigmoid(beta (z_0 - rho)))}, concatenates the desirable then the
 * undesirable ones and takes the mean over all {@code n_D + n_U} of them (not the mean of the two
 * kinds' means). z_0 comes from {@link #klEstimate}: a batch estimate from mismatched completions,
 * clamped at 0 and detached, so it sets where the value saturates but is not optimised. At the
 * reference ({@code rho = 0}, {@code z_0 = 0}) every example loses half its weight.
 *
 * <pre>{@code
 * KtoLoss kto = new KtoLoss(KtoConfig.defaults());
 * Tensor z0 = KtoLoss.klEstimate(policyMismatchedLogProbs, referenceMismatchedLogProbs);
 * KtoOutput out = kto.compute(new KtoBatch(policyChosen, policyRejected, refChosen, refRejected), z0);
 * out.loss().backward();
 * }</pre>
 */
public final class KtoLoss {
  private final KtoConfig config;

  public KtoLoss(KtoConfig config) {
    if (config == null) throw new IllegalArgumentException("KtoLoss: config is null");
    this.config = config;
  }

  public KtoConfig config() {
    return config;
  }

  /**
   * The reference point z_0 as TRL estimates it: each prompt of the batch paired with another
   * example's completion (TRL shifts the completions by one), {@code policyKl} and
   * {@code referenceKl (B)} the policy's and the reference's sequence log-probabilities of those
   * mismatched completions, and {@code z_0 = max(0, mean(policyKl - referenceKl))}, detached
   * (TRL computes {@code policyKl} without gradient). Returns a scalar.
   */
  public static Tensor klEstimate(Tensor policyKl, Tensor referenceKl) {
    if (policyKl == null || referenceKl == null) throw new IllegalArgumentException("KtoLoss.klEstimate: a log-probability tensor is null");
    if (policyKl.dim() != 1 || !Arrays.equals(policyKl.shape(), referenceKl.shape())) {
      throw new IllegalArgumentException("KtoLoss.klEstimate: expected two (B) tensors of one shape, got "
          + Arrays.toString(policyKl.shape()) + " and " + Arrays.toString(referenceKl.shape()));
    }
    if (policyKl.size(0) == 0) throw new IllegalArgumentException("KtoLoss.klEstimate: no mismatched completions");
    if (!policyKl.dtype().isFloatingPoint() || policyKl.dtype() != referenceKl.dtype()) {
      throw new IllegalArgumentException("KtoLoss.klEstimate: expected one floating dtype, got " + policyKl.dtype() + " and " + referenceKl.dtype());
    }
    return policyKl.detach().sub(referenceKl.detach()).mean().clampMin(0.0);
  }

  /** The KTO loss against the reference point {@code kl} (a one-element tensor, e.g. from {@link #klEstimate}; detached here). */
  public KtoOutput compute(KtoBatch batch, Tensor kl) {
    if (batch == null) throw new IllegalArgumentException("KtoLoss: batch is null");
    if (config.lossType() != KtoConfig.LossType.KTO) {
      throw new IllegalArgumentException("KtoLoss: " + config.lossType().trlName() + " does not read a KL estimate; call compute(batch)");
    }
    if (kl == null) throw new IllegalArgumentException("KtoLoss: kl is null");
    if (kl.numel() != 1) throw new IllegalArgumentException("KtoLoss: kl must hold one value, got shape " + Arrays.toString(kl.shape()));
    if (!kl.dtype().isFloatingPoint()) throw new IllegalArgumentException("KtoLoss: kl must be floating, got " + kl.dtype());
    return losses(batch, kl.detach().reshape());
  }

  /** A loss that does not read the reference point (APO-zero, unpaired). */
  public KtoOutput compute(KtoBatch batch) {
    if (batch == null) throw new IllegalArgumentException("KtoLoss: batch is null");
    if (config.lossType() == KtoConfig.LossType.KTO) {
      throw new IllegalArgumentException("KtoLoss: kto needs the KL estimate z_0; call compute(batch, KtoLoss.klEstimate(policyKl, referenceKl))");
    }
    return losses(batch, null);
  }

  private KtoOutput losses(KtoBatch batch, Tensor kl) {
    double beta = config.beta();
    List<Tensor> parts = new ArrayList<>(2);
    Tensor chosenRewards = batch.policyChosen().detach();
    Tensor rejectedRewards = batch.policyRejected().detach();
    if (batch.chosenCount() > 0) {
      Tensor rho = batch.policyChosen().sub(batch.refChosen());
      Tensor margin = kl == null ? rho : rho.sub(kl);
      parts.add(margin.mul(beta).sigmoid().rsub(1.0).mul(config.desirableWeight()));
      chosenRewards = rho.detach().mul(beta);
    }
    if (batch.rejectedCount() > 0) {
      Tensor rho = batch.policyRejected().sub(batch.refRejected());
      Tensor perExample = kl == null ? rho.mul(beta).sigmoid() : kl.sub(rho).mul(beta).sigmoid().rsub(1.0);
      parts.add(perExample.mul(config.undesirableWeight()));
      rejectedRewards = rho.detach().mul(beta);
    }
    Tensor losses = parts.size() == 1 ? parts.get(0) : Tensor.cat(parts, 0);
    Tensor z0 = kl != null ? kl : Tensor.zeros(losses.dtype(), losses.device());
    return new KtoOutput(losses.mean(), losses, chosenRewards, rejectedRewards, z0, batch.policyChosen().detach(),
        batch.policyRejected().detach());
  }
}
