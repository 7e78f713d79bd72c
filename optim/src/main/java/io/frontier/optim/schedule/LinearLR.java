package io.frontier.optim.schedule;

/**
 * torch's LinearLR: the base lr times a factor that moves linearly from {@code startFactor} at
 * step 0 to {@code endFactor} at step {@code totalIters}, and stays there. With endFactor 1 it is a
 * linear warm-up (to put before another schedule with {@link LrSchedule#sequential}).
 */
public record LinearLR(double startFactor, double endFactor, long totalIters) implements LrSchedule {
  public LinearLR {
    if (!(startFactor > 0 && startFactor <= 1)) {
      throw new IllegalArgumentException("invalid startFactor: " + startFactor + " (must be in (0, 1])");
    }
    Checks.inRange("endFactor", endFactor, 0, 1);
    Checks.positive("totalIters", totalIters);
  }

  @Override
  public double lr(double baseLr, long step) {
    return baseLr * (startFactor + (endFactor - startFactor) * Math.min(totalIters, step) / totalIters);
  }
}
