package io.frontier.optim.schedule;

/** torch's StepLR: the base lr times {@code gamma} raised to {@code floor(step / stepSize)}. */
public record StepLR(long stepSize, double gamma) implements LrSchedule {
  public StepLR {
    Checks.positive("stepSize", stepSize);
    Checks.positive("gamma", gamma);
  }

  /** torch's default gamma, 0.1. */
  public StepLR(long stepSize) {
    this(stepSize, 0.1);
  }

  @Override
  public double lr(double baseLr, long step) {
    return baseLr * Math.pow(gamma, step / stepSize);
  }
}
