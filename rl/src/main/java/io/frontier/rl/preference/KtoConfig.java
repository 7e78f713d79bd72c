package io.frontier.rl.preference;

/**
 * The hyperparameters of {@link KtoLoss}, with TRL's {@code KTOConfig} defaults: beta 0.1, both
 * weights 1, the KTO loss.
 *
 * @param beta the strength of the tie to the reference (the paper's beta); positive
 * @param desirableWeight lambda_D, the weight of each desirable (chosen) example; the paper
 *     suggests {@code lambda_D n_D / (lambda_U n_U)} in [1, 4/3] for n_D desirable and n_U
 *     undesirable examples
 * @param undesirableWeight lambda_U, the weight of each undesirable (rejected) example
 * @param lossType TRL's {@code loss_type}
 */
public record KtoConfig(double beta, double desirableWeight, double undesirableWeight, KtoConfig.LossType lossType) {

  /** The losses of TRL's {@code KTOTrainer}. */
  public enum LossType {
    /** KTO, against the reference point z_0 (a batch estimate of the policy's KL from the reference). */
    KTO("kto"),
    /**
     * APO-zero, unpaired (D'Oosterlinck et al. 2024): KTO without the reference point,
     * {@code 1 - sigmoid(beta rho)} for a desirable example and {@code sigmoid(beta rho)} for an
     * undesirable one, for when the desirable outputs are better than the model's own.
     */
    APO_ZERO_UNPAIRED("apo_zero_unpaired");

    private final String trlName;

    LossType(String trlName) {
      this.trlName = trlName;
    }

    /** TRL's name ({@code loss_type}). */
    public String trlName() {
      return trlName;
    }
  }

  public KtoConfig {
    if (!(beta > 0) || !Double.isFinite(beta)) throw new IllegalArgumentException("KtoConfig: beta must be positive, got " + beta);
    if (!(desirableWeight >= 0) || !Double.isFinite(desirableWeight)) {
      throw new IllegalArgumentException("KtoConfig: desirableWeight must be >= 0, got " + desirableWeight);
    }
    if (!(undesirableWeight >= 0) || !Double.isFinite(undesirableWeight)) {
      throw new IllegalArgumentException("KtoConfig: undesirableWeight must be >= 0, got " + undesirableWeight);
    }
    if (lossType == null) throw new IllegalArgumentException("KtoConfig: lossType is null");
  }

  /** TRL's defaults: KTO with beta 0.1 and both weights 1. */
  public static KtoConfig defaults() {
    return new KtoConfig(0.1, 1.0, 1.0, LossType.KTO);
  }

  public KtoConfig withBeta(double beta) {
    return new KtoConfig(beta, desirableWeight, undesirableWeight, lossType);
  }

  public KtoConfig withWeights(double desirableWeight, double undesirableWeight) {
    return new KtoConfig(beta, desirableWeight, undesirableWeight, lossType);
  }

  public KtoConfig withLossType(LossType lossType) {
    return new KtoConfig(beta, desirableWeight, undesirableWeight, lossType);
  }
}
