package io.frontier.optim.schedule;

import java.util.List;

/** See {@link LrSchedule#chained}. */
record ChainedSchedule(List<LrSchedule> schedules) implements LrSchedule {
  ChainedSchedule {
    if (schedules.isEmpty()) throw new IllegalArgumentException("invalid schedules: a chain needs at least one");
  }

  @Override
  public double lr(double baseLr, long step) {
    double lr = baseLr;
    for (LrSchedule s : schedules) lr = s.lr(lr, step);
    return lr;
  }
}
