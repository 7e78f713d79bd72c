package io.frontier.optim.schedule;

import java.util.Arrays;
import java.util.List;

/** See {@link LrSchedule#sequential}. */
record SequentialSchedule(List<LrSchedule> schedules, long[] milestones) implements LrSchedule {
  SequentialSchedule {
    schedules = List.copyOf(schedules);
    milestones = milestones.clone();
    if (schedules.size() < 2) throw new IllegalArgumentException("invalid schedules: a sequence needs at least two, got " + schedules.size());
    if (milestones.length != schedules.size() - 1) {
      throw new IllegalArgumentException("invalid milestones: " + schedules.size() + " schedules need " + (schedules.size() - 1)
          + " milestones, got " + milestones.length);
    }
    for (int i = 0; i < milestones.length; i++) {
      if (milestones[i] <= (i == 0 ? 0 : milestones[i - 1])) {
        throw new IllegalArgumentException("invalid milestones: " + Arrays.toString(milestones) + " (must be positive and strictly increasing)");
      }
    }
  }

  @Override
  public double lr(double baseLr, long step) {
    int i = 0;
    while (i < milestones.length && milestones[i] <= step) i++;
    // torch steps the next scheduler with step(0) at its milestone: its closed form restarts there.
    return schedules.get(i).lr(baseLr, i == 0 ? step : step - milestones[i - 1]);
  }
}
