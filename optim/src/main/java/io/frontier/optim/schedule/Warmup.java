package io.frontier.optim.schedule;

/** The linear warm-up shared by {@link WarmupCosine} and {@link WarmupLinear}. */
final class Warmup {
  private Warmup() {}

  static void check(long warmupSteps, long totalSteps, double minFactor, double startFactor) {
    Checks.nonNegative("warmupSteps", warmupSteps);
    if (totalSteps <= warmupSteps) {
      throw new IllegalArgumentException("invalid totalSteps: " + totalSteps + " (must be greater than warmupSteps, " + warmupSteps + ")");
    }
    Checks.inRange("minFactor", minFactor, 0, 1);
    Checks.inRange("startFactor", startFactor, 0, 1);
  }

  /** The factor at a step before the end of the warm-up: startFactor at step 0, rising linearly towards 1. */
  static double factor(long step, long warmupSteps, double startFactor) {
    return startFactor + (1.0 - startFactor) * step / warmupSteps;
  }
}
