package io.frontier.rl.preference;

import java.util.EnumSet;
import java.util.List;

/**
 * The hyperparameters of {@link DpoLoss}, with TRL's {@code DPOConfig} defaults: beta 0.1, the
 * sigmoid (DPO) loss alone, no label smoothing, reverse KL, alpha 1, DiscoPOP's tau 0.05.
 *
 * @param beta the strength of the tie to the reference (IPO's tau); positive
 * @param losses the loss types and their weights; the loss is {@code sum_i weight_i mean_B(loss_i)}
 *     (TRL's {@code loss_type} list with {@code loss_weights}, e.g. RPO = sigmoid + sft)
 * @param labelSmoothing eps, the assumed rate of flipped labels: read by ROBUST (in [0, 1/2)),
 *     EXO_PAIR (in (0, 1)) and AOT (in [0, 1/2])
 * @param fDivergence how a response's log-ratio becomes its score
 * @param alpha the alpha divergence's coefficient (ALPHA_DIVERGENCE only)
 * @param discopopTau DiscoPOP's temperature of the modulation
 */
public record DpoConfig(
    double beta, List<WeightedLoss> losses, double labelSmoothing, FDivergence fDivergence, double alpha, double discopopTau) {

  /** One loss type of a combination and its weight. */
  public record WeightedLoss(PreferenceLossType type, double weight) {
    public WeightedLoss {
      if (type == null) throw new IllegalArgumentException("DpoConfig: a loss type is null");
      if (!Double.isFinite(weight)) throw new IllegalArgumentException("DpoConfig: weight of " + type.trlName() + " is " + weight);
    }
  }

  private static final EnumSet<PreferenceLossType> NEED_TOKEN_COUNTS =
      EnumSet.of(PreferenceLossType.IPO, PreferenceLossType.SIGMOID_NORM, PreferenceLossType.SFT);

  public DpoConfig {
    if (!(beta > 0) || !Double.isFinite(beta)) throw new IllegalArgumentException("DpoConfig: beta must be positive, got " + beta);
    if (losses == null || losses.isEmpty()) throw new IllegalArgumentException("DpoConfig: no loss type");
    losses = List.copyOf(losses);
    if (fDivergence == null) throw new IllegalArgumentException("DpoConfig: fDivergence is null");
    if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
      throw new IllegalArgumentException("DpoConfig: labelSmoothing must be in [0, 1), got " + labelSmoothing);
    }
    if (!(discopopTau > 0)) throw new IllegalArgumentException("DpoConfig: discopopTau must be positive, got " + discopopTau);
    if (!Double.isFinite(alpha)) throw new IllegalArgumentException("DpoConfig: alpha must be finite, got " + alpha);
  }

  /** TRL's defaults: DPO's sigmoid loss with beta 0.1. */
  public static DpoConfig defaults() {
    return new DpoConfig(0.1, List.of(new WeightedLoss(PreferenceLossType.SIGMOID, 1.0)), 0.0, FDivergence.REVERSE_KL, 1.0, 0.05);
  }

  public DpoConfig withBeta(double beta) {
    return new DpoConfig(beta, losses, labelSmoothing, fDivergence, alpha, discopopTau);
  }

  /** This configuration with one loss type, weight 1. */
  public DpoConfig withLoss(PreferenceLossType type) {
    return withLosses(List.of(new WeightedLoss(type, 1.0)));
  }

  public DpoConfig withLosses(List<WeightedLoss> losses) {
    return new DpoConfig(beta, losses, labelSmoothing, fDivergence, alpha, discopopTau);
  }

  public DpoConfig withLabelSmoothing(double labelSmoothing) {
    return new DpoConfig(beta, losses, labelSmoothing, fDivergence, alpha, discopopTau);
  }

  public DpoConfig withFDivergence(FDivergence fDivergence, double alpha) {
    return new DpoConfig(beta, losses, labelSmoothing, fDivergence, alpha, discopopTau);
  }

  public DpoConfig withDiscopopTau(double discopopTau) {
    return new DpoConfig(beta, losses, labelSmoothing, fDivergence, alpha, discopopTau);
  }

  /** The first loss type that averages over tokens, or null when none needs the token counts. */
  PreferenceLossType firstNeedingTokenCounts() {
    for (WeightedLoss l : losses) if (NEED_TOKEN_COUNTS.contains(l.type())) return l.type();
    return null;
  }

  /**
   * Checks the label smoothing against the loss types that read it; called when a loss is built
   * from the configuration, so the withers may be chained in any order.
   */
  void checkLabelSmoothing() {
    for (WeightedLoss l : losses) {
      switch (l.type()) {
        case ROBUST -> requireSmoothing(labelSmoothing < 0.5, "robust", "[0, 0.5)", labelSmoothing);
        case AOT, AOT_UNPAIRED -> requireSmoothing(labelSmoothing <= 0.5, l.type().trlName(), "[0, 0.5]", labelSmoothing);
        case EXO_PAIR -> requireSmoothing(labelSmoothing > 0, "exo_pair", "(0, 1) (1e-3 is EXO's usual choice)", labelSmoothing);
        default -> { }
      }
    }
  }

  private static void requireSmoothing(boolean ok, String type, String range, double value) {
    if (!ok) throw new IllegalArgumentException("DpoConfig: " + type + " needs labelSmoothing in " + range + ", got " + value);
  }
}
