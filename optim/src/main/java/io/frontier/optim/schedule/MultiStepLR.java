package io.frontier.optim.schedule;

import java.util.Arrays;

/**
 * torch's MultiStepLR: the base lr times {@code gamma} once per milestone reached
 * ({@code milestone <= step}). A milestone listed twice counts twice, as torch's Counter does.
 */
public record MultiStepLR(long[] milestones, double gamma) implements LrSchedule {
  public MultiStepLR {
    if (milestones.length == 0) throw new IllegalArgumentException("invalid milestones: none given");
    milestones = milestones.clone();
    Arrays.sort(milestones);
    Checks.positive("milestones[0]", milestones[0]);
    Checks.positive("gamma", gamma);
  }

  @Override
  public long[] milestones() {
    return milestones.clone();
  }

  @Override
  public double lr(double baseLr, long step) {
    int reached = 0;
    while (reached < milestones.length && milestones[reached] <= step) reached++;
    return baseLr * Math.pow(gamma, reached);
  }
}
