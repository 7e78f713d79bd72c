package io.frontier.rl.policy;

/** A constant β (TRL's PPO default {@code kl_coef = 0.05}); updates are checked and ignored. */
public final class FixedKlController implements KlController {
  private final double coefficient;

  /** @param coefficient β, finite and at least 0 */
  public FixedKlController(double coefficient) {
    if (!(coefficient >= 0) || Double.isInfinite(coefficient)) {
      throw new IllegalArgumentException("FixedKlController: coefficient must be finite and >= 0, got " + coefficient);
    }
    this.coefficient = coefficient;
  }

  @Override
  public double coefficient() {
    return coefficient;
  }

  @Override
  public void update(double observedKl, int nSteps) {
    AdaptiveKlController.checkObservation("FixedKlController.update", observedKl, nSteps);
  }

  @Override
  public String toString() {
    return "FixedKlController(" + coefficient + ")";
  }
}
