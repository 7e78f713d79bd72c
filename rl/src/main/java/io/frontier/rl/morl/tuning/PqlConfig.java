package io.frontier.rl.morl.tuning;

/**
 * The hyperparameters of {@link ParetoQLearning}, named as morl-baselines' {@code PQL} names them
 * ({@code morl_baselines/multi_policy/pareto_q_learning/pql.py}).
 *
 * <p>Exploration is epsilon-greedy, epsilon moving linearly from {@code initialEpsilon} to
 * {@code finalEpsilon} over the first {@code epsilonDecaySteps} environment steps and staying there
 * (morl-baselines' {@code linearly_decaying_value}; here either end may be the larger).
 *
 * @param gamma the discount of the Q-sets, in (0, 1]; the returns reported are undiscounted
 * @param initialEpsilon the probability of a uniformly random action at step 0, in [0, 1]
 * @param finalEpsilon the probability once the decay is over, in [0, 1]
 * @param epsilonDecaySteps the steps over which epsilon moves; >= 1
 * @param totalTimesteps the training budget in environment steps; the last episode is cut there
 * @param maxEpisodeSteps an episode still running after this many steps is truncated, in training
 *     and when a learned policy is played back
 */
public record PqlConfig(
    double gamma, double initialEpsilon, double finalEpsilon, int epsilonDecaySteps, int totalTimesteps, int maxEpisodeSteps) {

  public PqlConfig {
    if (!(gamma > 0 && gamma <= 1)) throw new IllegalArgumentException("PqlConfig: gamma must be in (0, 1], got " + gamma);
    if (!(initialEpsilon >= 0 && initialEpsilon <= 1)) {
      throw new IllegalArgumentException("PqlConfig: initialEpsilon must be in [0, 1], got " + initialEpsilon);
    }
    if (!(finalEpsilon >= 0 && finalEpsilon <= 1)) {
      throw new IllegalArgumentException("PqlConfig: finalEpsilon must be in [0, 1], got " + finalEpsilon);
    }
    if (epsilonDecaySteps < 1) throw new IllegalArgumentException("PqlConfig: epsilonDecaySteps must be >= 1, got " + epsilonDecaySteps);
    if (totalTimesteps < 1) throw new IllegalArgumentException("PqlConfig: totalTimesteps must be >= 1, got " + totalTimesteps);
    if (maxEpisodeSteps < 1) throw new IllegalArgumentException("PqlConfig: maxEpisodeSteps must be >= 1, got " + maxEpisodeSteps);
  }

  /**
   * morl-baselines' defaults (gamma 0.8, epsilon from 1 to 0.1 over 100 000 steps) with the given
   * budget; episodes are cut at 100 steps.
   */
  public static PqlConfig defaults(int totalTimesteps) {
    return new PqlConfig(0.8, 1.0, 0.1, 100_000, totalTimesteps, 100);
  }

  /** epsilon after {@code step} environment steps. */
  public double epsilon(long step) {
    double progress = Math.min(1.0, (double) step / epsilonDecaySteps);
    return initialEpsilon + (finalEpsilon - initialEpsilon) * progress;
  }

  public PqlConfig withGamma(double gamma) {
    return new PqlConfig(gamma, initialEpsilon, finalEpsilon, epsilonDecaySteps, totalTimesteps, maxEpisodeSteps);
  }

  public PqlConfig withEpsilon(double initialEpsilon, double finalEpsilon, int epsilonDecaySteps) {
    return new PqlConfig(gamma, initialEpsilon, finalEpsilon, epsilonDecaySteps, totalTimesteps, maxEpisodeSteps);
  }

  public PqlConfig withTotalTimesteps(int totalTimesteps) {
    return new PqlConfig(gamma, initialEpsilon, finalEpsilon, epsilonDecaySteps, totalTimesteps, maxEpisodeSteps);
  }
}
