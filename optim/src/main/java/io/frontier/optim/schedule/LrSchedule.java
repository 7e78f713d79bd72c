package io.frontier.optim.schedule;

import java.util.List;

/**
 * A learning-rate schedule in closed form: the lr of a param group after {@code step} scheduler
 * steps, given the group's base lr (its lr when the {@link LrScheduler} was built). Step 0 is the
 * lr set at construction; step t the lr after the t-th {@link LrScheduler#stepSchedule()}, as
 * torch's {@code last_epoch}. A lambda {@code (base, t) -> base * f(t)} is torch's LambdaLR.
 *
 * <p>Closed forms rather than torch's chainable updates (which multiply the group's current lr):
 * the two agree to rounding for a scheduler that alone sets the lr, and a closed form makes
 * resuming from a state dict exact.
 */
@FunctionalInterface
public interface LrSchedule {
  double lr(double baseLr, long step);

  /**
   * {@code schedules[0]} until {@code milestones[0]}, then {@code schedules[1]} restarted at its
   * step 0, and so on: torch's SequentialLR (a warm-up followed by the main schedule).
   */
  static LrSchedule sequential(List<LrSchedule> schedules, long... milestones) {
    return new SequentialSchedule(schedules, milestones);
  }

  /**
   * Every schedule applied in turn to the lr the previous one produced, all at the same step:
   * torch's ChainedScheduler. For multiplicative schedules (base * f(t), which is all of them but
   * CosineAnnealingLR with a non-zero etaMin and OneCycleLR) this is the base lr times the product
   * of their factors.
   */
  static LrSchedule chained(LrSchedule... schedules) {
    return new ChainedSchedule(List.of(schedules));
  }
}
