package io.frontier.optim.schedule;

/**
 * Cosine annealing after a linear warm-up, the usual transformer schedule (HuggingFace's
 * get_cosine_schedule_with_warmup, with a floor). The base lr times a factor that is
 * <ul>
 *   <li>{@code startFactor + (1 - startFactor) * t / warmupSteps} for {@code t < warmupSteps},
 *   <li>{@code minFactor + (1 - minFactor) * (1 + cos(pi * (t - warmupSteps) / (totalSteps - warmupSteps))) / 2}
 *       up to {@code totalSteps},
 *   <li>{@code minFactor} after.
 * </ul>
 * So the lr peaks at the base lr at step {@code warmupSteps} and reaches {@code minFactor * base}
 * at {@code totalSteps}.
 */
public record WarmupCosine(long warmupSteps, long totalSteps, double minFactor, double startFactor) implements LrSchedule {
  public WarmupCosine {
    Warmup.check(warmupSteps, totalSteps, minFactor, startFactor);
  }

  /** Warm-up from 0, decay to 0. */
  public WarmupCosine(long warmupSteps, long totalSteps) {
    this(warmupSteps, totalSteps, 0.0, 0.0);
  }

  @Override
  public double lr(double baseLr, long step) {
    return baseLr * factor(step);
  }

  private double factor(long t) {
    if (t < warmupSteps) return Warmup.factor(t, warmupSteps, startFactor);
    if (t >= totalSteps) return minFactor;
    double progress = (double) (t - warmupSteps) / (totalSteps - warmupSteps);
    return minFactor + (1.0 - minFactor) * (1.0 + Math.cos(Math.PI * progress)) / 2.0;
  }
}
