package io.frontier.optim.schedule;

/**
 * torch's CosineAnnealingLR: {@code etaMin + (base - etaMin) * (1 + cos(pi * step / tMax)) / 2}
 * (its closed form). Like torch's it is periodic: past {@code tMax} the lr climbs back to the base
 * over the next {@code tMax} steps. {@code etaMin} is an absolute lr, the same for every group.
 */
public record CosineAnnealingLR(long tMax, double etaMin) implements LrSchedule {
  public CosineAnnealingLR {
    Checks.positive("tMax", tMax);
    Checks.nonNegative("etaMin", etaMin);
  }

  public CosineAnnealingLR(long tMax) {
    this(tMax, 0.0);
  }

  @Override
  public double lr(double baseLr, long step) {
    return etaMin + (baseLr - etaMin) * (1 + Math.cos(Math.PI * step / tMax)) / 2;
  }
}
