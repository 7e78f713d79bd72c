package io.frontier.optim.schedule;

/**
 * Linear decay after a linear warm-up (HuggingFace's get_linear_schedule_with_warmup, with a
 * floor). The base lr times a factor that is
 * <ul>
 *   <li>{@code startFactor + (1 - startFactor) * t / warmupSteps} for {@code t < warmupSteps},
 *   <li>{@code minFactor + (1 - minFactor) * (totalSteps - t) / (totalSteps - warmupSteps)} up to
 *       {@code totalSteps},
 *   <li>{@code minFactor} after.
 * </ul>
 */
public record WarmupLinear(long warmupSteps, long totalSteps, double minFactor, double startFactor) implements LrSchedule {
  public WarmupLinear {
    Warmup.check(warmupSteps, totalSteps, minFactor, startFactor);
  }

  /** Warm-up from 0, decay to 0. */
  public WarmupLinear(long warmupSteps, long totalSteps) {
    this(warmupSteps, totalSteps, 0.0, 0.0);
  }

  @Override
  public double lr(double baseLr, long step) {
    return baseLr * factor(step);
  }

  private double factor(long t) {
    if (t < warmupSteps) return Warmup.factor(t, warmupSteps, startFactor);
    if (t >= totalSteps) return minFactor;
    return minFactor + (1.0 - minFactor) * (totalSteps - t) / (totalSteps - warmupSteps);
  }
}
