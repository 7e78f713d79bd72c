package io.frontier.optim.schedule;

/** torch's ExponentialLR: the base lr times {@code gamma^step}. */
public record ExponentialLR(double gamma) implements LrSchedule {
  public ExponentialLR {
    Checks.positive("gamma", gamma);
  }

  @Override
  public double lr(double baseLr, long step) {
    return baseLr * Math.pow(gamma, step);
  }
}
