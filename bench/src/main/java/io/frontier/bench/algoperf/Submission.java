package io.frontier.bench.algoperf;

import io.frontier.optim.Optimizer;
import io.frontier.optim.schedule.LrSchedule;
import io.frontier.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * A training algorithm as AlgoPerf sees it: an optimizer and a learning-rate schedule, both built
 * from one trial's hyperparameters, and the search space those are drawn from.
 */
public record Submission(String name, String description, SearchSpace space, OptimizerFactory optimizer, ScheduleFactory schedule) {

  @FunctionalInterface
  public interface OptimizerFactory {
    Optimizer create(List<Tensor> params, Map<String, Double> hyper);
  }

  /** The schedule for a trial of at most {@code maxSteps} steps. */
  @FunctionalInterface
  public interface ScheduleFactory {
    LrSchedule create(Map<String, Double> hyper, int maxSteps);
  }
}
