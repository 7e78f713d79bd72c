package io.frontier.rl.policy;

/**
 * β steered towards a target KL, the proportional controller of Ziegler et al. 2019, "Fine-Tuning
 * Language Models from Human Preferences" (section 2.2), as TRL's {@code AdaptiveKLController}:
 *
 * <pre>
 *   e_t     = clip(KL_t / KL_target − 1, −0.2, 0.2)
 *   β_{t+1} = β_t · (1 + K_β · e_t),   K_β = nSteps / horizon
 * </pre>
 *
 * The paper uses {@code K_β = 0.1}; TRL's old defaults were β_0 = 0.2, target 6 nats, horizon
 * 10000. Not thread-safe: one trainer owns it.
 */
public final class AdaptiveKlController implements KlController {
  /** The largest relative error the controller acts on, either way. */
  public static final double ERROR_CLIP = 0.2;

  private final double target;
  private final double horizon;
  private double coefficient;

  /**
   * @param initialCoefficient β_0, finite and at least 0
   * @param target the KL (nats per sample) to hold, positive
   * @param horizon the number of samples whose updates add up to a gain K_β of 1, positive
   */
  public AdaptiveKlController(double initialCoefficient, double target, double horizon) {
    String op = "AdaptiveKlController";
    if (!(initialCoefficient >= 0) || Double.isInfinite(initialCoefficient)) {
      throw new IllegalArgumentException(op + ": initialCoefficient must be finite and >= 0, got " + initialCoefficient);
    }
    this.coefficient = initialCoefficient;
    this.target = Checks.positive(op, "target", target);
    this.horizon = Checks.positive(op, "horizon", horizon);
  }

  @Override
  public double coefficient() {
    return coefficient;
  }

  public double target() {
    return target;
  }

  public double horizon() {
    return horizon;
  }

  @Override
  public void update(double observedKl, int nSteps) {
    checkObservation("AdaptiveKlController.update", observedKl, nSteps);
    double error = Math.max(-ERROR_CLIP, Math.min(ERROR_CLIP, observedKl / target - 1));
    coefficient *= 1 + error * nSteps / horizon;
  }

  /** A NaN KL would freeze β at NaN for the rest of training; refuse it where it first appears. */
  static void checkObservation(String op, double observedKl, int nSteps) {
    if (!Double.isFinite(observedKl)) throw new IllegalArgumentException(op + ": observedKl must be finite, got " + observedKl);
    if (nSteps < 0) throw new IllegalArgumentException(op + ": nSteps must be >= 0, got " + nSteps);
  }

  @Override
  public String toString() {
    return "AdaptiveKlController(coefficient " + coefficient + ", target " + target + ", horizon " + horizon + ")";
  }
}
