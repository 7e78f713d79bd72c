package io.frontier.rl.policy;

/**
 * The coefficient β of the KL penalty {@code r_t = −β·kl_t} in PPO's per-token rewards, and how it
 * follows the KL observed during training (TRL's {@code FixedKLController} and
 * {@code AdaptiveKLController}).
 */
public interface KlController {
  /** The current β. */
  double coefficient();

  /**
   * Reports the KL observed over the last {@code nSteps} samples (TRL passes the batch size);
   * an adaptive controller moves β towards its target.
   */
  void update(double observedKl, int nSteps);
}
